/**
 * Where a file dropped in the inbox came from, when the dropper knows: `faxdesk ingest --via
 * hylafax --ref 000123` writes `.NAME.origin.json` beside the fax (before the fax itself, and
 * a dotfile, so the inbox never takes it for a fax). Intake reads it with the fax and removes
 * it once the fax is safe.
 */
import { readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { FaxOrigin } from '../store/records.ts';
import { writeFileDurably } from './durable-write.ts';

export function originNotePath(file: string): string {
  return join(dirname(file), `.${basename(file)}.origin.json`);
}

/** The origin noted beside `file`; null when there is none or it does not parse (a note never blocks a fax). */
export async function readOriginNote(file: string): Promise<FaxOrigin | null> {
  let text: string;
  try {
    text = await readFile(originNotePath(file), 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = FaxOrigin.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeOriginNote(file: string, origin: FaxOrigin): Promise<void> {
  await writeFileDurably(originNotePath(file), Buffer.from(JSON.stringify(origin)));
}

export async function removeOriginNote(file: string): Promise<void> {
  await unlink(originNotePath(file)).catch(() => {});
}
