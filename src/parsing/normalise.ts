/**
 * OCR-tolerant text normalisation. Two kinds of helpers:
 * - cleaners that may change a string's length (run once per page, before anything is indexed);
 * - same-length transforms (`fold`, `digitFix`) so a match found in the transformed text can be
 *   cut out of the original text with the same indices ("as written" values keep their accents/case).
 */

/** Page text cleaned of typographic variants OCR and word processors produce. */
export function cleanText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
      .replace(/[\u200b-\u200d\ufeff]/g, '')
      .replace(/[\u2018\u2019\u201b\u02bc\u00b4`]/g, "'")
      .replace(/[\u2010-\u2015\u2212]/g, '-')
      .replace(/\uff1a/g, ':')
      .replace(/\u2026/g, '...')
      // A table border read as "|" between spaces is a column gap, not text.
      .replace(/(^|[ ])\|(?=[ ]|$)/gm, '$1   ')
      .replace(/[ ]+$/gm, '')
      // "née⏎le 14/03/1991": the birth phrase cut by a line break is one label again.
      .replace(/(\bn[ée]e?|\bn[ée]\(e\))\n([ ]*)(le)[ ]+/gi, '$1 $3\n$2')
  );
}

/** Lower-case, accent-free copy of `s` with the same length (indices map back to `s`). */
export function fold(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    const base = (c.normalize('NFD')[0] ?? c).toLowerCase();
    out += base.length === 1 ? base : c;
  }
  return out;
}

/** Accent-free lower-case letters and digits only: for comparing values whatever their spacing and punctuation. */
export function squash(s: string): string {
  return fold(s).replace(/[^a-z0-9]/g, '');
}

/** Accent-free lower-case letters only: for comparing names ("Lévesque-Tremblay" → "levesquetremblay"). */
export function lettersOnly(s: string): string {
  return fold(s).replace(/[^a-z]/g, '');
}

const TO_DIGIT: Record<string, string> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  I: '1',
  l: '1',
  '|': '1',
  '!': '1',
  i: '1',
  S: '5',
  s: '5',
  B: '8',
  Z: '2',
  z: '2',
  G: '6',
};

/**
 * Same-length copy where, inside tokens that are mostly digits (phone numbers, dates),
 * letters OCR confuses with digits are read as the digits: "2O26-11-2O" → "2026-11-20",
 * "S14 555-l234" → "514 555-1234". Tokens holding any other letter are left alone
 * (so words and NAMs are not touched).
 */
export function digitFix(s: string): string {
  return s.replace(/[^\s]+/g, (token) => {
    let digits = 0;
    let confusables = 0;
    for (const c of token) {
      if (c >= '0' && c <= '9') digits++;
      else if (c in TO_DIGIT) confusables++;
      else if (!/[-./()+:,;#]/.test(c)) return token;
    }
    if (digits === 0 || confusables === 0 || confusables > digits) return token;
    let out = '';
    for (const c of token) out += TO_DIGIT[c] ?? c;
    return out;
  });
}

export interface Cell {
  start: number;
  end: number;
  text: string;
}

/** Cells of a line: runs of 2+ spaces are column gaps (tables, forms laid out in columns). */
export function cellsOf(line: string): Cell[] {
  const cells: Cell[] = [];
  const re = /\S+(?: \S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line))) cells.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  return cells;
}

/** Collapse whitespace and trim punctuation that only separates (": - ,"). */
export function tidy(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/^[\s:;.,\-=>_*•·]+/, '')
    .replace(/[\s:;,\-=_*•·]+$/, '')
    .trim();
}

/**
 * Regex source tolerant to the usual OCR letter confusions, from a folded plain pattern:
 * i/l/1 and o/0 swap, "m" read as "rn", words merged or split, apostrophes lost.
 * Only lower-case letters and spaces/apostrophes are rewritten; regex syntax passes through.
 */
export function loose(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const c = src[i] ?? '';
    const prev = src[i - 1];
    if (prev === '\\') {
      out += c;
      continue;
    }
    if (c === 'i' || c === 'l') out += '[il1|!]';
    else if (c === 'o') out += '[o0]';
    else if (c === 'm') out += '(?:m|rn)';
    else if (c === ' ') out += '\\s*';
    else if (c === "'") out += "['\\s]?";
    else out += c;
  }
  return out;
}
