/**
 * The original fax pages, as images a browser shows: TIFF pages through sharp (fax "normal"
 * mode pixels are twice as tall as wide: stretched back to square), PDF pages rendered by
 * pdf.js (pdf-parse), PNG/JPEG as they are. Archived or quarantined alike. Renders one page
 * at a time (reading faxes needs the CPU more) and keeps the last few in memory.
 *
 * Those kept pages are copies of patient data: a purged fax's are dropped (`forget`, called
 * when its purge reaches the console), and a kept page is served only while its original is
 * still on disk — a purge run by another process (`faxdesk purge`) deletes the original first.
 */
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { PDFParse, VerbosityLevel } from 'pdf-parse';
import sharp from 'sharp';
import type { FileKind } from '../../src/domain/reading.ts';
import { defaultReadLimits } from '../../src/reading/limits.ts';
import { detectFileKind } from '../../src/reading/file-kind.ts';
import { readTiffPages } from '../../src/reading/tiff-directory.ts';
import type { FaxRecord } from '../../src/store/records.ts';

/** Wide enough to read a fax comfortably, small enough to load fast. */
const PAGE_WIDTH_PX = 1200;
const PDF_SCALE = 1.6;
const CACHE_PAGES = 24;

export interface OriginalFile {
  path: string;
  kind: FileKind | null;
  pageCount: number;
  quarantined: boolean;
}

export class OriginalUnavailableError extends Error {}

async function pdfPageCount(buf: Buffer): Promise<number> {
  const parser = new PDFParse({ data: new Uint8Array(buf), verbosity: VerbosityLevel.ERRORS });
  try {
    return (await parser.getInfo()).total;
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

function countPages(buf: Buffer, kind: FileKind | null): Promise<number> | number {
  switch (kind) {
    case 'tiff':
      return readTiffPages(buf, defaultReadLimits).length;
    case 'pdf':
      return pdfPageCount(buf);
    case 'png':
    case 'jpeg':
      return 1;
    case null:
      return 0;
  }
}

async function tiffPagePng(buf: Buffer, index: number): Promise<Buffer> {
  const info = readTiffPages(buf, defaultReadLimits)[index];
  if (!info) throw new OriginalUnavailableError('no such page');
  const ratio = info.xResolution && info.yResolution ? info.xResolution / info.yResolution : 1;
  const height = Math.round(info.height * (ratio > 0.25 && ratio < 4 ? ratio : 1));
  const width = Math.min(PAGE_WIDTH_PX, info.width);
  return sharp(buf, { page: index, failOn: 'error', limitInputPixels: defaultReadLimits.maxPixelsPerPage })
    .resize({ width: info.width, height, fit: 'fill' })
    .resize({ width })
    .png({ palette: true, colours: 16 })
    .toBuffer();
}

async function pdfPagePng(buf: Buffer, index: number): Promise<Buffer> {
  const parser = new PDFParse({ data: new Uint8Array(buf), verbosity: VerbosityLevel.ERRORS });
  try {
    const info = await parser.getInfo({ parsePageInfo: true, partial: [index + 1] });
    const size = info.pages[0];
    if (!size || !(size.width > 0) || !(size.height > 0)) throw new OriginalUnavailableError('no size');
    const scale = Math.min(
      PDF_SCALE,
      Math.sqrt(defaultReadLimits.maxPixelsPerPage / (size.width * size.height)),
    );
    const shot = await parser.getScreenshot({
      partial: [index + 1],
      scale,
      imageDataUrl: false,
      imageBuffer: true,
    });
    const png = shot.pages[0]?.data;
    if (!png || png.length === 0) throw new OriginalUnavailableError('no image');
    return sharp(Buffer.from(png))
      .resize({ width: PAGE_WIDTH_PX, withoutEnlargement: true })
      .png()
      .toBuffer();
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

async function imagePng(buf: Buffer): Promise<Buffer> {
  return sharp(buf, { failOn: 'error', limitInputPixels: defaultReadLimits.maxPixelsPerPage })
    .rotate()
    .resize({ width: PAGE_WIDTH_PX, withoutEnlargement: true })
    .png()
    .toBuffer();
}

export interface Originals {
  /** Null when the fax has no file left (purged, moved by hand). */
  describe(fax: FaxRecord): Promise<OriginalFile | null>;
  /** Page `index` (0-based) as PNG; throws OriginalUnavailableError when it cannot be shown. */
  pagePng(fax: FaxRecord, index: number): Promise<Buffer>;
  read(fax: FaxRecord): Promise<Buffer | null>;
  /** Drops every page kept for this fax (it was purged). */
  forget(faxId: string): void;
}

async function stillOnDisk(fax: FaxRecord): Promise<boolean> {
  const path = fax.archivePath ?? fax.quarantinePath;
  if (path === null) return false;
  try {
    return (await lstat(path)).isFile();
  } catch {
    return false;
  }
}

export function createOriginals(): Originals {
  const cache = new Map<string, Buffer>();
  let queue: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(job: () => Promise<T>): Promise<T> => {
    const run = queue.then(job, job);
    queue = run.catch(() => undefined);
    return run;
  };

  async function read(fax: FaxRecord): Promise<Buffer | null> {
    const path = fax.archivePath ?? fax.quarantinePath;
    if (path === null) return null;
    // A symbolic link dropped in the inbox is kept in quarantine as a link: never follow it (it
    // may point at any file this process can read, or at a fifo that would block every read).
    let handle;
    try {
      handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch {
      return null;
    }
    try {
      if (!(await handle.stat()).isFile()) return null;
      return await handle.readFile();
    } catch {
      return null;
    } finally {
      await handle.close();
    }
  }

  function forget(faxId: string): void {
    for (const key of [...cache.keys()]) if (key.startsWith(`${faxId}:`)) cache.delete(key);
  }

  return {
    read,
    forget,
    async describe(fax) {
      const buf = await read(fax);
      if (buf === null) return null;
      const kind = detectFileKind(buf);
      let pageCount = 0;
      try {
        pageCount = await countPages(buf, kind);
      } catch {
        pageCount = 0; // a broken file: offered for download only
      }
      return {
        path: (fax.archivePath ?? fax.quarantinePath) as string,
        kind,
        pageCount,
        quarantined: fax.quarantinePath !== null,
      };
    },
    async pagePng(fax, index) {
      const key = `${fax.id}:${index}`;
      const cached = cache.get(key);
      if (cached) {
        if (await stillOnDisk(fax)) return cached;
        forget(fax.id);
        throw new OriginalUnavailableError('file gone');
      }
      const png = await oneAtATime(async () => {
        const buf = await read(fax);
        if (buf === null) throw new OriginalUnavailableError('file gone');
        try {
          switch (detectFileKind(buf)) {
            case 'tiff':
              return await tiffPagePng(buf, index);
            case 'pdf':
              return await pdfPagePng(buf, index);
            case 'png':
            case 'jpeg':
              if (index !== 0) throw new OriginalUnavailableError('no such page');
              return await imagePng(buf);
            case null:
              throw new OriginalUnavailableError('unknown kind');
          }
        } catch (error) {
          if (error instanceof OriginalUnavailableError) throw error;
          throw new OriginalUnavailableError('render failed', { cause: error });
        }
      });
      cache.set(key, png);
      if (cache.size > CACHE_PAGES) cache.delete(cache.keys().next().value as string);
      return png;
    },
  };
}
