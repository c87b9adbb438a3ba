/** The order itself: what is asked, why, when, to whom, and whether it can be read. */
import type { PageReading } from '../domain/reading.ts';
import { repairNote } from './repairs.ts';
import type { Rule } from './rule.ts';
import { check } from './rule.ts';
import { fold, isCalendarDate, present } from './text.ts';

export const orderExam: Rule = (order) =>
  present(order.exam)
    ? check('order.exam', 'pass', `Examen demandé identifié${repairNote(order, 'order.exam')}`)
    : check('order.exam', 'fail', "Aucun examen d'imagerie ou de médecine nucléaire identifié");

export const orderClinicalInfo: Rule = (order) =>
  present(order.clinicalInfo)
    ? check(
        'order.clinical_info',
        'pass',
        `Renseignements cliniques présents${repairNote(order, 'order.clinical_info')}`,
      )
    : check('order.clinical_info', 'warn', "Aucun renseignement clinique (raison de l'examen)");

export const orderDate: Rule = (order) => {
  const note = repairNote(order, 'order.date');
  if (!present(order.orderDate)) return check('order.date', 'warn', "Date de l'ordonnance absente");
  if (!isCalendarDate(order.orderDate))
    return check('order.date', 'warn', `Date de l'ordonnance invalide${note}`);
  return check('order.date', 'pass', `Date de l'ordonnance présente${note}`);
};

/**
 * One key per place: a fax or phone number by its 10 digits (so "514-555-1234" and
 * "1 (514) 555-1234" are one recipient), anything else by its folded letters and digits.
 */
function recipientKey(r: string): string {
  const digits = r.replace(/\D/g, '');
  if (digits.length >= 10) return digits.slice(-10);
  return fold(r).replace(/[^A-Z0-9]/g, '');
}

export const orderSingleRecipient: Rule = (order) => {
  const distinct = new Set(order.recipients.filter(present).map(recipientKey).filter(Boolean));
  if (distinct.size > 1) {
    return check(
      'order.single_recipient',
      'fail',
      `Plus d'un destinataire (${distinct.size}) : une ordonnance d'imagerie ne peut en avoir qu'un`,
    );
  }
  return check(
    'order.single_recipient',
    'pass',
    distinct.size === 1 ? 'Un seul destinataire' : 'Aucun autre destinataire indiqué',
  );
};

function pageList(pages: PageReading[]): string {
  const n = pages.map((p) => p.index).join(', ');
  return pages.length === 1 ? `page ${n}` : `pages ${n}`;
}

/**
 * Photos and scans of handwritten orders are what prescribers were asked not to send:
 * they show up as low OCR confidence or as grey, photo-like pages. A PDF text layer is
 * typed text, legible by construction (its grey ratio is judged only if the reader measured it).
 */
export const orderLegible: Rule = (_order, reading, opts) => {
  const lowConfidence = reading.pages.filter(
    (p) => p.source === 'ocr' && p.confidence !== null && p.confidence < opts.minOcrConfidence,
  );
  const photoLike = reading.pages.filter((p) => p.greyRatio !== null && p.greyRatio > opts.maxGreyRatio);
  const problems: string[] = [];
  if (lowConfidence.length > 0) problems.push(`lecture difficile (${pageList(lowConfidence)})`);
  if (photoLike.length > 0)
    problems.push(`photo ou numérisation en niveaux de gris (${pageList(photoLike)})`);
  if (problems.length > 0) {
    return check(
      'order.legible',
      'warn',
      `Ordonnance peu lisible : ${problems.join(' ; ')} — possiblement manuscrite ou photographiée`,
    );
  }
  return reading.ocrUsed || reading.pages.some((p) => p.source === 'ocr')
    ? check('order.legible', 'pass', 'Texte lu avec une bonne confiance')
    : check('order.legible', 'pass', 'Texte dactylographié (couche texte du PDF)');
};

export const orderSignature: Rule = (order) =>
  check(
    'order.signature',
    'info',
    order.signed
      ? 'Signature vue (facultative)'
      : "Aucune signature vue : permis, l'authentification repose sur les coordonnées du prescripteur",
  );

export const orderRules: Rule[] = [
  orderExam,
  orderClinicalInfo,
  orderDate,
  orderSingleRecipient,
  orderLegible,
  orderSignature,
];
