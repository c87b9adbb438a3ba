/**
 * A fixed set of Tesseract workers (French + English), started once and
 * reused for every page of every fax. Our own queue rather than
 * tesseract.js's scheduler: a page that overruns its time budget must be
 * able to kill its worker and get a fresh one in its place.
 */
import { availableParallelism } from 'node:os';
import Tesseract from 'tesseract.js';
import { defaultLangDir, OCR_LANGUAGES, prepareLangDir } from './ocr-languages.ts';

export interface OcrResult {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
  /** Tesseract's TSV: every word with its block, paragraph, line, box and confidence. */
  tsv: string;
}

export interface OcrOptions {
  timeoutMs?: number;
  /**
   * The picture's resolution, for a format that cannot carry it (PGM); without it Tesseract takes
   * the resolution the file states (a PNG's pHYs) or guesses from the text's size.
   */
  dpi?: number;
}

export interface OcrPool {
  /** `image`: any format Leptonica reads (PNG, PGM, TIFF…). */
  recognize(image: Buffer, opts?: OcrOptions): Promise<OcrResult>;
  readonly size: number;
  close(): Promise<void>;
}

/** Thrown when one page's OCR overran its time budget. */
export class OcrTimeoutError extends Error {
  constructor(timeoutMs: number) {
    super(`OCR did not finish within ${timeoutMs} ms`);
    this.name = 'OcrTimeoutError';
  }
}

const DEFAULT_JOB_TIMEOUT_MS = 120_000;
const DEFAULT_START_TIMEOUT_MS = 60_000;

interface Job {
  image: Buffer;
  timeoutMs: number;
  /** Tesseract's user_defined_dpi: 0 lets the file (or Tesseract) say. */
  dpi: number;
  resolve(result: OcrResult): void;
  reject(error: unknown): void;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return typeof error === 'string' ? error : 'unknown error';
}

/**
 * Starts one worker, guarded: a language that fails to load inside the
 * worker thread is reported through `errorHandler` while `createWorker`
 * itself may never settle, so both that and a plain timeout reject here.
 */
async function startWorker(langDir: string, startTimeoutMs: number): Promise<Tesseract.Worker> {
  let timer: NodeJS.Timeout | undefined;
  let failFromWorker: (error: unknown) => void = () => undefined;
  const workerFailed = new Promise<never>((_, reject) => {
    failFromWorker = reject;
  });
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`OCR worker did not start within ${startTimeoutMs} ms (langDir ${langDir})`)),
      startTimeoutMs,
    );
  });
  const created = Tesseract.createWorker(OCR_LANGUAGES.join('+'), Tesseract.OEM.LSTM_ONLY, {
    langPath: langDir,
    gzip: true,
    // 'none': never read or write a cache (the default writes into the cwd).
    cacheMethod: 'none',
    errorHandler: (error: unknown) => failFromWorker(error),
  });
  try {
    const worker = await Promise.race([created, workerFailed, timedOut]);
    // Tesseract's API defaults to one uniform block of text (PSM 6), which drops whole cells of
    // boxed forms ("Nom / Émond" in the corner of a cell); full page analysis (PSM 3, what the
    // `tesseract` command uses) keeps them. Rows and cells are rebuilt from the boxes afterwards.
    await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.AUTO });
    return worker;
  } catch (error) {
    // If the worker shows up after all, do not leave its thread running.
    created.then((w) => w.terminate()).catch(() => undefined);
    throw new Error(`OCR worker failed to start: ${errorText(error)}`, { cause: error });
  } finally {
    clearTimeout(timer);
  }
}

/** The resolution each worker was last told, so it is set only when it changes. */
const workerDpi = new WeakMap<Tesseract.Worker, number>();

async function withDpi(worker: Tesseract.Worker, dpi: number): Promise<void> {
  if ((workerDpi.get(worker) ?? 0) === dpi) return;
  await worker.setParameters({ user_defined_dpi: String(dpi) });
  workerDpi.set(worker, dpi);
}

export async function createOcrPool(
  opts: { size?: number; langDir?: string; startTimeoutMs?: number } = {},
): Promise<OcrPool> {
  const size = Math.max(1, Math.floor(opts.size ?? availableParallelism()));
  const langDir = opts.langDir ?? defaultLangDir();
  const startTimeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;
  await prepareLangDir(langDir);

  const started = await Promise.allSettled(
    Array.from({ length: size }, () => startWorker(langDir, startTimeoutMs)),
  );
  const workers = new Set<Tesseract.Worker>();
  for (const s of started) if (s.status === 'fulfilled') workers.add(s.value);
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) {
    await Promise.all([...workers].map((w) => w.terminate()));
    throw failure.reason;
  }

  const idle: Tesseract.Worker[] = [...workers];
  const queue: Job[] = [];
  /** Jobs in flight, so close() can reject them and clear their timers. */
  const running = new Map<Tesseract.Worker, { job: Job; timer: NodeJS.Timeout }>();
  let replacing = 0;
  let closed = false;

  const failQueue = (error: Error): void => {
    for (const job of queue.splice(0)) job.reject(error);
  };

  const dispatch = (): void => {
    while (!closed && idle.length > 0 && queue.length > 0) {
      const worker = idle.pop() as Tesseract.Worker;
      run(worker, queue.shift() as Job);
    }
  };

  // A worker killed after a timeout is replaced, so the pool keeps its size.
  const replace = (): void => {
    replacing += 1;
    startWorker(langDir, startTimeoutMs).then(
      (worker) => {
        replacing -= 1;
        if (closed) return void worker.terminate();
        workers.add(worker);
        idle.push(worker);
        dispatch();
      },
      (error: unknown) => {
        replacing -= 1;
        if (workers.size === 0 && replacing === 0) {
          failQueue(new Error(`OCR pool has no worker left: ${errorText(error)}`, { cause: error }));
        }
      },
    );
  };

  const run = (worker: Tesseract.Worker, job: Job): void => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      running.delete(worker);
      job.reject(new OcrTimeoutError(job.timeoutMs));
      workers.delete(worker);
      void worker.terminate();
      if (!closed) replace();
    }, job.timeoutMs);
    running.set(worker, { job, timer });
    withDpi(worker, job.dpi)
      .then(() => worker.recognize(job.image, {}, { text: true, tsv: true }))
      .then(
        ({ data }) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          running.delete(worker);
          job.resolve({
            text: data.text ?? '',
            confidence: Math.max(0, Math.min(100, data.confidence ?? 0)),
            tsv: data.tsv ?? '',
          });
          idle.push(worker);
          dispatch();
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          running.delete(worker);
          job.reject(new Error(`OCR failed: ${errorText(error)}`, { cause: error }));
          idle.push(worker);
          dispatch();
        },
      );
  };

  return {
    get size() {
      return size;
    },
    recognize(image, recognizeOpts = {}) {
      if (closed) return Promise.reject(new Error('OCR pool is closed'));
      const timeoutMs = recognizeOpts.timeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
      const dpi = Math.round(recognizeOpts.dpi ?? 0);
      return new Promise<OcrResult>((resolve, reject) => {
        queue.push({ image, timeoutMs, dpi, resolve, reject });
        dispatch();
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      failQueue(new Error('OCR pool is closed'));
      for (const { job, timer } of running.values()) {
        clearTimeout(timer);
        job.reject(new Error('OCR pool is closed'));
      }
      running.clear();
      const all = [...workers];
      workers.clear();
      idle.length = 0;
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}
