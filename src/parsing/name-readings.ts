/**
 * One patient named twice on a fax — a form's labelled cell (often handwritten) and a typed line of
 * the covering note ("requête pour M. Pierre Lavoie") — with the two readings one OCR slip apart in
 * one name part ("Pierce" / "Pierre"): the reading OCR was surer of wins. Only when the other part
 * reads the same in both, so two different people are never merged, and only on OCR'd words (a
 * text layer's characters are exact, and have no confidence to compare).
 */
import type { Doc } from './document.ts';
import { editDistance } from './fuzzy.ts';
import type { SplitName } from './names.ts';
import { squash } from './normalise.ts';

/**
 * Mean OCR confidence of the words that spell `part` on the first of `lines` holding them all, or
 * null when none does (or the words carry no confidence).
 */
function confidenceOf(doc: Doc, lines: readonly number[], part: string): number | null {
  const wanted = part.split(/\s+/).map(squash).filter(Boolean);
  if (wanted.length === 0) return null;
  for (const n of lines) {
    const words = doc.lines[n]?.words ?? [];
    const found = wanted.map((w) => words.find((x) => squash(x.text) === w));
    if (found.some((w) => w === undefined || w.confidence === null)) continue;
    return found.reduce((sum, w) => sum + (w?.confidence ?? 0), 0) / found.length;
  }
  return null;
}

type Part = 'firstName' | 'lastName';

/** The one part in which the two names differ by a single slip (each part ≥ 4 letters), if any. */
function slipPart(a: SplitName, b: SplitName): Part | null {
  const parts: Part[] = ['firstName', 'lastName'];
  const differing = parts.filter((p) => squash(a[p] ?? '') !== squash(b[p] ?? ''));
  if (differing.length !== 1) return null;
  const part = differing[0]!;
  const [x, y] = [squash(a[part] ?? ''), squash(b[part] ?? '')];
  if (x.length < 4 || y.length < 4) return null;
  const other = part === 'firstName' ? 'lastName' : 'firstName';
  if (squash(a[other] ?? '') === '') return null;
  return editDistance(x, y) === 1 ? part : null;
}

export function clearerReading(
  doc: Doc,
  name: SplitName,
  /** The lines the name was read from (a cell's label and the row of values under it). */
  lines: readonly number[],
  others: readonly { name: SplitName; line: number }[],
): SplitName {
  for (const other of others) {
    const part = slipPart(name, other.name);
    if (!part) continue;
    const mine = confidenceOf(doc, lines, name[part] ?? '');
    const theirs = confidenceOf(doc, [other.line, other.line + 1], other.name[part] ?? '');
    if (mine === null || theirs === null || theirs <= mine) continue;
    return { ...name, [part]: other.name[part] };
  }
  return name;
}
