/** Small text helpers shared by the rules: presence, accent folding, name comparison keys. */
import { foldAccents } from '../text/fold.ts';

/** True for a non-blank string (the parser gives null for absent values, but be defensive). */
export function present(s: string | null | undefined): s is string {
  return typeof s === 'string' && s.trim().length > 0;
}

/** Upper-case, accents removed, ligatures spelled out: "Lévesque" → "LEVESQUE", "Œuvre" → "OEUVRE". */
export function fold(s: string): string {
  return foldAccents(s).toUpperCase();
}

/** Letters A–Z only, after folding: spaces, hyphens, apostrophes and stray marks removed. */
export function lettersOnly(s: string): string {
  return fold(s).replace(/[^A-Z]/g, '');
}

/** Courtesy titles that may prefix a name in a header or a signature block. */
const TITLES = new Set(['DR', 'DRE', 'DOCTEUR', 'DOCTEURE', 'IPS']);

/** Words of a name, folded, titles dropped: "Dre Marie-Ève D'Amours" → ["MARIE", "EVE", "D", "AMOURS"]. */
export function nameWords(s: string): string[] {
  return fold(s)
    .split(/[^A-Z]+/)
    .filter((w) => w.length > 0 && !TITLES.has(w));
}

/** True when s is a real calendar date in ISO form (the schema only checks the shape). */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}
