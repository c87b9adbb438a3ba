/**
 * Peak resident memory of a process and all its descendants, sampled from /proc (Linux): what the
 * machine really gives a run of Faxdesk (main process, reading processes, their OCR threads), or
 * of the peer script (bash, pdftoppm, tesseract).
 */
import { readdir, readFile } from 'node:fs/promises';

async function stat(pid: number): Promise<{ ppid: number; rssBytes: number } | null> {
  try {
    const [statText, status] = await Promise.all([
      readFile(`/proc/${pid}/stat`, 'latin1'),
      readFile(`/proc/${pid}/status`, 'latin1'),
    ]);
    // The command name (2nd field) may hold spaces: the fields after it follow the last ')'.
    const ppid = Number(statText.slice(statText.lastIndexOf(')') + 2).split(' ')[1]);
    const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
    return { ppid, rssBytes: kib * 1024 };
  } catch {
    return null;
  }
}

/** Resident bytes of `root` and its descendants now, and of the largest one; null without /proc. */
export async function treeRss(root: number): Promise<{ total: number; largest: number } | null> {
  let pids: number[];
  try {
    pids = (await readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number);
  } catch {
    return null;
  }
  const stats = new Map<number, { ppid: number; rssBytes: number }>();
  await Promise.all(
    pids.map(async (pid) => {
      const s = await stat(pid);
      if (s) stats.set(pid, s);
    }),
  );
  const children = new Map<number, number[]>();
  for (const [pid, s] of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  let total = 0;
  let largest = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    const rss = stats.get(pid)?.rssBytes ?? 0;
    total += rss;
    largest = Math.max(largest, rss);
    stack.push(...(children.get(pid) ?? []));
  }
  return { total, largest };
}

/** Samples the tree every `everyMs` until stopped; gives the peaks seen (whole tree, one process). */
export function watchTreeRss(
  root: number,
  everyMs = 200,
): { stop(): Promise<{ total: number; largest: number } | null> } {
  let peak = null as { total: number; largest: number } | null;
  let running = true;
  const loop = (async () => {
    while (running) {
      const now = await treeRss(root);
      if (now !== null) {
        peak = {
          total: Math.max(peak?.total ?? 0, now.total),
          largest: Math.max(peak?.largest ?? 0, now.largest),
        };
      }
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return peak;
    },
  };
}
