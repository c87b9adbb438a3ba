/**
 * A stand-in SHA-256 for an inbox entry whose content is never read: a symbolic link (never
 * followed) or a file that cannot be opened. It is still recorded as an unreadable fax (so a
 * card tells staff one came in), and FaxRecord.sha256 is unique and required.
 *
 * The stand-in hashes what lstat sees — name, inode, modification time (and the link's text or
 * the file's size) — never the content. It stays the same while the entry sits in the inbox, so
 * a run that crashed between the record and the move is finished by the next one (the known
 * SHA-256 → handleKnown) instead of being recorded twice. A tag prefix keeps it apart from real
 * content hashes.
 */
import { createHash } from 'node:crypto';
import { lstat, readlink } from 'node:fs/promises';
import { basename } from 'node:path';

export interface StandIn {
  sha256: string;
  /** Bytes received: 0 for a link (it holds no fax), the file's size otherwise. */
  size: number;
  mtimeMs: number;
}

/** lstat never follows a link; null when the entry has left the inbox meanwhile. */
async function lstatOrGone(file: string) {
  try {
    return await lstat(file, { bigint: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function hash(parts: (string | bigint)[]): string {
  return createHash('sha256').update(parts.map(String).join('\0')).digest('hex');
}

/** For a symbolic link: its text is read with readlink, its target is never opened. */
export async function symlinkStandIn(file: string): Promise<StandIn | null> {
  const info = await lstatOrGone(file);
  if (info === null) return null;
  let target: string;
  try {
    target = await readlink(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return {
    sha256: hash(['faxdesk:symlink', basename(file), target, info.ino, info.mtimeNs]),
    size: 0,
    mtimeMs: Number(info.mtimeMs),
  };
}

/** For a file that cannot be opened. */
export async function unopenableStandIn(file: string): Promise<StandIn | null> {
  const info = await lstatOrGone(file);
  if (info === null) return null;
  return {
    sha256: hash(['faxdesk:unreadable-file', basename(file), info.ino, info.size, info.mtimeNs]),
    size: Number(info.size),
    mtimeMs: Number(info.mtimeMs),
  };
}
