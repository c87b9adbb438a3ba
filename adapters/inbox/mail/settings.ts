/**
 * The mailbox's settings, from the configuration (FAXDESK_MAIL_*): where it is, how to sign in
 * (a password, or Microsoft 365's OAuth client credentials), where messages go once handled.
 * Checked at start-up: a half-configured mailbox is a clear error, not a silent no-op.
 */
import { ConfigError, type Config } from '../../../src/config.ts';

export type MailAuth =
  | { kind: 'password'; user: string; password: string }
  | { kind: 'oauth'; user: string; tenantId: string; clientId: string; clientSecret: string };

export interface MailSettings {
  host: string;
  port: number;
  /** TLS from the start (imaps://); otherwise STARTTLS, required unless the server is this machine. */
  secure: boolean;
  requireStartTls: boolean;
  mailbox: string;
  auth: MailAuth;
  pollMs: number;
  /** Folder paths split on `/` (the server's own separator is used when created). */
  doneFolder: string[];
  reviewFolder: string[];
  /** Lower-case addresses and `@domain`s; empty: any sender. */
  allowedSenders: string[];
  alertMs: number;
  /** An attachment (or a whole message) larger than this is not read as a fax. */
  maxBytes: number;
  /** Reconnection waits double from the first to the last (ms). */
  backoffMs: { first: number; max: number };
  /** Where `faxdesk status` and the console read the mailbox's state. */
  healthFile: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function folderPath(value: string): string[] {
  return value
    .split('/')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** Null when no mailbox is configured. */
export function mailSettings(config: Config): MailSettings | null {
  if (config.mailUrl === undefined) return null;
  const url = new URL(config.mailUrl);
  const user = decodeURIComponent(url.username);
  if (user === '')
    throw new ConfigError('FAXDESK_MAIL_URL : indiquez l’utilisateur (imaps://utilisateur@serveur/INBOX).');
  if (url.password !== '')
    throw new ConfigError(
      'FAXDESK_MAIL_URL : pas de mot de passe dans l’adresse ; utilisez FAXDESK_MAIL_PASSWORD.',
    );
  const oauth = [config.mailTenantId, config.mailClientId, config.mailClientSecret];
  const oauthSet = oauth.filter((v) => v !== undefined).length;
  let auth: MailAuth;
  if (oauthSet === 3) {
    auth = {
      kind: 'oauth',
      user,
      tenantId: config.mailTenantId!,
      clientId: config.mailClientId!,
      clientSecret: config.mailClientSecret!,
    };
  } else if (oauthSet > 0) {
    throw new ConfigError(
      'Microsoft 365 : FAXDESK_MAIL_TENANT_ID, FAXDESK_MAIL_CLIENT_ID et FAXDESK_MAIL_CLIENT_SECRET vont ensemble.',
    );
  } else if (config.mailPassword !== undefined) {
    auth = { kind: 'password', user, password: config.mailPassword };
  } else {
    throw new ConfigError(
      'FAXDESK_MAIL_URL est défini sans moyen de connexion : FAXDESK_MAIL_PASSWORD, ou pour Microsoft 365 FAXDESK_MAIL_TENANT_ID, FAXDESK_MAIL_CLIENT_ID et FAXDESK_MAIL_CLIENT_SECRET.',
    );
  }
  const secure = url.protocol === 'imaps:';
  const mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'INBOX';
  const doneFolder = folderPath(config.mailDoneFolder);
  const reviewFolder = folderPath(config.mailReviewFolder);
  if (doneFolder.length === 0 || reviewFolder.length === 0)
    throw new ConfigError(
      'FAXDESK_MAIL_DONE_FOLDER et FAXDESK_MAIL_REVIEW_FOLDER : un nom de dossier est attendu.',
    );
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 993 : 143,
    secure,
    requireStartTls: !secure && !LOOPBACK.has(url.hostname),
    mailbox,
    auth,
    pollMs: config.mailPollSeconds * 1000,
    doneFolder,
    reviewFolder,
    allowedSenders: (config.mailAllowedSenders ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter((s) => s.length > 0),
    alertMs: config.mailAlertMinutes * 60_000,
    maxBytes: config.maxBytes,
    backoffMs: { first: 1000, max: 5 * 60_000 },
    healthFile: `${config.home}/mailbox-health.json`,
  };
}

/** Whether `address` may send faxes: listed, or its domain listed as `@domain`. */
export function senderAllowed(
  settings: Pick<MailSettings, 'allowedSenders'>,
  address: string | null,
): boolean {
  if (settings.allowedSenders.length === 0) return true;
  if (address === null) return false;
  const lower = address.toLowerCase();
  const domain = lower.slice(lower.lastIndexOf('@'));
  return settings.allowedSenders.includes(lower) || settings.allowedSenders.includes(domain);
}
