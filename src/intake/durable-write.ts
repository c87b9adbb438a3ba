/**
 * Writing a file so that once the call returns it survives a crash or a power cut: written
 * under a temporary name the inbox ignores (`.name.part`), flushed to disk, renamed into
 * place without overwriting anything, and the directory flushed so the rename itself is on
 * disk. Used by `faxdesk ingest` (the fax server deletes its copy once we say it is safe) and
 * by intake for content a source held in memory (a mail attachment) on its way to the archive.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DestinationExistsError, exists } from './placement.ts';

async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `bytes` at `dest` durably. Throws DestinationExistsError when `dest` exists (never
 * overwritten); leaves nothing behind on failure but, at worst after a crash, a `.part` file
 * the inbox ignores.
 */
export async function writeFileDurably(dest: string, bytes: Buffer | Uint8Array): Promise<void> {
  const dir = dirname(dest);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(dest)}.${randomBytes(4).toString('hex')}.part`);
  const handle = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o640);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => {});
    await unlink(tmp).catch(() => {});
    throw error;
  }
  await handle.close();
  try {
    // link() fails when dest exists, where rename() would silently replace it.
    await link(tmp, dest);
    await unlink(tmp);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await unlink(tmp).catch(() => {});
      throw new DestinationExistsError();
    }
    // Some network shares have no hard links: look first, then rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') {
      await unlink(tmp).catch(() => {});
      throw error;
    }
    if (await exists(dest)) {
      await unlink(tmp).catch(() => {});
      throw new DestinationExistsError();
    }
    await rename(tmp, dest);
  }
  await syncDir(dir);
}
