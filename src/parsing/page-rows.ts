/**
 * A page as the field readers see it: rows of words across the page, top to bottom, each word
 * with its box and confidence, each row cut into cells at wide gaps (a form's columns).
 *
 * OCR gives blocks and lines that follow Tesseract's own segmentation: the cells of one form row
 * often come back as separate blocks, and one "line" may run across two cells. Readers need the
 * visual row (to read a row of labels over a row of values) and the cells (to read the value under
 * its label), so both are rebuilt here from the words' boxes. A text-only page (no layout: tests,
 * older records) becomes the same rows on a character grid: one row per line, x in characters.
 *
 * A row's text is its cells joined by three spaces, words by one space; every word keeps its
 * offsets in that text, so a value found in the text maps back to its words, boxes and confidence.
 */
import type { Box, PageLayout } from '../domain/layout.ts';
import { repairModalityWords } from './modality.ts';
import { cleanText } from './normalise.ts';

export interface RowWord {
  text: string;
  /** Offsets of the word in its row's text. */
  start: number;
  end: number;
  box: Box;
  /** OCR confidence 0–100; null for a text layer or plain text. */
  confidence: number | null;
}

export interface RowCell {
  start: number;
  end: number;
  text: string;
  x0: number;
  x1: number;
}

export interface PageRow {
  text: string;
  words: RowWord[];
  cells: RowCell[];
  /** Around the row's words; null for a blank row. */
  box: Box | null;
}

export interface PageRows {
  rows: PageRow[];
  /** Typical width of one character on the page, in the page's units (1 on a character grid). */
  charWidth: number;
}

/** Gap wider than this many line heights between two words: a cell boundary. */
const CELL_GAP = 1.4;
/** Vertical gap wider than this many line heights between two rows: a blank line (paragraph). */
const PARAGRAPH_GAP = 0.9;
/** Separator between cells in a row's text (the parser reads 2+ spaces as a column gap). */
export const CELL_SEPARATOR = '   ';

/** A table rule OCR read as a glyph: a cell boundary, not text. */
const BORDER = /^[|[\]]{1,3}$/;

interface Piece {
  text: string;
  box: Box;
  confidence: number | null;
}

/** A run of words of one OCR line, with no wide gap inside: one cell of a row. */
interface Run {
  words: Piece[];
  box: Box;
  height: number;
}

const height = (b: Box): number => b[3] - b[1];
const centre = (b: Box): number => (b[1] + b[3]) / 2;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function boxOf(pieces: readonly { box: Box }[]): Box {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const { box } of pieces) {
    x0 = Math.min(x0, box[0]);
    y0 = Math.min(y0, box[1]);
    x1 = Math.max(x1, box[2]);
    y1 = Math.max(y1, box[3]);
  }
  return [x0, y0, x1, y1];
}

/** One word's text cleaned as page text is (quotes, dashes, spaces), modality slips mended. */
function cleanWord(text: string): string {
  return repairModalityWords(cleanText(text).replace(/\s+/g, ''));
}

/** Cuts an OCR line into runs at wide gaps and at table rules. */
/** Below this OCR confidence, a cell of one or two characters standing apart is noise ("IE"). */
const NOISE_CONFIDENCE = 40;

/** A cell of its own holding only a glyph or two OCR was unsure of: a speck, a stroke of a rule. */
function isolatedNoise(words: Piece[]): boolean {
  return words.every((w) => w.text.length <= 2 && w.confidence !== null && w.confidence < NOISE_CONFIDENCE);
}

function runsOf(words: Piece[]): Run[] {
  const sorted = [...words].sort((a, b) => a.box[0] - b.box[0]);
  const h = median(sorted.map((w) => height(w.box))) || 1;
  const runs: Run[] = [];
  let current: Piece[] = [];
  const cut = (): void => {
    if (current.length && !isolatedNoise(current))
      runs.push({ words: current, box: boxOf(current), height: h });
    current = [];
  };
  let end: number | null = null;
  for (const w of sorted) {
    if (BORDER.test(w.text)) {
      cut();
      end = null;
      continue;
    }
    if (end !== null && w.box[0] - end > CELL_GAP * h) cut();
    current.push(w);
    end = w.box[2];
  }
  cut();
  return runs;
}

/** Runs side by side at one height form a row; a run over another's x-range starts a new row. */
function rowsOfRuns(runs: Run[]): Run[][] {
  const rows: { runs: Run[]; centre: number; height: number }[] = [];
  for (const run of [...runs].sort((a, b) => centre(a.box) - centre(b.box))) {
    const c = centre(run.box);
    const row = rows.find(
      (r) =>
        Math.abs(r.centre - c) <= 0.5 * Math.max(r.height, run.height) &&
        !r.runs.some((o) => o.box[0] < run.box[2] && run.box[0] < o.box[2]),
    );
    if (row) {
      row.runs.push(run);
      row.centre = median(row.runs.map((r) => centre(r.box)));
      row.height = Math.max(row.height, run.height);
    } else {
      rows.push({ runs: [run], centre: c, height: run.height });
    }
  }
  return rows
    .map((r) => r.runs.sort((a, b) => a.box[0] - b.box[0]))
    .sort((a, b) => Math.min(...a.map((r) => r.box[1])) - Math.min(...b.map((r) => r.box[1])));
}

/** A row's text and word offsets from its cells (each a list of words). */
function rowFromCells(cells: Piece[][]): PageRow {
  let text = '';
  const words: RowWord[] = [];
  const rowCells: RowCell[] = [];
  for (const cell of cells) {
    if (cell.length === 0) continue;
    if (text) text += CELL_SEPARATOR;
    const start = text.length;
    cell.forEach((w, i) => {
      if (i > 0) text += ' ';
      words.push({ text: w.text, start: text.length, end: text.length + w.text.length, ...pick(w) });
      text += w.text;
    });
    const box = boxOf(cell);
    rowCells.push({ start, end: text.length, text: text.slice(start), x0: box[0], x1: box[2] });
  }
  return { text, words, cells: rowCells, box: words.length ? boxOf(words) : null };
}

const pick = (w: Piece): { box: Box; confidence: number | null } => ({
  box: w.box,
  confidence: w.confidence,
});

function charWidthOf(rows: PageRow[]): number {
  const widths = rows.flatMap((r) =>
    r.words.filter((w) => w.text.length >= 3).map((w) => (w.box[2] - w.box[0]) / w.text.length),
  );
  return median(widths) || 1;
}

/** The rows of an OCR page or a PDF text layer, from its layout tree. */
/** A "word" smaller than this share of the page's typical word height both ways is a speck of noise. */
const SPECK = 0.3;

export function rowsFromLayout(layout: PageLayout): PageRows {
  const runs: Run[] = [];
  // Specks of a noisy fax come back as tiny "words" (";", "i", "'"): they would make rows of their
  // own between a label and its value, or glue to names.
  const wordHeight = median(
    layout.blocks.flatMap((b) => b.lines.flatMap((l) => l.words.map((w) => w.box[3] - w.box[1]))),
  );
  const speck = (box: readonly number[]) =>
    box[3]! - box[1]! < SPECK * wordHeight && box[2]! - box[0]! < SPECK * wordHeight;
  for (const block of layout.blocks) {
    for (const line of block.lines) {
      const words = line.words
        .filter((w) => !speck(w.box))
        .map((w) => ({
          text: BORDER.test(w.text.trim()) ? '|' : cleanWord(w.text),
          box: w.box,
          confidence: w.confidence,
        }))
        .filter((w) => w.text.length > 0);
      runs.push(...runsOf(words));
    }
  }
  const grouped = rowsOfRuns(runs);
  const lineHeight = median(runs.map((r) => r.height)) || 1;
  const rows: PageRow[] = [];
  let previousBottom: number | null = null;
  for (const row of grouped) {
    const top = Math.min(...row.map((r) => r.box[1]));
    if (previousBottom !== null && top - previousBottom > PARAGRAPH_GAP * lineHeight) rows.push(blankRow());
    rows.push(rowFromCells(row.map((r) => r.words)));
    previousBottom = Math.max(...row.map((r) => r.box[3]));
  }
  return { rows, charWidth: charWidthOf(rows) };
}

const blankRow = (): PageRow => ({ text: '', words: [], cells: [], box: null });

/** The rows of a page known only by its text: one row per line, on a character grid. */
export function rowsFromText(text: string): PageRows {
  const rows = cleanText(text)
    .split('\n')
    .map((raw, y): PageRow => {
      const line = repairModalityWords(raw);
      const words: RowWord[] = [...line.matchAll(/\S+/g)].map((m) => ({
        text: m[0],
        start: m.index,
        end: m.index + m[0].length,
        box: [m.index, y, m.index + m[0].length, y + 1],
        confidence: null,
      }));
      const cells = [...line.matchAll(/\S+(?: \S+)*/g)].map((m) => ({
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        x0: m.index,
        x1: m.index + m[0].length,
      }));
      return { text: line, words, cells, box: words.length ? boxOf(words) : null };
    });
  return { rows, charWidth: 1 };
}

/** The x position of a character of a row: inside its word by proportion, else the next word's start. */
export function xAt(row: PageRow, index: number): number {
  for (const w of row.words) {
    if (index < w.start) return w.box[0];
    if (index < w.end) return w.box[0] + ((w.box[2] - w.box[0]) * (index - w.start)) / (w.end - w.start);
  }
  const last = row.words[row.words.length - 1];
  return last ? last.box[2] : index;
}

/** The words of a row that a span of its text touches. */
export function wordsIn(row: PageRow, start: number, end: number): RowWord[] {
  return row.words.filter((w) => w.start < end && w.end > start);
}
