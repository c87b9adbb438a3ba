/**
 * NAM (Quebec health insurance number): 4 letters, 6 digits (birth date YYMMDD, month + 50 for
 * women), one digit or letter, one digit. Written with optional spaces or hyphens.
 *
 * OCR swaps look-alike characters (J↔]/), S↔5, O↔0, I/l↔1, B↔8, Z↔2, G↔6). The NAM's fixed shape
 * says which kind of character belongs at each position, so a misread can be undone; when several
 * readings are possible the patient's names and birth date pick the one they predict. A character
 * that already has the right kind is never changed (that would hide a real inconsistency).
 */
import type { Repair } from '../domain/order.ts';
import { lettersOnly } from './normalise.ts';

export const NAM_SHAPE = /^[A-Z]{4}\d{6}[0-9A-Z]\d$/;

const AS_LETTER: Record<string, string[]> = {
  '0': ['O', 'D', 'Q'],
  '1': ['I', 'L', 'T'],
  '2': ['Z'],
  '4': ['A'],
  '5': ['S'],
  '6': ['G'],
  '7': ['T'],
  '8': ['B'],
  '9': ['G', 'Q'],
  ']': ['J', 'I'],
  ')': ['J'],
  '[': ['I', 'L'],
  '|': ['I', 'L'],
  '!': ['I', 'L'],
  $: ['S'],
  '€': ['E'],
  '(': ['C'],
};
const AS_DIGIT: Record<string, string[]> = {
  O: ['0'],
  D: ['0'],
  Q: ['0'],
  U: ['0'],
  I: ['1'],
  L: ['1'],
  T: ['1', '7'],
  '|': ['1'],
  '!': ['1'],
  ']': ['1'],
  '[': ['1'],
  Z: ['2'],
  E: ['3'],
  A: ['4'],
  S: ['5'],
  $: ['5'],
  G: ['6', '9'],
  B: ['8'],
  g: ['9'],
};

/** Glyphs OCR really mixes up with a digit, whatever the font: O/0, I/l/|/!/]/[/1. */
const AMBIGUOUS_DIGIT = new Set(['O', 'I', 'L', '|', '!', ']', '[']);

export interface NamHints {
  lastName?: string | null;
  firstName?: string | null;
  /** Every reading of the birth date (ISO). */
  birthDates?: string[];
}

export interface NamResult {
  /** Well-formed, repaired NAM, or null. */
  nam: string | null;
  /** The compact upper-case string as read (kept when it is not well formed). */
  raw: string;
  repairs: Repair[];
}

/** Compact form: upper case, no spaces/hyphens/dots; OCR look-alike symbols kept for repair. */
export function compactNam(text: string): string {
  return text.toUpperCase().replace(/[\s\-._/]/g, '');
}

/** The letters the NAM should start with, from the names (surname padded with X). */
export function expectedLetters(h: NamHints): (string | null)[] {
  const last = h.lastName ? lettersOnly(h.lastName).toUpperCase() : '';
  const first = h.firstName ? lettersOnly(h.firstName).toUpperCase() : '';
  const l3 = last ? (last + 'XXX').slice(0, 3).split('') : [null, null, null];
  return [...l3, first ? (first[0] ?? null) : null];
}

/** Per digit position (4..9), the digits the birth date predicts (YYMMDD, or month + 50). */
function expectedDigits(h: NamHints): Set<string>[] {
  const sets = Array.from({ length: 6 }, () => new Set<string>());
  for (const iso of h.birthDates ?? []) {
    const [y, m, d] = iso.split('-');
    if (!y || !m || !d) continue;
    for (const month of [m, String(Number(m) + 50)]) {
      const s = y.slice(2) + month + d;
      for (let i = 0; i < 6; i++) sets[i]!.add(s[i]!);
    }
  }
  return sets;
}

const POSITION = ['1re lettre', '2e lettre', '3e lettre', '4e lettre'];

export function parseNam(text: string, hints: NamHints = {}): NamResult {
  const raw = compactNam(text).replace(/[^A-Z0-9\]\)\[|!$€(]/g, '');
  // Case as written: a lower-case "l" or "o" among the last digits is OCR's 1 or 0, not a letter.
  const asWritten = text.replace(/[\s\-._/]/g, '').replace(/[^A-Za-z0-9\]\)\[|!$€(]/g, '');
  const original = compactNam(text);
  if (raw.length !== 12)
    return { nam: null, raw: original.replace(/[^A-Z0-9]/g, '') || original, repairs: [] };
  const letters = expectedLetters(hints);
  const digits = expectedDigits(hints);
  const out: string[] = [];
  const changes: string[] = [];
  for (let i = 0; i < 12; i++) {
    const c = raw[i]!;
    const wantLetter = i < 4;
    const wantDigit = (i >= 4 && i < 10) || i === 11;
    // Position 11 may hold a digit or a letter ("COTS-8005-10A4"): an upper-case letter there stays,
    // except I and O, the glyphs of 1 and 0 in fax fonts; a lower-case l/i/o there is OCR's 1 or 0.
    const ok = wantLetter
      ? /[A-Z]/.test(c)
      : wantDigit
        ? /\d/.test(c)
        : /\d/.test(c) || (/[A-Z]/.test(c) && !/[IO]/.test(c) && asWritten[i] === c);
    if (ok) {
      out.push(c);
      continue;
    }
    const predicted = wantLetter ? letters[i] : null;
    const predictedDigits = i >= 4 && i < 10 ? digits[i - 4] : undefined;
    let options: string[];
    if (wantLetter) options = AS_LETTER[c] ?? [];
    else if (wantDigit) {
      // A letter where a digit goes is repaired only when it is a glyph OCR truly confuses with a
      // digit (O/0, I/l/1) or when the birth date predicts that digit; "B" for "8" with nothing to
      // confirm it is a malformed NAM, reported as such rather than silently made valid.
      options = (AS_DIGIT[c] ?? []).filter((o) => AMBIGUOUS_DIGIT.has(c) || predictedDigits?.has(o));
    } else options = [...(AS_DIGIT[c] ?? []), ...(AS_LETTER[c] ?? [])];
    if (options.length === 0) return { nam: null, raw: original, repairs: [] };
    const pick =
      options.find((o) => o === predicted) ?? options.find((o) => predictedDigits?.has(o)) ?? options[0]!;
    out.push(pick);
    const where = i < 4 ? POSITION[i] : `position ${i + 1}`;
    const why =
      (predicted && pick === predicted) || predictedDigits?.has(pick)
        ? wantLetter
          ? 'comme le prévoit le nom'
          : 'comme le prévoit la date de naissance'
        : wantLetter
          ? 'une lettre est attendue'
          : 'un chiffre est attendu';
    changes.push(`« ${c} » lu pour « ${pick} » (${where}, ${why})`);
  }
  const nam = out.join('');
  if (!NAM_SHAPE.test(nam)) return { nam: null, raw: original, repairs: [] };
  const repairs: Repair[] =
    changes.length > 0
      ? [
          {
            field: 'patient.nam',
            from: original,
            to: nam,
            reason: `Lecture OCR corrigée : ${changes.join('; ')}`,
          },
        ]
      : [];
  return { nam, raw: original, repairs };
}

/** The birth date digits a NAM encodes, as the possible ISO dates (century unknown: both tried). */
export function namBirthDigits(nam: string): string {
  return nam.slice(4, 10);
}

/** Does this ISO date agree with the NAM's date digits (either sex)? */
export function dateMatchesNam(iso: string, nam: string): boolean {
  const [y, m, d] = iso.split('-');
  if (!y || !m || !d) return false;
  const digits = namBirthDigits(nam);
  return digits === y.slice(2) + m + d || digits === y.slice(2) + String(Number(m) + 50) + d;
}

/**
 * NAM-shaped runs in free text ("TREJ 8503 1512", "COTS-8005-10A4", OCR-damaged ones too):
 * three groups of four, mostly letters then mostly digits.
 */
export function findNamLike(text: string): { text: string; index: number }[] {
  const out: { text: string; index: number }[] = [];
  const re =
    /(?<![A-Za-z0-9])([A-Za-z\]\)\[|$0-9]{4})(?: ?- ?| )?([0-9A-Za-z|\]]{4})(?: ?- ?| )?([0-9A-Za-z|\]]{4})(?![A-Za-z0-9])/g;
  for (const m of text.matchAll(re)) {
    const head = m[1] ?? '';
    const tail = (m[2] ?? '') + (m[3] ?? '');
    const realLetters = (head.match(/[A-Za-z]/g) ?? []).length;
    const realDigits = (tail.match(/\d/g) ?? []).length;
    if (realLetters >= 3 && realDigits >= 5) out.push({ text: m[0], index: m.index ?? 0 });
  }
  return out;
}
