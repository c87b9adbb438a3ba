/** Every French string of the fax card (the default language: staff are French-speaking). */
import { deName } from '../../src/text/elision.ts';
import type { CardStrings, HistoryDetails } from './types.ts';

const quoted = (s: string | null): string => (s ? ` — « ${s} »` : '');
const pages = (n: number): string => (n <= 1 ? `${n} page` : `${n} pages`);
const days = (n: number | null): string => (n === null ? '' : n <= 1 ? ` (${n} jour)` : ` (${n} jours)`);

export const fr: CardStrings = {
  locale: 'fr-CA',

  verdict: {
    ok: { symbol: '✅', label: 'Conforme', hint: 'Tous les éléments requis sont présents.' },
    review: { symbol: '⚠️', label: 'À vérifier', hint: 'Des éléments sont à vérifier avant d’accepter.' },
    incomplete: {
      symbol: '❌',
      label: 'Incomplète',
      hint: 'Il manque des éléments requis : accepter demande une raison.',
    },
    not_service: {
      symbol: '⛔',
      label: 'Provenance non confirmée',
      hint: 'Le numéro du service n’apparaît pas dans l’en-tête : rien ne confirme que la télécopie est passée par le service du ministère.',
    },
    not_order: {
      symbol: '📄',
      label: 'Pas une ordonnance',
      hint: 'Document reçu par le service, mais ce n’est pas une ordonnance d’imagerie.',
    },
    unreadable: {
      symbol: '🚫',
      label: 'Illisible',
      hint: 'Une télécopie est arrivée, mais son contenu n’a pas pu être lu.',
    },
  },

  status: {
    pending: 'En attente d’une décision',
    auth_requested: 'Authentification demandée',
    accepted: 'Acceptée',
    rejected: 'Refusée',
  },
  filed: 'Classée',

  header: {
    from: (sender) => `Télécopie ${deName(sender)}`,
    unknownSender: 'Télécopie reçue (expéditeur non nommé)',
    unreadable: 'Télécopie reçue',
    received: (when) => `Reçue le ${when}`,
    pages,
  },

  sections: {
    prescriber: 'Prescripteur',
    patient: 'Usager',
    order: 'Examen demandé',
    checks: 'Vérifications',
    reception: 'Réception',
    state: 'État',
  },

  labels: {
    name: 'Nom',
    callback: 'Téléphone (rappel)',
    permit: 'Permis',
    sender: 'Expéditeur (en-tête)',
    birthDate: 'Date de naissance',
    nam: 'NAM',
    altId: 'Autre identifiant',
    exam: 'Examen',
    clinicalInfo: 'Renseignements cliniques',
    orderDate: 'Date de l’ordonnance',
    recipients: 'Destinataires',
    receivedAt: 'Reçue le',
    pageCount: 'Pages',
    faxId: 'N° de télécopie',
    currentState: 'État actuel',
  },

  values: {
    missing: '— absent',
    serviceNumberNotCallable: '(numéro du service de télécopie : ne jamais l’appeler)',
    namMalformed: (raw) => `${raw} (mal formé)`,
    noPages: 'aucune page lisible',
    flags: { uncertain: 'à vérifier', repaired: 'corrigé' },
  },

  checks: {
    informationalOnly:
      'Provenance non confirmée : les vérifications ci-dessous sont données à titre indicatif seulement.',
    none: 'Aucune vérification possible.',
    passed: (n, r) =>
      (n <= 1 ? `${n} vérification réussie` : `${n} vérifications réussies`) +
      (r === 0 ? '' : r === 1 ? ' · 1 remarque' : ` · ${r} remarques`),
    messages: null,
    rewrite: (id, message) => {
      if (id === 'order.signature' && message.startsWith('Aucune signature vue'))
        return 'Aucune signature vue (elle est facultative) : l’authentification repose sur les coordonnées du prescripteur';
      const text = message.replace(/'/g, '’');
      // The header says « n’a peut-être pas transité » : the check must not say more than is known.
      return id === 'service.number'
        ? text.replace(/ : la télécopie n’a pas transité par le service$/, ' : provenance non confirmée')
        : text;
    },
  },

  reminder: {
    title: 'Rappel du ministère',
    text: (service, callback) =>
      (callback
        ? `Pour authentifier, appelez le prescripteur au ${callback}, le numéro inscrit dans l’ordonnance.`
        : 'Pour authentifier, il faut appeler le prescripteur au numéro inscrit dans l’ordonnance, et cette ordonnance n’en donne aucun de valide.') +
      ` Ne jamais appeler ni répondre par télécopie au numéro du service (${service}).`,
  },

  unreadable: {
    title: 'Télécopie illisible',
    text: 'Une télécopie est arrivée, mais son contenu n’a pas pu être lu.',
    arrival: (a) => `Reçu : « ${a.name} » (${a.size}), le ${a.when}.`,
    kept: (quarantined) =>
      quarantined
        ? 'Le fichier est conservé tel quel en quarantaine : rien n’est perdu.'
        : 'Le fichier est conservé tel quel aux archives : rien n’est perdu.',
    todo: 'Demandez un nouvel envoi au soutien du service (bouton ci-dessous), puis classez cette télécopie.',
    bytes: (n) =>
      n < 1024
        ? `${n} octet${n <= 1 ? '' : 's'}`
        : n < 1024 * 1024
          ? `${Math.round(n / 1024)} Ko`
          : `${(n / (1024 * 1024)).toLocaleString('fr-CA', { maximumFractionDigits: 1 })} Mo`,
    reasons: null,
    unknownReason: 'Raison inconnue.',
  },

  colon: ' : ',
  faxIdLine: (id) => `N° de télécopie : ${id}`,
  receivedVia: (via, sender) =>
    via === 'mail'
      ? `Reçue par courriel${sender ? ` de ${sender}` : ''}`
      : `Reçue du serveur de télécopie (${via})`,
  originalPages: (n) => (n > 0 ? `Voir les pages originales (${pages(n)})` : 'Voir le fichier original'),

  state: {
    symbols: { pending: '⏳', auth_requested: '📞', accepted: '✅', rejected: '⛔', filed: '🗂️' },
    verdict: (symbol, label) => `Vérification automatique : ${symbol ? `${symbol} ` : ''}${label}`,
    reason: (reason) => `Raison : « ${reason} »`,
    since: (status, actor, when) => `${status} par ${actor} le ${when}`,
    unreachableAttempts: (n) => (n === 1 ? '1 tentative sans réponse' : `${n} tentatives sans réponse`),
    authenticated: (actor, when) => `Authentifiée par ${actor} le ${when}`,
  },

  history: {
    title: 'Historique',
    none: 'Aucune action pour l’instant.',
    olderEvents: (n) => (n === 1 ? '… 1 événement plus ancien' : `… ${n} événements plus anciens`),
    accepted: (d: HistoryDetails) => `${d.actor} a accepté l’ordonnance${quoted(d.reason)}`,
    accept_undone: (d) => `${d.actor} a annulé son acceptation (clic par erreur)`,
    auth_requested: (d) => `${d.actor} a demandé l’authentification auprès du prescripteur`,
    auth_authenticated: (d) => `${d.actor} : ordonnance authentifiée par le prescripteur`,
    auth_unreachable: (d) => `${d.actor} : prescripteur injoignable (réessayer plus tard)`,
    auth_refused: (d) => `${d.actor} : le prescripteur ne confirme pas l’ordonnance${quoted(d.reason)}`,
    rejected: (d) =>
      d.filed
        ? `${d.actor} a classé la télécopie${quoted(d.reason)}`
        : `${d.actor} a refusé la télécopie${quoted(d.reason)}`,
    problem_reported: (d) =>
      (d.mailed === false
        ? `${d.actor} a enregistré un signalement, non envoyé (${d.mailError ?? 'raison inconnue'})`
        : `${d.actor} a signalé un problème au soutien du service`) +
      `${d.category ? ` (${d.category.toLowerCase()})` : ''}${quoted(d.description)}`,
    purged: (d) => `Contenu effacé au terme de la durée de conservation${days(d.retentionDays)}`,
  },

  retention: {
    symbol: '🗑️',
    label: 'Télécopie effacée (durée de conservation dépassée)',
    hint: 'Les pages, l’ordonnance et les vérifications de cette télécopie ont été effacées au terme de la durée de conservation. Il ne reste que sa réception et son historique ; aucune action n’est possible.',
    erasedOn: (when) => `Contenu effacé le ${when}`,
    erased: 'Contenu effacé',
    lastState: (state) => `Dernier état : ${state}`,
  },

  problem: {
    title: 'Problème signalé au service',
    text: (n) =>
      n === 1
        ? 'Un problème a été signalé au soutien du service de télécopie.'
        : `${n} problèmes ont été signalés au soutien du service de télécopie.`,
    unsentTitle: (phone) => `Signalement enregistré, non envoyé — téléphonez au ${phone}`,
    unsentText: (reason) =>
      `Le courriel au soutien n’est pas parti : ${reason}. Téléphonez au soutien, ou renvoyez le signalement quand le courriel fonctionne.`,
    mailErrors: {
      not_configured: 'aucun serveur de courriel n’est configuré',
      timeout: 'le serveur de courriel n’a pas répondu à temps',
      connection: 'le serveur de courriel est injoignable',
      auth: 'le serveur de courriel a refusé l’identification de Faxdesk',
      rejected: 'le serveur de courriel a refusé le message',
      unknown: 'erreur inattendue',
    },
    supportPhoneLabel: 'Soutien : 1 833 564-0404',
    supportEmailLabel: 'soutienrqt@ssss.gouv.qc.ca',
    categories: {
      missing_header: 'En-tête manquant',
      unknown_sender: 'Expéditeur inconnu',
      unreadable_pages: 'Pages illisibles',
      missing_pages: 'Pages manquantes',
      other: 'Autre',
    },
  },

  actions: {
    'fax.accept': 'Accepter',
    'fax.reject': 'Refuser',
    'fax.file': 'Classer',
    'fax.undo_accept': 'Annuler l’acceptation',
    'fax.auth_request': 'Demander l’authentification',
    'fax.auth_authenticated': 'Authentifié',
    'fax.auth_unreachable': 'Injoignable (réessayer plus tard)',
    'fax.auth_refused': 'Refusé',
    'fax.report_problem': 'Signaler un problème',
  },
  actionVariants: {
    fileNotOrder: 'Classer (pas une ordonnance)',
    requestResend: 'Demander un nouvel envoi',
    resendReport: 'Renvoyer le signalement',
  },
  refresh: 'Actualiser',

  forms: {
    accept_reason: {
      title: 'Accepter une ordonnance incomplète',
      intro:
        'Il manque des éléments requis à cette ordonnance. Indiquez pourquoi vous l’acceptez quand même.',
      submit: 'Accepter',
    },
    report_problem: {
      title: 'Signaler un problème au service',
      intro:
        'Le signalement est envoyé au soutien du service de télécopie du ministère. Il identifie la télécopie par son numéro, son heure de réception et son nombre de pages, sans renseignement sur l’usager : n’en ajoutez pas dans la description.',
      submit: 'Envoyer le signalement',
    },
    refusal_reason: {
      title: 'Le prescripteur ne confirme pas l’ordonnance',
      intro: 'L’ordonnance sera refusée. Indiquez brièvement ce que le prescripteur a répondu.',
      submit: 'Refuser l’ordonnance',
    },
    reject_reason: {
      title: 'Refuser cette télécopie',
      intro: 'Elle sera marquée refusée et ne sera plus à décider. Indiquez pourquoi.',
      submit: 'Refuser',
    },
    request_resend: {
      title: 'Demander un nouvel envoi',
      intro:
        'La demande part au soutien du service de télécopie, qui peut joindre l’expéditeur. Elle identifie la télécopie par son numéro, son heure de réception et son nombre de pages, sans renseignement sur l’usager.',
      submit: 'Envoyer la demande',
    },
    cancel: 'Annuler',
    reasonLabel: 'Raison',
    reasonPlaceholder: 'Ex. : NAM confirmé par téléphone avec l’usager',
    reasonRequired: 'Indiquez une raison.',
    resendDescription:
      'La télécopie reçue n’a pas pu être lue. Merci de demander à l’expéditeur de la renvoyer.',
    rejectLabel: 'Raison du refus',
    rejectPlaceholder: 'Ex. : résultat de laboratoire, pas une ordonnance d’imagerie',
    refusalLabel: 'Raison du refus',
    refusalPlaceholder: 'Ex. : le prescripteur n’a pas fait cette demande',
    refusalRequired: 'Indiquez la raison du refus.',
    categoryLabel: 'Problème',
    categoryPlaceholder: 'Choisir…',
    categoryRequired: 'Choisissez le type de problème.',
    descriptionLabel: 'Description',
    descriptionPlaceholder: 'Ce qui ne va pas (sans renseignement sur l’usager)',
    descriptionRequired: 'Décrivez le problème.',
  },

  truncated: { fax: '… (suite dans la télécopie)', plain: '…' },
};
