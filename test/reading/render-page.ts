/**
 * Test inputs drawn on the fly: text pages rendered through an SVG with
 * DejaVu Sans, thresholded to 1 bit like a fax. Nothing is stored in the repo.
 */
import sharp, { type Sharp } from 'sharp';

export interface RenderOptions {
  width?: number;
  height?: number;
  fontSize?: number;
  /** Top margin before the first line, in pixels. */
  top?: number;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A white page with black text lines, as a 1-channel 0/255 sharp pipeline. */
export function textPage(lines: string[], opts: RenderOptions = {}): Sharp {
  const width = opts.width ?? 1728;
  const height = opts.height ?? 2200;
  const fontSize = opts.fontSize ?? 34;
  const top = opts.top ?? 160;
  const body = lines
    .map(
      (line, i) =>
        `<text x="120" y="${top + i * Math.round(fontSize * 1.6)}" font-family="DejaVu Sans" font-size="${fontSize}">${escapeXml(line)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>${body}</svg>`;
  return sharp(Buffer.from(svg))
    .flatten({ background: '#ffffff' })
    .greyscale()
    .threshold(128)
    .toColourspace('b-w');
}

/** Raw 1-channel pixels of a page, for building multi-page files or rotating. */
export async function rawPage(page: Sharp): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await page.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
