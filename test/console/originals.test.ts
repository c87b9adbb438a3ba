/**
 * The console serves a fax's original file from the archive or quarantine. A symbolic link
 * dropped in the inbox is kept in quarantine as a link: the console must never follow it.
 */
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createOriginals } from '../../adapters/console/originals.ts';
import { patientFax } from '../workflow/helpers.ts';

function dir(): string {
  return mkdtempSync(join(tmpdir(), 'faxdesk-originals-'));
}

describe('original files in the console', () => {
  it('serves a quarantined regular file', async () => {
    const d = dir();
    const file = join(d, 'fax.pdf');
    writeFileSync(file, '%PDF-1.4 broken');
    const fax = patientFax({ archivePath: null, quarantinePath: file });
    expect((await createOriginals().read(fax))?.toString()).toBe('%PDF-1.4 broken');
  });

  it('does not follow a quarantined link to another file', async () => {
    const d = dir();
    const secret = join(d, 'secret.txt');
    writeFileSync(secret, 'mot de passe');
    const link = join(d, 'lien.pdf');
    symlinkSync(secret, link);
    const fax = patientFax({ archivePath: null, quarantinePath: link });
    const originals = createOriginals();
    expect(await originals.read(fax)).toBeNull();
    expect(await originals.describe(fax)).toBeNull();
  });

  it('does not block on a quarantined link to a fifo', async () => {
    const d = dir();
    const fifo = join(d, 'tube');
    execFileSync('mkfifo', [fifo]);
    const link = join(d, 'lien.tif');
    symlinkSync(fifo, link);
    const fax = patientFax({ archivePath: null, quarantinePath: link });
    // A read that followed the link would wait for a writer forever (and the test time out).
    expect(await createOriginals().read(fax)).toBeNull();
  });
});
