/**
 * The desk's fax reader: the same reading as createFaxReader (../index.ts), done in reading
 * processes that are killed when a file overruns its budget (reading-pool.ts). What comes back
 * is checked against the reading's schema: it was computed next to hostile bytes.
 */
import { readFile, stat } from 'node:fs/promises';
import { FaxReading } from '../../domain/reading.ts';
import { defaultReadLimits, type ReadLimits } from '../limits.ts';
import { messages, unreadable } from '../unreadable.ts';
import { defaultReadBudget, type ReadBudget } from './budget.ts';
import { createReadingPool } from './reading-pool.ts';

export interface BoundedFaxReader {
  read(file: string | Buffer): Promise<FaxReading>;
  /** Files read and the time their OCR took (`npm run bench` sets it beside the whole time). */
  readonly stats: { jobs: number; ocrMs: number };
  /**
   * Starts a reading process at once (it takes most of a second to load its decoders): a
   * one-off `faxdesk check` calls it before loading the rest of its own code.
   */
  warm(): void;
  close(): Promise<void>;
}

async function load(file: string | Buffer, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(file)) return file;
  // Size first: never pull an oversized file into memory.
  const { size } = await stat(file);
  if (size > maxBytes) throw unreadable('too-large', messages.tooManyBytes(size, maxBytes));
  return readFile(file);
}

export function createBoundedFaxReader(opts: {
  /** Reading processes; each holds one OCR worker. */
  workers: number;
  limits?: Partial<ReadLimits>;
  budget?: Partial<ReadBudget>;
  /** Where the OCR models are kept. */
  langDir?: string;
  /** Start each process's OCR worker at once (a desk), or when a page first needs it (one check). */
  ocrStart?: 'eager' | 'lazy';
}): BoundedFaxReader {
  const limits: ReadLimits = { ...defaultReadLimits, ...opts.limits };
  const pool = createReadingPool({
    size: opts.workers,
    budget: { ...defaultReadBudget, ...opts.budget },
    child: { ...(opts.langDir ? { langDir: opts.langDir } : {}), ocr: opts.ocrStart ?? 'eager' },
  });
  return {
    async read(file) {
      const bytes = await load(file, limits.maxBytes);
      return FaxReading.parse(await pool.run({ op: 'read', bytes, limits }));
    },
    stats: pool.stats,
    warm: () => pool.warm(),
    close: () => pool.close(),
  };
}
