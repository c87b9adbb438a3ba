/**
 * Finds how a page lies: text lines horizontal or vertical (quarter turn),
 * upright or upside down, and the small skew of a sheet fed askew.
 *
 * Projection profiles: projecting ink onto the axis across the text lines
 * gives sharp peaks (lines) and troughs (gaps) only when that axis is right
 * and the angle is right. They cannot tell 0° from 180°; for that, the
 * ink above and below each line's x-height band (ascenders, capitals and
 * accents outweigh descenders in Latin script) gives a cheap first guess.
 */
import { type BinaryImage, rotateBinary } from './binary-image.ts';

export interface PageOrientation {
  /** Clockwise turn that makes the text upright: 0, 90, 180 or 270. */
  rotation: number;
  /** Small clockwise correction in degrees applied after the turn (−5…5). */
  skew: number;
  /** How sure the upright/upside-down guess is (0 none … 1 clear). */
  flipCertainty: number;
  /** Densest horizontal band of the straightened page, as fractions of its height. */
  band: { top: number; height: number };
}

const MAX_SKEW = 5;

function inkCount(img: BinaryImage): number {
  let n = 0;
  for (let i = 0; i < img.ink.length; i++) n += img.ink[i] as number;
  return n;
}

function inkPoints(img: BinaryImage, transpose: boolean): { xs: Int32Array; ys: Int32Array } {
  const n = inkCount(img);
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let k = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.ink[y * img.width + x]) {
        xs[k] = transpose ? y : x;
        ys[k] = transpose ? x : y;
        k++;
      }
    }
  }
  return { xs, ys };
}

/** Sharpness of the row profile when rows are sheared by `degrees` (sum of squared steps). */
function profileScore(xs: Int32Array, ys: Int32Array, span: number, degrees: number): number {
  const slope = Math.tan((degrees * Math.PI) / 180);
  const pad = Math.ceil(Math.abs(slope) * span) + 1;
  const bins = new Float64Array(span + 2 * pad + 1);
  for (let i = 0; i < xs.length; i++) {
    const b = Math.round((ys[i] as number) - (xs[i] as number) * slope) + pad;
    bins[b] = (bins[b] as number) + 1;
  }
  let score = 0;
  for (let i = 1; i < bins.length; i++) score += ((bins[i] as number) - (bins[i - 1] as number)) ** 2;
  return score;
}

/** Every `step`-th ink point: enough to rank shear angles a quarter degree apart. */
function sample(
  points: { xs: Int32Array; ys: Int32Array },
  step: number,
): { xs: Int32Array; ys: Int32Array } {
  const n = Math.ceil(points.xs.length / step);
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  for (let i = 0, k = 0; k < n; i += step, k++) {
    xs[k] = points.xs[i] as number;
    ys[k] = points.ys[i] as number;
  }
  return { xs, ys };
}

/**
 * One ink point in this many ranks the coarse angles (41 of them): the profile of a text page
 * keeps its peaks with a third of its ink, and the fine search around the best coarse angle uses
 * every point. Saves most of the time orientation took (~60 ms a page).
 */
const COARSE_SAMPLE = 3;

/** Best shear angle: text lines run at `angle` degrees clockwise from horizontal. */
function bestAngle(img: BinaryImage, transpose: boolean): { angle: number; score: number } {
  const points = inkPoints(img, transpose);
  const coarsePoints = sample(points, COARSE_SAMPLE);
  const span = transpose ? img.width + img.height : img.height + img.width;
  let coarse = { angle: 0, score: -1 };
  for (let a = -MAX_SKEW; a <= MAX_SKEW + 1e-9; a += 0.25) {
    const score = profileScore(coarsePoints.xs, coarsePoints.ys, span, a);
    if (score > coarse.score) coarse = { angle: a, score };
  }
  let best = { angle: 0, score: -1 };
  for (let a = coarse.angle - 0.25; a <= coarse.angle + 0.25 + 1e-9; a += 0.05) {
    const score = profileScore(points.xs, points.ys, span, a);
    if (score > best.score) best = { angle: a, score };
  }
  return { angle: Math.round(best.angle * 100) / 100, score: best.score };
}

function rowProfile(img: BinaryImage): Float64Array {
  const rows = new Float64Array(img.height);
  for (let y = 0; y < img.height; y++) {
    let n = 0;
    for (let x = 0; x < img.width; x++) n += img.ink[y * img.width + x] as number;
    rows[y] = n;
  }
  return rows;
}

/**
 * Compares ink above each text line's core band with ink below it.
 * Positive: looks upright; negative: looks upside down. Magnitude 0…1.
 */
function uprightEvidence(rows: Float64Array): number {
  let peak = 0;
  for (const v of rows) peak = Math.max(peak, v);
  if (peak === 0) return 0;
  const floor = peak * 0.02;
  let above = 0;
  let below = 0;
  let y = 0;
  while (y < rows.length) {
    if ((rows[y] as number) <= floor) {
      y++;
      continue;
    }
    const start = y;
    while (y < rows.length && (rows[y] as number) > floor) y++;
    const end = y - 1;
    if (end - start < 3) continue;
    let linePeak = 0;
    for (let r = start; r <= end; r++) linePeak = Math.max(linePeak, rows[r] as number);
    let coreTop = start;
    while ((rows[coreTop] as number) < linePeak * 0.5) coreTop++;
    let coreBottom = end;
    while ((rows[coreBottom] as number) < linePeak * 0.5) coreBottom--;
    for (let r = start; r < coreTop; r++) above += rows[r] as number;
    for (let r = coreBottom + 1; r <= end; r++) below += rows[r] as number;
  }
  const total = above + below;
  return total === 0 ? 0 : (above - below) / total;
}

/** The band (a quarter of the page) holding the most ink. */
function densestBand(rows: Float64Array): { top: number; height: number } {
  const n = rows.length;
  const size = Math.max(1, Math.round(n / 4));
  let sum = 0;
  for (let i = 0; i < size && i < n; i++) sum += rows[i] as number;
  let best = sum;
  let bestTop = 0;
  for (let top = 1; top + size <= n; top++) {
    sum += (rows[top + size - 1] as number) - (rows[top - 1] as number);
    if (sum > best) {
      best = sum;
      bestTop = top;
    }
  }
  return { top: n === 0 ? 0 : bestTop / n, height: n === 0 ? 1 : size / n };
}

/** Profiles along the text lines must be this much sharper than across them to call it text. */
const TEXT_LIKE_RATIO = 2;
/** Too little ink (blank page, a stray mark) gives no usable geometry. */
const MIN_INK_PIXELS = 500;
/** Net share of ink above the line cores needed to call the page upright or upside down. */
const MIN_UPRIGHT_EVIDENCE = 0.2;

export function findOrientation(img: BinaryImage): PageOrientation {
  const ink = inkCount(img);
  const horizontal = ink >= MIN_INK_PIXELS ? bestAngle(img, false) : { angle: 0, score: 0 };
  const vertical = ink >= MIN_INK_PIXELS ? bestAngle(img, true) : { angle: 0, score: 0 };
  const textLike =
    Math.max(horizontal.score, vertical.score) > TEXT_LIKE_RATIO * Math.min(horizontal.score, vertical.score);
  if (!textLike) {
    // A photo, a drawing or a blank page: leave it as it is; OCR confidence
    // still gets a say on upside-down pages (see ocr-page.ts).
    return { rotation: 0, skew: 0, flipCertainty: 0, band: densestBand(rowProfile(img)) };
  }
  const quarter = vertical.score > horizontal.score ? 90 : 0;
  const turned = quarter === 0 ? img : rotateBinary(img, 90);
  const skewAngle = quarter === 0 ? horizontal.angle : bestAngle(turned, false).angle;
  const skew = skewAngle === 0 ? 0 : -skewAngle;
  const straight = rotateBinary(turned, skew);
  const rows = rowProfile(straight);
  const evidence = uprightEvidence(rows);
  const flip = evidence <= -MIN_UPRIGHT_EVIDENCE;
  const band = densestBand(flip ? rows.slice().reverse() : rows);
  return {
    rotation: flip ? quarter + 180 : quarter,
    skew,
    flipCertainty: Math.min(1, Math.abs(evidence) / (2 * MIN_UPRIGHT_EVIDENCE)),
    band,
  };
}
