/**
 * The fax PDF's short cut: a page that is nothing but one picture of paper (a content stream of
 * `q W 0 0 H X Y cm /Im0 Do Q` over a CCITT G3/G4 or JPEG image) is decoded straight from the
 * image's bytes by libvips (libtiff's fax decoder, libjpeg) instead of drawn by pdf.js. Drawing
 * it cost some 0.5 s a page, more than a third of the page's OCR; decoding it costs a few tens of
 * milliseconds, and the OCR sees the fax's own pixels rather than a smoothed resampling.
 *
 * Anything else — text drawn over the image, a rotated or partial placement, a mask, an inverted
 * decode, another filter — returns null and the page is drawn by pdf.js as before. Nothing here
 * trusts the file: the content stream is inflated only within a small ceiling, the image's size
 * is checked against the page limits before any pixel is decoded, and it all runs in the
 * bounded reading process.
 */
import { inflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFBool,
  type PDFObject,
} from 'pdf-lib';
import sharp from 'sharp';
import { type GreyPage, toGreyPage } from './grey-page.ts';
import type { ReadLimits } from './limits.ts';
import { MAX_RENDER_PIXELS, PDF_POINTS_PER_INCH, renderScale } from './pdf-render-scale.ts';

/** A page's content that only paints one image is a few dozen bytes; more is not a fax page. */
const MAX_CONTENT_BYTES = 4096;
/** How far (share of the page) the image may stand from covering the page exactly. */
const COVER_TOLERANCE = 0.02;

const ONE_IMAGE = new RegExp(
  String.raw`^\s*q\s+` +
    String.raw`(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+cm\s+` +
    String.raw`/([^\s/\[\]()<>{}%]+)\s+Do\s+Q\s*$`,
);

/** Opens the PDF for its images only; null when pdf-lib cannot (pdf.js then reports why). */
export async function openPageImages(buf: Buffer): Promise<PDFDocument | null> {
  try {
    return await PDFDocument.load(buf, { updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    return null;
  }
}

function number(obj: PDFObject | undefined): number | null {
  return obj instanceof PDFNumber ? obj.asNumber() : null;
}

function name(obj: PDFObject | undefined): string | null {
  return obj instanceof PDFName ? obj.decodeText() : null;
}

/** A filter entry: a name, or an array of exactly one name. */
function singleFilter(obj: PDFObject | undefined, doc: PDFDocument): string | null {
  const value = obj instanceof PDFArray && obj.size() === 1 ? doc.context.lookup(obj.get(0)) : obj;
  return name(value);
}

/** The page's content stream(s), decoded, if small and plainly compressed. */
function contentText(dict: PDFDict, doc: PDFDocument): string | null {
  const contents = dict.lookup(PDFName.of('Contents'));
  const streams =
    contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents];
  let text = '';
  for (const stream of streams) {
    if (!(stream instanceof PDFRawStream)) return null;
    const raw = stream.getContents();
    if (raw.length > MAX_CONTENT_BYTES) return null;
    const filter = stream.dict.get(PDFName.of('Filter'));
    if (filter === undefined) text += Buffer.from(raw).toString('latin1');
    else if (singleFilter(filter, doc) === 'FlateDecode') {
      try {
        text += inflateSync(raw, { maxOutputLength: MAX_CONTENT_BYTES }).toString('latin1');
      } catch {
        return null;
      }
    } else return null;
    text += '\n';
  }
  return text;
}

/** CCITT parameters of the image, or null when they ask for anything but plain black on white. */
function ccittParams(
  image: PDFRawStream,
  doc: PDFDocument,
  width: number,
  height: number,
): { k: number; byteAlign: boolean } | null {
  let params = image.dict.lookup(PDFName.of('DecodeParms'));
  if (params instanceof PDFArray)
    params = params.size() === 1 ? doc.context.lookup(params.get(0)) : undefined;
  const dict = params instanceof PDFDict ? params : null;
  if (params !== undefined && dict === null) return null;
  const get = (key: string) => (dict ? dict.lookup(PDFName.of(key)) : undefined);
  const k = number(get('K')) ?? 0;
  const columns = number(get('Columns')) ?? 1728;
  const rows = number(get('Rows')) ?? 0;
  const blackIs1 = get('BlackIs1');
  const byteAlign = get('EncodedByteAlign');
  if (columns !== width || (rows !== 0 && rows !== height)) return null;
  if (blackIs1 instanceof PDFBool && blackIs1.asBoolean()) return null;
  const aligned = byteAlign instanceof PDFBool && byteAlign.asBoolean();
  // Byte-aligned G4 has no TIFF equivalent.
  if (aligned && k < 0) return null;
  return { k, byteAlign: aligned };
}

/**
 * A one-strip TIFF around the CCITT data, so libtiff decodes it: compression 4 (G4) for K < 0,
 * else 3 (G3) with its 2-D and fill-bits options; WhiteIsZero, as fax TIFFs are.
 */
export function ccittTiff(
  data: Uint8Array,
  width: number,
  height: number,
  k: number,
  byteAlign: boolean,
): Buffer {
  const tags: [number, number, number][] = [
    [256, 4, width],
    [257, 4, height],
    [258, 3, 1],
    [259, 3, k < 0 ? 4 : 3],
    [262, 3, 0],
    [273, 4, 0], // strip offset, set below
    [277, 3, 1],
    [278, 4, height],
    [279, 4, data.length],
    k < 0 ? [293, 4, 0] : [292, 4, (k > 0 ? 1 : 0) | (byteAlign ? 4 : 0)],
  ];
  tags.sort((a, b) => a[0] - b[0]);
  const ifdSize = 2 + tags.length * 12 + 4;
  const dataOffset = 8 + ifdSize;
  const out = Buffer.alloc(dataOffset + data.length);
  out.write('II', 0, 'latin1');
  out.writeUInt16LE(42, 2);
  out.writeUInt32LE(8, 4);
  out.writeUInt16LE(tags.length, 8);
  tags.forEach(([tag, type, value], i) => {
    const at = 10 + i * 12;
    out.writeUInt16LE(tag, at);
    out.writeUInt16LE(type, at + 2);
    out.writeUInt32LE(1, at + 4);
    const v = tag === 273 ? dataOffset : value;
    if (type === 3) out.writeUInt16LE(v, at + 8);
    else out.writeUInt32LE(v, at + 8);
  });
  out.writeUInt32LE(0, 10 + tags.length * 12);
  out.set(data, dataOffset);
  return out;
}

/**
 * Page `index` (1-based) as grey pixels straight from its one image, or null when the page is
 * anything else (then pdf.js draws it).
 */
export async function faxPageImage(
  doc: PDFDocument,
  index: number,
  limits: ReadLimits,
): Promise<GreyPage | null> {
  try {
    return await pageImage(doc, index, limits);
  } catch {
    // pdf-lib meets a broken object tree in its own ways; pdf.js then says what is wrong.
    return null;
  }
}

async function pageImage(doc: PDFDocument, index: number, limits: ReadLimits): Promise<GreyPage | null> {
  const page = doc.getPages()[index - 1];
  if (!page || page.getRotation().angle % 360 !== 0) return null;
  const { width: pageW, height: pageH } = page.getSize();
  const box = page.getMediaBox();
  if (!(pageW > 0) || !(pageH > 0)) return null;
  const content = contentText(page.node, doc);
  const m = content === null ? null : ONE_IMAGE.exec(content);
  if (!m) return null;
  const [a, b, c, d, e, f] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const near = (x: number, y: number, size: number) => Math.abs(x - y) <= COVER_TOLERANCE * size;
  if (b !== 0 || c !== 0 || !near(a, pageW, pageW) || !near(d, pageH, pageH)) return null;
  if (!near(e, box.x, pageW) || !near(f, box.y, pageH)) return null;

  const xobjects = page.node.Resources()?.lookup(PDFName.of('XObject'));
  if (!(xobjects instanceof PDFDict)) return null;
  const image = xobjects.lookup(PDFName.of(m[7] ?? ''));
  if (!(image instanceof PDFRawStream)) return null;
  const dict = image.dict;
  if (name(dict.get(PDFName.of('Subtype'))) !== 'Image') return null;
  for (const key of ['SMask', 'Mask', 'Decode']) if (dict.has(PDFName.of(key))) return null;
  const imageMask = dict.lookup(PDFName.of('ImageMask'));
  if (imageMask instanceof PDFBool && imageMask.asBoolean()) return null;
  const width = number(dict.lookup(PDFName.of('Width')));
  const height = number(dict.lookup(PDFName.of('Height')));
  if (!width || !height || !Number.isInteger(width) || !Number.isInteger(height)) return null;
  // A picture at camera resolution is left to pdf.js, which scales it down while drawing.
  if (width * height > Math.min(limits.maxPixelsPerPage, MAX_RENDER_PIXELS)) return null;

  const filter = singleFilter(dict.get(PDFName.of('Filter')), doc);
  const bytes = image.getContents();
  let encoded: Buffer;
  if (filter === 'CCITTFaxDecode') {
    const params = ccittParams(image, doc, width, height);
    if (!params) return null;
    encoded = ccittTiff(bytes, width, height, params.k, params.byteAlign);
  } else if (filter === 'DCTDecode') {
    const space = name(dict.lookup(PDFName.of('ColorSpace')));
    if (space !== 'DeviceGray' && space !== 'DeviceRGB') return null;
    encoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } else return null;

  // failOn 'warning': a damaged fax line, a bad code, anything libtiff or libjpeg would only warn
  // about, goes to pdf.js, the reference drawing, rather than decoded here a second way.
  const decode = () => sharp(encoded, { failOn: 'warning', limitInputPixels: limits.maxPixelsPerPage });
  const meta = await decode().metadata();
  if (meta.width !== width || meta.height !== height) return null;
  // Resampled to the page's render size (pdf-render-scale.ts) by bilinear interpolation, as
  // pdf.js's canvas draws it (mean difference < 0.3 grey level on a fax page): the reader's
  // thresholds and its scores on ../shared/corpus were measured on those pixels; sharp's resize
  // (area-averaging) or the raw fax dots flip borderline fields either way.
  const scale = renderScale(pageW, pageH, limits);
  const [sx, sy] = [(pageW * scale) / width, (pageH * scale) / height];
  // pdf.js smooths only when no axis is enlarged past 4/3 (getImageSmoothingEnabled): a 98-dpi
  // fax's rows stretched twofold are drawn nearest-neighbour.
  const interpolator = Math.max(sx, sy) <= 4 / 3 ? sharp.interpolators.bilinear : sharp.interpolators.nearest;
  const resampled = decode()
    .toColourspace('b-w')
    .affine(
      [
        [sx, 0],
        [0, sy],
      ],
      { interpolator, background: '#ffffff' },
    );
  const grey = await toGreyPage(resampled, PDF_POINTS_PER_INCH * scale);
  // pdf.js's canvas is the page's size rounded down; affine's output may hold one more row or column.
  return cropTo(grey, Math.floor(pageW * scale), Math.floor(pageH * scale));
}

function cropTo(page: GreyPage, width: number, height: number): GreyPage {
  if (page.width <= width && page.height <= height) return page;
  const w = Math.min(width, page.width);
  const h = Math.min(height, page.height);
  const data = Buffer.alloc(w * h);
  for (let y = 0; y < h; y++) page.data.copy(data, y * w, y * page.width, y * page.width + w);
  return { ...page, data, width: w, height: h };
}
