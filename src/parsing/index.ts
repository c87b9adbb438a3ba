/**
 * The order parser: from the text of a fax's pages to a `ParsedOrder`.
 *
 * Orders are free-form (e-mail bodies, forms, tables, checkboxes, letters, prescription pads,
 * cover pages first), so nothing here follows one template: labels are found by vocabulary
 * wherever they sit, values where forms put them, and prose is read for doctors' titles, request
 * verbs and the shapes of phone numbers, dates and NAMs. Never logs anything (health data).
 */
import { ParsedOrder } from '../domain/order.ts';
import { parseClinical } from './clinical.ts';
import { buildDoc, type PageSource } from './document.ts';
import { parseExam } from './exam.ts';
import { scanFields } from './fields.ts';
import { pageCountFromValue, parseHeader } from './header.ts';
import { isImagingOrder } from './order-kind.ts';
import { parseOnBehalf } from './on-behalf.ts';
import { parseOrderDate } from './order-date.ts';
import { parsePatient } from './patient.ts';
import { patientNotPlace } from './people.ts';
import { parsePrescriber } from './prescriber.ts';
import { locateFields } from './provenance.ts';
import { parseRecipients } from './recipients.ts';
import { parseSigned } from './signature.ts';

export function parseOrder(pages: readonly PageSource[]): ParsedOrder {
  const doc = buildDoc(pages);
  const scan = scanFields(doc);

  // Lines that name other people or places: not read as the prescriber, patient or exam.
  const addressing = new Set<number>();
  const clinical = new Set<number>();
  for (const f of scan.fields) {
    if ((['to', 'cc', 'toFax', 'from'].includes(f.key) || f.role === 'other') && !patientNotPlace(doc, f))
      f.valueLines.forEach((n) => addressing.add(n));
    if (f.key === 'clinical') f.valueLines.forEach((n) => clinical.add(n));
  }

  const coverPages = scan.fields.find((f) => f.key === 'pageCount');
  const { header, repairs: headerRepairs } = parseHeader(
    doc,
    coverPages ? pageCountFromValue(coverPages.value) : null,
  );
  const sender =
    header.sender?.firstName && header.sender.lastName
      ? { firstName: header.sender.firstName, lastName: header.sender.lastName }
      : null;
  const { prescriber } = parsePrescriber(doc, scan, addressing, sender);
  const { patient, repairs } = parsePatient(doc, scan, addressing);
  const exam = parseExam(doc, scan, new Set([...addressing, ...clinical]));

  const order = {
    header,
    prescriber,
    patient,
    exam: exam.exam,
    clinicalInfo: parseClinical(doc, scan, exam),
    orderDate: parseOrderDate(doc, scan, patient.birthDate, addressing),
    recipients: parseRecipients(doc, scan),
    isOrder: isImagingOrder(doc, exam, clinical.size > 0),
    signed: parseSigned(doc, scan),
    repairs: [...headerRepairs, ...repairs],
    sentOnBehalf: parseOnBehalf(doc),
  };
  return ParsedOrder.parse({ ...order, provenance: locateFields(doc, order) });
}

export type { PageSource } from './document.ts';
export { findDates, parseDate } from './dates.ts';
export { parsePhone, findPhones, SERVICE_NUMBER } from './phones.ts';
export { parseNam } from './nam.ts';
export { splitName } from './names.ts';
