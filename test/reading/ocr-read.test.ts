/**
 * Image pages read by OCR. One pool for the file; pages are kept short so
 * the whole file stays at a few seconds of OCR per core.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import Tesseract from 'tesseract.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FaxReading } from '../../src/domain/reading.ts';
import { ocrImage } from '../../src/reading/grey-page.ts';
import { imagePages } from '../../src/reading/image-pages.ts';
import { createFaxReader, createOcrPool, defaultReadLimits, type OcrPool } from '../../src/reading/index.ts';
import { OcrTimeoutError } from '../../src/reading/ocr-pool.ts';
import { rawPage, textPage } from './render-page.ts';

const PAGE_ONE = [
  'Télécopie de : Dr Jean Tremblay   2024-05-01 10:32',
  "Ordonnance d'examen d'imagerie médicale",
  'Examen demandé : échographie abdominale',
  'Téléphone du prescripteur : 418 555-0142',
  'Renseignements cliniques : douleur épigastrique',
];
const PAGE_TWO = [
  'Deuxième page de la demande',
  'Radiographie pulmonaire, comparer avec les examens antérieurs',
  'Joindre le médecin au 514 555-0198',
];

const size = { width: 1728, height: 800 };
const createWorker = vi.spyOn(Tesseract, 'createWorker');
let pool: OcrPool;
let read: (file: string | Buffer) => Promise<FaxReading>;

beforeAll(async () => {
  pool = await createOcrPool({ size: 2 });
  const reader = createFaxReader({ ocr: pool });
  read = async (file) => FaxReading.parse(await reader.read(file));
});

afterAll(async () => {
  await pool?.close();
});

function expectPageOne(text: string): void {
  expect(text).toContain('418 555-0142');
  expect(text).toMatch(/échographie/);
}

async function rotatedPng(degrees: number): Promise<Buffer> {
  const page = await rawPage(textPage(PAGE_ONE, size));
  return sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
    .rotate(degrees, { background: '#ffffff' })
    .threshold(128)
    .toColourspace('b-w')
    .png()
    .toBuffer();
}

describe('OCR of image pages', () => {
  it('reads a 1-bit PNG page', async () => {
    const reading = await read(await textPage(PAGE_ONE, size).png().toBuffer());
    expect(reading.kind).toBe('png');
    expect(reading.ocrUsed).toBe(true);
    const [page] = reading.pages;
    expect(page?.source).toBe('ocr');
    expectPageOne(page?.text ?? '');
    expect(page?.confidence).toBeGreaterThan(70);
    expect(reading.confidence).toBeCloseTo(page?.confidence ?? 0);
    expect(page?.rotation).toBe(0);
    expect(Math.abs(page?.skew ?? 9)).toBeLessThan(0.3);
    expect(page?.greyRatio).toBeLessThan(0.01);
  });

  it('reads a multi-page CCITT G4 TIFF page by page', async () => {
    const one = await rawPage(textPage(PAGE_ONE, size));
    const two = await rawPage(textPage(PAGE_TWO, size));
    const tiff = await sharp(Buffer.concat([one.data, two.data]), {
      raw: { width: one.width, height: one.height * 2, channels: 1, pageHeight: one.height },
    })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 204 / 25.4, yres: 196 / 25.4 })
      .toBuffer();
    const reading = await read(tiff);
    expect(reading.kind).toBe('tiff');
    expect(reading.pages.map((p) => p.index)).toEqual([1, 2]);
    expectPageOne(reading.pages[0]?.text ?? '');
    expect(reading.pages[1]?.text).toContain('514 555-0198');
    expect(reading.pages[1]?.text).toMatch(/Radiographie pulmonaire/);
    expect(reading.pages[0]?.text).not.toContain('514 555-0198');
  });

  it('stretches a normal-resolution (204×98 dpi) fax to square pixels', async () => {
    const fine = await rawPage(textPage(PAGE_ONE, size));
    // Keep every other row, as a fax machine in normal mode scans it.
    const normal = await sharp(fine.data, { raw: { width: fine.width, height: fine.height, channels: 1 } })
      .resize(fine.width, fine.height / 2, { kernel: 'nearest', fit: 'fill' })
      .toColourspace('b-w')
      .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 204 / 25.4, yres: 98 / 25.4 })
      .toBuffer();
    const reading = await read(normal);
    const [page] = reading.pages;
    expect(page?.height).toBeGreaterThanOrEqual(fine.height - 2);
    expect(page?.width).toBe(fine.width);
    expectPageOne(page?.text ?? '');
  });

  it.each([
    [90, 270],
    [180, 180],
  ])('straightens a page turned %i° (applies %i°)', async (turned, applied) => {
    const reading = await read(await rotatedPng(turned));
    const [page] = reading.pages;
    expect(page?.rotation).toBe(applied);
    expectPageOne(page?.text ?? '');
  });

  it('deskews a page fed 2° askew', async () => {
    const reading = await read(await rotatedPng(2));
    const [page] = reading.pages;
    expect(page?.rotation).toBe(0);
    expect(page?.skew).toBeCloseTo(-2, 0);
    expectPageOne(page?.text ?? '');
  });

  it('OCRs an image-only PDF page (pdf-parse rendering)', async () => {
    const png = await textPage(PAGE_ONE, size).png().toBuffer();
    const doc = await PDFDocument.create();
    const image = await doc.embedPng(png);
    // 1728 px at 204 dpi across a letter-width page.
    const page = doc.addPage([612, (612 * size.height) / size.width]);
    page.drawImage(image, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
    const reading = await read(Buffer.from(await doc.save()));
    expect(reading.kind).toBe('pdf');
    expect(reading.pages[0]?.source).toBe('ocr');
    expectPageOne(reading.pages[0]?.text ?? '');
  });

  it('gives a high grey ratio for a photo-like page', async () => {
    const gradient = Buffer.alloc(400 * 300);
    for (let i = 0; i < gradient.length; i++) gradient[i] = (i % 400) * 0.6 + 10;
    const jpeg = await sharp(gradient, { raw: { width: 400, height: 300, channels: 1 } })
      .jpeg()
      .toBuffer();
    const reading = await read(jpeg);
    expect(reading.kind).toBe('jpeg');
    expect(reading.pages[0]?.greyRatio).toBeGreaterThan(0.5);
  });
});

describe('OCR pool', () => {
  it('reuses its workers across recognitions', async () => {
    const startedBefore = createWorker.mock.calls.length;
    expect(pool.size).toBe(2);
    const png = await textPage(['Québec 418 555-0142'], { width: 800, height: 120, top: 80 })
      .png()
      .toBuffer();
    const results = await Promise.all(Array.from({ length: 4 }, () => pool.recognize(png)));
    for (const r of results) expect(r.text).toContain('418 555-0142');
    expect(createWorker.mock.calls.length).toBe(startedBefore);
  });

  it('reads a PGM given its resolution exactly as the PNG of the same pixels that states it', async () => {
    const page = textPage(['Date de naissance : 1985-03-15', 'NAM : TREJ 8503 1512'], {
      width: 1200,
      height: 240,
      top: 90,
    });
    const { data, width, height } = await rawPage(page);
    const png = await sharp(data, { raw: { width, height, channels: 1 } })
      .withMetadata({ density: 204 })
      .png()
      .toBuffer();
    // What the reader sends Tesseract (grey-page.ts): the page as PGM, its resolution beside it.
    const pgm = await ocrImage({ data, width, height, dpi: 204 }, 0);
    const fromPng = await pool.recognize(png);
    const fromPgm = await pool.recognize(pgm.image, { dpi: pgm.dpi });
    expect(fromPgm.text).toContain('1985-03-15');
    expect(fromPgm.tsv).toBe(fromPng.tsv);
  });

  it('tells a worker the resolution only when it changes, and lets a PNG state its own again', async () => {
    const one = await createOcrPool({ size: 1 });
    try {
      const worker = (await createWorker.mock.results.at(-1)?.value) as Tesseract.Worker;
      const setParameters = vi.spyOn(worker, 'setParameters');
      const { data, width, height } = await rawPage(
        textPage(['Montréal'], { width: 600, height: 120, top: 80 }),
      );
      const { image: pgm } = await ocrImage({ data, width, height, dpi: null }, 0);
      const png = await sharp(data, { raw: { width, height, channels: 1 } })
        .png()
        .toBuffer();
      await one.recognize(pgm, { dpi: 200 });
      await one.recognize(pgm, { dpi: 200 });
      await one.recognize(pgm, { dpi: 300 });
      const last = await one.recognize(png);
      expect(last.text).toMatch(/Montréal/);
      expect(setParameters.mock.calls.map(([p]) => p)).toEqual([
        { user_defined_dpi: '200' },
        { user_defined_dpi: '300' },
        { user_defined_dpi: '0' },
      ]);
    } finally {
      await one.close();
    }
  });

  it('times out a page, replaces the worker and keeps working', async () => {
    const png = await textPage(PAGE_ONE, size).png().toBuffer();
    const startedBefore = createWorker.mock.calls.length;
    await expect(pool.recognize(png, { timeoutMs: 1 })).rejects.toBeInstanceOf(OcrTimeoutError);
    const small = await textPage(['Montréal'], { width: 600, height: 120, top: 80 }).png().toBuffer();
    const after = await pool.recognize(small);
    expect(after.text).toMatch(/Montréal/);
    expect(createWorker.mock.calls.length).toBe(startedBefore + 1);
  });

  it('refuses to start on a language folder with a bad model, with a clear error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faxdesk-badlang-'));
    await writeFile(join(dir, 'fra.traineddata.gz'), 'not a model');
    await expect(createOcrPool({ size: 1, langDir: dir })).rejects.toThrow(/fra .*not a gzip/);
  });
});

function hasTiffcp(): boolean {
  try {
    execFileSync('tiffcp', [], { stdio: 'ignore' });
    return true;
  } catch (error) {
    return (
      (error as { status?: number }).status !== undefined && (error as { code?: string }).code !== 'ENOENT'
    );
  }
}

// tiffcp (Debian libtiff-tools) writes the Group 3 variants sharp cannot; CI installs it.
describe.skipIf(!hasTiffcp() && !process.env.CI)('CCITT Group 3 TIFF', () => {
  it.each(['g3:1d', 'g3:1d:fill', 'g3:2d', 'g3:2d:fill'])(
    'decodes %s like the G4 original',
    async (scheme) => {
      const dir = await mkdtemp(join(tmpdir(), 'faxdesk-g3-'));
      const g4 = await textPage(PAGE_TWO, { width: 1728, height: 400 })
        .tiff({ compression: 'ccittfax4', bitdepth: 1, xres: 204 / 25.4, yres: 196 / 25.4 })
        .toBuffer();
      await writeFile(join(dir, 'g4.tif'), g4);
      execFileSync('tiffcp', ['-c', scheme, join(dir, 'g4.tif'), join(dir, 'g3.tif')]);
      const g3 = await readFile(join(dir, 'g3.tif'));
      expect(g3.readUInt16LE(2)).toBe(42);
      const [original] = await imagePages(g4, 'tiff', defaultReadLimits);
      const [variant] = await imagePages(g3, 'tiff', defaultReadLimits);
      const a = await original?.decode();
      const b = await variant?.decode();
      expect(b?.width).toBe(a?.width);
      expect(b?.height).toBe(a?.height);
      expect(b?.data.equals(a?.data ?? Buffer.alloc(0))).toBe(true);
    },
  );
});
