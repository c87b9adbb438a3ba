/**
 * Accent folding for names, shared by the rules (NAM consistency, sender match)
 * and the search index, so that "Côté", "COTE" and "cote" are one name
 * everywhere: accents removed, ligatures and letters that Unicode does not
 * decompose spelled out (`Œ` → `oe`, `ø` → `o`), lower-case.
 */

/** Letters that Unicode decomposition does not split into a base letter and an accent. */
const SPELLED_OUT: Readonly<Record<string, string>> = {
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
};

/** `Lévesque-Œuvré` → `levesque-oeuvre` (punctuation and spaces are kept). */
export function foldAccents(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæßøđðłıþ]/g, (c) => SPELLED_OUT[c] ?? c);
}
