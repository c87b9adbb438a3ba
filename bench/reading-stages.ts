/**
 * Where a page's reading time goes, stage by stage, outside OCR: `npx tsx bench/reading-stages.ts
 * FILE…` (TIFF and image-only PDF pages) prints milliseconds summed over all pages for decoding,
 * the grey ratio, binarising, orientation and skew, rotating into Tesseract's input, OCR itself,
 * and the layout built from its TSV. The desk's "overhead beside OCR" (npm run bench) is the sum of
 * the stages other than OCR, plus parsing, validation and storing.
 */
import { readFile } from 'node:fs/promises';
import { binariseDownscaled } from '../src/reading/binary-image.ts';
import { type GreyPage, greyRatio, ocrImage } from '../src/reading/grey-page.ts';
import { imagePages } from '../src/reading/image-pages.ts';
import { defaultReadLimits } from '../src/reading/limits.ts';
import { layoutFromTsv } from '../src/reading/ocr-layout.ts';
import { createOcrPool } from '../src/reading/ocr-pool.ts';
import { findOrientation } from '../src/reading/page-orientation.ts';
import { faxPageImage, openPageImages } from '../src/reading/pdf-page-image.ts';

const pool = await createOcrPool({ size: 1 });
const totals: Record<string, number> = {};
async function timed<T>(stage: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    totals[stage] = (totals[stage] ?? 0) + performance.now() - started;
  }
}

async function pagesOf(file: string): Promise<(() => Promise<GreyPage | null>)[]> {
  const bytes = await readFile(file);
  if (/\.pdf$/i.test(file)) {
    const doc = await openPageImages(bytes);
    const count = doc?.getPageCount() ?? 0;
    return Array.from({ length: count }, (_, i) => () => faxPageImage(doc!, i + 1, defaultReadLimits));
  }
  return (await imagePages(bytes, 'tiff', defaultReadLimits)).map((p) => () => p.decode());
}

let pages = 0;
for (const file of process.argv.slice(2)) {
  for (const decode of await pagesOf(file)) {
    const page = await timed('decode', decode);
    if (!page) continue; // a PDF page pdf.js must draw: not measured here
    pages += 1;
    await timed('grey ratio', () => greyRatio(page));
    const binary = await timed('binarise', () => binariseDownscaled(page));
    const orientation = await timed('orientation', () => findOrientation(binary));
    const input = await timed('rotate + PGM', () => ocrImage(page, orientation.rotation + orientation.skew));
    const result = await timed('OCR', () => pool.recognize(input.image, { dpi: input.dpi }));
    await timed('layout', () => layoutFromTsv(result.tsv, page.width, page.height));
  }
}
await pool.close();
console.log(`${pages} pages`);
for (const [stage, ms] of Object.entries(totals)) {
  console.log(
    `${stage.padEnd(14)} ${ms.toFixed(0).padStart(7)} ms  (${(ms / Math.max(1, pages)).toFixed(0)} ms a page)`,
  );
}
