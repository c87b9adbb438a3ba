/**
 * How large a PDF page becomes in pixels for OCR, whichever way it is drawn (pdf.js in
 * pdf-reader.ts, or a fax page's one picture decoded natively in pdf-page-image.ts): both must give
 * the reader the same page.
 */
import type { ReadLimits } from './limits.ts';

/** Render resolution for OCR: about 200 dpi, like a fine-mode fax. */
export const RENDER_DPI = 200;
export const PDF_POINTS_PER_INCH = 72;
/**
 * The most pixels a page is rendered at for OCR, whatever the pixel limit: a tabloid
 * page (11 × 17 in) at RENDER_DPI. No fax is bigger; a poster-sized page (a MediaBox of
 * 100000 pt) is scaled down to this rather than to the decode limit, which at 60 Mpx
 * cost ~700 MB of canvas, PNG and grey copies for one page.
 */
export const MAX_RENDER_PIXELS = 11 * RENDER_DPI * (17 * RENDER_DPI);

/**
 * Pixels per PDF point for a page of `width` × `height` points: ~200 dpi, but never more pixels
 * than a page may have (a poster-sized page is scaled down rather than refused).
 */
export function renderScale(width: number, height: number, limits: ReadLimits): number {
  const maxPixels = Math.min(limits.maxPixelsPerPage, MAX_RENDER_PIXELS);
  return Math.min(RENDER_DPI / PDF_POINTS_PER_INCH, Math.sqrt(maxPixels / (width * height)));
}
