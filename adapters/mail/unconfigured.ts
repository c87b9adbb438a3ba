/**
 * The mailer when no SMTP server is configured (the embedded default): every
 * report "fails to send", so the workflow records it with `mailed: false` and
 * tells the person to phone the support line instead — honest, and nothing is
 * silently dropped.
 */
import { MailSendError, type ProblemReportMailer } from '../../src/workflow/mailer.ts';

export const unconfiguredMailer: ProblemReportMailer = {
  async send() {
    throw new MailSendError(
      'not_configured',
      'Aucun serveur de courriel configuré (FAXDESK_SMTP_HOST) : le signalement n’a pas été envoyé.',
    );
  },
};
