/**
 * A reading process: reads the fax files the desk sends it, one at a time, and answers with the
 * reading (or a page preview). It holds everything that touches untrusted bytes — pdf.js, libvips,
 * Tesseract — so that a file that asks for endless work or memory costs this process, which the
 * desk kills and replaces (reading-process.ts), never the desk's event loop.
 *
 * Everything loads before the process says it is ready, and its OCR worker starts right after
 * (unless it only shows previews): the desk's clock for a file's structure and first page must
 * not count the process's own start.
 */
import { Worker } from 'node:worker_threads';
import type { FaxReading } from '../../domain/reading.ts';
import { lazyOcrPool } from '../../runtime/lazy-ocr-pool.ts';
import { createFaxReader } from '../index.ts';
import type { ReadLimits } from '../limits.ts';
import { createOcrPool, type OcrPool } from '../ocr-pool.ts';
import { previewPageCount, previewPagePng } from '../page-preview.ts';
import type { ChildFailure, ChildOptions, FromChild, ToChild } from './protocol.ts';

const options = JSON.parse(process.argv[2] ?? '{}') as ChildOptions;

function send(message: FromChild): void {
  process.send?.(message);
}

/** One OCR worker for the process's lifetime. */
let ocr: OcrPool | null = null;
/** Time spent in OCR during the current job (for the benchmark's overhead share). */
let ocrMs = 0;

function timed(pool: OcrPool): OcrPool {
  return {
    size: pool.size,
    async recognize(image, opts) {
      const started = performance.now();
      try {
        return await pool.recognize(image, opts);
      } finally {
        ocrMs += performance.now() - started;
      }
    },
    close: () => pool.close(),
  };
}

let ocrStarted: Promise<OcrPool> | null = null;
const startOcr = (): Promise<OcrPool> =>
  (ocrStarted ??= createOcrPool({ size: 1, ...(options.langDir ? { langDir: options.langDir } : {}) }));

function ocrPool(): OcrPool {
  return (ocr ??= timed(lazyOcrPool(1, startOcr)));
}

function readFax(bytes: Buffer, limits: ReadLimits, onPage: (index: number) => void): Promise<FaxReading> {
  return createFaxReader({ ocr: ocrPool(), limits, onPage }).read(bytes);
}

async function run(job: ToChild): Promise<unknown> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength);
  switch (job.op) {
    case 'read': {
      return readFax(bytes, job.limits, (index) => send({ type: 'page', id: job.id, index }));
    }
    case 'preview':
      send({ type: 'page', id: job.id, index: job.index + 1 });
      return previewPagePng(bytes, job.index);
    case 'count':
      return previewPageCount(bytes);
  }
}

function failure(error: unknown): ChildFailure {
  if (error instanceof Error && error.name === 'UnreadableFaxError' && 'code' in error) {
    return { unreadable: true, code: String(error.code), message: error.message };
  }
  if (error instanceof Error && error.name === 'PreviewUnavailableError') {
    return { unreadable: true, code: 'preview-unavailable', message: error.message };
  }
  // A fault of ours: the name only (a message may quote the file's content).
  return {
    unreadable: false,
    code: error instanceof Error ? error.name : 'Error',
    message: 'reading failed',
  };
}

process.on('message', (job: ToChild) => {
  ocrMs = 0;
  run(job).then(
    (result) => send({ type: 'done', id: job.id, result, ocrMs }),
    (error: unknown) => send({ type: 'failed', id: job.id, error: failure(error) }),
  );
});
// The desk went away (or closed its pool): nothing left to read for.
process.on('disconnect', () => process.exit(0));
// …even while this thread is stuck in a page that asks for endless work, where 'disconnect' would
// wait: a thread of its own watches the parent and ends the process once the parent is gone
// (killed with SIGKILL, it had no time to kill us).
new Worker(
  `const { workerData } = require('node:worker_threads');
   setInterval(() => { if (process.ppid !== workerData) process.kill(process.pid, 'SIGKILL'); }, 500);`,
  {
    eval: true,
    workerData: process.ppid,
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 },
  },
).unref();
send({ type: 'ready' });
// The OCR worker loads its models in a thread of its own while the first file's text is read.
if ((options.ocr ?? 'eager') === 'eager') void startOcr().catch(() => undefined);
