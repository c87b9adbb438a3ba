/**
 * « Déposer des exemples »: copies the sample faxes shipped with Faxdesk into the inbox, so a
 * newcomer sees cards arrive without a fax server. A sample already taken in is not copied
 * again: the same fax twice is a duplicate (the intake would set it aside), so the page says so.
 */
import { createHash } from 'node:crypto';
import { copyFile, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaxStore } from '../../src/store/store.ts';

export const DEFAULT_SAMPLES_DIR = fileURLToPath(new URL('./samples/', import.meta.url));
const SAMPLE_FILE = /\.(tiff?|pdf|png|jpe?g)$/i;
const INBOX_PREFIX = 'exemple-';

export interface DropResult {
  /** Samples copied into the inbox now. */
  dropped: number;
  /** Samples already taken in (or still waiting in the inbox): not copied again. */
  already: number;
}

export async function listSamples(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => SAMPLE_FILE.test(name)).sort();
  } catch {
    return [];
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export async function dropSamples(
  store: FaxStore,
  samplesDir: string,
  inboxDir: string,
): Promise<DropResult> {
  await mkdir(inboxDir, { recursive: true });
  const result: DropResult = { dropped: 0, already: 0 };
  for (const name of await listSamples(samplesDir)) {
    const source = join(samplesDir, name);
    const sha256 = createHash('sha256')
      .update(await readFile(source))
      .digest('hex');
    const target = join(inboxDir, INBOX_PREFIX + name);
    if ((await store.findBySha256(sha256)) !== null || (await exists(target))) {
      result.already++;
      continue;
    }
    // Written under a name the intake ignores, then renamed: it never sees half a file.
    const partial = join(inboxDir, `.${INBOX_PREFIX}${name}.part`);
    try {
      await copyFile(source, partial);
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    result.dropped++;
  }
  return result;
}
