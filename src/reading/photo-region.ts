/**
 * A photograph pasted into a fax page: a prescriber's phone picture of a paper order, sent under a
 * line of e-mail text. Read with the rest of the page it gives next to nothing — low contrast, grey
 * on grey, the paper turned a few degrees. Found as a large block of mid-grey, it is cut out, its
 * contrast evened out (CLAHE), straightened and read on its own.
 */
import sharp from 'sharp';
import { binariseDownscaled } from './binary-image.ts';
import { toGreyPage, type GreyPage } from './grey-page.ts';
import { findOrientation } from './page-orientation.ts';

export interface Region {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Tile side, in pixels, of the grey map. */
const TILE = 32;
/** A tile is photographic when this share of its pixels is not white (text alone never is). */
const PHOTO_TILE = 0.6;
/** The photo must cover this share of the page, and fill this share of its bounding box. */
const MIN_AREA = 0.06;
const MIN_FILL = 0.6;

/** Not paper: a photo's grey paper and dark surround alike (a fax page is mostly white). */
const isMid = (v: number) => v < 215;

/** The largest photographic area of the page, if it is large enough to hold a document. */
export function findPhotoRegion(page: GreyPage): Region | null {
  const cols = Math.floor(page.width / TILE);
  const rows = Math.floor(page.height / TILE);
  if (cols < 4 || rows < 4) return null;
  const photo = new Uint8Array(cols * rows);
  for (let ty = 0; ty < rows; ty++) {
    for (let tx = 0; tx < cols; tx++) {
      let mid = 0;
      for (let y = ty * TILE; y < (ty + 1) * TILE; y++) {
        const row = y * page.width;
        for (let x = tx * TILE; x < (tx + 1) * TILE; x++) if (isMid(page.data[row + x]!)) mid++;
      }
      photo[ty * cols + tx] = mid >= PHOTO_TILE * TILE * TILE ? 1 : 0;
    }
  }
  // Largest 4-connected group of photographic tiles.
  const seen = new Uint8Array(cols * rows);
  let best: { count: number; x0: number; y0: number; x1: number; y1: number } | null = null;
  for (let start = 0; start < photo.length; start++) {
    if (!photo[start] || seen[start]) continue;
    const stack = [start];
    seen[start] = 1;
    const group = { count: 0, x0: cols, y0: rows, x1: 0, y1: 0 };
    while (stack.length > 0) {
      const i = stack.pop()!;
      const x = i % cols;
      const y = (i - x) / cols;
      group.count++;
      group.x0 = Math.min(group.x0, x);
      group.y0 = Math.min(group.y0, y);
      group.x1 = Math.max(group.x1, x);
      group.y1 = Math.max(group.y1, y);
      for (const [nx, ny] of [
        [x - 1, y],
        [x + 1, y],
        [x, y - 1],
        [x, y + 1],
      ] as const) {
        const j = ny * cols + nx;
        if (nx >= 0 && ny >= 0 && nx < cols && ny < rows && photo[j] && !seen[j]) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    if (!best || group.count > best.count) best = group;
  }
  if (!best) return null;
  const boxTiles = (best.x1 - best.x0 + 1) * (best.y1 - best.y0 + 1);
  if (best.count < MIN_AREA * cols * rows || best.count < MIN_FILL * boxTiles) return null;
  return {
    left: best.x0 * TILE,
    top: best.y0 * TILE,
    width: (best.x1 - best.x0 + 1) * TILE,
    height: (best.y1 - best.y0 + 1) * TILE,
  };
}

/** The photo cut out with its contrast evened out, and the angle that straightens it. */
export async function enhancedPhoto(
  page: GreyPage,
  region: Region,
): Promise<{ photo: GreyPage; skew: number }> {
  const pipeline = sharp(page.data, { raw: { width: page.width, height: page.height, channels: 1 } })
    .extract(region)
    .median(3)
    .clahe({ width: 64, height: 64, maxSlope: 3 })
    .normalise();
  const photo = await toGreyPage(pipeline, page.dpi);
  // The paper's turn, measured on the middle of the photo where text and ruling are (its dark
  // surround would hide the lines' angle).
  const inner = {
    left: Math.round(photo.width * 0.15),
    top: Math.round(photo.height * 0.15),
    width: Math.round(photo.width * 0.7),
    height: Math.round(photo.height * 0.7),
  };
  const middle = await toGreyPage(
    sharp(photo.data, { raw: { width: photo.width, height: photo.height, channels: 1 } }).extract(inner),
    page.dpi,
  );
  const orientation = findOrientation(await binariseDownscaled(middle));
  return { photo: adaptiveBinarise(photo), skew: orientation.rotation === 0 ? orientation.skew : 0 };
}

/** Half the side of the neighbourhood a pixel is compared with: a few strokes wide. */
const WINDOW = 15;
/** How much darker than its neighbourhood a pixel must be to be ink. */
const OFFSET = 16;

/**
 * Ink where a pixel is clearly darker than its neighbourhood. One global threshold (what OCR does
 * by itself) sees only the photo's dark surround against its grey paper and loses the writing.
 */
export function adaptiveBinarise(page: GreyPage): GreyPage {
  const { width, height, data } = page;
  const w1 = width + 1;
  const sums = new Float64Array(w1 * (height + 1));
  for (let y = 0; y < height; y++) {
    let row = 0;
    for (let x = 0; x < width; x++) {
      row += data[y * width + x]!;
      sums[(y + 1) * w1 + x + 1] = sums[y * w1 + x + 1]! + row;
    }
  }
  const out = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    const y0 = Math.max(0, y - WINDOW);
    const y1 = Math.min(height, y + WINDOW + 1);
    for (let x = 0; x < width; x++) {
      const x0 = Math.max(0, x - WINDOW);
      const x1 = Math.min(width, x + WINDOW + 1);
      const sum = sums[y1 * w1 + x1]! - sums[y0 * w1 + x1]! - sums[y1 * w1 + x0]! + sums[y0 * w1 + x0]!;
      const mean = sum / ((x1 - x0) * (y1 - y0));
      out[y * width + x] = data[y * width + x]! < mean - OFFSET ? 0 : 255;
    }
  }
  return { ...page, data: out };
}
