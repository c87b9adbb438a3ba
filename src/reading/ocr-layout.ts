/**
 * Tesseract's TSV output as the page tree. TSV rather than tesseract.js's `blocks` output: it
 * holds the same block/paragraph/line/word numbering and boxes without one object per glyph,
 * so it is a fraction of the size to build and to pass between threads.
 *
 * A Tesseract paragraph becomes a block: it is the unit that keeps one column of one form cell
 * or one paragraph of prose together, which is what field readers need.
 */
import { unionBox, type LayoutBlock, type LayoutLine, type PageLayout } from '../domain/layout.ts';

const WORD_LEVEL = '5';

export function layoutFromTsv(tsv: string, width: number, height: number): PageLayout {
  const blocks = new Map<string, Map<string, LayoutLine>>();
  for (const row of tsv.split('\n')) {
    const cols = row.split('\t');
    if (cols[0] !== WORD_LEVEL || cols.length < 12) continue;
    const text = (cols.slice(11).join('\t') ?? '').trim();
    if (text === '') continue;
    const [, , block, par, line, , left, top, w, h, conf] = cols;
    const x0 = Number(left);
    const y0 = Number(top);
    const blockKey = `${block}.${par}`;
    let lines = blocks.get(blockKey);
    if (!lines) blocks.set(blockKey, (lines = new Map()));
    let l = lines.get(line ?? '');
    if (!l) lines.set(line ?? '', (l = { box: [0, 0, 0, 0], words: [] }));
    const c = Number(conf);
    l.words.push({
      text,
      box: [x0, y0, x0 + Number(w), y0 + Number(h)],
      confidence: Number.isFinite(c) ? Math.max(0, Math.min(100, c)) : 0,
    });
  }
  const out: LayoutBlock[] = [];
  for (const lines of blocks.values()) {
    const ls = [...lines.values()];
    for (const l of ls) l.box = unionBox(l.words.map((w) => w.box));
    out.push({ box: unionBox(ls.map((l) => l.box)), lines: ls });
  }
  return { width, height, unit: 'px', blocks: out };
}
