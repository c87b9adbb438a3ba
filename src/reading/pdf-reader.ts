/**
 * Reads a PDF page by page: the text layer when the page has real text,
 * otherwise (the usual fax: a picture of paper) a rendering through OCR.
 */
import sharp from 'sharp';
import type { PageReading } from '../domain/reading.ts';
import { type GreyPage, toGreyPage } from './grey-page.ts';
import { mapInWindow } from './in-order-window.ts';
import type { ReadLimits } from './limits.ts';
import { ocrPage } from './ocr-page.ts';
import type { OcrPool } from './ocr-pool.ts';
import { messages, unreadable } from './unreadable.ts';
import { UnreadableFaxError } from '../domain/reading.ts';
import { openTextLayer, pageTextLayer } from './text-layer.ts';
import { PDF_POINTS_PER_INCH, renderScale } from './pdf-render-scale.ts';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Fewer letters and digits than this and the text layer is not "real text":
 * a fax PDF often carries only a stamped header line over a page image.
 */
const REAL_TEXT_MIN_CHARS = 200;

/** pdf-parse appends "-- 1 of 2 --" markers; they are not page content. */
export function stripPageMarkers(text: string): string {
  return text.replace(/^\s*--\s*\d+\s+of\s+\d+\s*--\s*$/gm, '').trim();
}

function alphanumerics(text: string): number {
  return (text.match(/[\p{L}\p{N}]/gu) ?? []).length;
}

function pdfError(error: unknown): UnreadableFaxError {
  if (error instanceof UnreadableFaxError) return error;
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException') return unreadable('encrypted', messages.encrypted(), error);
  return unreadable('corrupt', messages.corruptPdf('structure illisible'), error);
}

/** Errors from pdf.js mean the file is at fault; OCR errors are not wrapped here. */
async function pdfCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw pdfError(error);
  }
}

/** What pdf.js's Node canvas factory (@napi-rs/canvas) gives and takes back. */
interface CanvasAndContext {
  canvas: { width: number; height: number };
  context: {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  };
}
interface CanvasFactory {
  create(width: number, height: number): CanvasAndContext;
  destroy(entry: CanvasAndContext): void;
}

/**
 * Draws one page with pdf.js, from the document already open for its text layer (not a second
 * copy of it), and takes its pixels straight from the canvas: no PNG to encode and decode again.
 */
export async function renderPage(
  doc: PDFDocumentProxy,
  index: number,
  limits: ReadLimits,
): Promise<GreyPage> {
  const page = await pdfCall(() => doc.getPage(index));
  try {
    const size = page.getViewport({ scale: 1 });
    if (!(size.width > 0) || !(size.height > 0)) {
      throw unreadable('corrupt', messages.corruptPdf(`page ${index} sans dimensions`));
    }
    const scale = renderScale(size.width, size.height, limits);
    const viewport = page.getViewport({ scale });
    const factory = doc.canvasFactory as CanvasFactory;
    const drawn = factory.create(viewport.width, viewport.height);
    try {
      // The factory's canvas stands in for the DOM canvas pdf.js's types name.
      const params = { canvasContext: drawn.context, canvas: drawn.canvas, viewport };
      await pdfCall(() => page.render(params as unknown as Parameters<typeof page.render>[0]).promise);
      const { width, height } = drawn.canvas;
      if (!(width > 0) || !(height > 0))
        throw unreadable('corrupt', messages.corruptPdf(`page ${index} non affichable`));
      const { data } = drawn.context.getImageData(0, 0, width, height);
      const rgba = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
      return await toGreyPage(
        sharp(rgba, { raw: { width, height, channels: 4 } }),
        PDF_POINTS_PER_INCH * scale,
      );
    } finally {
      factory.destroy(drawn);
    }
  } finally {
    page.cleanup();
  }
}

export async function readPdf(
  buf: Buffer,
  pool: OcrPool,
  limits: ReadLimits,
  onPage?: (index: number) => void,
): Promise<PageReading[]> {
  let textDoc: PDFDocumentProxy | null = null;
  try {
    // Loads the document only (page count from the page tree), no page content.
    const doc = await pdfCall(() => openTextLayer(buf));
    textDoc = doc;
    const total = doc.numPages;
    if (total > limits.maxPages) throw unreadable('too-large', messages.tooManyPages(total, limits.maxPages));
    if (total === 0) throw unreadable('corrupt', messages.corruptPdf('aucune page'));

    // The text layer in reading order, then OCR of the pages without real text.
    const indexes = Array.from({ length: total }, (_, i) => i + 1);
    // pdf-lib and the document it opens come on the first page that needs pixels: pdf-lib is a
    // fifth of a reading process's start, and a text-layer PDF (a one-off `faxdesk check`) never
    // needs it.
    let images: Promise<PageImages> | null = null;
    const pageImages = () => (images ??= openFaxPageImages(buf));
    return await mapInWindow(indexes, pool.size, (index) => {
      onPage?.(index);
      return readPdfPage(doc, index, pool, limits, pageImages);
    });
  } finally {
    await textDoc?.destroy().catch(() => undefined);
  }
}

/** A page's one picture decoded natively, or null for pdf.js to draw it (pdf-page-image.ts). */
type PageImages = (index: number, limits: ReadLimits) => Promise<GreyPage | null>;

async function openFaxPageImages(buf: Buffer): Promise<PageImages> {
  const { faxPageImage, openPageImages } = await import('./pdf-page-image.ts');
  const doc = await openPageImages(buf);
  return async (index, limits) => (doc ? faxPageImage(doc, index, limits) : null);
}

async function readPdfPage(
  textDoc: PDFDocumentProxy,
  index: number,
  pool: OcrPool,
  limits: ReadLimits,
  pageImages: () => Promise<PageImages>,
): Promise<PageReading> {
  const textLayer = await pdfCall(() => pageTextLayer(textDoc, index));
  const layer = stripPageMarkers(textLayer.text);
  const layerChars = alphanumerics(layer);
  const fromLayer: PageReading = {
    index,
    text: layer,
    layout: textLayer.layout,
    source: 'text-layer',
    confidence: null,
    rotation: 0,
    skew: 0,
    greyRatio: null,
    width: null,
    height: null,
  };
  if (layerChars >= REAL_TEXT_MIN_CHARS) return fromLayer;

  // A fax page's one picture is decoded natively; anything else is drawn by pdf.js.
  const fast = await (await pageImages())(index, limits);
  const grey = fast ?? (await renderPage(textDoc, index, limits));
  const ocr = await ocrPage(grey, index, pool, limits.ocrTimeoutMsPerPage);
  // Invisible text (a PDF already OCR'd by its sender) can beat our OCR.
  return alphanumerics(ocr.text) < layerChars ? fromLayer : ocr;
}
