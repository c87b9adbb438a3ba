/**
 * Is this an imaging / nuclear-medicine order at all? The service also carries lab results,
 * referral letters and reports. An order asks for an exam; a document titled as results, a report
 * or a referral letter is not one unless it also explicitly requests an imaging exam.
 */
import { isBody, type Doc } from './document.ts';
import type { ExamResult } from './exam.ts';

const NOT_ORDER =
  /(?:resultats? (?:de |d'|des )?(?:laboratoire|analyses?|labo)|laboratory results|lab results|rapport|compte[ -]rendu|protocole (?:d'|de )|lettre de (?:reference|consultation)|demande de consultation(?! (?:en |a la )?(?:radiologie|imagerie|medecine nucleaire))|consultation request|referral letter|report|note de (?:consultation|depart|suivi)|sommaire)/;
const EXPLICIT_ORDER =
  /(?:ordonnance|requete d'(?:examen|imagerie)|requisition|demande d'examen|examens? (?:demandee?s?|requise?s?)|exam(?:ination)? requested|merci de (?:faire|proceder)|veuillez (?:faire|proceder|effectuer)|svp faire|priere de faire)/;

const ASKS = /(?:merci de faire|veuillez (?:faire|proceder)|svp faire|priere de faire|please (?:perform|do))/;

/** A request for imaging that names no exam: "Demande d'examen", "Requête en imagerie", "Pour un examen d'imagerie". */
const ORDER_WITHOUT_EXAM =
  /(?:demande d'examen|requete|requisition|ordonnance|examen d'imagerie|imagerie medicale|medical imaging|pour un examen|examens? (?:demandee?s?|requise?s?))/;

/** The prescription sign alone on its line ("Rx", "℞"): a prescription pad. */
const RX_SIGN = /^\s*(?:R[xX]|℞)\s*[:.]?\s*$/;

/**
 * `clinicalLabel`: a labelled reason for the exam ("R/C :", "Renseignements cliniques :") was found —
 * with a prescriber and a patient, the shape of an order whose exam line is missing or unreadable.
 */
export function isImagingOrder(doc: Doc, exam: ExamResult, clinicalLabel = false): boolean {
  const top = doc.lines.filter(isBody).slice(0, 15);
  const titledOther = top.some((l) => NOT_ORDER.test(l.folded));
  // An order that forgot to name its exam is still an order (incomplete), not another document.
  if (!exam.exam)
    return (
      !titledOther &&
      (clinicalLabel ||
        doc.lines.some((l) => isBody(l) && (ORDER_WITHOUT_EXAM.test(l.folded) || RX_SIGN.test(l.text))))
    );
  if (!titledOther) return true;
  // A report or lab sheet that happens to name an exam is not an order — unless it asks for one.
  const body = doc.lines.filter(isBody);
  if (exam.source !== 'prose' && body.some((l) => EXPLICIT_ORDER.test(l.folded))) return true;
  return body.some((l) => ASKS.test(l.folded));
}
