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

export function isImagingOrder(doc: Doc, exam: ExamResult): boolean {
  if (!exam.exam) return false;
  const top = doc.lines.filter(isBody).slice(0, 15);
  const titledOther = top.some((l) => NOT_ORDER.test(l.folded));
  if (!titledOther) return true;
  // A report or lab sheet that happens to name an exam is not an order — unless it asks for one.
  const body = doc.lines.filter(isBody);
  if (exam.source !== 'prose' && body.some((l) => EXPLICIT_ORDER.test(l.folded))) return true;
  return body.some((l) => ASKS.test(l.folded));
}
