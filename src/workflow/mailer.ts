/**
 * How the workflow sends a problem report. The core knows only this interface;
 * the SMTP implementation lives in adapters/mail.
 */

/** A plain-text e-mail, fully built by the core (see problem-report.ts). */
export interface ProblemReportMessage {
  to: string;
  subject: string;
  text: string;
}

export interface ProblemReportMailer {
  /**
   * Sends the message; resolves with the message id the mail server accepted it under.
   * Rejects (preferably with a MailSendError) when it was not accepted.
   */
  send(message: ProblemReportMessage): Promise<{ messageId: string }>;
}

/** Stable reasons a send failed: recorded in the event and shown to staff, so they can retry. */
export type MailErrorCode = 'not_configured' | 'timeout' | 'connection' | 'auth' | 'rejected' | 'unknown';

export class MailSendError extends Error {
  constructor(
    readonly code: MailErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

export function mailErrorCode(error: unknown): MailErrorCode {
  return error instanceof MailSendError ? error.code : 'unknown';
}
