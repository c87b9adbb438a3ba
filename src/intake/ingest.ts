/**
 * `faxdesk ingest`: a fax server's per-fax command (HylaFAX FaxDispatch/faxrcvd, Asterisk's
 * ReceiveFAX then System(), a scan-to-folder script) hands Faxdesk one file. It is stored in
 * the inbox durably — written under a temporary name the inbox ignores, flushed, renamed, the
 * folder flushed — with its origin noted beside it (origin-note.ts), and only then does the
 * command succeed, so the fax server deletes its copy only once Faxdesk has one. Reading and
 * OCR happen later, in `faxdesk watch`, like any dropped file.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { FaxOrigin } from '../store/records.ts';
import { isIgnoredName } from './candidates.ts';
import { writeFileDurably } from './durable-write.ts';
import { safeFileName } from './file-names.ts';
import { originNotePath, removeOriginNote, writeOriginNote } from './origin-note.ts';
import { DestinationExistsError, exists } from './placement.ts';

/** A `--via` name: what the card says the fax came through. */
export const VIA_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/i;

/** A free name in the inbox for `original`: itself, else `name-2.ext`, `name-3.ext`… */
function candidate(original: string, n: number): string {
  let name = safeFileName(original);
  if (isIgnoredName(name)) name = `${name}.fax`; // `x.tmp` would never be taken in
  if (n === 1) return name;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)}-${n}${name.slice(dot)}` : `${name}-${n}`;
}

/** Stores `file` in `inbox`; returns where. Throws when it could not be stored (nothing half-written stays). */
export async function ingestFile(inbox: string, file: string, origin: FaxOrigin): Promise<string> {
  const bytes = await readFile(file);
  for (let n = 1; n < 1000; n++) {
    const dest = join(inbox, candidate(basename(file), n));
    if ((await exists(dest)) || (await exists(originNotePath(dest)))) continue;
    try {
      await writeOriginNote(dest, origin); // first: the watcher never sees the fax without it
    } catch (error) {
      if (error instanceof DestinationExistsError) continue; // another ingest chose this name
      throw error;
    }
    try {
      await writeFileDurably(dest, bytes);
      return dest;
    } catch (error) {
      await removeOriginNote(dest);
      if (error instanceof DestinationExistsError) continue;
      throw error;
    }
  }
  throw new Error('no free name in the inbox');
}
