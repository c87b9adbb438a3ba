/**
 * A fixed number of reading processes (reading-process.ts), started on first use, each reading
 * one file at a time. A process killed for overrunning its budget, or dead of a crash, is
 * replaced at once, so the next file is read without waiting.
 */
import type { ReadBudget } from './budget.ts';
import type { ChildOptions, ReadingJob } from './protocol.ts';
import { type ReadingProcess, startReadingProcess } from './reading-process.ts';

export interface ReadingPool {
  readonly size: number;
  /** Jobs done and the time their OCR took, since the pool started. */
  readonly stats: { jobs: number; ocrMs: number };
  run(job: ReadingJob): Promise<unknown>;
  /** Starts a process now, if none is, so that it loads while the caller loads its own code. */
  warm(): void;
  close(): Promise<void>;
}

/** Processes that die before they can take a job, in a row, before the pool gives up. */
const MAX_FAILED_STARTS = 3;

interface Waiting {
  job: ReadingJob;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export function createReadingPool(opts: {
  size: number;
  budget: ReadBudget;
  child?: ChildOptions;
}): ReadingPool {
  const size = Math.max(1, Math.floor(opts.size));
  const processes = new Set<ReadingProcess>();
  const ready = new Set<ReadingProcess>();
  const queue: Waiting[] = [];
  let failedStarts = 0;
  let closed = false;
  const stats = { jobs: 0, ocrMs: 0 };

  const start = (): void => {
    let served = false;
    const proc = startReadingProcess(
      opts.budget,
      opts.child ?? {},
      (gone) => {
        processes.delete(gone);
        ready.delete(gone);
        // Killed after an overrun, or crashed: a fresh process takes its place now, so the next
        // file does not wait for one to load. One that never got ready is not retried forever.
        if (!closed && (served || queue.length > 0) && failedStarts < MAX_FAILED_STARTS) start();
      },
      (ocrMs) => {
        stats.jobs += 1;
        stats.ocrMs += ocrMs;
      },
    );
    processes.add(proc);
    proc.ready.then(
      () => {
        failedStarts = 0;
        served = true;
        if (!proc.alive) return;
        ready.add(proc);
        dispatch();
      },
      (error: unknown) => {
        failedStarts += 1;
        if (failedStarts >= MAX_FAILED_STARTS) {
          for (const w of queue.splice(0))
            w.reject(new Error('reading processes fail to start', { cause: error }));
          failedStarts = 0;
        }
      },
    );
  };

  /** Starts processes up to the pool's size, no more than the work waiting needs. */
  const fill = (): void => {
    const idle = [...processes].filter((p) => !p.busy).length;
    let wanted = Math.min(size - processes.size, queue.length - idle);
    while (!closed && wanted-- > 0) start();
  };

  const dispatch = (): void => {
    for (const proc of ready) {
      if (queue.length === 0) return;
      if (proc.busy || !proc.alive) continue;
      const waiting = queue.shift() as Waiting;
      proc.run(waiting.job).then(
        (value) => {
          waiting.resolve(value);
          dispatch();
        },
        (error: unknown) => {
          waiting.reject(error);
          dispatch();
        },
      );
    }
  };

  return {
    size,
    stats,
    run(job) {
      if (closed) return Promise.reject(new Error('reading pool is closed'));
      return new Promise((resolve, reject) => {
        queue.push({ job, resolve, reject });
        fill();
        dispatch();
      });
    },
    warm() {
      if (!closed && processes.size === 0) start();
    },
    async close() {
      closed = true;
      for (const w of queue.splice(0)) w.reject(new Error('reading pool is closed'));
      for (const proc of processes) proc.kill();
      processes.clear();
      ready.clear();
    },
  };
}
