/**
 * The cover's form code dropped by full-page OCR is looked for once more in a band around the
 * cover, and only then: a page that has it, or has no cover, is never read twice.
 */
import { describe, expect, it } from 'vitest';
import { coverCodeBlock, missingCoverCodeBand } from '../../src/reading/cover-code.ts';
import type { GreyPage } from '../../src/reading/grey-page.ts';
import { ocrPage } from '../../src/reading/ocr-page.ts';
import type { OcrPool, OcrResult } from '../../src/reading/ocr-pool.ts';
import { ocrLayout } from '../parsing/layout-builder.ts';

const COVER_ROWS = [
  'Cette télécopie a transité par un système de télécopie infonuagique (web fax) soutenu',
  'par le ministère de la Santé et des Services sociaux (MSSS).',
  'IMPORTANT : Ne jamais répondre au numéro de télécopie unique apparaissant dans',
  'AVIS DE CONFIDENTIALITÉ : Ce message peut renfermer des renseignements protégés ou',
  'des informations confidentielles.',
];
const ORDER_ROWS = ['', 'Nom : Gagnon   Prénom : Luce', 'Examen : Échographie abdominale'];

const text = (rows: string[]) => rows.join('\n');

describe('the band read again for the cover’s form code', () => {
  it('is asked for when the cover’s sentences were read but not its code, and spans the cover with margins', () => {
    const rows = ['2026-11-02 09:14  De : 418-425-6508 Luc Fournier', '', ...COVER_ROWS, ...ORDER_ROWS];
    const band = missingCoverCodeBand(text(rows), ocrLayout(rows));
    // ocrLayout: row y spans [30y, 30y + 20]; the cover is rows 2–6, line height 20, margin 3 lines.
    // Cover from y = 60 to 200: the band from 0 (60 less three lines, clamped) to 260.
    expect(band).toEqual({ top: 0, height: 260 });
  });

  it('is not asked for when the code was read, nor on a page without the cover', () => {
    const withCode = [...COVER_ROWS, '                                   21-210-184W', ...ORDER_ROWS];
    expect(missingCoverCodeBand(text(withCode), ocrLayout(withCode))).toBeNull();
    expect(missingCoverCodeBand(text(ORDER_ROWS), ocrLayout(ORDER_ROWS))).toBeNull();
  });

  it('keeps only the band’s lines that hold the code (one OCR slip allowed), moved to the page', () => {
    const band = ocrLayout(['des informations confidentielles.', '              21.210-184W']);
    const block = coverCodeBlock(band, 500);
    expect(block?.lines.map((l) => l.words.map((w) => w.text).join(' '))).toEqual(['21.210-184W']);
    expect(block?.box[1]).toBe(530);
    expect(coverCodeBlock(ocrLayout(['des informations confidentielles.', 'Nom : Gagnon']), 0)).toBeNull();
  });
});

/** TSV rows the way Tesseract writes them (level 5 = word), from rows of text. */
function tsv(rows: string[], top = 0): string {
  const out = [
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
  ];
  rows.forEach((row, y) => {
    for (const m of row.matchAll(/\S+/g)) {
      const cols = [5, 1, y + 1, 1, 1, 1, m.index * 10, top + y * 30, m[0].length * 10, 20, 95, m[0]];
      out.push(cols.join('\t'));
    }
  });
  return out.join('\n');
}

/** A pool that answers from a script and remembers the height of each picture it was given. */
function scriptedPool(answers: OcrResult[]): OcrPool & { heights: number[] } {
  const heights: number[] = [];
  return {
    heights,
    size: 1,
    recognize(image) {
      // PGM: "P5\n<w> <h>\n255\n".
      heights.push(Number(image.toString('latin1', 0, 40).split(/\s+/)[2]));
      const next = answers.shift();
      return next ? Promise.resolve(next) : Promise.reject(new Error('unexpected OCR call'));
    },
    close: () => Promise.resolve(),
  };
}

const whitePage = (): GreyPage => ({ data: Buffer.alloc(600 * 800, 255), width: 600, height: 800, dpi: 200 });

describe('a page whose cover code full-page OCR dropped', () => {
  const rows = ['', ...COVER_ROWS, ...ORDER_ROWS];
  const first: OcrResult = { text: text(rows), confidence: 90, tsv: tsv(rows) };

  it('reads the band around the cover again and adds the code to the page’s text and words', async () => {
    const pool = scriptedPool([
      first,
      { text: '21-210-184W', confidence: 80, tsv: tsv(['', '', '   21-210-184W']) },
    ]);
    const page = await ocrPage(whitePage(), 1, pool, 10_000);
    expect(pool.heights).toHaveLength(2);
    expect(pool.heights[1]).toBeLessThan(pool.heights[0]! / 2);
    expect(page.text).toContain('21-210-184W');
    const words = page.layout!.blocks.flatMap((b) => b.lines.flatMap((l) => l.words));
    const code = words.find((w) => w.text === '21-210-184W');
    // The band starts three line heights above the cover's first row (row 1, y = 30): at 0.
    expect(code?.box[1]).toBe(60);
  });

  it('adds nothing when the second look does not find it either', async () => {
    const pool = scriptedPool([
      first,
      { text: 'des informations', confidence: 80, tsv: tsv(['des informations']) },
    ]);
    const page = await ocrPage(whitePage(), 1, pool, 10_000);
    expect(page.text).not.toContain('21-210');
    expect(pool.heights).toHaveLength(2);
  });

  it('is not read twice when the code is there', async () => {
    const withCode = [...rows, '     21-210-184W'];
    const pool = scriptedPool([{ text: text(withCode), confidence: 90, tsv: tsv(withCode) }]);
    await ocrPage(whitePage(), 1, pool, 10_000);
    expect(pool.heights).toHaveLength(1);
  });
});
