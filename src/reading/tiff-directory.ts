/**
 * Reads a TIFF's directory structure (IFDs) without decoding any pixel.
 *
 * Two jobs: refuse broken or oversized files before libvips/libtiff decode
 * them (a header can claim 100000×100000 pixels or 10,000 pages; a strip can
 * point past the end of the file), and get the vertical resolution, which
 * sharp does not report (fax "normal" mode is 204×98 dpi).
 */
import { messages, unreadable } from './unreadable.ts';

export interface TiffPage {
  width: number;
  height: number;
  /** Pixels per resolution unit, or null when the tag is absent. */
  xResolution: number | null;
  yResolution: number | null;
  /** TIFF ResolutionUnit: 1 none, 2 inch (default), 3 centimetre. */
  resolutionUnit: number;
}

const TAG = {
  width: 256,
  height: 257,
  stripOffsets: 273,
  stripByteCounts: 279,
  xResolution: 282,
  yResolution: 283,
  resolutionUnit: 296,
  tileOffsets: 324,
  tileByteCounts: 325,
} as const;

/** Tags whose value is the offset of another IFD; followed to check they are sound. */
const SUB_IFD_TAGS = new Set([330, 34665, 34853, 40965]);

/** Byte size of each TIFF field type; unknown types are skipped, as libtiff does. */
const TYPE_SIZE: Record<number, number> = {
  1: 1,
  2: 1,
  3: 2,
  4: 4,
  5: 8,
  6: 1,
  7: 1,
  8: 2,
  9: 4,
  10: 8,
  11: 4,
  12: 8,
  13: 4,
  16: 8,
  17: 8,
  18: 8,
};

const MAX_ENTRIES_PER_IFD = 4096;
const MAX_SUB_IFD_DEPTH = 4;

class Corrupt extends Error {}

interface Entry {
  tag: number;
  type: number;
  count: number;
  /** Offset of the value bytes in the file (inline or pointed to). */
  valueAt: number;
}

class TiffBytes {
  readonly big: boolean;
  private readonly le: boolean;

  constructor(private readonly buf: Buffer) {
    if (buf.length < 8) throw new Corrupt('en-tête incomplet');
    this.le = buf[0] === 0x49;
    const magic = this.u16(2);
    if (magic !== 42 && magic !== 43) throw new Corrupt('en-tête invalide');
    this.big = magic === 43;
    if (this.big && (buf.length < 16 || this.u16(4) !== 8)) throw new Corrupt('en-tête BigTIFF invalide');
  }

  get length(): number {
    return this.buf.length;
  }

  need(at: number, bytes: number): void {
    if (!Number.isSafeInteger(at) || at < 0 || at + bytes > this.buf.length) {
      throw new Corrupt('structure interne pointant au-delà de la fin du fichier');
    }
  }

  u16(at: number): number {
    this.need(at, 2);
    return this.le ? this.buf.readUInt16LE(at) : this.buf.readUInt16BE(at);
  }

  u32(at: number): number {
    this.need(at, 4);
    return this.le ? this.buf.readUInt32LE(at) : this.buf.readUInt32BE(at);
  }

  u64(at: number): number {
    this.need(at, 8);
    const v = this.le ? this.buf.readBigUInt64LE(at) : this.buf.readBigUInt64BE(at);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new Corrupt('décalage hors limites');
    return Number(v);
  }

  offset(at: number): number {
    return this.big ? this.u64(at) : this.u32(at);
  }

  firstIfd(): number {
    return this.offset(this.big ? 8 : 4);
  }

  /** Reads one IFD's entries and the offset of the next IFD (0 when last). */
  ifd(at: number): { entries: Entry[]; next: number } {
    const countSize = this.big ? 8 : 2;
    const entrySize = this.big ? 20 : 12;
    const inlineSize = this.big ? 8 : 4;
    if (at < 8) throw new Corrupt('répertoire (IFD) mal placé');
    const count = this.big ? this.u64(at) : this.u16(at);
    if (count === 0 || count > MAX_ENTRIES_PER_IFD) throw new Corrupt('répertoire (IFD) invalide');
    const first = at + countSize;
    this.need(first, count * entrySize + inlineSize);
    const entries: Entry[] = [];
    for (let i = 0; i < count; i++) {
      const e = first + i * entrySize;
      const tag = this.u16(e);
      const type = this.u16(e + 2);
      const n = this.big ? this.u64(e + 4) : this.u32(e + 4);
      const field = e + (this.big ? 12 : 8);
      const size = TYPE_SIZE[type];
      if (size === undefined) continue;
      const bytes = n * size;
      const valueAt = bytes <= inlineSize ? field : this.offset(field);
      // A value lying (even partly) outside the file is a broken directory.
      this.need(valueAt, bytes);
      entries.push({ tag, type, count: n, valueAt });
    }
    return { entries, next: this.offset(first + count * entrySize) };
  }

  /** Numeric values of an entry (integers or rationals as numbers). */
  values(entry: Entry, max: number): number[] {
    if (entry.count > max) throw new Corrupt('étiquette de taille invalide');
    const out: number[] = [];
    for (let i = 0; i < entry.count; i++) {
      switch (entry.type) {
        case 1:
        case 7:
          out.push(this.buf[entry.valueAt + i] as number);
          break;
        case 3:
          out.push(this.u16(entry.valueAt + i * 2));
          break;
        case 4:
        case 13:
          out.push(this.u32(entry.valueAt + i * 4));
          break;
        case 16:
        case 18:
          out.push(this.u64(entry.valueAt + i * 8));
          break;
        case 5: {
          const den = this.u32(entry.valueAt + i * 8 + 4);
          out.push(den === 0 ? 0 : this.u32(entry.valueAt + i * 8) / den);
          break;
        }
        default:
          throw new Corrupt('type d’étiquette inattendu');
      }
    }
    return out;
  }
}

function single(bytes: TiffBytes, entries: Entry[], tag: number): number | null {
  const entry = entries.find((e) => e.tag === tag);
  if (!entry) return null;
  const [value] = bytes.values(entry, 1);
  if (value === undefined) throw new Corrupt('étiquette vide');
  return value;
}

function checkSubIfds(bytes: TiffBytes, entries: Entry[], depth: number, seen: Set<number>): void {
  for (const entry of entries) {
    if (!SUB_IFD_TAGS.has(entry.tag)) continue;
    if (entry.count === 0) throw new Corrupt('pointeur de sous-répertoire vide');
    if (depth >= MAX_SUB_IFD_DEPTH) throw new Corrupt('sous-répertoires trop imbriqués');
    for (const at of bytes.values(entry, 64)) {
      if (seen.has(at)) throw new Corrupt('boucle dans les répertoires');
      seen.add(at);
      checkSubIfds(bytes, bytes.ifd(at).entries, depth + 1, seen);
    }
  }
}

/** The image data of a page (strips or tiles) must lie inside the file. */
function checkImageData(bytes: TiffBytes, entries: Entry[], height: number): void {
  const offsetsEntry = entries.find((e) => e.tag === TAG.stripOffsets || e.tag === TAG.tileOffsets);
  if (!offsetsEntry) throw new Corrupt('aucune donnée d’image');
  const countsTag = offsetsEntry.tag === TAG.stripOffsets ? TAG.stripByteCounts : TAG.tileByteCounts;
  const countsEntry = entries.find((e) => e.tag === countsTag);
  // Bounded by the page height (one strip per row at most) or a generous tile count.
  const maxParts = Math.max(height, 1_000_000);
  const offsets = bytes.values(offsetsEntry, maxParts);
  const counts = countsEntry ? bytes.values(countsEntry, maxParts) : null;
  if (counts && counts.length !== offsets.length) throw new Corrupt('table des bandes incohérente');
  offsets.forEach((at, i) => {
    const size = counts?.[i] ?? 1;
    if (at + size > bytes.length) throw new Corrupt('données d’image au-delà de la fin du fichier');
  });
}

/** Pixel count after fax resolution correction (the short axis gets stretched). */
export function correctedPixels(page: TiffPage): number {
  const { xResolution: x, yResolution: y } = page;
  if (!x || !y) return page.width * page.height;
  const ratio = Math.max(x, y) / Math.min(x, y);
  return Math.round(page.width * page.height * ratio);
}

/**
 * Walks the page chain, checking structure and limits page by page so a
 * 10,000-page or gigapixel file is refused after reading a few bytes.
 */
export function readTiffPages(
  buf: Buffer,
  limits: { maxPages: number; maxPixelsPerPage: number },
): TiffPage[] {
  try {
    const bytes = new TiffBytes(buf);
    const pages: TiffPage[] = [];
    const seen = new Set<number>();
    let at = bytes.firstIfd();
    if (at === 0) throw new Corrupt('aucune page');
    while (at !== 0) {
      if (seen.has(at)) throw new Corrupt('boucle dans la chaîne des pages');
      seen.add(at);
      if (pages.length >= limits.maxPages) {
        throw unreadable('too-large', messages.tooManyPages(`plus de ${limits.maxPages}`, limits.maxPages));
      }
      const { entries, next } = bytes.ifd(at);
      const width = single(bytes, entries, TAG.width);
      const height = single(bytes, entries, TAG.height);
      if (!width || !height) throw new Corrupt(`dimensions manquantes (page ${pages.length + 1})`);
      const page: TiffPage = {
        width,
        height,
        xResolution: single(bytes, entries, TAG.xResolution) || null,
        yResolution: single(bytes, entries, TAG.yResolution) || null,
        resolutionUnit: single(bytes, entries, TAG.resolutionUnit) ?? 2,
      };
      const pixels = correctedPixels(page);
      if (pixels > limits.maxPixelsPerPage) {
        throw unreadable(
          'too-large',
          messages.tooManyPixels(pages.length + 1, pixels, limits.maxPixelsPerPage),
        );
      }
      checkImageData(bytes, entries, height);
      checkSubIfds(bytes, entries, 0, new Set(seen));
      pages.push(page);
      at = next;
    }
    return pages;
  } catch (error) {
    if (error instanceof Corrupt) throw unreadable('corrupt', messages.corruptTiff(error.message), error);
    throw error;
  }
}
