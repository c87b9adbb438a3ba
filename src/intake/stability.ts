/**
 * Stage (a): wait until a file is written to the end. Fax servers and network
 * shares write slowly and fire no "done" event: a file is taken as complete
 * once its size and modification time have not changed for a settle period.
 */
import { lstat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FileSnapshot {
  size: number;
  mtimeMs: number;
}

export async function snapshot(path: string): Promise<FileSnapshot | null> {
  try {
    const s = await lstat(path); // never follow a link
    return { size: s.size, mtimeMs: s.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function sameSnapshot(a: FileSnapshot, b: FileSnapshot): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs;
}

export interface StabilityOptions {
  /** How long size and mtime must stay unchanged (ms). */
  settleMs: number;
  /** Give up on files still changing after this long (ms); they are left for a later pass. */
  maxWaitMs: number;
  /** How often to look again (ms); default a quarter of settleMs. */
  pollMs?: number;
}

export interface StabilityResult {
  stable: string[];
  unstable: string[];
  gone: string[];
}

/** Watches several files at once, so a batch settles in one settle period, not one per file. */
export async function waitUntilStable(paths: string[], options: StabilityOptions): Promise<StabilityResult> {
  const pollMs = Math.max(10, options.pollMs ?? Math.floor(options.settleMs / 4));
  const started = performance.now();
  const result: StabilityResult = { stable: [], unstable: [], gone: [] };
  const watching = new Map<string, { snap: FileSnapshot; since: number }>();
  for (const path of paths) {
    const snap = await snapshot(path);
    if (snap === null) result.gone.push(path);
    else watching.set(path, { snap, since: performance.now() });
  }
  while (watching.size > 0) {
    await sleep(pollMs);
    const now = performance.now();
    for (const [path, seen] of watching) {
      const snap = await snapshot(path);
      if (snap === null) {
        watching.delete(path);
        result.gone.push(path);
      } else if (!sameSnapshot(snap, seen.snap)) {
        watching.set(path, { snap, since: now });
      } else if (now - seen.since >= options.settleMs) {
        watching.delete(path);
        result.stable.push(path);
      }
    }
    if (now - started >= options.maxWaitMs) {
      result.unstable.push(...watching.keys());
      break;
    }
  }
  return result;
}
