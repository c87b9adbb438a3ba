/**
 * Decodes the pages of a TIFF, PNG or JPEG into grey pixels with square
 * pixels, after the structure and size checks that must come first.
 */
import sharp, { type Metadata, type Sharp } from 'sharp';
import type { FileKind } from '../domain/reading.ts';
import { type GreyPage, squarePixels, toGreyPage } from './grey-page.ts';
import type { ReadLimits } from './limits.ts';
import { readTiffPages, type TiffPage } from './tiff-directory.ts';
import { messages, unreadable } from './unreadable.ts';

/** A page that can be decoded on demand, so only one page is in memory at a time. */
export interface PendingPage {
  decode(): Promise<GreyPage>;
}

function dpi(value: number | null, unit: number): number | null {
  if (!value) return null;
  if (unit === 3) return value * 2.54;
  if (unit === 2) return value;
  return null;
}

function decodeError(kind: FileKind, error: unknown): Error {
  const detail = 'décodage impossible';
  if (kind === 'tiff') return unreadable('corrupt', messages.corruptTiff(detail), error);
  return unreadable('corrupt', messages.corruptImage(kind.toUpperCase(), detail), error);
}

/**
 * libvips options shared by every decode: fail on real errors (truncated
 * data), not on warnings (unsorted tags and such are common and harmless);
 * never decode more pixels than the limit allows.
 */
function input(buf: Buffer, limits: ReadLimits, page?: number): Sharp {
  return sharp(buf, {
    failOn: 'error',
    limitInputPixels: limits.maxPixelsPerPage,
    ...(page === undefined ? {} : { page }),
  });
}

function tiffPages(buf: Buffer, limits: ReadLimits): PendingPage[] {
  const pages = readTiffPages(buf, limits);
  return pages.map((info: TiffPage, i) => ({
    async decode() {
      const x = dpi(info.xResolution, info.resolutionUnit);
      const y = dpi(info.yResolution, info.resolutionUnit);
      try {
        const page = await toGreyPage(input(buf, limits, i), x);
        if (page.width !== info.width || page.height !== info.height) {
          throw new Error('decoded size differs from the directory');
        }
        return await squarePixels(page, x, y);
      } catch (error) {
        throw decodeError('tiff', error);
      }
    },
  }));
}

/** Width × height from a PNG's IHDR chunk, which must come first. */
function pngPixels(buf: Buffer): number | null {
  if (buf.length < 24 || buf.toString('latin1', 12, 16) !== 'IHDR') return null;
  return buf.readUInt32BE(16) * buf.readUInt32BE(20);
}

async function singleImage(buf: Buffer, kind: 'png' | 'jpeg', limits: ReadLimits): Promise<PendingPage[]> {
  // Size from the header alone: refuse huge images before any decoder sees them.
  const headerPixels = kind === 'png' ? pngPixels(buf) : null;
  if (headerPixels !== null && headerPixels > limits.maxPixelsPerPage) {
    throw unreadable('too-large', messages.tooManyPixels(1, headerPixels, limits.maxPixelsPerPage));
  }
  let meta: Metadata;
  try {
    meta = await sharp(buf).metadata();
  } catch (error) {
    throw decodeError(kind, error);
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > limits.maxPixelsPerPage) {
    throw unreadable('too-large', messages.tooManyPixels(1, pixels, limits.maxPixelsPerPage));
  }
  const density = meta.density && meta.density > 1 ? meta.density : null;
  return [
    {
      async decode() {
        try {
          // autoOrient: a phone photo's EXIF orientation is the cheapest rotation fix.
          return await toGreyPage(input(buf, limits).autoOrient(), density);
        } catch (error) {
          throw decodeError(kind, error);
        }
      },
    },
  ];
}

export async function imagePages(
  buf: Buffer,
  kind: 'tiff' | 'png' | 'jpeg',
  limits: ReadLimits,
): Promise<PendingPage[]> {
  return kind === 'tiff' ? tiffPages(buf, limits) : singleImage(buf, kind, limits);
}
