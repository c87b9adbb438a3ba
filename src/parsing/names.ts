/**
 * Person names as written on orders: "Élodie Côté", "CÔTÉ, Élodie", "CÔTÉ Élodie", "Dre Marie-Ève
 * Lévesque-Tremblay", "Jean D'Amours, M.D.". Output keeps the casing and accents as written.
 */
import { fold } from './normalise.ts';

export interface SplitName {
  firstName: string | null;
  lastName: string | null;
}

const TITLE =
  /^(?:dre?|docteure?|doctor|mme|mmes|madame|mlle|mademoiselle|monsieur|mr|mrs|ms|miss|m|pr|prof)\.?$/;
export const DOCTOR_TITLE = /^(?:dre?|docteure?|doctor)\.?$/;
/** Credentials after a prescriber's name. */
const CREDENTIAL =
  /^(?:m\.?d\.?|md|m\.d|ph\.?d\.?|ips|ipspl|ipssa|ipssm|ipsn|inf\.?|frcpc|cmfc|fcmf|msc|b\.?sc|omnipraticien(?:ne)?|medecin|radiologiste|interniste|chirurgien(?:ne)?|r\d)$/;
/** Surname particles that stay with the surname ("de la Fontaine", "Van Houtte"). */
const PARTICLE = /^(?:de|du|des|la|le|van|von|der|den|di|da|del|della|st|ste|saint|sainte|mc|mac)$/;

const HYPHEN_PARTICLE = /-(?:de|du|des|la|le|van|von|st|ste|saint|sainte)$/;

const NAME_WORD = /^[\p{L}][\p{L}'.\-]*$/u;

export function isDoctorTitle(word: string): boolean {
  return DOCTOR_TITLE.test(fold(word));
}

export function hasCredential(text: string): boolean {
  return text
    .split(/[\s,()]+/)
    .filter(Boolean)
    .some((w) => CREDENTIAL.test(fold(w)) && !/^medecin$/.test(fold(w)));
}

/** Undo digits OCR put inside a word of letters ("C0té" → "Coté", "Lav1gne" → "Lavlgne" is left). */
function fixWord(w: string): string {
  if (!/\d/.test(w) || !/\p{L}{2}/u.test(w)) return w;
  return w.replace(/(?<=\p{L})0|0(?=\p{L})/gu, 'o');
}

/**
 * The name words of `text`: titles and credentials dropped, stops at anything not name-like.
 * In prose (`capitalised`), it also stops at a lower-case word that is not a surname particle.
 */
export function nameWords(text: string, capitalised = false): string[] {
  const cleaned = text
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[«»"“”*_]/g, ' ')
    .replace(/,?\s*(?:M\.\s?D\.?|MD)\b/g, ' ');
  const words: string[] = [];
  for (const rawWord of cleaned.split(/\s+/)) {
    const w = fixWord(rawWord.replace(/^[.:;]+|[.:;]+$/g, ''));
    if (!w) continue;
    const f = fold(w.replace(/,$/, ''));
    if (words.length === 0 && TITLE.test(f)) continue;
    if (CREDENTIAL.test(f)) break;
    if (!NAME_WORD.test(w.replace(/,$/, ''))) break;
    if (capitalised && !/^\p{Lu}/u.test(w) && !(PARTICLE.test(f) && words.length > 0)) break;
    words.push(w);
    if (w.endsWith(',') && words.length >= 2) break;
  }
  // A particle left at the end belongs to a cut name ("Marie de"); a name of one word is a name
  // ("Lê", which only folds to "le"), and particles are written without accents. A capitalised
  // last word is a surname even when it spells a particle: « Émilie Le » is Lê with its accent lost
  // to OCR ("Marie De" cut from "De Grandpré" is the rarer case, and the NAM's letters check it).
  while (words.length > 1 && PARTICLE.test(words[words.length - 1] ?? '')) words.pop();
  // "Noël i", "Yannick Ç": one stray glyph OCR left after a name, not an initial (those are A–Z).
  while (words.length > 1 && /^(?:\p{Ll}|[^A-Z])$/u.test(words[words.length - 1] ?? '')) words.pop();
  return words;
}

function isAllCaps(w: string): boolean {
  return /\p{Lu}/u.test(w) && w === w.toUpperCase() && w.replace(/[^\p{L}]/gu, '').length >= 2;
}

/**
 * Split a full name into first and last names.
 * - "NOM, Prénom" (comma) → surname first;
 * - words in capitals among mixed-case words are the surname ("CÔTÉ Élodie", "Élodie CÔTÉ");
 * - otherwise "Prénom Nom": the last word (with its particles) is the surname.
 */
export function splitName(text: string, opts: { surnameFirst?: boolean } = {}): SplitName {
  const comma = text.match(/^([^,]+),([^,]+)$/);
  if (comma) {
    const before = comma[1] ?? '';
    const after = (comma[2] ?? '').trim();
    const last = nameWords(before);
    const first = nameWords(after, true);
    // "NOM, Prénom": no title before the comma, and only capitalised name words after it
    // (not "Dre Anne Dubé, hémato-oncologie").
    const titled = TITLE.test(fold(before.trim().split(/\s+/)[0] ?? ''));
    if (!titled && last.length > 0 && first.length > 0 && first.length === after.split(/\s+/).length) {
      return { lastName: last.join(' '), firstName: first.join(' ') };
    }
  }
  const words = nameWords(text).map((w) => w.replace(/,$/, ''));
  if (words.length === 0) return { firstName: null, lastName: null };
  if (words.length === 1) return { firstName: null, lastName: words[0] ?? null };
  const caps = words.map(isAllCaps);
  const nCaps = caps.filter(Boolean).length;
  if (nCaps > 0 && nCaps < words.length) {
    // Capitals mark the surname; they are contiguous at one end.
    const last = words.filter((_, i) => caps[i]);
    const first = words.filter((_, i) => !caps[i]);
    return { lastName: last.join(' '), firstName: first.join(' ') };
  }
  if (opts.surnameFirst) {
    // "Lévesque Marc-André", "De Grandpré Anne": the surname (with a leading particle) comes first.
    let end = 1;
    while (end < words.length - 1 && PARTICLE.test(fold(words[end - 1] ?? ''))) end++;
    return { lastName: words.slice(0, end).join(' '), firstName: words.slice(end).join(' ') };
  }
  let cut = words.length - 1;
  // "de la Fontaine", "Lapointe-De Grandpré": a particle (alone or after a hyphen) binds to the next word.
  while (
    cut > 1 &&
    (PARTICLE.test(fold(words[cut - 1] ?? '')) || HYPHEN_PARTICLE.test(fold(words[cut - 1] ?? '')))
  )
    cut--;
  return { firstName: words.slice(0, cut).join(' '), lastName: words.slice(cut).join(' ') };
}

/** A single name part as written (a "Nom" or "Prénom" cell), or null when it is not name-like. */
export function namePart(text: string): string | null {
  const words = nameWords(text).map((w) => w.replace(/,$/, ''));
  return words.length > 0 && words.length <= 4 ? words.join(' ') : null;
}

/** Plausibly a person's name (2–5 name words, no digits). */
export function looksLikeFullName(text: string): boolean {
  const words = nameWords(text);
  return words.length >= 2 && words.length <= 5 && !/\d/.test(text.replace(/\([^)]*\)/g, ''));
}

/** Same person, ignoring accents, case, order and hyphens. */
export function sameName(a: SplitName, b: SplitName): boolean {
  const key = (n: SplitName) =>
    [n.firstName ?? '', n.lastName ?? '']
      .join(' ')
      .split(/[\s\-']+/)
      .map((w) => fold(w).replace(/[^a-z]/g, ''))
      .filter(Boolean)
      .sort()
      .join(' ');
  return key(a) === key(b);
}

/** Words that name a place or an organisation, never a person ("Clinique médicale X", "GMF des Laurentides"). */
const ORGANISATION =
  /(?<![a-z])(?:clinique|polyclinique|gmf(?:-u)?|clsc|chu[a-z]*|chs?ld|ciusss|cisss|hopital|hospital|centre|center|medicale?|imagerie|radiologie|laboratoire|pharmacie|groupe|cabinet|inc|ltee|services?|departement|universit[a-z]*|institut|fondation|sante|specialisee?|dossier|coop[a-z]*|cooperative)(?![a-z])/;

export function looksLikeOrganisation(text: string): boolean {
  return ORGANISATION.test(fold(text));
}
