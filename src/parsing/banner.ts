/**
 * The ministry's standard cover text (end of msss-web-fax-notice.fr.txt), recognised fuzzily:
 * fax OCR garbles letters, so each part is compared on accent-free, lower-case letters and digits
 * only (which also makes merged/split words harmless) with an approximate substring match.
 */
import { containment } from './fuzzy.ts';
import { squash } from './normalise.ts';

const TRANSIT =
  'Cette télécopie a transité par un système de télécopie infonuagique (web fax) soutenu par le ' +
  'ministère de la Santé et des Services sociaux (MSSS)';
const DO_NOT_REPLY = 'IMPORTANT : Ne jamais répondre au numéro de télécopie unique apparaissant dans';
const CONFIDENTIALITY =
  'AVIS DE CONFIDENTIALITÉ : Ce message peut renfermer des renseignements protégés ou des informations confidentielles';
const FORM_CODE = '21-210-184W';
/** Every sentence of the cover text, to tell banner lines from order lines. */
const FULL =
  TRANSIT +
  ". Pour plus d'information, visitez le site internet de Télésanté à l'adresse www.telesantequebec.ca. " +
  "IMPORTANT : Ne jamais répondre au numéro de télécopie unique apparaissant dans l'en-tête. " +
  CONFIDENTIALITY +
  ". S'il ne vous est pas destiné, veuillez en prévenir immédiatement l'expéditeur et détruire cette télécopie. " +
  FORM_CODE;

/** The form code compared with OCR's digit/letter swaps undone (O→0, l/I→1, B→8…). */
function squashCode(s: string): string {
  return squash(s)
    .replace(/[oqd]/g, '0')
    .replace(/[il]/g, '1')
    .replace(/z/g, '2')
    .replace(/s/g, '5')
    .replace(/b/g, '8')
    .replace(/vv/g, 'w');
}

// Thresholds: a sentence with ~1 letter in 4 garbled still matches; unrelated French prose scores
// well below (tested in banner.test.ts).
const SENTENCE_MIN = 0.75;

export interface BannerParts {
  transit: boolean;
  doNotReply: boolean;
  confidentiality: boolean;
  formCode: boolean;
}

export function findBanner(text: string): BannerParts {
  // The cover is on the first pages; bound the work on long faxes.
  const s = squash(text).slice(0, 30000);
  const code = squashCode(text).slice(0, 30000);
  return {
    transit: containment(squash(TRANSIT), s) >= SENTENCE_MIN,
    doNotReply: containment(squash(DO_NOT_REPLY), s) >= SENTENCE_MIN,
    confidentiality: containment(squash(CONFIDENTIALITY), s) >= SENTENCE_MIN,
    formCode: formCodeIn(code),
  };
}

/** Does `text` hold the cover's form code (one OCR slip allowed)? */
export function hasFormCode(text: string): boolean {
  return formCodeIn(squashCode(text).slice(0, 30000));
}

function formCodeIn(squashedCode: string): boolean {
  return containment(squashCode(FORM_CODE), squashedCode) >= 0.88;
}

const FULL_SQUASHED = squash(FULL);

/** A line that is (part of) the cover text, so it is not read as order content. */
export function isBannerLine(line: string): boolean {
  const s = squash(line);
  if (s.length < 12) return s.length >= 6 && FULL_SQUASHED.includes(s);
  return containment(s, FULL_SQUASHED) >= 0.8;
}
