import {
  existsSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DestinationExistsError, moveFile } from '../../src/intake/placement.ts';

describe('moveFile', () => {
  it('never overwrites an existing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faxdesk-move-'));
    writeFileSync(join(dir, 'a'), 'new');
    writeFileSync(join(dir, 'b'), 'old');
    await expect(moveFile(join(dir, 'a'), join(dir, 'b'))).rejects.toBeInstanceOf(DestinationExistsError);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('old');
  });

  // /dev/shm is a separate filesystem on Linux: rename fails with EXDEV there.
  const otherFs = existsSync('/dev/shm') && statSync('/dev/shm').dev !== statSync(tmpdir()).dev;
  it.skipIf(!otherFs)(
    'moves across filesystems byte for byte, removing the original only after',
    async () => {
      const src = join(mkdtempSync(join(tmpdir(), 'faxdesk-move-')), 'fax.pdf');
      const body = Buffer.from(Array.from({ length: 100_000 }, (_, i) => i % 256));
      writeFileSync(src, body);
      const dest = join(mkdtempSync('/dev/shm/faxdesk-move-'), 'sub', 'fax.pdf');
      await moveFile(src, dest);
      expect(readFileSync(dest).equals(body)).toBe(true);
      expect(existsSync(src)).toBe(false);
      expect(existsSync(`${dest}.part`)).toBe(false);
    },
  );

  it.skipIf(!otherFs)(
    'moves a symbolic link across filesystems as a link, never copying its target',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'faxdesk-move-'));
      const target = join(dir, 'cible.pdf');
      writeFileSync(target, 'contenu de la cible');
      const src = join(dir, 'lien.pdf');
      symlinkSync(target, src);
      const dest = join(mkdtempSync('/dev/shm/faxdesk-move-'), 'sub', 'lien.pdf');
      await moveFile(src, dest);
      expect(lstatSync(dest).isSymbolicLink()).toBe(true);
      expect(readlinkSync(dest)).toBe(target);
      expect(lstatSync(src, { throwIfNoEntry: false })).toBeUndefined();
      expect(readFileSync(target, 'utf8')).toBe('contenu de la cible');
    },
  );

  it('moves a symbolic link on one filesystem as a link', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faxdesk-move-'));
    symlinkSync('/nulle/part', join(dir, 'lien'));
    await moveFile(join(dir, 'lien'), join(dir, 'q', 'lien'));
    expect(readlinkSync(join(dir, 'q', 'lien'))).toBe('/nulle/part');
    expect(lstatSync(join(dir, 'lien'), { throwIfNoEntry: false })).toBeUndefined();
  });
});
