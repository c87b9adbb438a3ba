/**
 * Every sentence the workflow says to staff, one block per language (French first).
 * Feminine agreement in French: the subject is "l'ordonnance" / "la demande".
 */
import type { FaxStatus } from '../store/records.ts';
import type { MailErrorCode } from './mailer.ts';
import type { RefusalReason } from './policy.ts';
import type { Lang, ProblemCategory } from './types.ts';

export interface WorkflowMessages {
  forbidden: Record<RefusalReason, string>;
  notFound: string;
  /** The fax's content was erased by the retention purge: nothing can be decided on it any more. */
  purged: string;
  reasonRequiredIncomplete: string;
  reasonRequiredReject: string;
  descriptionRequired: string;
  tooLong(max: number): string;
  unknownCategory: string;
  unknownOutcome: string;
  notPossible(status: FaxStatus): string;
  staleAccepted(name: string, when: string): string;
  staleRejected(name: string, when: string): string;
  staleRefused(name: string, when: string): string;
  staleAuthRequested(name: string, when: string): string;
  staleAuthenticated(name: string, when: string): string;
  mailFailed(code: MailErrorCode, address: string, phone: string): string;
  undoTooLate: string;
}

export const STATUS_LABELS: Record<Lang, Record<FaxStatus, string>> = {
  fr: {
    pending: 'en attente',
    auth_requested: 'en attente d’authentification',
    accepted: 'acceptée',
    rejected: 'rejetée',
  },
  en: {
    pending: 'pending',
    auth_requested: 'awaiting authentication',
    accepted: 'accepted',
    rejected: 'rejected',
  },
};

export const PROBLEM_CATEGORY_LABELS: Record<Lang, Record<ProblemCategory, string>> = {
  fr: {
    missing_header: 'En-tête de transmission manquant',
    unknown_sender: 'Expéditeur inconnu',
    unreadable_pages: 'Pages illisibles',
    missing_pages: 'Pages manquantes',
    other: 'Autre problème',
  },
  en: {
    missing_header: 'Missing transmission header',
    unknown_sender: 'Unknown sender',
    unreadable_pages: 'Unreadable pages',
    missing_pages: 'Missing pages',
    other: 'Other problem',
  },
};

const MAIL_ERRORS: Record<Lang, Record<MailErrorCode, string>> = {
  fr: {
    not_configured: 'aucun serveur de courriel n’est configuré (FAXDESK_SMTP_HOST)',
    timeout: 'le serveur de courriel n’a pas répondu à temps',
    connection: 'le serveur de courriel est injoignable',
    auth: 'le serveur de courriel a refusé l’identification de Faxdesk',
    rejected: 'le serveur de courriel a refusé le message',
    unknown: 'erreur inattendue',
  },
  en: {
    not_configured: 'no mail server is configured (FAXDESK_SMTP_HOST)',
    timeout: 'the mail server did not answer in time',
    connection: 'the mail server cannot be reached',
    auth: 'the mail server refused Faxdesk’s credentials',
    rejected: 'the mail server refused the message',
    unknown: 'unexpected error',
  },
};

const fr: WorkflowMessages = {
  forbidden: {
    wrong_platform: 'Les actions sur les télécopies se font seulement dans le canal de Faxdesk.',
    wrong_channel: 'Les actions sur les télécopies se font seulement dans le canal de Faxdesk.',
    user_not_allowed: 'Vous n’êtes pas autorisé·e à traiter les ordonnances reçues par télécopie.',
    group_check_failed: 'Impossible de vérifier vos droits pour le moment : réessayez dans un instant.',
  },
  notFound: 'Télécopie introuvable : elle a peut-être été supprimée à la fin de sa période de conservation.',
  purged:
    'Le contenu de cette télécopie a été effacé (durée de conservation dépassée) : aucune action n’est plus possible.',
  reasonRequiredIncomplete:
    'Cette ordonnance est incomplète : indiquez en quelques mots pourquoi vous l’acceptez.',
  reasonRequiredReject: 'Indiquez la raison du rejet.',
  descriptionRequired: 'Décrivez le problème en quelques mots.',
  tooLong: (max) => `Le texte est trop long (${max} caractères au plus).`,
  unknownCategory: 'Catégorie de problème inconnue.',
  unknownOutcome: 'Résultat d’authentification inconnu.',
  notPossible: (status) => `Cette action n’est pas possible : l’ordonnance est ${STATUS_LABELS.fr[status]}.`,
  staleAccepted: (name, when) => `Déjà acceptée par ${name} ${when}.`,
  staleRejected: (name, when) => `Déjà rejetée par ${name} ${when}.`,
  staleRefused: (name, when) =>
    `Déjà rejetée : le prescripteur n’a pas confirmé l’ordonnance (noté par ${name} ${when}).`,
  staleAuthRequested: (name, when) => `Authentification déjà demandée par ${name} ${when}.`,
  staleAuthenticated: (name, when) =>
    `Déjà authentifiée par ${name} ${when} : l’ordonnance est de nouveau en attente.`,
  undoTooLate:
    'Trop tard pour annuler : seule la personne qui a accepté peut annuler, dans les secondes qui suivent.',
  mailFailed: (code, address, phone) =>
    `Signalement enregistré, non envoyé à ${address} : ${MAIL_ERRORS.fr[code]}. ` +
    `Téléphonez au soutien au ${phone} ; la fiche garde un bouton pour le renvoyer.`,
};

const en: WorkflowMessages = {
  forbidden: {
    wrong_platform: 'Fax actions are only accepted in the Faxdesk channel.',
    wrong_channel: 'Fax actions are only accepted in the Faxdesk channel.',
    user_not_allowed: 'You are not allowed to handle faxed orders.',
    group_check_failed: 'Your permissions cannot be checked right now: try again in a moment.',
  },
  notFound: 'Fax not found: it may have been deleted at the end of its retention period.',
  purged: 'This fax’s content was erased (retention period over): no action is possible any more.',
  reasonRequiredIncomplete: 'This order is incomplete: say in a few words why you accept it.',
  reasonRequiredReject: 'Give the reason for the rejection.',
  descriptionRequired: 'Describe the problem in a few words.',
  tooLong: (max) => `The text is too long (${max} characters at most).`,
  unknownCategory: 'Unknown problem category.',
  unknownOutcome: 'Unknown authentication outcome.',
  notPossible: (status) => `This action is not possible: the order is ${STATUS_LABELS.en[status]}.`,
  staleAccepted: (name, when) => `Already accepted by ${name} ${when}.`,
  staleRejected: (name, when) => `Already rejected by ${name} ${when}.`,
  staleRefused: (name, when) =>
    `Already rejected: the prescriber did not confirm the order (recorded by ${name} ${when}).`,
  staleAuthRequested: (name, when) => `Authentication already requested by ${name} ${when}.`,
  staleAuthenticated: (name, when) => `Already authenticated by ${name} ${when}: the order is pending again.`,
  undoTooLate: 'Too late to undo: only the person who accepted can undo, within seconds.',
  mailFailed: (code, address, phone) =>
    `Report recorded, not sent to ${address}: ${MAIL_ERRORS.en[code]}. ` +
    `Phone support at ${phone}; the card keeps a button to send it again.`,
};

export const WORKFLOW_MESSAGES: Record<Lang, WorkflowMessages> = { fr, en };
