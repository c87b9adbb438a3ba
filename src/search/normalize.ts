/**
 * The one normalisation of patient names, used both to build the search index and to
 * read what people type, so the two always agree. Names are folded to lower-case ASCII
 * words: accents removed (`Côté` → `cote`), ligatures spelled out (`Œ` → `oe`), and
 * anything that is not a letter or digit (hyphen, apostrophe, space, dot…) splits words.
 * `St`/`Ste` are the usual abbreviations of `Saint`/`Sainte` in Quebec names: both
 * spellings are indexed as `saint`/`sainte`.
 *
 * Changing this changes what the index holds: a change needs a migration that rebuilds it.
 */
import { foldAccents } from '../text/fold.ts';

/** Abbreviation → full word, as indexed. */
const SAINT_FULL: Readonly<Record<string, string>> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
};
/** Full word → abbreviation, for the joined spelling of a compound name (`stpierre`). */
const SAINT_SHORT: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(SAINT_FULL).map(([short, full]) => [full, short]),
);

/** `Lévesque-Tremblay` → ['levesque', 'tremblay']; `D’Amours` → ['d', 'amours']. */
export function nameWords(text: string): string[] {
  return foldAccents(text)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** What of a patient the index needs (ParsedOrder's patient fits). */
export interface SearchablePatient {
  firstName: string | null;
  lastName: string | null;
  nam: string | null;
}

export interface SearchKeys {
  /** Normalised words, space-separated: what the full-text index holds. Empty when no name is known. */
  names: string;
  /** The NAM, normalised (12 upper-case characters), or null. */
  nam: string | null;
}

/**
 * The index entry of a patient. Each name gives its words (saint-abbreviations expanded)
 * and, when it has several, the words joined (`saintpierre`, `stpierre`, `levesquetremblay`),
 * so a name typed without its hyphen is found too.
 */
export function searchKeysOf(patient: SearchablePatient | null): SearchKeys {
  if (!patient) return { names: '', nam: null };
  const words = new Set<string>();
  for (const name of [patient.lastName, patient.firstName]) {
    if (!name) continue;
    const full = nameWords(name).map((w) => SAINT_FULL[w] ?? w);
    for (const w of full) words.add(w);
    if (full.length > 1) {
      words.add(full.join(''));
      words.add(full.map((w) => SAINT_SHORT[w] ?? w).join(''));
    }
  }
  return { names: [...words].join(' '), nam: normalizeNam(patient.nam) };
}

/** "trej 8555-1512" → "TREJ85551512" when it has a NAM's shape, else null. */
export function normalizeNam(text: string | null): string | null {
  if (!text) return null;
  const compact = text.replace(/[\s.-]/g, '').toUpperCase();
  return NAM_SHAPE.test(compact) ? compact : null;
}

/** Four letters, six digits (birth date), a digit or letter, a digit: as the Nam schema. */
export const NAM_SHAPE = /^[A-Z]{4}\d{6}[0-9A-Z]\d$/;

/**
 * The spellings a typed word may match, each as a prefix: `st` may be `saint` or the start
 * of `stéphane`; `saint` already covers `sainte` as a prefix.
 */
export function querySpellings(word: string): string[] {
  const full = SAINT_FULL[word];
  return full ? [full, word] : [word];
}
