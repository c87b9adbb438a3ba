/**
 * One reading process (reader-child.ts) and its watchdog. A job runs under three bounds: time
 * per page, time per file, resident memory. Past any of them, or if the process dies (a native
 * decoder's crash, V8 out of heap), the process is killed and the job fails with a French reason
 * naming the page at fault; the pool (reading-pool.ts) starts another process.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { UnreadableFaxError } from '../../domain/reading.ts';
import { messages } from '../unreadable.ts';
import type { ReadBudget } from './budget.ts';
import type { ChildOptions, FromChild, ReadingJob } from './protocol.ts';
import { residentBytes } from './resident-memory.ts';

/** How often a busy process's memory is looked at. */
const MEMORY_POLL_MS = 100;
/** The last bytes of the process's error output, kept to tell "out of heap" from other deaths. */
const STDERR_TAIL = 4096;

const CHILD = fileURLToPath(new URL('./reader-entry.mjs', import.meta.url));

type Overrun =
  | { kind: 'time'; page: number; seconds: number }
  | { kind: 'file'; seconds: number }
  | { kind: 'memory'; page: number };

export interface ReadingProcess {
  /** Resolves once the process has loaded and can take a job; rejects if it died first. */
  readonly ready: Promise<void>;
  readonly busy: boolean;
  readonly alive: boolean;
  readonly pid: number | undefined;
  run(job: ReadingJob): Promise<unknown>;
  kill(): void;
}

export function startReadingProcess(
  budget: ReadBudget,
  options: ChildOptions,
  onExit: (proc: ReadingProcess) => void,
  /** Told the OCR time of each job done. */
  onDone?: (ocrMs: number) => void,
): ReadingProcess {
  const heapMb = Math.max(64, Math.floor(budget.memoryBytes / (1024 * 1024)));
  // A desk's process lives for many faxes: Tesseract's WebAssembly compiled once by the optimising
  // compiler only, without the baseline copy V8 keeps beside it, is ~40 MB less per process and
  // no slower after the first page (README, « How reading is kept fast and lean »). A one-off
  // `check` keeps the baseline compiler, whose quick start is worth more than the memory there.
  const desk = (options.ocr ?? 'eager') === 'eager';
  const child: ChildProcess = fork(CHILD, [JSON.stringify(options)], {
    // Plain Node: the entry loads the decoders natively, then tsx for our own modules.
    execArgv: [`--max-old-space-size=${heapMb}`, ...(desk ? ['--no-liftoff'] : [])],
    // One malloc arena: the process reads one fax at a time, and each arena of a thread (libvips,
    // pdf.js, Tesseract's) otherwise keeps tens of MB after use.
    env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '1' },
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderrTail = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('latin1')).slice(-STDERR_TAIL);
  });

  let alive = true;
  let nextId = 1;
  let current: {
    id: number;
    page: number;
    overrun: Overrun | null;
    resolve(value: unknown): void;
    reject(error: unknown): void;
    /** Restarts the page clock: a new page has begun. */
    newPage(): void;
    stop(): void;
  } | null = null;

  let markReady: () => void = () => undefined;
  let failReady: (error: Error) => void = () => undefined;
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    failReady = reject;
  });
  ready.catch(() => undefined);

  // An idle process never keeps the desk running (a forgotten pool, the console's previews).
  const hold = (held: boolean): void => {
    const handles = [child, child.channel, child.stderr] as (
      { ref(): void; unref(): void } | null | undefined
    )[];
    for (const h of handles) {
      if (held) h?.ref();
      else h?.unref();
    }
  };
  // Held while loading (a job is usually waiting for it), let go once ready and idle.

  const self: ReadingProcess = {
    ready,
    get busy() {
      return current !== null;
    },
    get alive() {
      return alive;
    },
    get pid() {
      return child.pid;
    },
    run(job) {
      if (!alive) return Promise.reject(new Error('reading process is gone'));
      if (current) return Promise.reject(new Error('reading process is busy'));
      const id = nextId++;
      hold(true);
      return new Promise<unknown>((resolve, reject) => {
        let pageTimer: NodeJS.Timeout | undefined;
        const armPage = (): void => {
          clearTimeout(pageTimer);
          pageTimer = setTimeout(
            () =>
              overrun({ kind: 'time', page: current?.page ?? 0, seconds: Math.round(budget.pageMs / 1000) }),
            budget.pageMs,
          );
        };
        const fileTimer = setTimeout(
          () => overrun({ kind: 'file', seconds: Math.round(budget.fileMs / 1000) }),
          budget.fileMs,
        );
        let polling = false;
        const memoryTimer = setInterval(() => {
          if (polling || child.pid === undefined) return;
          polling = true;
          void residentBytes(child.pid).then((bytes) => {
            polling = false;
            if (bytes !== null && bytes > budget.memoryBytes) {
              overrun({ kind: 'memory', page: current?.page ?? 0 });
            }
          });
        }, MEMORY_POLL_MS);
        current = {
          id,
          page: 0,
          overrun: null,
          resolve,
          reject,
          newPage: armPage,
          stop() {
            clearTimeout(pageTimer);
            clearTimeout(fileTimer);
            clearInterval(memoryTimer);
          },
        };
        armPage();
        child.send({ ...job, id }, (error) => {
          if (error) overrun(null);
        });
      });
    },
    kill() {
      if (alive) child.kill('SIGKILL');
    },
  };

  function overrun(why: Overrun | null): void {
    if (!current || !alive) return;
    current.overrun = why;
    child.kill('SIGKILL');
  }

  function settle(outcome: { ok: true; value: unknown } | { ok: false; error: unknown }): void {
    const job = current;
    if (!job) return;
    current = null;
    job.stop();
    hold(false);
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  }

  child.on('message', (message: FromChild) => {
    if (message.type === 'ready') {
      if (!current) hold(false);
      return markReady();
    }
    if (!current || message.id !== current.id) return;
    if (message.type === 'page') {
      current.page = message.index;
      current.newPage();
    } else if (message.type === 'done') {
      onDone?.(message.ocrMs);
      settle({ ok: true, value: message.result });
    } else {
      const { unreadable, code, message: text } = message.error;
      settle({
        ok: false,
        error: unreadable ? new UnreadableFaxError(code, text) : new Error(`reading failed (${code})`),
      });
    }
  });

  child.on('exit', (code, signal) => {
    alive = false;
    failReady(new Error(`reading process exited before it was ready (${signal ?? code})`));
    if (current) {
      const why =
        current.overrun ??
        (/heap out of memory|Allocation failed/i.test(stderrTail)
          ? { kind: 'memory' as const, page: current.page }
          : null);
      settle({ ok: false, error: interrupted(why, current.page, budget) });
    }
    hold(false);
    onExit(self);
  });
  child.on('error', () => {
    // A process that could not be started never emits 'exit'.
    if (child.pid === undefined && alive) {
      alive = false;
      failReady(new Error('reading process could not be started'));
      onExit(self);
    }
  });

  return self;
}

function interrupted(why: Overrun | null, page: number, budget: ReadBudget): UnreadableFaxError {
  const message =
    why === null
      ? messages.interruptedCrash(page)
      : why.kind === 'time'
        ? messages.interruptedTime(why.page, why.seconds)
        : why.kind === 'file'
          ? messages.interruptedFileTime(why.seconds)
          : messages.interruptedMemory(why.page, Math.round(budget.memoryBytes / (1024 * 1024)));
  return new UnreadableFaxError('interrupted', message);
}
