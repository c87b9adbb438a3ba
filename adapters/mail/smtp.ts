/**
 * The problem-report mailer over SMTP (nodemailer). One connection per report:
 * reports are rare, and a pooled connection would only sit idle and time out.
 * Every send is bounded by a timeout, so a mail server that hangs makes the
 * staff member wait seconds, not minutes, before being told to retry.
 */
import nodemailer from 'nodemailer';
import { isLoopbackHost } from '../shared/loopback.ts';
import {
  MailSendError,
  type MailErrorCode,
  type ProblemReportMailer,
  type ProblemReportMessage,
} from '../../src/workflow/mailer.ts';

export interface SmtpMailerOptions {
  host: string;
  port: number;
  /** TLS from the first byte (usually port 465). Otherwise STARTTLS is used when the server offers it. */
  secure?: boolean;
  /**
   * Refuse to send in clear: fail when the server does not offer STARTTLS. Default: true,
   * unless `host` is this computer (a local relay) — on the network a STARTTLS stripped by
   * someone in the middle would otherwise send the password and the report in clear.
   */
  requireTLS?: boolean;
  /** Omit for a relay that needs no authentication. */
  auth?: { user: string; pass: string };
  /** The lab's sending address, e.g. "Imagerie XYZ <faxdesk@imagerie-xyz.ca>". */
  from: string;
  /** Whole-send limit (connect, greeting, every command), ms. Default 20 s. */
  timeoutMs?: number;
}

export interface SmtpMailer extends ProblemReportMailer {
  close(): void;
}

export const DEFAULT_SMTP_TIMEOUT_MS = 20_000;

function codeOf(error: unknown): { code?: string; responseCode?: number } {
  if (typeof error !== 'object' || error === null) return {};
  const { code, responseCode } = error as { code?: unknown; responseCode?: unknown };
  return {
    code: typeof code === 'string' ? code : undefined,
    responseCode: typeof responseCode === 'number' ? responseCode : undefined,
  };
}

/** nodemailer's error codes → the workflow's stable ones. */
export function classifySmtpError(error: unknown): MailErrorCode {
  const { code, responseCode } = codeOf(error);
  switch (code) {
    case 'ETIMEDOUT':
    case 'EABORT': // only our own timeout signal aborts a send
      return 'timeout';
    case 'ECONNECTION':
    case 'ESOCKET':
    case 'EDNS':
    case 'ETLS':
    case 'EREQUIRETLS':
    case 'EPROXY':
      return 'connection';
    case 'EAUTH':
    case 'ENOAUTH':
    case 'EOAUTH2':
      return 'auth';
    case 'EENVELOPE':
    case 'EMESSAGE':
      return 'rejected';
  }
  if (responseCode !== undefined && responseCode >= 400) return 'rejected';
  return 'unknown';
}

export function createSmtpMailer(options: SmtpMailerOptions): SmtpMailer {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SMTP_TIMEOUT_MS;
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    requireTLS: options.requireTLS ?? !isLoopbackHost(options.host),
    auth: options.auth,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // The message is plain text we built: never let it pull files or URLs in.
    disableFileAccess: true,
    disableUrlAccess: true,
  });

  return {
    async send(message: ProblemReportMessage) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          signal: AbortSignal.timeout(timeoutMs),
        });
        return { messageId: info.messageId };
      } catch (error) {
        const { code, responseCode } = codeOf(error);
        // Codes only: the server's text may echo addresses, and logs should stay predictable.
        throw new MailSendError(
          classifySmtpError(error),
          `SMTP send failed (${code ?? 'no code'}${responseCode ? ` ${responseCode}` : ''})`,
        );
      }
    },
    close() {
      transport.close();
    },
  };
}
