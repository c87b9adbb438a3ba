/**
 * Readings of benchmark files kept on disk between runs, so a parser change is scored in seconds
 * instead of re-running OCR on every fax. The key is the file's SHA-256 and a hash of the reader's
 * own source (src/reading, and the reading's shape in src/domain): change how pages are read and every entry is stale.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FaxReading, UnreadableFaxError } from '../src/domain/reading.ts';

const root = fileURLToPath(new URL('..', import.meta.url));

function readerVersion(): string {
  const hash = createHash('sha256');
  // The reader and the shapes it returns; the parser's own types (src/domain/order.ts) change
  // nothing read and must not make every reading stale.
  const files = [
    ...readdirSync(join(root, 'src/reading'))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => join('src/reading', f)),
    'src/domain/reading.ts',
    'src/domain/layout.ts',
  ];
  for (const f of files) hash.update(f).update(readFileSync(join(root, f)));
  return hash.digest('hex').slice(0, 16);
}

type Cached = { reading: FaxReading } | { unreadable: { code: string; message: string } };

export function readingCache(dir: string): {
  read(file: string, reader: (file: string) => Promise<FaxReading>): Promise<FaxReading>;
} {
  const version = readerVersion();
  mkdirSync(dir, { recursive: true });
  return {
    async read(file, reader) {
      const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
      const path = join(dir, `${version}-${sha}.json`);
      let cached: Cached | null = null;
      try {
        cached = JSON.parse(readFileSync(path, 'utf8')) as Cached;
      } catch {
        cached = null;
      }
      if (!cached) {
        try {
          cached = { reading: await reader(file) };
        } catch (error) {
          if (!(error instanceof UnreadableFaxError)) throw error;
          cached = { unreadable: { code: error.code, message: error.message } };
        }
        writeFileSync(path, JSON.stringify(cached));
      }
      if ('unreadable' in cached)
        throw new UnreadableFaxError(cached.unreadable.code, cached.unreadable.message);
      return FaxReading.parse(cached.reading);
    },
  };
}
