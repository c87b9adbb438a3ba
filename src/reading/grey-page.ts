/**
 * A decoded page as 8-bit grey pixels, and the few whole-page operations the
 * reader needs on it (resolution correction, grey ratio, PNG for OCR).
 */
import sharp, { type Sharp } from 'sharp';

export interface GreyPage {
  /** One byte per pixel, row-major, 0 black … 255 white. */
  data: Buffer;
  width: number;
  height: number;
  /** Horizontal resolution in dots per inch, when the file says. */
  dpi: number | null;
}

/** Raw 1-channel output; sharp otherwise converts to sRGB on output. */
export async function toGreyPage(pipeline: Sharp, dpi: number | null): Promise<GreyPage> {
  const { data, info } = await pipeline
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, dpi };
}

function rawInput(page: GreyPage): Sharp {
  return sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } });
}

/**
 * Fax "normal" mode samples 204 dpi across but 98 dpi down: text comes out
 * squashed to half height. Stretch the coarse axis with nearest neighbour
 * (no blur on 1-bit strokes) to square pixels; it matters a lot to OCR.
 */
export async function squarePixels(
  page: GreyPage,
  xDpi: number | null,
  yDpi: number | null,
): Promise<GreyPage> {
  if (!xDpi || !yDpi) return page;
  const ratio = xDpi / yDpi;
  if (Math.abs(ratio - 1) < 0.1) return page;
  const width = ratio < 1 ? Math.round(page.width / ratio) : page.width;
  const height = ratio > 1 ? Math.round(page.height * ratio) : page.height;
  const stretched = rawInput(page).resize(width, height, { kernel: 'nearest', fit: 'fill' });
  return toGreyPage(stretched, Math.max(xDpi, yDpi));
}

/** Share of mid-grey pixels: ~0 on a 1-bit fax, high on a photo or a grey scan. */
export function greyRatio(page: GreyPage): number {
  if (page.data.length === 0) return 0;
  let mid = 0;
  // Indexed: a Buffer's iterator costs ~30 ms over a fax page, this ~3 ms.
  const data = page.data;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    if (v >= 48 && v < 208) mid += 1;
  }
  return mid / page.data.length;
}

/** What Tesseract is given: the picture, and its resolution, which the picture cannot carry. */
export interface OcrImage {
  image: Buffer;
  dpi: number;
}

/**
 * Binary PGM (P5): a header and the raw bytes. Leptonica reads it as it reads a PNG, with no
 * compression to pay for on either side (a PNG cost ~50 ms to write and as much to read, per
 * page); the resolution goes to Tesseract as a parameter instead (see ocr-pool.ts).
 */
function pgm(data: Buffer, width: number, height: number): Buffer {
  return Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`, 'latin1'), data]);
}

async function rotated(
  page: GreyPage,
  degrees: number,
): Promise<{ data: Buffer; width: number; height: number }> {
  const angle = ((degrees % 360) + 360) % 360;
  if (angle === 0) return page;
  const { data, info } = await rawInput(page)
    .rotate(angle, { background: '#ffffff' })
    .toColourspace('b-w')
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Rotates clockwise by `degrees` (any angle; the canvas grows, filled white), for OCR. */
export async function ocrImage(page: GreyPage, degrees: number): Promise<OcrImage> {
  const { data, width, height } = await rotated(page, degrees);
  return { image: pgm(data, width, height), dpi: page.dpi ?? 200 };
}

/**
 * A horizontal band of a page after rotation, for a cheap OCR probe; `top`
 * and `height` are fractions of the rotated page's height.
 */
export async function ocrStrip(
  page: GreyPage,
  degrees: number,
  top: number,
  height: number,
): Promise<OcrImage> {
  const { data, width, height: fullHeight } = await rotated(page, degrees);
  const t = Math.max(0, Math.min(fullHeight - 1, Math.round(top * fullHeight)));
  const h = Math.max(1, Math.min(fullHeight - t, Math.round(height * fullHeight)));
  return { image: pgm(data.subarray(t * width, (t + h) * width), width, h), dpi: page.dpi ?? 200 };
}
