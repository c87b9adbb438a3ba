/**
 * Stage (e): put the original where it belongs — archive, quarantine or
 * duplicates — byte for byte, never overwriting anything, never deleting an original.
 */
import { constants } from 'node:fs';
import { copyFile, lstat, mkdir, open, readlink, rename, symlink, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fingerprint } from './fingerprint.ts';
import { reasonFilePath } from './file-names.ts';

export class DestinationExistsError extends Error {
  constructor() {
    super('destination already exists');
    this.name = 'DestinationExistsError';
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/**
 * Moves `src` to `dest`. A rename on the same filesystem (atomic); across
 * filesystems (archive on another disk or share) a copy to a temporary name,
 * checked by hash, renamed into place, and only then the original removed — a
 * crash in between leaves two identical copies, never none. A symbolic link is
 * moved as a link, never followed.
 */
export async function moveFile(src: string, dest: string): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  if (await exists(dest)) throw new DestinationExistsError();
  try {
    await rename(src, dest);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
  }
  const tmp = `${dest}.part`;
  const info = await lstat(src);
  if (info.isSymbolicLink()) {
    await symlink(await readlink(src), dest);
    await unlink(src);
    return;
  }
  await copyFile(src, tmp, constants.COPYFILE_EXCL);
  const handle = await open(tmp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  const [a, b] = await Promise.all([fingerprint(src), fingerprint(tmp)]);
  if (a.sha256 !== b.sha256) {
    await unlink(tmp); // our own partial copy, not an original
    throw new Error('copy does not match the original');
  }
  await rename(tmp, dest);
  await unlink(src);
}

export interface QuarantineNote {
  faxId: string | null;
  originalName: string;
  code: string;
  /** French, for staff. */
  reason: string;
  at: Date;
  /** Technical detail (error class and message) for whoever fixes it; stays next to the file. */
  detail?: string;
}

/** The note next to a quarantined file, French first: what it was, why, when. */
export async function writeQuarantineNote(quarantinedPath: string, note: QuarantineNote): Promise<void> {
  const lines = [
    'Faxdesk — fichier mis en quarantaine',
    '',
    `Fichier reçu : ${note.originalName}`,
    `Identifiant de la télécopie : ${note.faxId ?? '(non enregistrée)'}`,
    `Date : ${note.at.toISOString()}`,
    `Code : ${note.code}`,
    `Raison : ${note.reason}`,
  ];
  if (note.detail) lines.push(`Détail technique : ${note.detail}`);
  const path = reasonFilePath(quarantinedPath);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, lines.join('\n') + '\n', 'utf8');
}
