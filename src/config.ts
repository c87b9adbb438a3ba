/**
 * Faxdesk's configuration: environment variables, optionally on top of a JSON
 * file, validated with zod once at start-up so that a typo is a clear error
 * before anything runs, not a surprise at 3 a.m.
 *
 * Precedence: built-in defaults < config file (FAXDESK_CONFIG or --config) < environment.
 * Everything Faxdesk keeps lives under `home` unless a path is overridden.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { CONFIG_TEXTS, configIssueMessage, configLang, type ConfigLang } from './config-messages.ts';

const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().nonnegative();

export const ConfigSchema = z.object({
  home: z.string().min(1).default('./data'),
  inbox: z.string().min(1).optional(),
  archive: z.string().min(1).optional(),
  quarantine: z.string().min(1).optional(),
  database: z.string().min(1).optional(),
  /** PostgreSQL (`postgres://…`) shared by several instances; unset: the embedded SQLite file `database`. */
  databaseUrl: z.string().min(1).optional(),
  logLevel: z.enum(['error', 'warn', 'info', 'debug']).default('info'),
  language: z.enum(['fr', 'en']).default('fr'),
  ocrWorkers: positiveInt.max(64).default(Math.max(1, availableParallelism())),
  /** How often the inbox folder is scanned, on top of file-system events (which SMB/NFS shares do not send). */
  pollSeconds: z.coerce.number().positive().max(3600).default(2),
  /** A file is taken only once its size and time have not changed for this long. */
  settleMs: nonNegativeInt.max(600_000).default(2000),
  maxBytes: positiveInt.default(100 * 1024 * 1024),
  maxPages: positiveInt.default(200),
  maxPixelsPerPage: positiveInt.default(60_000_000),
  ocrTimeoutSeconds: positiveInt.default(180),
  /**
   * Each file is read in a separate process, killed (and the fax quarantined) when one page takes
   * longer than this, the whole file longer than `readFileSeconds`, or the process more memory than
   * `readMemoryMb` (resident, all threads: JavaScript, WebAssembly and native decoders together).
   */
  readPageSeconds: positiveInt.max(3600).default(120),
  readFileSeconds: positiveInt.max(86_400).default(1200),
  readMemoryMb: positiveInt.min(256).max(65_536).default(1024),
  minOcrConfidence: z.coerce.number().min(0).max(100).default(60),
  /** Which chat the cards go to; `auto`: Slack or Teams when configured, else the local console. */
  chat: z.enum(['auto', 'console', 'slack', 'teams']).default('auto'),
  /** Where problem reports are mailed (the ministry's web fax support by default). */
  supportEmail: z.email().default('soutienrqt@ssss.gouv.qc.ca'),
  /**
   * Names this instance in the claims it takes on a shared store (PostgreSQL); unset: host name
   * and data folder. Two instances on one machine sharing a data folder each need their own.
   */
  instanceId: z.string().trim().min(1).max(200).optional(),
  /**
   * Instances sharing an inbox: a file being read is claimed for this long, renewed while the
   * reading goes on; an instance that dies holding it frees it after this long.
   */
  intakeLeaseSeconds: positiveInt.min(5).max(3600).default(60),
  /**
   * A card being posted is reserved for this long; it must outlast one chat call (the Slack and
   * Teams clients give up after 15 s). A dead instance's card waits this long before another posts it.
   */
  outboxLeaseSeconds: positiveInt.min(20).max(3600).default(60),
  /**
   * A mailbox the fax server e-mails faxes to: `imaps://user@host:993/INBOX` (TLS), or
   * `imap://user@host:143/INBOX` (STARTTLS required, except on this machine). Unset: no mailbox.
   */
  mailUrl: z.url({ protocol: /^imaps?$/ }).optional(),
  /** The mailbox password (basic authentication); Microsoft 365 uses the three settings below. */
  mailPassword: z.string().min(1).optional(),
  /** Microsoft 365 (OAuth 2.0 client credentials, IMAP XOAUTH2): the directory (tenant) id… */
  mailTenantId: z.string().trim().min(1).optional(),
  /** …the application (client) id… */
  mailClientId: z.string().trim().min(1).optional(),
  /** …and a client secret of that app registration. */
  mailClientSecret: z.string().min(1).optional(),
  /** How often the mailbox is read when the server cannot say a message came in (no IDLE), and on top of IDLE. */
  mailPollSeconds: z.coerce.number().positive().max(3600).default(60),
  /** Where a message goes once its faxes are recorded (created when missing); `/` separates levels. */
  mailDoneFolder: z.string().trim().min(1).max(200).default('Faxdesk/Traités'),
  /** Where a message that is not a fax goes, with a card saying why (created when missing). */
  mailReviewFolder: z.string().trim().min(1).max(200).default('Faxdesk/À vérifier'),
  /** Comma-separated addresses or `@domain`s allowed to send faxes; unset: any sender. */
  mailAllowedSenders: z.string().trim().min(1).optional(),
  /** One warning in the channel once the mailbox has been unreachable this long. */
  mailAlertMinutes: z.coerce.number().positive().max(10_080).default(15),
});
export type RawConfig = z.infer<typeof ConfigSchema>;

export interface Config extends RawConfig {
  inbox: string;
  archive: string;
  quarantine: string;
  database: string;
}

/** Environment variable → config key. */
const ENV_KEYS: Record<string, keyof RawConfig> = {
  FAXDESK_HOME: 'home',
  FAXDESK_INBOX: 'inbox',
  FAXDESK_ARCHIVE: 'archive',
  FAXDESK_QUARANTINE: 'quarantine',
  FAXDESK_DB: 'database',
  DATABASE_URL: 'databaseUrl',
  FAXDESK_LOG_LEVEL: 'logLevel',
  FAXDESK_LANGUAGE: 'language',
  FAXDESK_OCR_WORKERS: 'ocrWorkers',
  FAXDESK_POLL_SECONDS: 'pollSeconds',
  FAXDESK_SETTLE_MS: 'settleMs',
  FAXDESK_MAX_BYTES: 'maxBytes',
  FAXDESK_MAX_PAGES: 'maxPages',
  FAXDESK_MAX_PIXELS_PER_PAGE: 'maxPixelsPerPage',
  FAXDESK_OCR_TIMEOUT_SECONDS: 'ocrTimeoutSeconds',
  FAXDESK_READ_PAGE_SECONDS: 'readPageSeconds',
  FAXDESK_READ_FILE_SECONDS: 'readFileSeconds',
  FAXDESK_READ_MEMORY_MB: 'readMemoryMb',
  FAXDESK_MIN_OCR_CONFIDENCE: 'minOcrConfidence',
  FAXDESK_CHAT: 'chat',
  FAXDESK_SUPPORT_EMAIL: 'supportEmail',
  FAXDESK_INSTANCE_ID: 'instanceId',
  FAXDESK_INTAKE_LEASE_SECONDS: 'intakeLeaseSeconds',
  FAXDESK_OUTBOX_LEASE_SECONDS: 'outboxLeaseSeconds',
  FAXDESK_MAIL_URL: 'mailUrl',
  FAXDESK_MAIL_PASSWORD: 'mailPassword',
  FAXDESK_MAIL_TENANT_ID: 'mailTenantId',
  FAXDESK_MAIL_CLIENT_ID: 'mailClientId',
  FAXDESK_MAIL_CLIENT_SECRET: 'mailClientSecret',
  FAXDESK_MAIL_POLL_SECONDS: 'mailPollSeconds',
  FAXDESK_MAIL_DONE_FOLDER: 'mailDoneFolder',
  FAXDESK_MAIL_REVIEW_FOLDER: 'mailReviewFolder',
  FAXDESK_MAIL_ALLOWED_SENDERS: 'mailAllowedSenders',
  FAXDESK_MAIL_ALERT_MINUTES: 'mailAlertMinutes',
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function keyToEnv(key: string): string {
  return Object.entries(ENV_KEYS).find(([, k]) => k === key)?.[0] ?? key;
}

function readConfigFile(path: string, lang: ConfigLang): Record<string, unknown> {
  const t = CONFIG_TEXTS[lang];
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(t.unreadable(path, (err as Error).message));
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(t.badJson(path, (err as Error).message));
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ConfigError(t.notObject(path));
  }
  const unknownKeys = Object.keys(data).filter((k) => !(k in ConfigSchema.shape));
  if (unknownKeys.length > 0) {
    throw new ConfigError(
      t.unknownKeys(path, unknownKeys.join(', '), Object.keys(ConfigSchema.shape).join(', ')),
    );
  }
  return data as Record<string, unknown>;
}

/**
 * Builds the configuration from the environment (and the optional file).
 * Throws ConfigError with one line per problem, naming the variable as the user wrote it.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, configFile?: string): Config {
  const file = configFile ?? env.FAXDESK_CONFIG;
  // Messages in the administrator's language, known before the rest is read (the environment's).
  const lang = configLang(env.FAXDESK_LANGUAGE);
  const fromFile = file ? readConfigFile(file, lang) : {};
  const fromEnv: Record<string, string> = {};
  for (const [name, key] of Object.entries(ENV_KEYS)) {
    const value = env[name];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const parsed = ConfigSchema.safeParse({ ...fromFile, ...fromEnv });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const where = key in fromEnv ? keyToEnv(key) : file ? `${key} (${file})` : key;
      // The value as typed helps spot the typo; never the database URL (it may hold a password).
      const given = key in fromEnv && key !== 'databaseUrl' ? fromEnv[key] : undefined;
      const received =
        given === undefined ? '' : lang === 'en' ? ` (got “${given}”)` : ` (reçu « ${given} »)`;
      return `- ${where}${lang === 'en' ? ':' : ' :'} ${configIssueMessage(issue, lang)}${received}`;
    });
    throw new ConfigError(`${CONFIG_TEXTS[lang].invalid}\n${lines.join('\n')}`);
  }
  const raw = parsed.data;
  const home = resolve(raw.home);
  return {
    ...raw,
    home,
    inbox: resolve(home, raw.inbox ?? 'inbox'),
    archive: resolve(home, raw.archive ?? 'archive'),
    quarantine: resolve(home, raw.quarantine ?? 'quarantine'),
    database: resolve(home, raw.database ?? 'faxdesk.sqlite'),
  };
}
