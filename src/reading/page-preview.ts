/**
 * The original fax pages as images a browser shows (the console's "original pages" view): TIFF
 * pages through sharp (fax "normal" mode pixels are twice as tall as wide: stretched back to
 * square), PDF pages rendered by pdf.js (pdf-parse), PNG/JPEG as they are.
 *
 * These read untrusted bytes: they run in a bounded reading process (isolation/), never on the
 * console's event loop.
 */
import { PDFParse, VerbosityLevel } from 'pdf-parse';
import sharp from 'sharp';
import { detectFileKind } from './file-kind.ts';
import { defaultReadLimits } from './limits.ts';
import { readTiffPages } from './tiff-directory.ts';

/** Wide enough to read a fax comfortably, small enough to load fast. */
const PAGE_WIDTH_PX = 1200;
const PDF_SCALE = 1.6;

/** The page cannot be shown (no such page, broken file); the console answers 404. */
export class PreviewUnavailableError extends Error {
  override name = 'PreviewUnavailableError';
}

async function pdfPageCount(buf: Buffer): Promise<number> {
  const parser = new PDFParse({ data: new Uint8Array(buf), verbosity: VerbosityLevel.ERRORS });
  try {
    return (await parser.getInfo()).total;
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

/** How many pages the console offers; 0 for a file it cannot show (offered for download only). */
export async function previewPageCount(buf: Buffer): Promise<number> {
  try {
    switch (detectFileKind(buf)) {
      case 'tiff':
        return readTiffPages(buf, defaultReadLimits).length;
      case 'pdf':
        return await pdfPageCount(buf);
      case 'png':
      case 'jpeg':
        return 1;
      case null:
        return 0;
    }
  } catch {
    return 0;
  }
}

async function tiffPagePng(buf: Buffer, index: number): Promise<Buffer> {
  const info = readTiffPages(buf, defaultReadLimits)[index];
  if (!info) throw new PreviewUnavailableError('no such page');
  const ratio = info.xResolution && info.yResolution ? info.xResolution / info.yResolution : 1;
  const height = Math.round(info.height * (ratio > 0.25 && ratio < 4 ? ratio : 1));
  const width = Math.min(PAGE_WIDTH_PX, info.width);
  return sharp(buf, { page: index, failOn: 'error', limitInputPixels: defaultReadLimits.maxPixelsPerPage })
    .resize({ width: info.width, height, fit: 'fill' })
    .resize({ width })
    .png({ palette: true, colours: 16 })
    .toBuffer();
}

async function pdfPagePng(buf: Buffer, index: number): Promise<Buffer> {
  const parser = new PDFParse({ data: new Uint8Array(buf), verbosity: VerbosityLevel.ERRORS });
  try {
    const info = await parser.getInfo({ parsePageInfo: true, partial: [index + 1] });
    const size = info.pages[0];
    if (!size || !(size.width > 0) || !(size.height > 0)) throw new PreviewUnavailableError('no size');
    const scale = Math.min(
      PDF_SCALE,
      Math.sqrt(defaultReadLimits.maxPixelsPerPage / (size.width * size.height)),
    );
    const shot = await parser.getScreenshot({
      partial: [index + 1],
      scale,
      imageDataUrl: false,
      imageBuffer: true,
    });
    const png = shot.pages[0]?.data;
    if (!png || png.length === 0) throw new PreviewUnavailableError('no image');
    return sharp(Buffer.from(png))
      .resize({ width: PAGE_WIDTH_PX, withoutEnlargement: true })
      .png()
      .toBuffer();
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

async function imagePng(buf: Buffer): Promise<Buffer> {
  return sharp(buf, { failOn: 'error', limitInputPixels: defaultReadLimits.maxPixelsPerPage })
    .rotate()
    .resize({ width: PAGE_WIDTH_PX, withoutEnlargement: true })
    .png()
    .toBuffer();
}

/** Page `index` (0-based) as a PNG; throws PreviewUnavailableError when it cannot be shown. */
export async function previewPagePng(buf: Buffer, index: number): Promise<Buffer> {
  try {
    switch (detectFileKind(buf)) {
      case 'tiff':
        return await tiffPagePng(buf, index);
      case 'pdf':
        return await pdfPagePng(buf, index);
      case 'png':
      case 'jpeg':
        if (index !== 0) throw new PreviewUnavailableError('no such page');
        return await imagePng(buf);
      case null:
        throw new PreviewUnavailableError('unknown kind');
    }
  } catch (error) {
    if (error instanceof PreviewUnavailableError) throw error;
    throw new PreviewUnavailableError('render failed', { cause: error });
  }
}
