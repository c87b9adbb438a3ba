/** Every string of the console page, French first (the cards' own strings live in cards/i18n). */
import type { FaxActionId } from '../../src/actions/fax-action.ts';

export interface ConsoleStrings {
  htmlLang: string;
  locale: string;
  title: string;
  subtitle: (user: string) => string;
  channel: string;
  appName: string;
  botBadge: string;
  dropSamples: string;
  dropSamplesHint: string;
  samples: (dropped: number, already: number) => string;
  samplesNone: string;
  empty: string;
  more: string;
  live: string;
  reconnecting: string;
  /** The list's heading (for screen readers' outline). */
  feedHeading: string;
  filters: {
    label: string;
    pending: string;
    auth_requested: string;
    reported: string;
    accepted: string;
    rejected: string;
    all: string;
    /** Nothing loaded in the chosen state. */
    none: string;
  };
  undo: string;
  /** The sign-in expired (the stream or an action answered 401). */
  signedOut: string;
  signInAgain: string;
  /** The stream was refused as too many (429): when it tries again; the page puts the seconds for {s}. */
  backOff: string;
  done: Record<FaxActionId, string>;
  invalidAction: string;
  internalError: string;
  tooManyStreams: string;
  networkError: string;
  original: {
    title: string;
    back: string;
    page: (n: number, total: number) => string;
    quarantined: string;
    cannotShow: string;
    download: string;
    missing: string;
    notFound: string;
  };
  denied: { title: string; token: string; host: string; other: string };
}

const plural = (n: number, one: string, many: string) => (n <= 1 ? one : many);

export const fr: ConsoleStrings = {
  htmlLang: 'fr',
  locale: 'fr-CA',
  title: 'Faxdesk — canal des ordonnances',
  subtitle: (user) => `Console locale · connecté en tant que ${user}`,
  channel: 'ordonnances',
  appName: 'Faxdesk',
  botBadge: 'Application',
  dropSamples: 'Déposer des exemples',
  dropSamplesHint: 'Copie quelques télécopies d’exemple dans la boîte de réception',
  samples: (dropped, already) =>
    dropped === 0
      ? 'Les exemples ont déjà été déposés : les mêmes télécopies une deuxième fois seraient des doublons.'
      : `${dropped} ${plural(dropped, 'exemple déposé', 'exemples déposés')} dans la boîte de réception : ` +
        `${plural(dropped, 'sa carte arrive', 'leurs cartes arrivent')} dans quelques instants` +
        (already > 0 ? ` (${already} déjà ${plural(already, 'déposé', 'déposés')} auparavant).` : '.'),
  samplesNone: 'Aucun exemple n’est installé avec cette copie de Faxdesk.',
  empty:
    'Aucune télécopie pour l’instant. Déposez un fichier dans la boîte de réception de Faxdesk, ' +
    'ou cliquez sur « Déposer des exemples » pour en voir arriver.',
  more: 'Afficher les plus anciennes',
  live: 'En direct',
  reconnecting: 'Reconnexion…',
  feedHeading: 'Télécopies reçues, les plus récentes en premier',
  filters: {
    label: 'Afficher',
    pending: 'À décider',
    auth_requested: 'Rappel demandé',
    reported: 'Signalées',
    accepted: 'Acceptées',
    rejected: 'Refusées ou classées',
    all: 'Toutes',
    none: 'Aucune télécopie chargée dans cet état.',
  },
  undo: 'Annuler',
  signedOut: 'Votre session a expiré : les cartes ne se mettent plus à jour.',
  signInAgain: 'Se reconnecter',
  backOff: 'Trop de connexions ouvertes : nouvelle tentative dans {s} s.',
  done: {
    'fax.accept': 'Ordonnance acceptée.',
    'fax.reject': 'Télécopie refusée.',
    'fax.file': 'Télécopie classée.',
    'fax.undo_accept': 'Acceptation annulée : l’ordonnance est de nouveau à décider.',
    'fax.auth_request':
      'Authentification demandée : appelez le prescripteur au numéro inscrit dans l’ordonnance.',
    'fax.auth_authenticated': 'Ordonnance authentifiée : elle peut maintenant être acceptée.',
    'fax.auth_unreachable': 'Tentative sans réponse enregistrée.',
    'fax.auth_refused': 'Refus du prescripteur enregistré : l’ordonnance est refusée.',
    'fax.report_problem': 'Problème signalé au soutien du service de télécopie.',
  },
  invalidAction: 'Cette action n’est pas reconnue. Rechargez la page.',
  internalError: 'Faxdesk n’a pas pu enregistrer cette action. Réessayez dans un instant.',
  tooManyStreams: 'Trop d’onglets de la console sont ouverts : fermez-en quelques-uns.',
  networkError: 'La console ne répond pas : Faxdesk est-il toujours en marche ?',
  original: {
    title: 'Pages originales',
    back: '← Retour au canal',
    page: (n, total) => `Page ${n} de ${total}`,
    quarantined: 'Ce fichier est en quarantaine : Faxdesk n’a pas pu le lire.',
    cannotShow: 'Ce fichier ne peut pas être affiché ici.',
    download: 'Télécharger le fichier original',
    missing: 'Le fichier original n’est plus disponible (purgé ou déplacé).',
    notFound: 'Télécopie introuvable.',
  },
  denied: {
    title: 'Accès refusé',
    token:
      'Cette console est protégée : connectez-vous avec son jeton d’accès (voir l’adresse et le fichier affichés au démarrage de Faxdesk).',
    host: 'Cette adresse n’est pas celle de la console locale. Ouvrez http://127.0.0.1 avec le port affiché au démarrage.',
    other: 'Requête refusée.',
  },
};

export const en: ConsoleStrings = {
  htmlLang: 'en',
  locale: 'en-CA',
  title: 'Faxdesk — imaging orders channel',
  subtitle: (user) => `Local console · signed in as ${user}`,
  channel: 'orders',
  appName: 'Faxdesk',
  botBadge: 'App',
  dropSamples: 'Drop sample faxes',
  dropSamplesHint: 'Copies a few sample faxes into the inbox',
  samples: (dropped, already) =>
    dropped === 0
      ? 'The samples were already dropped: the same faxes again would be duplicates.'
      : `${dropped} sample ${plural(dropped, 'fax', 'faxes')} dropped into the inbox: cards arrive in a moment` +
        (already > 0 ? ` (${already} dropped before).` : '.'),
  samplesNone: 'No samples are installed with this copy of Faxdesk.',
  empty: 'No faxes yet. Drop a file into Faxdesk’s inbox, or click “Drop sample faxes” to see some arrive.',
  more: 'Show older',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  feedHeading: 'Faxes received, newest first',
  filters: {
    label: 'Show',
    pending: 'To decide',
    auth_requested: 'Call-back requested',
    reported: 'Reported',
    accepted: 'Accepted',
    rejected: 'Rejected or filed',
    all: 'All',
    none: 'No fax loaded in this state.',
  },
  undo: 'Undo',
  signedOut: 'Your session expired: the cards no longer update.',
  signInAgain: 'Sign in again',
  backOff: 'Too many connections open: trying again in {s} s.',
  done: {
    'fax.accept': 'Order accepted.',
    'fax.reject': 'Fax rejected.',
    'fax.file': 'Fax filed.',
    'fax.undo_accept': 'Acceptance undone: the order is waiting for a decision again.',
    'fax.auth_request': 'Authentication requested: call the prescriber at the number in the order.',
    'fax.auth_authenticated': 'Order authenticated: it can now be accepted.',
    'fax.auth_unreachable': 'Unanswered attempt recorded.',
    'fax.auth_refused': 'Prescriber’s refusal recorded: the order is rejected.',
    'fax.report_problem': 'Problem reported to the fax service’s support.',
  },
  invalidAction: 'This action is not recognised. Reload the page.',
  internalError: 'Faxdesk could not record this action. Try again in a moment.',
  tooManyStreams: 'Too many console tabs are open: close a few.',
  networkError: 'The console is not answering: is Faxdesk still running?',
  original: {
    title: 'Original pages',
    back: '← Back to the channel',
    page: (n, total) => `Page ${n} of ${total}`,
    quarantined: 'This file is in quarantine: Faxdesk could not read it.',
    cannotShow: 'This file cannot be shown here.',
    download: 'Download the original file',
    missing: 'The original file is no longer available (purged or moved).',
    notFound: 'Fax not found.',
  },
  denied: {
    title: 'Access denied',
    token:
      'This console is protected: sign in with its access token (see the address and the file Faxdesk printed at start-up).',
    host: 'This is not the local console’s address. Open http://127.0.0.1 with the port printed at start-up.',
    other: 'Request refused.',
  },
};

export function consoleStrings(lang: 'fr' | 'en'): ConsoleStrings {
  return lang === 'en' ? en : fr;
}
