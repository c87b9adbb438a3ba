/**
 * Messages as fax servers write them, built with nodemailer's MIME builder (MailComposer):
 * a short body and the fax attached as PDF or TIFF, sometimes forwarded by a person, sometimes
 * with nothing attached at all.
 */
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type Mail from 'nodemailer/lib/mailer/index.js';

export const FAX_SERVER = 'fax@rightfax.hopital.example';

export function build(options: Mail.Options): Promise<Buffer> {
  return new MailComposer(options).compile().build();
}

/** A fax server's message: « Télécopie reçue de … », the fax attached. */
export function faxMessage(
  attachments: { filename: string; content: Buffer; contentType?: string }[],
  extra: Partial<Mail.Options> = {},
): Promise<Buffer> {
  return build({
    from: `Serveur de télécopie <${FAX_SERVER}>`,
    to: 'imagerie@hopital.example',
    subject: 'Télécopie reçue (2 pages)',
    text: 'Une télécopie a été reçue. Voir la pièce jointe.',
    date: new Date('2026-03-02T14:05:00Z'),
    messageId: `<${Math.random().toString(36).slice(2)}@rightfax.hopital.example>`,
    attachments,
    ...extra,
  });
}

/** A minimal PDF with `text` on each of `pages` pages (enough for the sniffing test reader). */
export function tinyPdf(text: string, pages = 1): Buffer {
  const body = Array.from({ length: pages }, (_, i) => `<< /Type /Page >> % ${text} page ${i + 1}`).join(
    '\n',
  );
  return Buffer.from(`%PDF-1.4\n${text}\n${body}\n%%EOF\n`);
}
