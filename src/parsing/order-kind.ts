/**
 * Is this an imaging / nuclear-medicine order at all? The service also carries lab results,
 * referral letters and reports. An order asks for an exam; a document titled as results, a report
 * or a referral letter is not one unless it also explicitly requests an imaging exam.
 */
import { isBody, type Doc, type Line } from './document.ts';
import type { ExamResult } from './exam.ts';

const NOT_ORDER =
  /(?:resultats? (?:de |d'|des )?(?:laboratoire|analyses?|labo)|laboratory results|lab results|rapport|compte[ -]rendu|protocole (?:d'|de )|lettre de (?:reference|consultation)|demande de consultation(?! (?:en |a la )?(?:radiologie|imagerie|medecine nucleaire))|consultation request|referral letter|report|note de (?:consultation|depart|suivi)|sommaire)/;
const EXPLICIT_ORDER =
  /(?:ordonnance|requete d'(?:examen|imagerie)|requisition|demande d'examen|examens? (?:demandee?s?|requise?s?)|exam(?:ination)? requested|merci de (?:faire|proceder)|veuillez (?:faire|proceder|effectuer)|svp faire|priere de faire)/;

/** A sentence asking for something to be done: a letter's request ("je vous saurais gré de bien vouloir effectuer…"). */
const ASKS =
  /(?:(?:merci de|veuillez|vouloir|priere de|svp) (?:faire|proceder|effectuer|realiser|planifier|obtenir)|je vous (?:demande|prie)|je (?:demande|sollicite|requiers)|j'aimerais (?:obtenir|que)|please (?:perform|do|arrange|schedule|book)|i (?:would like to )?request)/;

/** A request for imaging that names no exam: "Demande d'examen", "Requête en imagerie", "Pour un examen d'imagerie". */
const ORDER_WITHOUT_EXAM =
  /(?:demande d'examen|requete|requisition|ordonnance|examen d'imagerie|imagerie medicale|medical imaging|pour un examen|examens? (?:demandee?s?|requise?s?))/;

/** The prescription sign alone on its line ("Rx", "℞"): a prescription pad. */
const RX_SIGN = /^\s*(?:R[xX]|℞)\s*[:.]?\s*$/;

/**
 * `clinicalLabel`: a labelled reason for the exam ("R/C :", "Renseignements cliniques :") was found —
 * with a prescriber and a patient, the shape of an order whose exam line is missing or unreadable.
 */
/**
 * A line that names what the document is: short (a title, a form's heading) or a subject line. A
 * sentence that mentions a report ("… me faire parvenir le rapport") does not make a letter a report.
 */
const SUBJECT = /^\s*(?:objet|object|subject|re|titre|title)\s*:/;
const isTitleLike = (l: Line): boolean => SUBJECT.test(l.folded) || l.folded.trim().split(/\s+/).length <= 8;

export function isImagingOrder(doc: Doc, exam: ExamResult, clinicalLabel = false): boolean {
  const top = doc.lines.filter(isBody).slice(0, 15);
  const titledOther = top.some((l) => isTitleLike(l) && NOT_ORDER.test(l.folded));
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
