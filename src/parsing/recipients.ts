/**
 * Every destination of the fax: "À :", "Destinataire", "To:" (place names or fax numbers), a
 * letter's address block, and copies: "c.c.", "cc :", "copie conforme". A destination's name and
 * its fax number ("Radiologie X (téléc. 450 555-1212)", or on the next line) are one destination.
 */
import { isBody, type Doc } from './document.ts';
import type { FieldScan } from './fields.ts';
import { findDates } from './dates.ts';
import { findPhones } from './phones.ts';
import { patientNotPlace } from './people.ts';
import { squash, tidy } from './normalise.ts';

/** Stands for the fax's own destination when only copies are written. */
export const THIS_DESTINATION = 'destinataire de cette télécopie';

interface Recipient {
  value: string;
  line: number;
  isNumber: boolean;
  isCopy: boolean;
  /** Fax numbers written with it: a place named twice with one number is one destination. */
  numbers?: string[];
  /** The transmission header's "To": the fax's own destination, whatever the body calls it. */
  fromHeader?: boolean;
}

/** Fax words and numbers inside a destination's text: "(téléc. 450 555-1212)", "fax : …". */
const FAX_PART = /\(?\s*(?:t[ée]l[ée]c(?:opieur)?\.?|fax|t[ée]l\.?|t[ée]l[ée]phone)?\s*:?\s*$/i;

/** One destination's text → its place name, or its fax number when no name is written. */
function destination(part: string, line: number, isCopy: boolean): Recipient | null {
  const phones = findPhones(part);
  let name = part;
  for (const p of [...phones].reverse()) {
    const head = name.slice(0, p.index).replace(FAX_PART, '');
    name = head + name.slice(p.end).replace(/^\s*\)/, '');
  }
  name = tidy(name.replace(/\(\s*\)/g, ' ').replace(/[()]+\s*$/, '')).slice(0, 80);
  const numbers = phones.map((p) => p.digits);
  if (/\p{L}.*\p{L}/u.test(name)) return { value: name, line, isNumber: false, isCopy, numbers };
  if (phones[0]) return { value: phones[0].digits, line, isNumber: true, isCopy, numbers };
  return null;
}

function split(value: string, line: number, isCopy: boolean): Recipient[] {
  return value
    .split(/\s*;\s*|\s+et\s+|\s+and\s+/)
    .map((part) => destination(part, line, isCopy))
    .filter((r): r is Recipient => r !== null);
}

/** The first line of a letter's subject or salutation ("Objet :", "Madame, Monsieur,"). */
const LETTER_OPENING =
  /^\s*(?:objet|sujet|subject|re|concerne)\s*[:;]|^\s*(?:madame|monsieur|mesdames|messieurs|cher|chere|chers|bonjour|dear|a qui de droit|docteure?|dre?\b)[^:]{0,40},\s*$/;

/**
 * A letter's address block: the lines just above its subject or salutation, after a blank line.
 * Each line naming a place is a destination; a "Télécopieur : …" line gives the previous one's number.
 * Not an address block when it carries anything else (the prescriber's letterhead, form labels).
 */
function addressBlock(doc: Doc): Recipient[] {
  const opening = doc.lines.find((l) => isBody(l) && LETTER_OPENING.test(l.folded));
  if (!opening) return [];
  let n = opening.n - 1;
  while (n >= 0 && doc.lines[n]!.text.trim().length === 0) n--;
  // Upwards to the blank line, the date line ("Montréal, le 3 mars 2025") or the letterhead's
  // contact line above the block (OCR often drops the blank lines).
  const block: number[] = [];
  let bounded = false;
  for (; n >= 0 && block.length < 8; n--) {
    const l = doc.lines[n]!;
    if (l.text.trim().length === 0 || !isBody(l) || findDates(l.text).length > 0) {
      bounded = true;
      break;
    }
    if (l.labels.some((h) => h.key === 'phone')) {
      bounded = block.some((b) => doc.lines[b]!.labels.some((h) => h.key === 'fax' || h.key === 'toFax'));
      break;
    }
    block.unshift(n);
  }
  if (!bounded || block.length === 0 || block.length >= 8) return [];
  // Name lines until a fax line are one place ("Service de radiologie" / "CIUSSS de l'Estrie");
  // a fax line closes it, and name lines after it start the next place.
  const out: Recipient[] = [];
  let open: Recipient | null = null;
  for (const n of block) {
    const l = doc.lines[n]!;
    if (l.labels.some((h) => h.key !== 'fax' && h.key !== 'toFax' && h.key !== 'address')) return [];
    // A date line ("Montréal, le 3 mars 2025") or a street address is not a place's name.
    if (l.labels.length === 0 && /\d{2,}/.test(l.folded)) continue;
    if (l.labels.length > 0) {
      const digits = findPhones(l.text)[0]?.digits;
      if (!open && digits) out.push({ value: digits, line: n, isNumber: true, isCopy: false });
      open = null;
      continue;
    }
    if (open) open.value = `${open.value}, ${tidy(l.text)}`;
    else {
      open = { value: tidy(l.text), line: n, isNumber: false, isCopy: false };
      out.push(open);
    }
  }
  return out;
}

export function parseRecipients(doc: Doc, scan: FieldScan): string[] {
  const out: Recipient[] = [];
  for (const f of scan.fields) {
    if ((f.key === 'to' || f.key === 'cc') && !patientNotPlace(doc, f)) {
      // The header may spread over the first lines ("TO: 8195550144" above the service number's line).
      const line = doc.lines[f.line];
      const fromHeader = (line?.header === true || line?.inHeaderZone === true) && f.key === 'to';
      out.push(...split(f.value, f.line, f.key === 'cc').map((r) => ({ ...r, fromHeader })));
    }
    if (f.key === 'toFax') {
      const digits = findPhones(f.value).map((p) => p.digits);
      // The number of a destination just named ("À : Radiologie X" then "Télécopieur : …") is that destination's.
      const named = out.findLast((r) => !r.isNumber && f.line - r.line <= 3 && f.line >= r.line);
      if (named && digits[0]) digits.shift();
      for (const d of digits) out.push({ value: d, line: f.line, isNumber: true, isCopy: false });
    }
  }
  if (!out.some((r) => !r.isCopy)) out.unshift(...addressBlock(doc));
  // Copies named but no destination written: the fax's own destination is one recipient too.
  if (out.some((r) => r.isCopy) && !out.some((r) => !r.isCopy)) {
    out.unshift({ value: THIS_DESTINATION, line: -1, isNumber: false, isCopy: false });
  }
  // The header's "To" is this fax's own destination: another one only if the body names none.
  const body = out.filter((r) => !r.fromHeader);
  const kept = body.some((r) => !r.isCopy) ? body : out;
  // One place written twice (by name, then by its fax number) is one destination.
  const numbersSeen = new Set<string>();
  const distinct = kept.filter((r) => {
    const nums = r.numbers ?? (r.isNumber ? [r.value] : []);
    if (nums.some((n) => numbersSeen.has(n))) return false;
    nums.forEach((n) => numbersSeen.add(n));
    return true;
  });
  const seen = new Set<string>();
  return distinct
    .map((r) => r.value)
    .filter((v) => {
      const k = squash(v);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
