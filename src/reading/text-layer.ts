/**
 * A PDF page's text layer in reading order: lines top to bottom, cells left to right.
 *
 * Content streams draw text in whatever order the producing software chose; a fax server that
 * stamps its transmission header on an existing PDF appends it last, so the header (which must
 * be "at the top of the first page") would come out at the end of the text. Sorting the text
 * items by position gives what a reader — and OCR — sees. A wide horizontal gap between two
 * items on a line is kept as a column gap (3 spaces), a tall vertical gap as a blank line.
 */
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { unionBox, type LayoutLine, type LayoutWord, type PageLayout } from '../domain/layout.ts';

interface PositionedText {
  str: string;
  x: number;
  /** Baseline, PDF user space (grows upwards). */
  y: number;
  width: number;
  /** Font size (height of the text item). */
  size: number;
}

interface TextLine {
  y: number;
  size: number;
  items: PositionedText[];
}

/** Share of the font size two baselines may differ by and still be one line (sub/superscripts, rounding). */
const SAME_LINE = 0.45;
/** A horizontal gap wider than this many font sizes separates two cells (a form's columns). */
const CELL_GAP = 1.2;
/** A word space is about a quarter of the font size; smaller gaps join glyph runs of one word. */
const WORD_GAP = 0.15;
/** Baselines further apart than this many font sizes have a blank line between them. */
const PARAGRAPH_GAP = 2.1;

function isTextItem(
  item: unknown,
): item is { str: string; transform: number[]; width: number; height: number } {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

function toLines(items: PositionedText[]): TextLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: TextLine[] = [];
  for (const item of sorted) {
    const line = lines.find((l) => Math.abs(l.y - item.y) <= Math.max(l.size, item.size) * SAME_LINE);
    if (line) {
      line.items.push(item);
      line.size = Math.max(line.size, item.size);
    } else {
      lines.push({ y: item.y, size: item.size, items: [item] });
    }
  }
  return lines.sort((a, b) => b.y - a.y);
}

function lineText(line: TextLine): string {
  const items = [...line.items].sort((a, b) => a.x - b.x);
  let out = '';
  let end: number | null = null;
  for (const item of items) {
    if (end !== null) {
      const gap = item.x - end;
      if (gap > line.size * CELL_GAP) out = out.trimEnd() + '   ';
      else if (gap > line.size * WORD_GAP && !/\s$/.test(out) && !/^\s/.test(item.str)) out += ' ';
    }
    out += item.str;
    end = item.x + item.width;
  }
  return out.replace(/\s+$/, '');
}

/** The text of a page laid out by position. */
export function layoutText(items: PositionedText[]): string {
  const lines = toLines(items.filter((i) => i.str.trim().length > 0));
  const out: string[] = [];
  let prev: TextLine | null = null;
  for (const line of lines) {
    if (prev && prev.y - line.y > Math.max(prev.size, line.size) * PARAGRAPH_GAP) out.push('');
    out.push(lineText(line));
    prev = line;
  }
  return out.join('\n');
}

/** Ascent and descent as shares of the font size, for a word's box from its baseline. */
const ASCENT = 0.8;
const DESCENT = 0.2;

/** An item's words, each with a box estimated from its share of the item's characters. */
function itemWords(item: PositionedText, pageHeight: number): LayoutWord[] {
  const words: LayoutWord[] = [];
  const perChar = item.str.length > 0 ? item.width / item.str.length : 0;
  const top = pageHeight - item.y - item.size * ASCENT;
  const bottom = pageHeight - item.y + item.size * DESCENT;
  for (const m of item.str.matchAll(/\S+/g)) {
    const x0 = item.x + (m.index ?? 0) * perChar;
    words.push({ text: m[0], box: [x0, top, x0 + m[0].length * perChar, bottom], confidence: null });
  }
  return words;
}

/**
 * The page tree of a text layer: each visual line cut into cells at wide gaps (a cell is a
 * line of its own, as OCR gives a form's columns), lines gathered into blocks at paragraph gaps.
 */
export function layoutTree(items: PositionedText[], width: number, height: number): PageLayout {
  const blocks: PageLayout['blocks'] = [];
  let current: LayoutLine[] = [];
  let prev: TextLine | null = null;
  const flush = (): void => {
    if (current.length) blocks.push({ box: unionBox(current.map((l) => l.box)), lines: current });
    current = [];
  };
  for (const line of toLines(items.filter((i) => i.str.trim().length > 0))) {
    if (prev && prev.y - line.y > Math.max(prev.size, line.size) * PARAGRAPH_GAP) flush();
    prev = line;
    let cell: LayoutWord[] = [];
    let end: number | null = null;
    const cut = (): void => {
      if (cell.length) current.push({ box: unionBox(cell.map((w) => w.box)), words: cell });
      cell = [];
    };
    for (const item of [...line.items].sort((a, b) => a.x - b.x)) {
      if (end !== null && item.x - end > line.size * CELL_GAP) cut();
      const words = itemWords(item, height);
      // Glyph runs of one word drawn as separate items are joined back.
      const last = cell[cell.length - 1];
      const first = words[0];
      if (last && first && end !== null && item.x - end <= line.size * WORD_GAP && !/^\s/.test(item.str)) {
        last.text += first.text;
        last.box = unionBox([last.box, first.box]);
        words.shift();
      }
      cell.push(...words);
      end = item.x + item.width;
    }
    cut();
  }
  flush();
  return { width, height, unit: 'pt', blocks };
}

/** Opens a PDF for text extraction (its own copy of the bytes: pdf.js takes ownership of them). */
export async function openTextLayer(buf: Buffer): Promise<PDFDocumentProxy> {
  return getDocument({ data: new Uint8Array(buf), verbosity: 0, isEvalSupported: false }).promise;
}

/** One page's text layer (1-based index), in reading order, and as a tree with positions. */
export async function pageTextLayer(
  doc: PDFDocumentProxy,
  index: number,
): Promise<{ text: string; layout: PageLayout }> {
  const page = await doc.getPage(index);
  try {
    const [, , pageWidth = 612, pageHeight = 792] = page.view;
    const content = await page.getTextContent();
    const items: PositionedText[] = [];
    for (const item of content.items) {
      if (!isTextItem(item)) continue;
      const [a = 0, b = 0, , , e = 0, f = 0] = item.transform;
      const size = item.height > 0 ? item.height : Math.hypot(a, b);
      items.push({ str: item.str, x: e, y: f, width: item.width, size: size > 0 ? size : 10 });
    }
    return { text: layoutText(items), layout: layoutTree(items, pageWidth, pageHeight) };
  } finally {
    page.cleanup();
  }
}
