/**
 * The fax PDF's short cut (src/reading/pdf-page-image.ts): a page that is one CCITT or JPEG
 * picture is decoded by libvips instead of drawn by pdf.js, and must give the reader the same
 * pixels pdf.js would; any page it does not fully understand is left to pdf.js.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { GreyPage } from '../../src/reading/grey-page.ts';
import { defaultReadLimits } from '../../src/reading/limits.ts';
import { faxPageImage, openPageImages } from '../../src/reading/pdf-page-image.ts';
import { renderPage } from '../../src/reading/pdf-reader.ts';
import { MAX_RENDER_PIXELS } from '../../src/reading/pdf-render-scale.ts';
import { openTextLayer } from '../../src/reading/text-layer.ts';
import { g4Pdf } from '../fixtures/pdf.ts';
import { encodeG4 } from '../fixtures/tiff.ts';
import { rawPage, textPage } from './render-page.ts';

const LINES = ['Nom : Tremblay   Prénom : Geneviève', 'NAM : TREG 6852 1234', 'Examen : Échographie rénale'];

async function faxBitmap(yRes: number) {
  const height = yRes < 150 ? 1088 : 2176;
  const page = await rawPage(textPage(LINES, { width: 1728, height, fontSize: yRes < 150 ? 17 : 34 }));
  return { ...page, xRes: 204, yRes };
}

function meanDifference(a: GreyPage, b: GreyPage): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs((a.data[i] as number) - (b.data[i] as number));
  return sum / a.data.length;
}

function inkShare(page: GreyPage): number {
  let ink = 0;
  for (const v of page.data) if (v < 128) ink += 1;
  return ink / page.data.length;
}

async function bothWays(pdf: Buffer): Promise<{ fast: GreyPage | null; drawn: GreyPage }> {
  const images = await openPageImages(pdf);
  const fast = images && (await faxPageImage(images, 1, defaultReadLimits));
  const doc = await openTextLayer(pdf);
  try {
    return { fast, drawn: await renderPage(doc, 1, defaultReadLimits) };
  } finally {
    await doc.destroy();
  }
}

/** A one-image page built by hand, to vary what the short cut must refuse. */
async function imagePdf(opts: {
  data: Uint8Array;
  width: number;
  height: number;
  filter: 'CCITTFaxDecode' | 'DCTDecode';
  extra?: Record<string, unknown>;
  params?: Record<string, unknown>;
  content?: (w: number, h: number) => string;
  /** The page's size in points; by default the picture's at 204 × 196 dpi. */
  page?: [number, number];
}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const [w, h] = opts.page ?? [(opts.width * 72) / 204, (opts.height * 72) / 196];
  const image = pdf.context.stream(opts.data, {
    Type: 'XObject',
    Subtype: 'Image',
    Width: opts.width,
    Height: opts.height,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: opts.filter === 'DCTDecode' ? 8 : 1,
    Filter: opts.filter,
    ...(opts.filter === 'CCITTFaxDecode'
      ? { DecodeParms: { K: -1, Columns: opts.width, Rows: opts.height, ...opts.params } }
      : {}),
    ...opts.extra,
  });
  const page = pdf.addPage([w, h]);
  page.node.setXObject(PDFName.of('Im0'), pdf.context.register(image));
  const content = opts.content?.(w, h) ?? `q ${w.toFixed(3)} 0 0 ${h.toFixed(3)} 0 0 cm /Im0 Do Q`;
  page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.stream(content)));
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

describe('a fax page that is one picture', () => {
  it.each([
    ['fine (204 × 196 dpi)', 196],
    ['normal (204 × 98 dpi, rows stretched)', 98],
  ])('G4, %s: decoded natively into the pixels pdf.js would draw', async (_, yRes) => {
    const pdf = await g4Pdf([await encodeG4(await faxBitmap(yRes))]);
    const { fast, drawn } = await bothWays(pdf);
    expect(fast).not.toBeNull();
    expect(fast?.dpi).toBe(200);
    // Bilinear like the canvas: well under one grey level apart on average, and real ink on it.
    expect(meanDifference(fast as GreyPage, drawn)).toBeLessThan(1);
    expect(inkShare(fast as GreyPage)).toBeGreaterThan(0.0005);
  });

  it('JPEG (a photographed order): decoded natively into the pixels pdf.js would draw', async () => {
    const page = await faxBitmap(196);
    const jpeg = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
      .blur(1.2)
      .jpeg({ quality: 85 })
      .toBuffer();
    const pdf = await imagePdf({ data: jpeg, width: page.width, height: page.height, filter: 'DCTDecode' });
    const { fast, drawn } = await bothWays(pdf);
    expect(fast).not.toBeNull();
    expect(meanDifference(fast as GreyPage, drawn)).toBeLessThan(2);
  });
});

describe('a picture laid over a poster-sized page', () => {
  it('is scaled to the same bounded page pdf.js draws, never to a giant raster', async () => {
    const g4 = await encodeG4(await faxBitmap(196));
    const pdf = await imagePdf({ ...g4, filter: 'CCITTFaxDecode', page: [20_000, 25_000] });
    const { fast, drawn } = await bothWays(pdf);
    expect(fast).not.toBeNull();
    expect((fast as GreyPage).width * (fast as GreyPage).height).toBeLessThanOrEqual(MAX_RENDER_PIXELS);
    expect(meanDifference(fast as GreyPage, drawn)).toBeLessThan(1);
  });
});

describe('pages left to pdf.js', () => {
  const g4 = async () => encodeG4(await faxBitmap(196));

  it.each<[string, (g: Awaited<ReturnType<typeof g4>>) => Parameters<typeof imagePdf>[0]]>([
    [
      'text drawn over the picture (a stamped header line)',
      (g) => ({
        ...g,
        filter: 'CCITTFaxDecode',
        content: (w, h) => `q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q BT /F1 12 Tf 10 10 Td (x) Tj ET`,
      }),
    ],
    [
      'a picture over part of the page only',
      (g) => ({
        ...g,
        filter: 'CCITTFaxDecode',
        content: (w, h) => `q ${w / 2} 0 0 ${h / 2} 0 0 cm /Im0 Do Q`,
      }),
    ],
    [
      'a turned picture',
      (g) => ({ ...g, filter: 'CCITTFaxDecode', content: (w, h) => `q 0 ${h} ${-w} 0 ${w} 0 cm /Im0 Do Q` }),
    ],
    ['BlackIs1 (ink coded as 1)', (g) => ({ ...g, filter: 'CCITTFaxDecode', params: { BlackIs1: true } })],
    ['an inverting /Decode', (g) => ({ ...g, filter: 'CCITTFaxDecode', extra: { Decode: [1, 0] } })],
    [
      'columns that are not the width',
      (g) => ({ ...g, filter: 'CCITTFaxDecode', params: { Columns: 1000 } }),
    ],
    [
      'CCITT data that is garbage',
      (g) => ({ ...g, data: Buffer.alloc(2000, 0x5a), filter: 'CCITTFaxDecode' }),
    ],
  ])('%s', async (_, make) => {
    const pdf = await imagePdf(make(await g4()));
    const images = await openPageImages(pdf);
    expect(images).not.toBeNull();
    expect(await faxPageImage(images as PDFDocument, 1, defaultReadLimits)).toBeNull();
  });

  it('a picture larger than the page limit is never decoded here', async () => {
    const pdf = await g4Pdf([await g4()]);
    const images = await openPageImages(pdf);
    const limits = { ...defaultReadLimits, maxPixelsPerPage: 1_000_000 };
    expect(await faxPageImage(images as PDFDocument, 1, limits)).toBeNull();
  });

  it('a file that is no PDF, or has no such page, gives null, not an error', async () => {
    // pdf-lib is lenient: it may open such bytes as a document without pages.
    for (const bytes of [Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('%PDF-1.4\n garbage')]) {
      const images = await openPageImages(bytes);
      expect(images === null || (await faxPageImage(images, 1, defaultReadLimits)) === null).toBe(true);
    }
  });
});
