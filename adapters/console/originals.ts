/**
 * The original fax pages, as images a browser shows (src/reading/page-preview.ts), archived or
 * quarantined alike. The files are untrusted bytes: pages are counted and rendered in a reading
 * process of their own, bounded in time and memory (src/reading/isolation/), never on the
 * console's event loop. One page at a time (reading faxes needs the CPU more); the last few are
 * kept in memory.
 *
 * Those kept pages are copies of patient data: a purged fax's are dropped (`forget`, called
 * when its purge reaches the console), and a kept page is served only while its original is
 * still on disk — a purge run by another process (`faxdesk purge`) deletes the original first.
 */
import { constants } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import type { FileKind } from '../../src/domain/reading.ts';
import { detectFileKind } from '../../src/reading/file-kind.ts';
import { defaultReadBudget, type ReadBudget } from '../../src/reading/isolation/budget.ts';
import { createReadingPool, type ReadingPool } from '../../src/reading/isolation/reading-pool.ts';
import type { FaxRecord } from '../../src/store/records.ts';

const CACHE_PAGES = 24;
/** A preview is asked for by someone waiting at a screen: it gets less time than a reading. */
const PREVIEW_PAGE_MS = 30_000;

export interface OriginalFile {
  path: string;
  kind: FileKind | null;
  pageCount: number;
  quarantined: boolean;
}

export class OriginalUnavailableError extends Error {}

export interface Originals {
  /** Null when the fax has no file left (purged, moved by hand). */
  describe(fax: FaxRecord): Promise<OriginalFile | null>;
  /** Page `index` (0-based) as PNG; throws OriginalUnavailableError when it cannot be shown. */
  pagePng(fax: FaxRecord, index: number): Promise<Buffer>;
  read(fax: FaxRecord): Promise<Buffer | null>;
  /** Drops every page kept for this fax (it was purged). */
  forget(faxId: string): void;
  /** Stops the preview process. */
  close(): Promise<void>;
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

export function createOriginals(opts: { budget?: Partial<ReadBudget> } = {}): Originals {
  const cache = new Map<string, Buffer>();
  let pool: ReadingPool | null = null;
  const previews = (): ReadingPool =>
    (pool ??= createReadingPool({
      size: 1,
      budget: { ...defaultReadBudget, pageMs: PREVIEW_PAGE_MS, fileMs: PREVIEW_PAGE_MS, ...opts.budget },
      child: { ocr: 'never' },
    }));
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
    async close() {
      await pool?.close();
      pool = null;
    },
    async describe(fax) {
      const buf = await read(fax);
      if (buf === null) return null;
      const kind = detectFileKind(buf);
      let pageCount = 0;
      try {
        pageCount = kind === null ? 0 : Number(await previews().run({ op: 'count', bytes: buf }));
      } catch {
        pageCount = 0; // a broken file, or one too costly to open: offered for download only
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
          const png = await previews().run({ op: 'preview', bytes: buf, index });
          if (!(png instanceof Uint8Array)) throw new Error('no image');
          return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
        } catch (error) {
          throw new OriginalUnavailableError('render failed', { cause: error });
        }
      });
      cache.set(key, png);
      if (cache.size > CACHE_PAGES) cache.delete(cache.keys().next().value as string);
      return png;
    },
  };
}
