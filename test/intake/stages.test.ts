import { appendFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isIgnoredName } from '../../src/intake/candidates.ts';
import { safeFileName, SAFE_NAME_MAX_BYTES, storedName } from '../../src/intake/file-names.ts';
import { fingerprint, sniffKind } from '../../src/intake/fingerprint.ts';
import { waitUntilStable } from '../../src/intake/stability.ts';
import { newFaxId, FAX_ID_PATTERN } from '../../src/store/ids.ts';

describe('candidate names', () => {
  it.each([
    '.hidden.pdf',
    'fax.pdf.part',
    'FAX.TMP',
    'fax.pdf~',
    '~$lock.docx',
    'x.pdf.reason.txt',
    '.DS_Store',
    'Thumbs.db',
  ])('ignores %s', (name) => expect(isIgnoredName(name)).toBe(true));
  it.each(['fax.pdf', 'Télécopie 2025-03-15.tif', 'scan', 'reason.txt.pdf'])('takes %s', (name) =>
    expect(isIgnoredName(name)).toBe(false),
  );
});

describe('safe file names', () => {
  it('keeps accents (NFC) and the extension', () => {
    expect(safeFileName('Ordonnance e\u0301chographie.PDF')).toBe('Ordonnance échographie.PDF');
  });
  it('replaces path separators and reserved characters, drops leading dots', () => {
    expect(safeFileName('../..\\etc/passwd')).toBe('_.._etc_passwd');
    expect(safeFileName('a:b*c?"d<e>f|g\u0000.pdf')).toBe('a_b_c__d_e_f_g_.pdf');
    expect(safeFileName('...')).toBe('fax');
  });
  it('truncates long names by bytes without splitting a character, keeping the extension', () => {
    const long = 'é'.repeat(300) + '😀'.repeat(10) + '.tiff';
    const safe = safeFileName(long);
    expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(SAFE_NAME_MAX_BYTES);
    expect(safe.endsWith('.tiff')).toBe(true);
    expect(safe).not.toContain('\uFFFD');
    expect(Buffer.from(safe, 'utf8').toString('utf8')).toBe(safe);
    expect(Buffer.byteLength(storedName(newFaxId(), long) + '.reason.txt')).toBeLessThan(143);
  });
});

describe('fax ids', () => {
  it('are unique, well formed and sort by creation', () => {
    const at = new Date('2025-03-15T14:00:00Z');
    const ids = Array.from({ length: 1000 }, () => newFaxId(at));
    expect(new Set(ids).size).toBe(1000);
    expect([...ids].sort()).toEqual(ids);
    expect(ids.every((id) => FAX_ID_PATTERN.test(id))).toBe(true);
    expect(newFaxId(new Date('2025-03-15T14:00:01Z')) > ids[999]!).toBe(true);
  });
});

describe('fingerprint', () => {
  it('hashes by streaming and recognises the kind from magic bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faxdesk-fp-'));
    const file = join(dir, 'x');
    const data = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3_000_000, 7)]);
    writeFileSync(file, data);
    const print = await fingerprint(file);
    expect(print.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    expect(print.size).toBe(data.length);
    expect(sniffKind(print.head)).toBe('pdf');
    expect(sniffKind(Buffer.from([0x49, 0x49, 0x2a, 0x00]))).toBe('tiff');
    expect(sniffKind(Buffer.from('hello'))).toBeNull();
  });
});

describe('stability', () => {
  it('waits for a file being appended to, and gives up on one that never stops', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faxdesk-stable-'));
    const quiet = join(dir, 'quiet');
    const busy = join(dir, 'busy');
    writeFileSync(quiet, 'done');
    writeFileSync(busy, '');
    const writer = setInterval(() => appendFileSync(busy, 'x'), 20);
    try {
      const started = performance.now();
      const r = await waitUntilStable([quiet, busy, join(dir, 'missing')], { settleMs: 150, maxWaitMs: 600 });
      expect(r.stable).toEqual([quiet]);
      expect(r.unstable).toEqual([busy]);
      expect(r.gone).toEqual([join(dir, 'missing')]);
      expect(performance.now() - started).toBeGreaterThanOrEqual(590);
    } finally {
      clearInterval(writer);
    }
  });
});
