/**
 * The fax reading stage: a file in, per-page text out (text layer or OCR),
 * or an UnreadableFaxError with a French reason a clerk can act on.
 */
import { readFile, stat } from 'node:fs/promises';
import type { FaxReading, PageReading } from '../domain/reading.ts';
import { detectFileKind } from './file-kind.ts';
import { imagePages } from './image-pages.ts';
import { mapInWindow } from './in-order-window.ts';
import { defaultReadLimits, type ReadLimits } from './limits.ts';
import { ocrPage } from './ocr-page.ts';
import type { OcrPool } from './ocr-pool.ts';
import { readPdf } from './pdf-reader.ts';
import { messages, unreadable } from './unreadable.ts';

export { defaultReadLimits, type ReadLimits } from './limits.ts';
export { createOcrPool, type OcrPool, type OcrResult } from './ocr-pool.ts';
export { createBoundedFaxReader, type BoundedFaxReader } from './isolation/bounded-reader.ts';
export { defaultReadBudget, type ReadBudget } from './isolation/budget.ts';

async function load(file: string | Buffer, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(file)) {
    if (file.length > maxBytes) throw unreadable('too-large', messages.tooManyBytes(file.length, maxBytes));
    return file;
  }
  // Size first: never pull an oversized file into memory.
  const { size } = await stat(file);
  if (size > maxBytes) throw unreadable('too-large', messages.tooManyBytes(size, maxBytes));
  return readFile(file);
}

/** Mean OCR confidence over OCR'd pages, weighted by how much text each gave. */
function overallConfidence(pages: PageReading[]): number | null {
  const ocr = pages.filter((p) => p.source === 'ocr' && p.confidence !== null);
  if (ocr.length === 0) return null;
  const weight = (p: PageReading): number => p.text.replace(/\s+/g, '').length;
  const total = ocr.reduce((sum, p) => sum + weight(p), 0);
  if (total === 0) return ocr.reduce((sum, p) => sum + (p.confidence ?? 0), 0) / ocr.length;
  return ocr.reduce((sum, p) => sum + (p.confidence ?? 0) * weight(p), 0) / total;
}

export function createFaxReader(opts: {
  ocr: OcrPool;
  limits?: Partial<ReadLimits>;
  /** Told when the reading of each page starts (1-based), so a watchdog can name the page at fault. */
  onPage?: (index: number) => void;
}): {
  read(file: string | Buffer): Promise<FaxReading>;
} {
  const limits: ReadLimits = { ...defaultReadLimits, ...opts.limits };
  const pool = opts.ocr;

  return {
    async read(file) {
      const buf = await load(file, limits.maxBytes);
      if (buf.length === 0) throw unreadable('empty', messages.empty());
      const kind = detectFileKind(buf);
      if (kind === null) throw unreadable('unsupported', messages.unsupported());

      let pages: PageReading[];
      if (kind === 'pdf') {
        pages = await readPdf(buf, pool, limits, opts.onPage);
      } else {
        const pending = await imagePages(buf, kind, limits);
        pages = await mapInWindow(pending, pool.size, async (page, i) => {
          opts.onPage?.(i + 1);
          return ocrPage(await page.decode(), i + 1, pool, limits.ocrTimeoutMsPerPage);
        });
      }
      return {
        kind,
        pages,
        ocrUsed: pages.some((p) => p.source === 'ocr'),
        confidence: overallConfidence(pages),
      };
    },
  };
}
