/**
 * The kinds of real files in shared/samples (written by other software), made
 * here by the test itself: a blank Modified-Huffman fax as Ghostscript writes
 * it, a small photo in every CCITT variant, malformed TIFFs. Each must be
 * handled as the README says: blank and photo → `unreadable` (no text), never
 * a crash; malformed → quarantined with a reason while the rest proceeds.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/stores/sqlite/index.ts';
import { CheckResult } from '../../src/check/result.ts';
import { buildCorpus, renderFixture } from '../fixtures/index.ts';
import { bilevelTags, tiffWithEntries } from '../reading/bad-inputs.ts';
import { runFaxdesk } from './cli.ts';

let dir: string;
const env = () => ({ FAXDESK_HOME: join(dir, 'home'), FAXDESK_LOG_LEVEL: 'error', FAXDESK_SETTLE_MS: '200' });

/**
 * A blank page in CCITT Modified Huffman (compression 2), 1728 wide: each row is the
 * white make-up code for 1728 (010011011) then white terminating 0 (00110101), padded to
 * a byte boundary — 0x4D 0x9A 0x80.
 */
function blankModifiedHuffmanFax(rows: number): Buffer {
  const data = Buffer.alloc(rows * 3);
  for (let r = 0; r < rows; r++) data.set([0x4d, 0x9a, 0x80], r * 3);
  return tiffWithEntries(
    (at) => bilevelTags(1728, rows, at, data.length).map((e) => (e.tag === 259 ? { ...e, value: 2 } : e)),
    data,
  );
}

/**
 * A small "photo": seeded noise, blurred and thresholded to 1 bit — blobs and no writing.
 * Seeded so the test sees the same picture every run (sharp's own noise is random).
 */
async function photoG4(seed = 20201): Promise<Buffer> {
  const width = 300;
  const height = 225;
  const pixels = Buffer.alloc(width * height);
  let state = seed;
  for (let i = 0; i < pixels.length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    pixels[i] = state >>> 24;
  }
  const grey = await sharp(pixels, { raw: { width, height, channels: 1 } })
    .blur(3)
    .raw()
    .toBuffer();
  return sharp(grey, { raw: { width, height, channels: 1 } })
    .threshold(128)
    .toColourspace('b-w')
    .tiff({ compression: 'ccittfax4', bitdepth: 1 })
    .toBuffer();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faxdesk-samples-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('files of the kinds other fax software writes', () => {
  it('reads a blank Modified-Huffman fax as unreadable: no text found', async () => {
    const file = join(dir, 'blank.tif');
    await writeFile(file, blankModifiedHuffmanFax(1146));
    const run = await runFaxdesk(['check', '--json', file], env());
    expect(run.code).toBe(0);
    const result = CheckResult.parse(JSON.parse(run.stdout));
    expect(result).toMatchObject({ verdict: 'unreadable', pages: 1 });
    expect(result.reason).toMatch(/Aucun texte/);
  });

  it('decodes a photo in every CCITT Group 3 and Group 4 variant, unreadable for lack of text', async () => {
    const g4 = join(dir, 'photo-t6.tif');
    await writeFile(g4, await photoG4());
    const files = [g4];
    for (const scheme of ['g3:1d', 'g3:1d:fill', 'g3:2d', 'g3:2d:fill']) {
      const out = join(dir, `photo-${scheme.replaceAll(':', '-')}.tif`);
      execFileSync('tiffcp', ['-c', scheme, g4, out]);
      files.push(out);
    }
    const run = await runFaxdesk(['check', '--json', ...files], env());
    expect(run.code).toBe(0);
    const results = run.stdout
      .trim()
      .split('\n')
      .map((l) => CheckResult.parse(JSON.parse(l)));
    expect(results).toHaveLength(5);
    for (const result of results) {
      expect(result, result.file).toMatchObject({ verdict: 'unreadable', pages: 1 });
      expect(result.reason).toMatch(/Aucun texte/);
    }
  });

  it('quarantines malformed TIFFs with a reason and keeps processing the others', async () => {
    const inbox = join(dir, 'home', 'inbox');
    await mkdir(inbox, { recursive: true });
    const page = Buffer.alloc(216 * 100);
    // Strip offsets past the end of the file.
    await writeFile(
      join(inbox, 'bad-offsets.tiff'),
      tiffWithEntries((at) => bilevelTags(1728, 100, at + 1_000_000, page.length), page),
    );
    // A broken IFD: it claims more entries than the file holds.
    const broken = tiffWithEntries((at) => bilevelTags(1728, 100, at, page.length), page);
    broken.writeUInt16LE(500, broken.readUInt32LE(4));
    await writeFile(join(inbox, 'bad-ifd.tiff'), broken);
    const [entry] = buildCorpus({ seed: 3, count: 1, formats: ['pdf-text'] });
    await writeFile(join(inbox, 'good.pdf'), await renderFixture(entry!));

    const run = await runFaxdesk(['watch', '--once'], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Traitées : 1, doublons : 0, en quarantaine : 2');
    const store = openSqliteStore(join(dir, 'home', 'faxdesk.sqlite'));
    const faxes = await store.listFaxes();
    await store.close();
    const bad = faxes.filter((f) => f.originalName.startsWith('bad-'));
    expect(bad).toHaveLength(2);
    for (const fax of bad) {
      expect(fax.verdict).toBe('unreadable');
      expect(fax.unreadableReason).toMatch(/TIFF/);
      expect(await readFile(`${fax.quarantinePath}.reason.txt`, 'utf8')).toContain(fax.unreadableReason!);
    }
    const quarantined = await readdir(join(dir, 'home', 'quarantine'));
    expect(quarantined.filter((n) => !n.endsWith('.reason.txt'))).toHaveLength(2);
  });
});
