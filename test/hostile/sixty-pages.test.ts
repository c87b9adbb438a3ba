/**
 * A 60-page fax goes through OCR, page by page, within memory bounds. The intake runs
 * in a child process (sixty-pages-runner.ts) so its peak RSS can be read alone.
 * Pages 2–60 carry one line each, to keep OCR time low while every page is still OCR'd.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/stores/sqlite/index.ts';
import {
  buildCorpus,
  encodeG4,
  FINE_DPI,
  renderBitmaps,
  writeG4Tiff,
  type Bitmap,
} from '../fixtures/index.ts';
import { rawPage, textPage } from '../reading/render-page.ts';
import { goodFax } from './harness.ts';

const PAGES = 60;
const runner = join(import.meta.dirname, 'sixty-pages-runner.ts');
let root: string;

async function lineBitmap(text: string, width: number, height: number): Promise<Bitmap> {
  const raw = await rawPage(textPage([text], { width, height }));
  return { ...raw, xRes: FINE_DPI.x, yRes: FINE_DPI.y };
}

async function sixtyPageTiff(): Promise<Buffer> {
  const [entry] = buildCorpus({ seed: 8, count: 1, scenarios: ['valid'], formats: ['tiff'], degrade: false });
  const first = await renderBitmaps(entry!.spec, entry!.degrade);
  const { width, height } = first[0]!;
  const pages = [...first];
  while (pages.length < PAGES)
    pages.push(await lineBitmap(`Page ${pages.length + 1} de ${PAGES}`, width, height));
  return writeG4Tiff(await Promise.all(pages.map(encodeG4)));
}

function runChild(workers: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', runner, root, String(workers)],
      { timeout: 540_000, maxBuffer: 16 * 2 ** 20 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'faxdesk-sixty-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('a 60-page fax', () => {
  it('is read page by page through OCR within memory bounds, and the next fax after it too', async () => {
    const tiff = await sixtyPageTiff();
    await mkdir(join(root, 'inbox'));
    await writeFile(join(root, 'inbox', 'a-soixante-pages.tif'), tiff);
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(join(root, 'inbox', 'b-suivante.pdf'), await goodFax());

    const out = JSON.parse(await runChild(2)) as {
      outcomes: { kind: string }[];
      seconds: number;
      rssAfterStartBytes: number;
      maxRssBytes: number;
    };
    const mib = (b: number) => Math.round(b / 2 ** 20);
    console.log(
      `60 pages: ${out.seconds.toFixed(1)} s, max RSS ${mib(out.maxRssBytes)} MiB ` +
        `(${mib(out.rssAfterStartBytes)} MiB after the OCR pool started), TIFF ${Math.round(tiff.length / 1024)} KiB`,
    );
    expect(out.outcomes.map((o) => o.kind)).toEqual(['stored', 'stored']);
    expect(out.maxRssBytes).toBeLessThan(1.5 * 2 ** 30);

    const store = openSqliteStore(join(root, 'faxdesk.sqlite'));
    try {
      const [next, fax] = await store.listFaxes();
      expect(fax!.originalName).toBe('a-soixante-pages.tif');
      expect(fax!.pageCount).toBe(PAGES);
      expect(fax!.ocrUsed).toBe(true);
      const pages = await store.getPages(fax!.id);
      expect(pages.map((p) => p.index)).toEqual(Array.from({ length: PAGES }, (_, i) => i + 1));
      expect(pages.every((p) => p.source === 'ocr')).toBe(true);
      expect(pages[PAGES - 1]!.text).toMatch(/Page 60 de 60/);
      expect(fax!.order?.exam).toBeTruthy();
      expect(await readFile(fax!.archivePath!)).toEqual(tiff);
      expect(next!.originalName).toBe('b-suivante.pdf');
    } finally {
      await store.close();
    }
  }, 600_000);
});
