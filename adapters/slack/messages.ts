/**
 * What the Slack adapter itself says to the person who clicked (ephemeral messages). The
 * workflow's refusals come with their own French/English text; these are the confirmations
 * and the adapter's own troubles. French first.
 */
import type { FaxActionId } from '../../src/actions/fax-action.ts';

export interface SlackAdapterMessages {
  done: Record<FaxActionId, string>;
  /** A button whose data does not parse (an old or altered card). */
  invalidButton: string;
  /** Something broke on Faxdesk's side; the action may not have been recorded. */
  unexpected: string;
  /** After a problem report that could not be mailed: the person's own description, to send again. */
  keptDescription: string;
}

const fr: SlackAdapterMessages = {
  done: {
    'fax.accept': 'C’est noté : ordonnance acceptée. La fiche se met à jour pour toute l’équipe.',
    'fax.reject': 'C’est noté : télécopie refusée. La fiche se met à jour pour toute l’équipe.',
    'fax.undo_accept': 'C’est noté : acceptation annulée, l’ordonnance est de nouveau à décider.',
    'fax.file': 'C’est noté : télécopie classée. La fiche se met à jour pour toute l’équipe.',
    'fax.auth_request':
      'C’est noté : authentification demandée. Appelez le prescripteur au numéro inscrit dans l’ordonnance — jamais le numéro du service de télécopie.',
    'fax.auth_authenticated':
      'C’est noté : ordonnance authentifiée. Elle est de nouveau en attente, prête à être acceptée.',
    'fax.auth_unreachable': 'C’est noté : tentative d’appel sans réponse consignée sur la fiche.',
    'fax.auth_refused': 'C’est noté : le prescripteur ne confirme pas l’ordonnance ; elle est rejetée.',
    'fax.report_problem':
      'Signalement envoyé au soutien du service de télécopie web. Il est noté sur la fiche.',
  },
  invalidButton: 'Ce bouton n’est plus valide. Attendez la mise à jour de la fiche, puis réessayez.',
  unexpected:
    'Une erreur inattendue est survenue : l’action n’a peut-être pas été enregistrée. Vérifiez la fiche, puis réessayez.',
  keptDescription: 'Votre description, à copier pour la renvoyer :',
};

const en: SlackAdapterMessages = {
  done: {
    'fax.accept': 'Done: order accepted. The card is being updated for the whole team.',
    'fax.reject': 'Done: fax rejected. The card is being updated for the whole team.',
    'fax.undo_accept': 'Done: acceptance undone, the order is waiting for a decision again.',
    'fax.file': 'Done: fax filed. The card is being updated for the whole team.',
    'fax.auth_request':
      'Done: authentication requested. Call the prescriber at the number written in the order — never the fax service’s number.',
    'fax.auth_authenticated': 'Done: order authenticated. It is pending again, ready to be accepted.',
    'fax.auth_unreachable': 'Done: unanswered call attempt recorded on the card.',
    'fax.auth_refused': 'Done: the prescriber does not confirm the order; it is rejected.',
    'fax.report_problem': 'Report sent to the web fax service’s support. It is recorded on the card.',
  },
  invalidButton: 'This button is no longer valid. Wait for the card to update, then try again.',
  unexpected: 'Something went wrong: the action may not have been recorded. Check the card, then try again.',
  keptDescription: 'Your description, to copy and send again:',
};

export const SLACK_ADAPTER_MESSAGES: Record<'fr' | 'en', SlackAdapterMessages> = { fr, en };

/** Slack's three mrkdwn control characters, for text someone typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
