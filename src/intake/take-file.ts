/**
 * Stage (b), for a file of the inbox: opened ONCE, without following a symbolic link, checked
 * through the open descriptor (a regular file, still the entry in the inbox), and read whole
 * from that descriptor: its SHA-256, its first bytes, and the bytes themselves, which are what
 * the reader reads. Nothing is opened by name again, so a file swapped for a symbolic link (or
 * for another file) after it was checked is never what gets read: checking a name with lstat
 * and reading it later by name, as before, read whatever the name pointed to by then.
 *
 * A file larger than `maxBytes` is hashed as it streams but not kept: the reader refuses it
 * by its size, without it ever being held in memory.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readlink, realpath } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Fingerprint } from './fingerprint.ts';

const CHUNK = 1024 * 1024;

export interface TakenFile extends Fingerprint {
  /** The content, as read from the descriptor; null when it is over `maxBytes`. */
  bytes: Buffer | null;
  mtimeMs: number;
}

export type TakeResult =
  | { kind: 'taken'; file: TakenFile }
  /** The name is a symbolic link now (O_NOFOLLOW refused it): handled as one, never followed. */
  | { kind: 'symlink' }
  | { kind: 'not-a-file' }
  | { kind: 'gone' }
  /** Changed while being read, or no longer the entry of the inbox: left for a later pass. */
  | { kind: 'changed' };

type Handle = Awaited<ReturnType<typeof open>>;
type Read = { sha256: string; head: Buffer; bytes: Buffer | null } | 'changed';

/** The whole file into one buffer of its size; 'changed' when it is not that size any more. */
async function readAll(handle: Handle, size: number): Promise<Read> {
  const bytes = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
    if (bytesRead === 0) return 'changed'; // shorter than it said
    filled += bytesRead;
  }
  if ((await handle.read(Buffer.alloc(1), 0, 1, size)).bytesRead !== 0) return 'changed'; // still growing
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { sha256, head: Buffer.from(bytes.subarray(0, 8)), bytes };
}

/** Over the limit: hashed chunk by chunk, never held whole. */
async function hashAll(handle: Handle): Promise<Read> {
  const hash = createHash('sha256');
  const chunk = Buffer.allocUnsafe(CHUNK);
  let head: Buffer | null = null;
  let position = 0;
  for (;;) {
    const { bytesRead } = await handle.read(chunk, 0, CHUNK, position);
    if (bytesRead === 0) break;
    head ??= Buffer.from(chunk.subarray(0, Math.min(8, bytesRead)));
    hash.update(chunk.subarray(0, bytesRead));
    position += bytesRead;
  }
  return { sha256: hash.digest('hex'), head: head ?? Buffer.alloc(0), bytes: null };
}

/** The path the descriptor refers to (Linux's /proc); null where that cannot be asked. */
async function descriptorPath(fd: number): Promise<string | null> {
  try {
    return await readlink(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

export async function takeInboxFile(
  path: string,
  opts: { inbox: string; maxBytes: number },
): Promise<TakeResult> {
  let handle;
  try {
    // O_NONBLOCK: a fifo put in the inbox must not block the intake; fstat then refuses it.
    handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'gone' };
    if (code === 'ELOOP' || code === 'EMLINK') return { kind: 'symlink' };
    throw error;
  }
  try {
    const before = await handle.stat();
    if (!before.isFile()) return { kind: 'not-a-file' };
    // Inside the inbox: what the descriptor opened is the inbox's entry of that name.
    const opened = await descriptorPath(handle.fd);
    if (opened !== null && dirname(opened) !== (await realpath(opts.inbox))) return { kind: 'changed' };
    const entry = await lstat(path).catch(() => null);
    if (entry === null || entry.dev !== before.dev || entry.ino !== before.ino) return { kind: 'changed' };

    const content = before.size <= opts.maxBytes ? await readAll(handle, before.size) : null;
    const print = content ?? (await hashAll(handle));
    const after = await handle.stat();
    if (print === 'changed' || after.size !== before.size || after.mtimeMs !== before.mtimeMs) {
      return { kind: 'changed' };
    }
    const { sha256, head, bytes } = print;
    return { kind: 'taken', file: { sha256, size: before.size, head, bytes, mtimeMs: after.mtimeMs } };
  } finally {
    await handle.close();
  }
}
