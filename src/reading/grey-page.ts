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
  for (const v of page.data) if (v >= 48 && v < 208) mid += 1;
  return mid / page.data.length;
}

/**
 * Rotates clockwise by `degrees` (any angle; the canvas grows, filled white)
 * and encodes a PNG that carries the resolution, so Tesseract does not guess it.
 */
export async function ocrPng(page: GreyPage, degrees: number): Promise<Buffer> {
  let pipeline = rawInput(page);
  const angle = ((degrees % 360) + 360) % 360;
  if (angle !== 0) pipeline = pipeline.rotate(angle, { background: '#ffffff' });
  return pipeline
    .toColourspace('b-w')
    .withMetadata({ density: page.dpi ?? 200 })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

/**
 * A horizontal band of a page after rotation, for a cheap OCR probe; `top`
 * and `height` are fractions of the rotated page's height.
 */
export async function ocrStripPng(
  page: GreyPage,
  degrees: number,
  top: number,
  height: number,
): Promise<Buffer> {
  const rotated = await sharp(await ocrPng(page, degrees))
    .raw()
    .toBuffer({ resolveWithObject: true });
  const { width, height: fullHeight, channels } = rotated.info;
  const t = Math.max(0, Math.min(fullHeight - 1, Math.round(top * fullHeight)));
  const h = Math.max(1, Math.min(fullHeight - t, Math.round(height * fullHeight)));
  return sharp(rotated.data, { raw: { width, height: fullHeight, channels } })
    .extract({ left: 0, top: t, width, height: h })
    .toColourspace('b-w')
    .withMetadata({ density: page.dpi ?? 200 })
    .png({ compressionLevel: 1 })
    .toBuffer();
}
