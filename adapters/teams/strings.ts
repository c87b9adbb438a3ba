/** What the Teams adapter itself says to people (the cards' and workflow's words live in cards/ and the workflow). */
import type { Lang } from '../../src/workflow/index.ts';

export interface TeamsStrings {
  /** The action is taking longer than Teams waits for an answer (e.g. the problem report's e-mail). */
  stillRunning: string;
  /** What a click sent could not be read (an old card, a tampered request). */
  invalidAction: string;
  /** Something failed on Faxdesk's side while handling the click. */
  failed: string;
  /** The answer to a message sent to the bot (personal chat or a mention). */
  help: string;
  /** Said in a team the app was installed in that is not the faxes' team. */
  installRefused: string;
  /** Said when the team could not be checked at installation. */
  installUnverified: string;
}

const fr: TeamsStrings = {
  stillRunning: 'Action en cours : la fiche sera mise à jour dans un instant.',
  invalidAction: 'Cette action n’a pas pu être lue. Actualisez la fiche et réessayez.',
  failed: 'Faxdesk n’a pas pu traiter l’action. Réessayez dans un instant.',
  help:
    'Faxdesk publie les ordonnances reçues par télécopie dans le canal de l’équipe. ' +
    'Les actions (accepter, demander une authentification, signaler un problème) se font sur les fiches, dans ce canal. ' +
    'Pour trouver une télécopie, écrivez-moi ici « fax » suivi du nom de l’usager (ex. : fax Côté Marie).',
  installRefused:
    'Faxdesk appartient à l’équipe du canal des télécopies de l’établissement : cette installation est refusée. ' +
    'Rien ne sera publié ni cherché ici. Retirez l’application de cette équipe.',
  installUnverified:
    'Faxdesk n’a pas pu vérifier que cette équipe contient le canal des télécopies : installation refusée pour ' +
    'l’instant. Réinstallez l’application dans quelques minutes.',
};

const en: TeamsStrings = {
  stillRunning: 'Action in progress: the card will be updated in a moment.',
  invalidAction: 'This action could not be read. Refresh the card and try again.',
  failed: 'Faxdesk could not handle the action. Try again in a moment.',
  help:
    'Faxdesk posts the orders received by fax in the team’s channel. ' +
    'Actions (accept, request authentication, report a problem) are taken on the cards, in that channel. ' +
    'To find a fax, write “fax” followed by the patient’s name here (e.g. fax Côté Marie).',
  installRefused:
    'Faxdesk belongs to the team of the organisation’s faxes channel: this installation is refused. ' +
    'Nothing will be posted or searched here. Remove the app from this team.',
  installUnverified:
    'Faxdesk could not check that this team holds the faxes channel: installation refused for now. ' +
    'Install the app again in a few minutes.',
};

export function teamsStrings(lang: Lang): TeamsStrings {
  return lang === 'en' ? en : fr;
}
