/**
 * The Quebec health insurance number (NAM, RAMQ) and how it is built from the person:
 *   letters 1–3  first three letters of the surname at birth (accents, spaces, hyphens and
 *                apostrophes removed; padded with X when shorter: Ng → NGX)
 *   letter 4     first letter of the given name
 *   digits 1–6   birth date YYMMDD, 50 added to the month for women
 *   then one digit or letter and one digit (administrative, not derivable).
 * Usable alone (e.g. by a card showing why a NAM looks odd); the patient rules build on it.
 */
import { isCalendarDate, lettersOnly, present } from './text.ts';

export type Sex = 'F' | 'M';

/** What the first ten characters of a NAM should be for a person. */
export interface NamPrefix {
  /** Accepted 4-letter codes (several for hyphenated surnames). */
  letters: string[];
  /** Accepted YYMMDD codes: one when the sex is known, else both the plain and the +50 month. */
  digits: string[];
}

/** Removes the optional spaces and hyphens and upper-cases: "cots-8005-10a4" → "COTS800510A4". */
export function normalizeNam(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** 4 letters, 6 digits, one digit or letter, one digit (after normalisation). */
export function isNamShape(nam: string): boolean {
  return /^[A-Z]{4}\d{6}[0-9A-Z]\d$/.test(normalizeNam(nam));
}

/** The shape is right and the six digits are a possible date (month 01–12 or 51–62, day 01–31). */
export function isWellFormedNam(nam: string): boolean {
  const n = normalizeNam(nam);
  if (!isNamShape(n)) return false;
  const month = Number(n.slice(6, 8));
  const day = Number(n.slice(8, 10));
  const realMonth = month > 50 ? month - 50 : month;
  return realMonth >= 1 && realMonth <= 12 && day >= 1 && day <= 31;
}

function threeLetters(letters: string): string {
  return (letters + 'XXX').slice(0, 3);
}

/**
 * Accepted surname codes: the whole surname run together (Saint-Pierre → SAI, D'Amours → DAM),
 * and, for a hyphenated surname, its first part alone as RAMQ usually does (Li-Tremblay → LIX).
 */
export function surnameCodes(lastName: string): string[] {
  const whole = lettersOnly(lastName);
  if (whole.length === 0) return [];
  const codes = new Set([threeLetters(whole)]);
  const first = lettersOnly(lastName.split(/[-‐‑–—]/)[0] ?? '');
  if (first.length > 0) codes.add(threeLetters(first));
  return [...codes];
}

/** First letter of the given name, folded ("Émilie" → "E"); null when it has no letter. */
export function givenNameCode(firstName: string): string | null {
  return lettersOnly(firstName).charAt(0) || null;
}

/** YYMMDD codes for a birth date; women add 50 to the month. Empty for an impossible date. */
export function birthDateCodes(birthDate: string, sex?: Sex): string[] {
  if (!isCalendarDate(birthDate)) return [];
  const yy = birthDate.slice(2, 4);
  const mm = Number(birthDate.slice(5, 7));
  const dd = birthDate.slice(8, 10);
  const code = (month: number) => `${yy}${String(month).padStart(2, '0')}${dd}`;
  if (sex === 'M') return [code(mm)];
  if (sex === 'F') return [code(mm + 50)];
  return [code(mm), code(mm + 50)];
}

export function expectedNamPrefix(p: {
  lastName: string;
  firstName: string;
  birthDate: string;
  sex?: Sex;
}): NamPrefix {
  const given = givenNameCode(p.firstName);
  return {
    letters: given ? surnameCodes(p.lastName).map((s) => s + given) : [],
    digits: birthDateCodes(p.birthDate, p.sex),
  };
}

/** 'unknown' when the part could not be checked (value missing or unusable). */
export type PartMatch = 'match' | 'mismatch' | 'unknown';

export interface NamConsistency {
  surname: PartMatch;
  givenName: PartMatch;
  birthDate: PartMatch;
  /** No part mismatches (parts that could not be checked do not count against it). */
  consistent: boolean;
  /** Every part could be checked. */
  complete: boolean;
}

/**
 * Compares a NAM with the person, part by part. Works with whatever is known: a missing
 * name or birth date leaves that part 'unknown' instead of giving up on the others.
 */
export function namConsistency(
  nam: string,
  p: { lastName?: string | null; firstName?: string | null; birthDate?: string | null; sex?: Sex },
): NamConsistency {
  const n = normalizeNam(nam);
  const part = (accepted: string[] | null, actual: string): PartMatch =>
    accepted === null || accepted.length === 0 ? 'unknown' : accepted.includes(actual) ? 'match' : 'mismatch';
  const given = present(p.firstName) ? givenNameCode(p.firstName) : null;
  const surname = part(present(p.lastName) ? surnameCodes(p.lastName) : null, n.slice(0, 3));
  const givenName = part(given ? [given] : null, n.charAt(3));
  const birthDate = part(present(p.birthDate) ? birthDateCodes(p.birthDate, p.sex) : null, n.slice(4, 10));
  const parts = [surname, givenName, birthDate];
  return {
    surname,
    givenName,
    birthDate,
    consistent: !parts.includes('mismatch'),
    complete: !parts.includes('unknown'),
  };
}
