/**
 * A small black-and-white copy of a page, for cheap geometry analysis
 * (orientation, skew) before the expensive OCR runs on the full page.
 */
import sharp from 'sharp';
import type { GreyPage } from './grey-page.ts';

export interface BinaryImage {
  /** 1 = ink, 0 = paper; row-major. */
  ink: Uint8Array;
  width: number;
  height: number;
}

/** Long side of the analysis copy: keeps text lines several pixels apart at fax sizes. */
const ANALYSIS_SIZE = 1400;

/** Otsu's threshold on a 256-bin histogram. */
function otsu(data: Uint8Array): number {
  const hist = new Array<number>(256).fill(0);
  for (let i = 0; i < data.length; i++) {
    const v = data[i] as number;
    hist[v] = (hist[v] ?? 0) + 1;
  }
  const total = data.length;
  let sumAll = 0;
  for (let i = 0; i < 256; i++) sumAll += i * (hist[i] ?? 0);
  let sumBack = 0;
  let weightBack = 0;
  let best = 0;
  let threshold = 128;
  for (let t = 0; t < 256; t++) {
    weightBack += hist[t] ?? 0;
    if (weightBack === 0) continue;
    const weightFore = total - weightBack;
    if (weightFore === 0) break;
    sumBack += t * (hist[t] ?? 0);
    const meanBack = sumBack / weightBack;
    const meanFore = (sumAll - sumBack) / weightFore;
    const between = weightBack * weightFore * (meanBack - meanFore) ** 2;
    if (between > best) {
      best = between;
      threshold = t;
    }
  }
  return threshold;
}

export async function binariseDownscaled(page: GreyPage): Promise<BinaryImage> {
  const scale = Math.min(1, ANALYSIS_SIZE / Math.max(page.width, page.height));
  const width = Math.max(1, Math.round(page.width * scale));
  const height = Math.max(1, Math.round(page.height * scale));
  const small = await sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
    .resize(width, height, { fit: 'fill', kernel: 'linear' })
    .toColourspace('b-w')
    .raw()
    .toBuffer();
  const threshold = otsu(small);
  // A blank page has no real threshold; keep only clearly dark pixels.
  const cut = Math.min(threshold, 200);
  const ink = new Uint8Array(small.length);
  for (let i = 0; i < small.length; i++) ink[i] = (small[i] as number) <= cut ? 1 : 0;
  return { ink, width, height };
}

/**
 * Rotates clockwise by any angle about the centre with nearest-neighbour
 * sampling, growing the canvas like sharp's rotate does.
 */
export function rotateBinary(img: BinaryImage, degrees: number): BinaryImage {
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const width = Math.round(Math.abs(img.width * cos) + Math.abs(img.height * sin));
  const height = Math.round(Math.abs(img.width * sin) + Math.abs(img.height * cos));
  const ink = new Uint8Array(width * height);
  const cxOut = (width - 1) / 2;
  const cyOut = (height - 1) / 2;
  const cxIn = (img.width - 1) / 2;
  const cyIn = (img.height - 1) / 2;
  for (let y = 0; y < height; y++) {
    const dy = y - cyOut;
    for (let x = 0; x < width; x++) {
      const dx = x - cxOut;
      // Inverse mapping: rotate the output point back by -angle.
      const sx = Math.round(cos * dx + sin * dy + cxIn);
      const sy = Math.round(-sin * dx + cos * dy + cyIn);
      if (sx >= 0 && sy >= 0 && sx < img.width && sy < img.height) {
        ink[y * width + x] = img.ink[sy * img.width + sx] as number;
      }
    }
  }
  return { ink, width, height };
}

export function inkShare(img: BinaryImage): number {
  let n = 0;
  for (const v of img.ink) n += v;
  return img.ink.length === 0 ? 0 : n / img.ink.length;
}
