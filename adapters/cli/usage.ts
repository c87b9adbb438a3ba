/** `faxdesk help`: the commands, in French first (the staff's language). */
export const USAGE = `faxdesk — télécopies d'ordonnances d'imagerie du service de télécopie infonuagique du MSSS

Usage :
  faxdesk check [--json] FICHIER…   Lit et valide des télécopies (PDF, TIFF, PNG, JPEG) sans les enregistrer.
                                    --json : un objet JSON par ligne.
  faxdesk card FICHIER [--platform teams|slack]
                                    Affiche en JSON la carte qui serait publiée (Adaptive Card ou Block Kit).
  faxdesk watch [--once]            Surveille la boîte de réception (dossier) et traite chaque télécopie.
                                    --once : traite ce qui s'y trouve maintenant, puis s'arrête.
                                    Lit aussi la boîte aux lettres quand FAXDESK_MAIL_URL est défini.
  faxdesk ingest FICHIER… [--via NOM] [--ref ID]
                                    Pour le serveur de télécopie (HylaFAX, Asterisk) : range le fichier dans la
                                    boîte de réception sur disque, puis répond 0 ; sinon un code non nul et
                                    un message (le serveur garde sa copie). N'attend pas la lecture.
  faxdesk search [--json] TEXTE     Trouve des télécopies par nom et/ou prénom de l'usager (accents et ordre
                                    indifférents, début de nom accepté), par NAM ou par numéro de télécopie ;
                                    les 10 plus récentes. --json : un objet JSON par ligne.
  faxdesk digest --now | --print    Résumé du jour des ordonnances en attente : --now le publie tout de suite
                                    dans le canal Slack ou Teams ; --print l'affiche ici sans le publier.
  faxdesk status                    Télécopies par état, et cartes que le canal n'a pas pu recevoir.
  faxdesk retry                     Remet dans la file les cartes en échec.
  faxdesk purge --older-than 90d [--dry-run]
                                    Efface les données des télécopies reçues avant la durée de conservation
                                    (texte, ordonnance, fichiers originaux) ; garde le journal des événements.
                                    Durée : 90d (jours) ou 12w (semaines). --dry-run : liste sans rien effacer.
  faxdesk help                      Affiche cette aide.

Options communes :
  --config FICHIER                  Fichier de configuration JSON (aussi : FAXDESK_CONFIG).

Configuration (variables d'environnement) : FAXDESK_HOME (défaut ./data), FAXDESK_INBOX, FAXDESK_ARCHIVE,
FAXDESK_QUARANTINE, FAXDESK_DB, FAXDESK_LOG_LEVEL, FAXDESK_OCR_WORKERS, FAXDESK_POLL_SECONDS,
FAXDESK_SETTLE_MS, FAXDESK_MAX_BYTES, FAXDESK_MAX_PAGES, FAXDESK_MAX_PIXELS_PER_PAGE,
FAXDESK_OCR_TIMEOUT_SECONDS, FAXDESK_MIN_OCR_CONFIDENCE, FAXDESK_CHAT, FAXDESK_DIGEST_CRON (défaut
« 30 7 * * 1-5 »), FAXDESK_DIGEST_TZ (défaut America/Toronto), FAXDESK_DIGEST_STALE_HOURS (défaut 24),
FAXDESK_DIGEST_EMPTY (post | skip), FAXDESK_MAIL_URL, FAXDESK_MAIL_PASSWORD, FAXDESK_MAIL_TENANT_ID,
FAXDESK_MAIL_CLIENT_ID, FAXDESK_MAIL_CLIENT_SECRET, FAXDESK_MAIL_POLL_SECONDS, FAXDESK_MAIL_DONE_FOLDER,
FAXDESK_MAIL_REVIEW_FOLDER, FAXDESK_MAIL_ALLOWED_SENDERS, FAXDESK_MAIL_ALERT_MINUTES. Voir README.md.
`;
