/** `faxdesk help`: the commands, in French first (the staff's language), English with FAXDESK_LANGUAGE=en. */
export const USAGE = `faxdesk — télécopies d’ordonnances d’imagerie du service de télécopie infonuagique du MSSS

Usage :
  faxdesk check [--json] FICHIER…   Lit et valide des télécopies (PDF, TIFF, PNG, JPEG) sans les enregistrer.
                                    --json : un objet JSON par ligne.
  faxdesk card FICHIER [--platform teams|slack]
                                    Affiche en JSON la carte qui serait publiée (Adaptive Card ou Block Kit).
  faxdesk watch [--once]            Surveille la boîte de réception (dossier) et traite chaque télécopie.
                                    --once : traite ce qui s’y trouve maintenant, puis s’arrête.
                                    Lit aussi la boîte aux lettres quand FAXDESK_MAIL_URL est défini.
  faxdesk ingest FICHIER… [--via NOM] [--ref ID]
                                    Pour le serveur de télécopie (HylaFAX, Asterisk) : range le fichier dans la
                                    boîte de réception sur disque, puis répond 0 ; sinon un code non nul et
                                    un message (le serveur garde sa copie). N’attend pas la lecture.
  faxdesk search [--json] TEXTE     Trouve des télécopies par nom et/ou prénom de l’usager (accents et ordre
                                    indifférents, début de nom accepté), par NAM ou par numéro de télécopie ;
                                    les 10 plus récentes. --json : un objet JSON par ligne.
  faxdesk digest --now | --print    Résumé du jour des ordonnances en attente : --now le publie tout de suite
                                    dans le canal Slack ou Teams ; --print l’affiche ici sans le publier.
  faxdesk status                    Télécopies par état, et cartes que le canal n’a pas pu recevoir.
  faxdesk retry                     Remet dans la file les cartes en échec.
  faxdesk purge --older-than 90d [--dry-run]
                                    Efface les données des télécopies reçues avant la durée de conservation
                                    (texte, ordonnance, fichiers originaux) ; garde le journal des événements.
                                    Durée : 90d (jours) ou 12w (semaines). --dry-run : liste sans rien effacer.
  faxdesk help                      Affiche cette aide.

Options communes :
  --config FICHIER                  Fichier de configuration JSON (aussi : FAXDESK_CONFIG).

Configuration (variables d’environnement) : FAXDESK_HOME (défaut ./data), FAXDESK_INBOX, FAXDESK_ARCHIVE,
FAXDESK_QUARANTINE, FAXDESK_DB, FAXDESK_LOG_LEVEL, FAXDESK_OCR_WORKERS, FAXDESK_POLL_SECONDS,
FAXDESK_SETTLE_MS, FAXDESK_MAX_BYTES, FAXDESK_MAX_PAGES, FAXDESK_MAX_PIXELS_PER_PAGE,
FAXDESK_OCR_TIMEOUT_SECONDS, FAXDESK_MIN_OCR_CONFIDENCE, FAXDESK_CHAT, FAXDESK_DIGEST_CRON (défaut
« 30 7 * * 1-5 »), FAXDESK_DIGEST_TZ (défaut America/Toronto), FAXDESK_DIGEST_STALE_HOURS (défaut 24),
FAXDESK_DIGEST_EMPTY (post | skip), FAXDESK_MAIL_URL, FAXDESK_MAIL_PASSWORD, FAXDESK_MAIL_TENANT_ID,
FAXDESK_MAIL_CLIENT_ID, FAXDESK_MAIL_CLIENT_SECRET, FAXDESK_MAIL_POLL_SECONDS, FAXDESK_MAIL_DONE_FOLDER,
FAXDESK_MAIL_REVIEW_FOLDER, FAXDESK_MAIL_ALLOWED_SENDERS, FAXDESK_MAIL_ALERT_MINUTES. Voir README.md.
`;

export const USAGE_EN = `faxdesk — imaging orders faxed through the MSSS cloud fax service

Usage:
  faxdesk check [--json] FILE…      Reads and checks faxes (PDF, TIFF, PNG, JPEG) without storing them.
                                    --json: one JSON object per line.
  faxdesk card FILE [--platform teams|slack]
                                    Prints as JSON the card that would be posted (Adaptive Card or Block Kit).
  faxdesk watch [--once]            Watches the inbox (folder) and processes each fax.
                                    --once: processes what is there now, then stops.
                                    Also reads the mailbox when FAXDESK_MAIL_URL is set.
  faxdesk ingest FILE… [--via NAME] [--ref ID]
                                    For the fax server (HylaFAX, Asterisk): stores the file in the inbox
                                    folder durably, then exits 0; otherwise non-zero with a message (the
                                    server keeps its copy). Does not wait for the reading.
  faxdesk search [--json] TEXT      Finds faxes by the patient’s last and/or first name (accents and order
                                    ignored, start of a name accepted), by health number or by fax id;
                                    the 10 most recent. --json: one JSON object per line.
  faxdesk digest --now | --print    Daily digest of the orders waiting: --now posts it at once to the
                                    Slack or Teams channel; --print shows it here without posting.
  faxdesk status                    Faxes by state, and cards the channel could not receive.
  faxdesk retry                     Queues the failed cards again.
  faxdesk purge --older-than 90d [--dry-run]
                                    Erases the data of faxes received before the retention period (text,
                                    order, original files); keeps the event log.
                                    Period: 90d (days) or 12w (weeks). --dry-run: lists, erases nothing.
  faxdesk help                      Shows this help.

Common options:
  --config FILE                     JSON configuration file (also: FAXDESK_CONFIG).

Configuration (environment variables): FAXDESK_HOME (default ./data), FAXDESK_LANGUAGE (fr | en),
FAXDESK_INBOX, FAXDESK_ARCHIVE, FAXDESK_QUARANTINE, FAXDESK_DB, FAXDESK_LOG_LEVEL, FAXDESK_OCR_WORKERS,
FAXDESK_POLL_SECONDS, FAXDESK_SETTLE_MS, FAXDESK_MAX_BYTES, FAXDESK_MAX_PAGES,
FAXDESK_MAX_PIXELS_PER_PAGE, FAXDESK_OCR_TIMEOUT_SECONDS, FAXDESK_MIN_OCR_CONFIDENCE, FAXDESK_CHAT,
FAXDESK_DIGEST_CRON (default “30 7 * * 1-5”), FAXDESK_DIGEST_TZ (default America/Toronto),
FAXDESK_DIGEST_STALE_HOURS (default 24), FAXDESK_DIGEST_EMPTY (post | skip). See README.md.
`;

export type CliLang = 'fr' | 'en';

/** The command line speaks FAXDESK_LANGUAGE, read before (and whatever) the rest of the configuration. */
export function cliLang(env: NodeJS.ProcessEnv = process.env): CliLang {
  return env.FAXDESK_LANGUAGE === 'en' ? 'en' : 'fr';
}

export function usage(lang: CliLang): string {
  return lang === 'en' ? USAGE_EN : USAGE;
}

/** The command line's own errors (node:util parseArgs speaks English only: said again here). */
export const CLI_TEXTS = {
  fr: {
    prefix: 'faxdesk : ',
    seeHelp: 'Voir « faxdesk help ».',
    unknownCommand: (c: string) => `Commande inconnue : ${c}`,
    noArgument: (command: string, got: string) => `${command} ne prend pas d’argument (reçu : ${got})`,
    unknownOption: (o: string) => `Option inconnue : ${o}`,
    optionValue: (o: string) => `L’option ${o} demande une valeur`,
    unexpected: (a: string) => `Argument inattendu : ${a}`,
  },
  en: {
    prefix: 'faxdesk: ',
    seeHelp: 'See “faxdesk help”.',
    unknownCommand: (c: string) => `Unknown command: ${c}`,
    noArgument: (command: string, got: string) => `${command} takes no argument (got: ${got})`,
    unknownOption: (o: string) => `Unknown option: ${o}`,
    optionValue: (o: string) => `Option ${o} needs a value`,
    unexpected: (a: string) => `Unexpected argument: ${a}`,
  },
} as const;

/** A parseArgs error in the command line's language; null when it is not one. */
export function parseArgsMessage(error: unknown, lang: CliLang): string | null {
  if (!(error instanceof Error) || !('code' in error)) return null;
  const t = CLI_TEXTS[lang];
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  switch (String(error.code)) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return t.unknownOption(quoted);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return t.optionValue(quoted.split(' ')[0] ?? quoted);
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return t.unexpected(quoted);
    default:
      return null;
  }
}
