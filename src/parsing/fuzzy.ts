/**
 * Approximate substring matching (Sellers' algorithm): the smallest edit distance between
 * `pattern` and any substring of `text`. Used to recognise the ministry's cover text in OCR
 * output, where letters are garbled and words merged or split.
 */
export function bestSubstringDistance(pattern: string, text: string): number {
  const m = pattern.length;
  if (m === 0) return 0;
  // prev[i] = distance between pattern[0..i) and the best substring ending at the current text position.
  let prev = new Array<number>(m + 1);
  let cur = new Array<number>(m + 1);
  for (let i = 0; i <= m; i++) prev[i] = i;
  let best = m;
  for (let j = 1; j <= text.length; j++) {
    cur[0] = 0;
    const tc = text.charCodeAt(j - 1);
    for (let i = 1; i <= m; i++) {
      const cost = pattern.charCodeAt(i - 1) === tc ? 0 : 1;
      const a = (prev[i - 1] ?? 0) + cost;
      const b = (prev[i] ?? 0) + 1;
      const c = (cur[i - 1] ?? 0) + 1;
      cur[i] = a < b ? (a < c ? a : c) : b < c ? b : c;
    }
    if ((cur[m] ?? m) < best) best = cur[m] ?? m;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return best;
}

/** 1 when `pattern` occurs verbatim in `text`, falling towards 0 as more edits are needed. */
export function containment(pattern: string, text: string): number {
  if (pattern.length === 0) return 1;
  return 1 - bestSubstringDistance(pattern, text) / pattern.length;
}

/**
 * One edit apart at most (OCR: one wrong, missing or extra letter); a `?` in `word` (a letter
 * OCR read as punctuation) stands for any letter. Short words must match exactly.
 */
export function nearWord(word: string, target: string, minLength = 4): boolean {
  const same = (a: string | undefined, b: string | undefined) => a === b || (a === '?' && b !== undefined);
  const eq = (a: string, b: string) => a.length === b.length && [...a].every((c, k) => same(c, b[k]));
  if (eq(word, target)) return true;
  if (word.length < minLength || Math.abs(word.length - target.length) > 1) return false;
  let i = 0;
  while (i < word.length && same(word[i], target[i])) i++;
  return (
    eq(word.slice(i + 1), target.slice(i + 1)) ||
    eq(word.slice(i), target.slice(i + 1)) ||
    eq(word.slice(i + 1), target.slice(i))
  );
}

/** Levenshtein distance between two whole words. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
