/** `faxdesk ingest`'s durable write: never overwrites, leaves no temporary file behind. */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileDurably } from '../../src/intake/durable-write.ts';
import { ingestFile } from '../../src/intake/ingest.ts';
import { readOriginNote } from '../../src/intake/origin-note.ts';
import { DestinationExistsError } from '../../src/intake/placement.ts';
import { makeDataDirs } from './helpers.ts';

describe('durable write', () => {
  it('writes the bytes, and refuses to replace an existing file', async () => {
    const { inbox } = makeDataDirs();
    const dest = join(inbox, 'fax.pdf');
    await writeFileDurably(dest, Buffer.from('one'));
    await expect(writeFileDurably(dest, Buffer.from('two'))).rejects.toBeInstanceOf(DestinationExistsError);
    expect(readFileSync(dest, 'utf8')).toBe('one');
    expect(readdirSync(inbox)).toEqual(['fax.pdf']);
  });

  it('ingest picks a free name and notes the origin beside it', async () => {
    const { root, inbox } = makeDataDirs();
    const spool = join(root, 'fax.tmp'); // a name the inbox would ignore
    writeFileSync(spool, '%PDF-1.4\n');
    const first = await ingestFile(inbox, spool, { via: 'asterisk', ref: '1' });
    const second = await ingestFile(inbox, spool, { via: 'asterisk', ref: '2' });
    expect([first, second].map((p) => p.slice(inbox.length + 1))).toEqual(['fax.tmp.fax', 'fax.tmp-2.fax']);
    expect(await readOriginNote(second)).toEqual({ via: 'asterisk', ref: '2' });
  });
});
