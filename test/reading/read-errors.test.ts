import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { UnreadableFaxError } from '../../src/domain/reading.ts';
import { detectFileKind } from '../../src/reading/file-kind.ts';
import { createFaxReader } from '../../src/reading/index.ts';
import {
  bilevelTags,
  manyPagesPdf,
  passwordPdf,
  pdfFromObjects,
  pngHeader,
  tiffWithEntries,
} from './bad-inputs.ts';
import { noOcrPool } from './fake-pool.ts';
import { textPage } from './render-page.ts';

async function failure(input: string | Buffer, limits = {}): Promise<UnreadableFaxError> {
  const pool = noOcrPool();
  const error = await createFaxReader({ ocr: pool, limits })
    .read(input)
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(pool.calls).toBe(0);
  expect(error).toBeInstanceOf(UnreadableFaxError);
  return error as UnreadableFaxError;
}

describe('file type detection', () => {
  it('goes by magic bytes', async () => {
    const png = await textPage(['x'], { width: 64, height: 64 }).png().toBuffer();
    const jpeg = await textPage(['x'], { width: 64, height: 64 }).jpeg().toBuffer();
    const tiff = await textPage(['x'], { width: 64, height: 64 })
      .tiff({ compression: 'ccittfax4', bitdepth: 1 })
      .toBuffer();
    expect(detectFileKind(png)).toBe('png');
    expect(detectFileKind(jpeg)).toBe('jpeg');
    expect(detectFileKind(tiff)).toBe('tiff');
    expect(detectFileKind(Buffer.from('MM\x00\x2a\x00\x00\x00\x08', 'latin1'))).toBe('tiff');
    expect(detectFileKind(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(detectFileKind(Buffer.from('GIF89a......'))).toBeNull();
    expect(detectFileKind(Buffer.from('hello'))).toBeNull();
  });

  it('ignores the file extension', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faxdesk-kind-'));
    const file = join(dir, 'fax.pdf');
    await writeFile(file, pngHeader(100_000, 100_000));
    // A "PDF" that is really a PNG is judged as a PNG (here: an oversized one).
    expect((await failure(file)).code).toBe('too-large');
  });
});

describe('unreadable files', () => {
  it('empty file', async () => {
    const error = await failure(Buffer.alloc(0));
    expect(error.code).toBe('empty');
    expect(error.message).toBe('Fichier vide (0 octet)');
  });

  it('unknown type', async () => {
    const error = await failure(Buffer.from('Bonjour, ceci est un courriel.'));
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/non pris en charge/);
  });

  it('TIFF cut short, or with image data past the end of the file', async () => {
    const whole = await textPage(['Ordonnance'], { width: 800, height: 400 })
      .tiff({ compression: 'ccittfax4', bitdepth: 1 })
      .toBuffer();
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    const pixels = Buffer.alloc(16 * 2, 0xff);
    const stripPastEnd = tiffWithEntries((at) => bilevelTags(16, 2, at, pixels.length + 10_000), pixels);
    for (const input of [cut, stripPastEnd]) {
      const error = await failure(input);
      expect(error.code).toBe('corrupt');
      expect(error.message).toMatch(/^TIFF endommagé : /);
    }
  });

  it('TIFF with a broken IFD (a sub-directory pointer with no value)', async () => {
    const pixels = Buffer.alloc(2 * 2, 0xff);
    const tiff = tiffWithEntries(
      (at) => [...bilevelTags(16, 2, at, pixels.length), { tag: 34665, type: 4, value: 0, count: 0 }],
      pixels,
    );
    expect((await failure(tiff)).code).toBe('corrupt');
  });

  it('TIFF whose page chain loops', async () => {
    const pixels = Buffer.alloc(4, 0xff);
    const tiff = tiffWithEntries((at) => bilevelTags(16, 2, at, pixels.length), pixels);
    const ifdAt = tiff.readUInt32LE(4);
    tiff.writeUInt32LE(ifdAt, tiff.length - 4); // next IFD = itself
    expect((await failure(tiff)).code).toBe('corrupt');
  });

  it('TIFF claiming 100000×100000 pixels is refused before decoding', async () => {
    const pixels = Buffer.alloc(16, 0xff);
    const tiff = tiffWithEntries((at) => bilevelTags(100_000, 100_000, at, pixels.length), pixels);
    const started = Date.now();
    const error = await failure(tiff);
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^Page 1 trop grande/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('PNG claiming 100000×100000 pixels is refused from its header', async () => {
    expect((await failure(pngHeader(100_000, 100_000))).code).toBe('too-large');
  });

  it('too many bytes', async () => {
    const error = await failure(Buffer.alloc(2048, 0x20), { maxBytes: 1024 });
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^Fichier trop volumineux/);
  });

  it('a 10,000-page PDF is refused quickly', async () => {
    const started = Date.now();
    const error = await failure(manyPagesPdf(10_000));
    expect(error.code).toBe('too-large');
    expect(error.message).toMatch(/^Trop de pages : 10000/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('password-protected PDF', async () => {
    const error = await failure(passwordPdf());
    expect(error.code).toBe('encrypted');
    expect(error.message).toMatch(/mot de passe/);
  });

  it('broken PDF', async () => {
    const garbage = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(300, 0x41)]);
    const noPages = pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [] /Count 0 >>',
    ]);
    for (const input of [garbage, noPages]) {
      const error = await failure(input);
      expect(error.code).toBe('corrupt');
      expect(error.message).toMatch(/^PDF endommagé : /);
    }
  });

  it('broken JPEG', async () => {
    const jpeg = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#808080' } })
      .jpeg()
      .toBuffer();
    const error = await failure(jpeg.subarray(0, 40));
    expect(error.code).toBe('corrupt');
  });
});
