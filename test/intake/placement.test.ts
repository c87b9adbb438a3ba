import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
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
});
