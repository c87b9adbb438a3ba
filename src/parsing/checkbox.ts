/**
 * Checkbox grids as OCR returns them. A printed ☐ comes back as "O", "0", "o", "©", "OC", "GC", "D", "C",
 * "UO", "LJ", "[ ]", "[0", "[ 1", "{ ]", "[]"…; a ☒ as "X", "[X]", "&", "®", "■"… or not at all.
 * A grid line is split into options at these markers (several options often share a line, with or
 * without a column gap), each option keeps what its marker says: checked, unchecked or missing.
 *
 * Which options are checked: those with a checked marker; failing that, when every other option
 * has an unchecked marker, the one or two options whose marker vanished. Anything less clear is no
 * answer (null), never the whole grid.
 */
import { MODALITY } from './modality.ts';
import { fold, tidy } from './normalise.ts';

export type Mark = 'checked' | 'unchecked' | 'none';

export interface GridOption {
  mark: Mark;
  text: string;
  /** Column of the marker (or of the text when there is none) in its line. */
  col: number;
  /** Line the option starts on. */
  line: number;
}

/** Box drawn as a symbol. */
const SYMBOL_CHECKED = '☒☑✓✔✗✘■◼●⊠▣';
const SYMBOL_UNCHECKED = '☐□○◯❏❑';
/** Inside a bracket: what a check mark reads as. */
const INNER_CHECKED = /[xX✓✔*kK]/;

/**
 * A bracketed box: "[ ]", "[X]", "[]", "[ 1", "[0", "{ ]", "(x)", "|X|"; the closing side may be
 * lost ("[0", "[ 1") and the box may touch the option ("[ ]IRM", "[ lIRM").
 */
const BRACKET = String.raw`[\[{][ ]?[xX✓✔*kK0oO1lI|_ ]?[ ]?[\]})|1l]?|\([ ]?[xX✓✔* ]?[ ]?\)|\|[ ]?[xX][ ]?\|`;
const SYMBOL = `[${SYMBOL_CHECKED}${SYMBOL_UNCHECKED}]`;
/** Letters and signs OCR makes of a box (standalone words): they also occur in text, so count less. */
const LETTERS_UNCHECKED = 'O|o|0|OO|oo|00|O0|0O|Oo|OC|GC|D|C|CE|Cl|CI|LJ|LI|L\\]|UO|U0|Uo|U|J|Q|©';
const LETTERS_CHECKED = 'X|x|XX|Xl|XI|X1|xl|K|X\\]|®|&';

const MARKER = new RegExp(
  String.raw`(?<=^|\s)(?:(?<box>${BRACKET}|${SYMBOL})(?=\s|$|[\p{Lu}\p{Ll}\d])|(?<word>${LETTERS_UNCHECKED}|${LETTERS_CHECKED})(?=\s+\S))`,
  'gu',
);
const WORD_CHECKED = new RegExp(`^(?:${LETTERS_CHECKED})$`);

function markOf(token: string): Mark {
  if (token.length === 1 && SYMBOL_CHECKED.includes(token)) return 'checked';
  if (token.length === 1 && SYMBOL_UNCHECKED.includes(token)) return 'unchecked';
  if (WORD_CHECKED.test(token)) return 'checked';
  if (/^[[{(|]/.test(token)) return INNER_CHECKED.test(token.slice(1)) ? 'checked' : 'unchecked';
  return 'unchecked';
}

interface Marker {
  index: number;
  end: number;
  mark: Mark;
  /** A bracket or a box symbol, not a letter OCR made of a box: trustworthy anywhere. */
  strong: boolean;
}

/** Box markers of a line. Letters count at the start of the line, after a column gap or before a capital. */
export function markersOf(text: string): Marker[] {
  const out: Marker[] = [];
  for (const m of text.matchAll(MARKER)) {
    const index = m.index ?? 0;
    const token = m[0];
    const strong = m.groups?.box !== undefined;
    // A bracket with nothing in it that is not a box: "(" or "[" alone before a word.
    if (strong && /^[[{(]$/.test(token) && !/^\s/.test(text.slice(index + 1))) continue;
    if (!strong) {
      const atStart = text.slice(0, index).trim() === '';
      const afterGap = /\s{2,}$/.test(text.slice(0, index));
      const beforeCapital = /^\s+[\p{Lu}\d]/u.test(text.slice(index + token.length));
      if (!atStart && !afterGap && !beforeCapital) continue;
    }
    out.push({ index, end: index + token.length, mark: markOf(token.trim()), strong });
  }
  return out;
}

/** A word that cannot end an option: the option goes on on the next line. */
const DANGLING =
  /(?:^|\s)(?:de|du|des|d'|avec|sans|et|ou|la|le|les|l'|au|aux|a|à|en|pour|sur|par|of|with|and|or|the|to|-)$/i;

export function isDangling(text: string): boolean {
  return DANGLING.test(text.trim());
}

/** Text worth calling an option: a few letters (not "So", "i ‘ (" left by OCR noise). */
function isOptionText(text: string): boolean {
  return (text.match(/\p{L}/gu) ?? []).length >= 3;
}

export interface GridLine {
  /** Text before the first marker that heads the line ("Échographie :"): not an option. */
  lead: string | null;
  options: GridOption[];
  /** Markers found on the line. */
  markers: number;
  strongMarkers: number;
}

/** A lead before the first box that is a heading, not an option that lost its box. */
export function isHeadingLead(lead: string): boolean {
  const t = lead.trim();
  if (/[:]\s*$/.test(t)) return true;
  // "ÉCHOGRAPHIE [ ] Abdominale": one word in capitals.
  return /^[\p{Lu}\s'-]+$/u.test(t) && t.split(/\s+/).length === 1 && t.length >= 3;
}

/** Options of one grid line, split at box markers and at column gaps. */
export function splitGridLine(text: string, line: number): GridLine {
  const markers = markersOf(text);
  const options: GridOption[] = [];
  let lead: string | null = null;
  const pushText = (from: number, to: number, mark: Mark, col: number): void => {
    const raw = text.slice(from, to);
    // A column gap inside an option's text: what follows is another option whose box vanished.
    const parts = [...raw.matchAll(/\S+(?: \S+)*/g)];
    parts.forEach((p, i) => {
      const t = tidy(p[0]);
      if (!isOptionText(t)) return;
      const start = from + (p.index ?? 0);
      options.push({ mark: i === 0 ? mark : 'none', text: t, col: i === 0 ? col : start, line });
    });
  };
  const first = markers[0]?.index ?? text.length;
  const before = text.slice(0, first);
  if (before.trim()) {
    if (markers.length > 0 && isHeadingLead(before)) lead = tidy(before);
    else pushText(0, first, 'none', before.search(/\S/));
  }
  markers.forEach((m, i) => pushText(m.end, markers[i + 1]?.index ?? text.length, m.mark, m.index));
  return { lead, options, markers: markers.length, strongMarkers: markers.filter((m) => m.strong).length };
}

/**
 * "Radiographie pulmonaire IRM du genou gauche" on a line that should hold two options but has one
 * box: the second option (its box lost) starts at the capitalised modality word that follows other
 * words. "Échographie Doppler" (modality after modality) is one exam.
 */
export function splitMerged(o: GridOption): GridOption[] {
  const folded = fold(o.text);
  const words = [...o.text.matchAll(/\S+/g)];
  for (const w of words.slice(1)) {
    const at = w.index ?? 0;
    if (!/^\p{Lu}/u.test(w[0])) continue;
    const starts = MODALITY.exec(folded.slice(at));
    if (!starts || starts.index !== 0) continue;
    // The word before must not itself be a modality word ("Échographie Doppler").
    const prev = words[words.indexOf(w) - 1];
    if (prev && MODALITY.exec(fold(prev[0]))?.index === 0) continue;
    const left = tidy(o.text.slice(0, at));
    const right = tidy(o.text.slice(at));
    if (!isOptionText(left) || !isOptionText(right)) continue;
    return [
      { ...o, text: left },
      { mark: 'none', text: right, col: o.col + at, line: o.line },
    ];
  }
  return [o];
}

export interface Grid {
  options: GridOption[];
  lead: string | null;
  /** Lines the grid was read from. */
  lines: number[];
}

/** Most common number of markers on a marked line: how many columns the grid has. */
function columnsOf(rows: GridLine[]): number {
  const counts = new Map<number, number>();
  for (const r of rows) if (r.markers > 0) counts.set(r.markers, (counts.get(r.markers) ?? 0) + 1);
  let best = 1;
  let seen = 0;
  for (const [k, v] of counts) if (v > seen || (v === seen && k > best)) [best, seen] = [k, v];
  return best;
}

/**
 * Does a line with no marker go on the options above it (a wrapped option), or is it options of
 * its own whose boxes vanished?
 */
function isContinuation(text: string, above: GridOption[], modalityGrid: boolean): boolean {
  const t = text.trim();
  if (above.length === 0) return false;
  if (/^\p{Ll}/u.test(t)) return true;
  if (above.some((o) => isDangling(o.text))) return true;
  return modalityGrid && !MODALITY.test(fold(t));
}

/** Attach a wrapped line to the option(s) of the row above it. */
function attach(text: string, above: GridOption[]): void {
  const words = tidy(text).split(/\s+/).filter(Boolean);
  const cells = [...text.matchAll(/\S+(?: \S+)*/g)].map((m) => tidy(m[0]));
  const dangling = above.filter((o) => isDangling(o.text));
  const targets = dangling.length > 0 ? dangling : above.slice(-1);
  if (cells.length === targets.length && cells.length > 1) {
    targets.forEach((o, i) => (o.text = `${o.text} ${cells[i]}`));
  } else if (targets.length > 1 && words.length === targets.length) {
    targets.forEach((o, i) => (o.text = `${o.text} ${words[i]}`));
  } else {
    const o = targets[0]!;
    o.text = `${o.text} ${words.join(' ')}`;
  }
}

/**
 * Read grid rows (the lines under an exam heading, or a run of box lines). `rows` holds each
 * line's text and number; rows with no marker are wrapped options or options whose box vanished.
 */
export function readGrid(rows: { text: string; n: number }[]): Grid {
  const parsed = rows.map((r) => ({ r, g: splitGridLine(r.text, r.n) }));
  const cols = columnsOf(parsed.map((p) => p.g));
  const all = parsed.flatMap((p) => p.g.options);
  const modalityGrid =
    all.length > 0 && all.filter((o) => MODALITY.test(fold(o.text))).length >= all.length / 2;
  const options: GridOption[] = [];
  let above: GridOption[] = [];
  let lead: string | null = null;
  for (const { r, g } of parsed) {
    lead ??= g.lead;
    if (g.markers === 0 && isContinuation(r.text, above, modalityGrid)) {
      attach(r.text, above);
      above = [];
      continue;
    }
    let row = g.options;
    // Fewer boxes than the grid has columns, and one option's text holds two: split it.
    if (modalityGrid && cols > 1 && row.length < cols) row = row.flatMap(splitMerged);
    options.push(...row);
    above = row;
  }
  return { options, lead, lines: rows.map((r) => r.n) };
}

export interface GridPick {
  options: GridOption[];
  /** How they were picked: by their checked box, or as the only ones whose box vanished. */
  by: 'checked' | 'missing';
}

/** The checked options of a grid, or null when the grid does not say. */
export function pickChecked(grid: Grid): GridPick | null {
  const { options } = grid;
  const checked = options.filter((o) => o.mark === 'checked');
  if (checked.length > 0) return { options: checked, by: 'checked' };
  const unmarked = options.filter((o) => o.mark === 'none');
  const unchecked = options.length - unmarked.length;
  // Every other option says "not this one": the few without a box are the checked ones.
  if (unmarked.length >= 1 && unmarked.length <= 2 && unchecked >= 2 * unmarked.length)
    return { options: unmarked, by: 'missing' };
  return null;
}
