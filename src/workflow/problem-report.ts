/**
 * The e-mail that reports a problem with a received fax to the web fax service's
 * support. It identifies the fax only by what support can match in its own logs
 * (Faxdesk reference, time received, page count) plus the category and the
 * description the person typed. It deliberately never reads the parsed order, the
 * page text or the original file name: those hold patient data (names, birth dates,
 * NAM, phone numbers), and a file name is whatever the sender's software made up.
 */
import type { FaxRecord } from '../store/records.ts';
import type { ProblemReportMessage } from './mailer.ts';
import { PROBLEM_CATEGORY_LABELS } from './messages.ts';
import { calendarDate, clockTime } from './time.ts';
import type { Lang, ProblemReportInput } from './types.ts';

/** The ministry's support for the web fax service (shared/reference/msss-web-fax-notice.fr.txt). */
export const DEFAULT_SUPPORT_ADDRESS = 'soutienrqt@ssss.gouv.qc.ca';
export const DEFAULT_SUPPORT_PHONE = '1 833 564-0404';

export interface ProblemReportOptions {
  lang: Lang;
  /** Recipient; the ministry's support address by default. */
  to?: string;
  supportPhone?: string;
  /** Display name of the staff member reporting (not patient data; lets support answer someone). */
  reportedBy?: string;
}

/** Keeps line breaks and tabs, drops other control characters, trims. */
export function cleanFreeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .trim();
}

export function buildProblemReport(
  fax: Pick<FaxRecord, 'id' | 'receivedAt' | 'pageCount'>,
  input: Pick<ProblemReportInput, 'category' | 'description'>,
  options: ProblemReportOptions,
): ProblemReportMessage {
  const { lang } = options;
  const to = options.to ?? DEFAULT_SUPPORT_ADDRESS;
  const phone = options.supportPhone ?? DEFAULT_SUPPORT_PHONE;
  const category = PROBLEM_CATEGORY_LABELS[lang][input.category];
  const received = new Date(fax.receivedAt);
  const date = calendarDate(received, lang);
  const time = clockTime(received, lang);
  const description = cleanFreeText(input.description);
  const reporter = options.reportedBy?.trim();

  if (lang === 'en') {
    return {
      to,
      subject: `Web fax – ${category} – fax received ${date} at ${time} (ref. ${fax.id})`,
      text: [
        'Hello,',
        '',
        'We are reporting a problem with a fax received through the MSSS web fax service.',
        '',
        `Problem: ${category}`,
        '',
        'Description (as typed by our staff):',
        description,
        '',
        'Fax concerned:',
        `- Faxdesk reference: ${fax.id}`,
        `- Received: ${date} at ${time} (Eastern time; ${fax.receivedAt} UTC)`,
        `- Pages: ${fax.pageCount}`,
        ...(reporter ? ['', `Reported by: ${reporter}`] : []),
        '',
        '--',
        'Sent by Faxdesk. This report carries no patient information beyond what the person reporting typed in the description.',
        `Web fax service support: ${to} – ${phone}`,
        '',
      ].join('\n'),
    };
  }
  return {
    to,
    subject: `Télécopie web – ${category} – télécopie reçue le ${date} à ${time} (réf. ${fax.id})`,
    text: [
      'Bonjour,',
      '',
      'Nous vous signalons un problème avec une télécopie reçue par le service de télécopie web (infonuagique) du MSSS.',
      '',
      `Problème : ${category}`,
      '',
      'Description (telle que saisie par notre personnel) :',
      description,
      '',
      'Télécopie concernée :',
      `- Référence Faxdesk : ${fax.id}`,
      `- Reçue le ${date} à ${time} (heure de l’Est ; ${fax.receivedAt} UTC)`,
      `- Nombre de pages : ${fax.pageCount}`,
      ...(reporter ? ['', `Signalé par : ${reporter}`] : []),
      '',
      '--',
      'Envoyé par Faxdesk. Ce signalement ne contient aucun renseignement sur l’usager, sauf ce que la personne qui signale a pu écrire dans la description.',
      `Soutien du service de télécopie web : ${to} – ${phone}`,
      '',
    ].join('\n'),
  };
}
