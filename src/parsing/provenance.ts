/**
 * Where each field was read: the words it came from, their page and box, their OCR confidence.
 * Found after the fact, by looking for the value among the page's words (the value as written for
 * names and numbers, any written form of the date for dates), so every field reader gets it without
 * carrying boxes around. A field read with low confidence is `uncertain` unless other evidence
 * confirms it — the NAM, which encodes the surname, the first name and the birth date.
 */
import { unionBox, type Box } from '../domain/layout.ts';
import type { FieldPath, FieldProvenance, ParsedOrder } from '../domain/order.ts';
import { findDates } from './dates.ts';
import type { Doc, Line } from './document.ts';
import { dateMatchesNam, expectedLetters } from './nam.ts';
import { squash } from './normalise.ts';
import type { RowWord } from './page-rows.ts';

/** Below this OCR confidence (0–100) a field needs a person's eye, unless confirmed. */
export const LOW_CONFIDENCE = 60;

type Located = { words: RowWord[]; line: Line };

/** The words of `line` that spell `wanted` (letters and digits only, case and accents ignored). */
function wordsSpelling(line: Line, wanted: string): RowWord[] | null {
  if (wanted.length === 0) return null;
  const keys = line.words.map((w) => squash(w.text));
  for (let i = 0; i < keys.length; i++) {
    if (keys[i]!.length === 0) continue;
    let joined = '';
    for (let j = i; j < keys.length && joined.length < wanted.length + 4; j++) {
      joined += keys[j]!;
      if (joined.includes(wanted) && (j > i || keys[i]!.length <= wanted.length + 4))
        return line.words.slice(i, j + 1);
      if (!wanted.startsWith(joined) && !joined.startsWith(wanted) && j > i) break;
    }
  }
  return null;
}

/** The words of `line` holding a date that reads as `iso`. */
function wordsOfDate(line: Line, iso: string): RowWord[] | null {
  const hit = findDates(line.text).find((d) => d.iso === iso || d.alternatives.includes(iso));
  if (!hit) return null;
  const words = line.words.filter((w) => w.end > hit.index && w.start < hit.end);
  return words.length > 0 ? words : null;
}

function locate(doc: Doc, inHeader: boolean, find: (l: Line) => RowWord[] | null): Located | null {
  for (const line of doc.lines) {
    if (line.banner || line.header !== inHeader || line.words.length === 0) continue;
    const words = find(line);
    if (words) return { words, line };
  }
  return null;
}

/** The NAM's letters and digits agree with the name and birth date read elsewhere. */
function confirmedByNam(order: Omit<ParsedOrder, 'provenance'>): Set<FieldPath> {
  const { nam, lastName, firstName, birthDate } = order.patient;
  const out = new Set<FieldPath>();
  if (!nam) return out;
  const letters = expectedLetters({ lastName, firstName });
  const parts = {
    last: lastName !== null && letters.slice(0, 3).join('') === nam.slice(0, 3),
    first: firstName !== null && letters[3] !== null && letters[3] === nam.charAt(3),
    date: birthDate !== null && dateMatchesNam(birthDate, nam),
  };
  if (parts.last) out.add('patient.lastName');
  if (parts.first) out.add('patient.firstName');
  if (parts.date) out.add('patient.birthDate');
  // Two of the three parts agreeing is more than an OCR slip would produce by chance.
  if ([parts.last, parts.first, parts.date].filter(Boolean).length >= 2) out.add('patient.nam');
  return out;
}

function provenanceOf(found: Located, repaired: boolean, confirmed: boolean): FieldProvenance {
  const scores = found.words.map((w) => w.confidence).filter((c): c is number => c !== null);
  const confidence = scores.length > 0 ? Math.round(Math.min(...scores)) : null;
  const box: Box = unionBox(found.words.map((w) => w.box));
  return {
    confidence,
    page: found.line.page + 1,
    box,
    repaired,
    uncertain: confidence !== null && confidence < LOW_CONFIDENCE && !confirmed,
  };
}

export function locateFields(
  doc: Doc,
  order: Omit<ParsedOrder, 'provenance'>,
): Partial<Record<FieldPath, FieldProvenance>> {
  const confirmed = confirmedByNam(order);
  const out: Partial<Record<FieldPath, FieldProvenance>> = {};
  const text = (path: FieldPath, value: string | null | undefined, inHeader = false) => {
    if (!value) return;
    const repair = order.repairs.find((r) => r.field === path);
    // A repaired value is not what the page says: look for what was read.
    const wanted = squash(repair ? repair.from : value).slice(0, 40);
    const found = locate(doc, inHeader, (l) => wordsSpelling(l, wanted));
    if (found) out[path] = provenanceOf(found, repair !== undefined, confirmed.has(path));
  };
  const date = (path: FieldPath, iso: string | null) => {
    if (!iso) return;
    const found = locate(doc, false, (l) => wordsOfDate(l, iso));
    if (found) out[path] = provenanceOf(found, false, confirmed.has(path));
  };
  text('sender.firstName', order.header.sender?.firstName, true);
  text('sender.lastName', order.header.sender?.lastName, true);
  text('prescriber.firstName', order.prescriber.firstName);
  text('prescriber.lastName', order.prescriber.lastName);
  text('prescriber.phone', order.prescriber.phone);
  text('prescriber.permit', order.prescriber.permit);
  text('patient.firstName', order.patient.firstName);
  text('patient.lastName', order.patient.lastName);
  date('patient.birthDate', order.patient.birthDate);
  text('patient.nam', order.patient.nam);
  text('patient.altId', order.patient.altId);
  text('exam', order.exam?.split(/\s+/).slice(0, 3).join(' '));
  text('clinicalInfo', order.clinicalInfo?.split(/\s+/).slice(0, 3).join(' '));
  date('orderDate', order.orderDate);
  return out;
}
