/**
 * The folder inbox for `faxdesk watch`: a directory the fax server (or a
 * scanner, or a person) drops files into, possibly on an SMB/NFS share.
 *
 * Change events (chokidar) make pick-up quick on a local disk, but they do not
 * fire on network shares, so the directory is ALSO listed every `pollIntervalMs`.
 * Either way a file is only delivered once its size and mtime have been unchanged
 * for `settleMs` (a slow writer is not read half-written), and at most
 * `concurrency` files are delivered at once. Nothing here throws out of a timer:
 * errors are logged and the next poll tries again.
 */
import { watch, type FSWatcher } from 'chokidar';
import { lstat, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { isIgnoredName } from '../../src/intake/candidates.ts';
import { errorCode, noopIntakeLog, type IntakeLog } from '../../src/intake/log.ts';
import type { DeliverFile, InboxSource, IntakeSource } from '../../src/intake/source.ts';
import { sameSnapshot, snapshot, type FileSnapshot } from '../../src/intake/stability.ts';

export interface FolderInboxOptions {
  dir: string;
  /** How often the directory is listed, whatever the change events say (ms); default 10000. */
  pollIntervalMs?: number;
  /** Size and mtime unchanged this long before delivery (ms); default 2000. */
  settleMs?: number;
  /** Files delivered at once; default 1. */
  concurrency?: number;
  /** Listen to change events as well as polling; default true. Off: polling only (e.g. known network share). */
  useFsEvents?: boolean;
  log?: IntakeLog;
}

export function createFolderInbox(options: FolderInboxOptions): InboxSource {
  const dir = resolve(options.dir);
  const pollIntervalMs = Math.max(50, options.pollIntervalMs ?? 10_000);
  const settleMs = Math.max(0, options.settleMs ?? 2000);
  const checkIntervalMs = Math.max(25, Math.min(pollIntervalMs, Math.floor(settleMs / 4) || 25));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const useFsEvents = options.useFsEvents ?? true;
  const log = options.log ?? noopIntakeLog;

  /** Files seen and waiting to settle: last snapshot and since when it has not changed. */
  const settling = new Map<string, { snap: FileSnapshot; since: number }>();
  const queue: string[] = [];
  const inFlight = new Map<string, Promise<void>>();
  let deliver: DeliverFile | null = null;
  let watcher: FSWatcher | null = null;
  let pollTimer: NodeJS.Timeout | null = null;
  let checkTimer: NodeJS.Timeout | null = null;
  let running = false;
  let checking = false;

  const waiting = (file: string) => inFlight.has(file) || queue.includes(file);

  async function observe(file: string): Promise<void> {
    if (!running || waiting(file) || isIgnoredName(basename(file))) return;
    const info = await lstat(file).catch(() => null);
    if (info === null) return;
    if (info.isSymbolicLink()) {
      // Never followed, nothing to settle: the intake refuses it with a note.
      enqueue(file);
      return;
    }
    if (!info.isFile()) return;
    if (!settling.has(file))
      settling.set(file, { snap: { size: info.size, mtimeMs: info.mtimeMs }, since: performance.now() });
  }

  async function scan(): Promise<void> {
    try {
      const entries = await readdir(dir, { withFileTypes: true });
      for (const entry of entries) {
        if (entry.isFile() || entry.isSymbolicLink()) await observe(join(dir, entry.name));
      }
    } catch (error) {
      log.error('inbox.scan_failed', { code: errorCode(error) });
    }
  }

  async function check(): Promise<void> {
    if (checking || !running) return;
    checking = true;
    try {
      const now = performance.now();
      for (const [file, seen] of settling) {
        const snap = await snapshot(file).catch(() => null);
        if (snap === null) settling.delete(file);
        else if (!sameSnapshot(snap, seen.snap)) settling.set(file, { snap, since: now });
        else if (now - seen.since >= settleMs) {
          settling.delete(file);
          enqueue(file);
        }
      }
    } finally {
      checking = false;
    }
  }

  function enqueue(file: string): void {
    if (waiting(file)) return;
    queue.push(file);
    pump();
  }

  function pump(): void {
    while (running && deliver !== null && inFlight.size < concurrency && queue.length > 0) {
      const file = queue.shift();
      if (file === undefined) break;
      const handler = deliver;
      const job = (async () => {
        try {
          await handler(file);
        } catch (error) {
          log.error('inbox.deliver_failed', { code: errorCode(error) });
        }
      })().finally(() => {
        inFlight.delete(file);
        pump();
      });
      inFlight.set(file, job);
    }
  }

  return {
    async start(handler: DeliverFile): Promise<void> {
      if (running) throw new Error('folder inbox already started');
      running = true;
      deliver = handler;
      if (useFsEvents) {
        const w = watch(dir, {
          depth: 0,
          ignoreInitial: true, // the first scan below covers what is already there
          followSymlinks: false,
          ignored: (path: string) => path !== dir && isIgnoredName(basename(path)),
        });
        w.on('add', (path) => void observe(path));
        w.on('change', (path) => void observe(path));
        w.on('error', (error) => log.error('inbox.watch_error', { code: errorCode(error) }));
        await new Promise<void>((ready) => w.once('ready', () => ready()));
        watcher = w;
      }
      await scan();
      pollTimer = setInterval(() => void scan(), pollIntervalMs);
      checkTimer = setInterval(() => void check(), checkIntervalMs);
      log.info('inbox.started', { pollIntervalMs, settleMs, fsEvents: useFsEvents });
    },

    async stop(): Promise<void> {
      if (!running) return;
      running = false;
      if (pollTimer) clearInterval(pollTimer);
      if (checkTimer) clearInterval(checkTimer);
      pollTimer = checkTimer = null;
      queue.length = 0; // not started: they stay in the inbox for the next run
      settling.clear();
      if (watcher) await watcher.close();
      watcher = null;
      await Promise.all(inFlight.values()); // finish the files in flight
      deliver = null;
      log.info('inbox.stopped', {});
    },
  };
}

/** The inbox folder as an intake source: the watcher above, or one pass over the folder. */
export function createFolderSource(options: FolderInboxOptions): IntakeSource {
  const inbox = createFolderInbox(options);
  return {
    name: 'folder',
    start: (intake) => inbox.start((file) => intake.processFile(file, { stable: true })),
    runOnce: (intake) => intake.processInboxOnce(),
    stop: () => inbox.stop(),
    health: () => ({ source: 'folder', ok: true, since: null, problem: null }),
  };
}
