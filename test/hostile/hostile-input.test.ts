/**
 * Hostile and broken files, each on its own, through the whole intake (real reader with
 * one OCR worker, real parser and rules, SQLite store): each gets a French reason, a
 * record (hence a card), its original kept in quarantine, and the good fax dropped after
 * it is still processed.
 */
import { readFile, readdir, symlink, writeFile, appendFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIntake } from '../../src/intake/index.ts';
import type { OcrPool } from '../../src/reading/index.ts';
import { createFaxReader } from '../../src/reading/index.ts';
import { createFaxProcessors } from '../../src/runtime/processors.ts';
import { Rng, buildCorpus, renderFixture } from '../fixtures/index.ts';
import {
  bilevelTags,
  manyPagesPdf,
  passwordPdf,
  pdfFromObjects,
  tiffWithEntries,
} from '../reading/bad-inputs.ts';
import { textPage } from '../reading/render-page.ts';
import {
  CONFIG_LIMITS,
  type Desk,
  GOOD_NAME,
  dropGoodFax,
  expectCardQueued,
  expectFrenchReason,
  expectGoodStored,
  expectLinkQuarantined,
  expectNotStored,
  expectQuarantinedThenGood,
  faxByName,
  goodFax,
  openDesk,
  startOcr,
} from './harness.ts';

/**
 * Files named so cannot be opened (EACCES). Faked: the tests run as root in CI, and root opens
 * any file whatever its mode (test/intake/intake.test.ts uses chmod when not root).
 */
const LOCKED_PREFIX = 'verrouille';
vi.mock('../../src/intake/take-file.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/intake/take-file.ts')>();
  const { basename } = await import('node:path');
  return {
    ...real,
    takeInboxFile: async (path: string, opts: Parameters<typeof real.takeInboxFile>[1]) => {
      if (basename(path).startsWith('verrouille')) {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      }
      return real.takeInboxFile(path, opts);
    },
  };
});

let ocr: OcrPool;
const desks: Desk[] = [];

beforeAll(async () => {
  ocr = await startOcr();
}, 120_000);
afterAll(async () => {
  for (const desk of desks) await desk.close();
  await ocr?.close();
});

function desk(opts: Parameters<typeof openDesk>[1] = {}): Desk {
  const d = openDesk(ocr, opts);
  desks.push(d);
  return d;
}

/** Drops `bytes` as `name`, then the good fax, and runs one pass. */
async function pass(d: Desk, name: string, bytes: Buffer) {
  await writeFile(join(d.inbox, name), bytes);
  await dropGoodFax(d);
  return d.intake.processInboxOnce();
}

describe('hostile input, end to end through the intake', () => {
  it('zero-byte file', async () => {
    const d = desk();
    const summary = await pass(d, 'vide.pdf', Buffer.alloc(0));
    const fax = await expectQuarantinedThenGood(d, summary, 'vide.pdf', Buffer.alloc(0), 'empty');
    expect(fax.unreadableReason).toBe('Fichier vide (0 octet)');
    expect(fax.sizeBytes).toBe(0);
  });

  it('truncated PDF', async () => {
    const d = desk();
    const whole = await goodFax();
    const cut = whole.subarray(0, Math.floor(whole.length * 0.4));
    const summary = await pass(d, 'coupe.pdf', cut);
    const fax = await expectQuarantinedThenGood(d, summary, 'coupe.pdf', cut, 'corrupt');
    expect(fax.unreadableReason).toMatch(/^PDF endommagé/);
  });

  it('encrypted (password) PDF', async () => {
    const d = desk();
    const pdf = passwordPdf();
    const summary = await pass(d, 'protege.pdf', pdf);
    const fax = await expectQuarantinedThenGood(d, summary, 'protege.pdf', pdf, 'encrypted');
    expect(fax.unreadableReason).toMatch(/mot de passe/);
  });

  it('PDF claiming 10,000 pages: refused from the page tree, fast', async () => {
    const d = desk();
    const pdf = manyPagesPdf(10_000);
    const started = Date.now();
    const summary = await pass(d, 'dix-mille-pages.pdf', pdf);
    expect(Date.now() - started).toBeLessThan(15_000);
    const fax = await expectQuarantinedThenGood(d, summary, 'dix-mille-pages.pdf', pdf, 'too-large');
    expect(fax.unreadableReason).toBe('Trop de pages : 10000 (maximum 200)');
  });

  it('PDF page of 100000 × 100000 pt: rendered scaled down, never as a giant raster', async () => {
    const d = desk();
    const pdf = pdfFromObjects([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100000 100000] >>',
    ]);
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const summary = await pass(d, 'affiche.pdf', pdf);
    const seconds = (Date.now() - started) / 1000;
    const rssGrowth = process.memoryUsage().rss - rssBefore;
    console.log(
      `giant MediaBox: ${seconds.toFixed(1)} s, rss growth ${(rssGrowth / 2 ** 20).toFixed(0)} MiB`,
    );
    expect(seconds).toBeLessThan(60);
    // At 200 dpi the page would be 7.7e10 pixels (~300 GB as RGBA).
    expect(rssGrowth).toBeLessThan(400 * 2 ** 20);
    const fax = await faxByName(d, 'affiche.pdf');
    // A blank page, however big: read (scaled down), found empty, hence unreadable.
    expect(fax.verdict).toBe('unreadable');
    expect(fax.pageCount).toBe(1);
    expectFrenchReason(fax.report.reason);
    const [page] = await d.store.getPages(fax.id);
    expect(page!.source).toBe('ocr');
    // Rendered at most at 200 dpi of a tabloid page (11 × 17 in): 7.5 Mpx.
    expect(page!.width! * page!.height!).toBeLessThanOrEqual(7_480_000 * 1.01);
    // It could be read (nothing was on it): archived, the verdict tells staff.
    expect(await readFile(fax.archivePath!)).toEqual(pdf);
    await expectGoodStored(d, summary);
  }, 120_000);

  it('TIFF claiming 100,000 × 100,000 pixels', async () => {
    const d = desk();
    const pixels = Buffer.alloc(64, 0xff);
    const tiff = tiffWithEntries((at) => bilevelTags(100_000, 100_000, at, pixels.length), pixels);
    const summary = await pass(d, 'geant.tif', tiff);
    const fax = await expectQuarantinedThenGood(d, summary, 'geant.tif', tiff, 'too-large');
    expect(fax.unreadableReason).toMatch(/^Page 1 trop grande : 10000,0 mégapixels/);
  });

  it('a PNG named .pdf is read as a PNG', async () => {
    const d = desk();
    const png = await textPage(['Ordonnance', 'IRM du genou'], { width: 800, height: 400 }).png().toBuffer();
    const summary = await pass(d, 'image.pdf', png);
    const fax = await faxByName(d, 'image.pdf');
    expect(fax.fileKind).toBe('png');
    expect(fax.pageCount).toBe(1);
    // Readable, not an order from the service: archived, not quarantined.
    expect(fax.unreadableCode).toBeNull();
    expect(fax.archivePath).not.toBeNull();
    expect(await readFile(fax.archivePath!)).toEqual(png);
    await expectGoodStored(d, summary);
  }, 60_000);

  it('random bytes named .tif: unsupported', async () => {
    const d = desk();
    const rng = new Rng(5);
    const junk = Buffer.from(Array.from({ length: 4096 }, () => rng.int(0, 255)));
    junk[0] = 0x00; // not a magic number by chance
    const summary = await pass(d, 'fax.tif', junk);
    const fax = await expectQuarantinedThenGood(d, summary, 'fax.tif', junk, 'unsupported');
    expect(fax.fileKind).toBeNull();
    expect(fax.unreadableReason).toMatch(/non pris en charge/);
  });

  it('a file still being written is taken only once it is whole, and once', async () => {
    const d = desk({ settleMs: 500, maxWaitMs: 20_000 });
    const impatient = createIntake({
      store: d.store,
      processors: createFaxProcessors(createFaxReader({ ocr, limits: CONFIG_LIMITS })),
      paths: { inbox: d.inbox, archive: d.archive, quarantine: d.quarantine },
      settleMs: 500,
      maxWaitMs: 300,
    });
    const whole = await goodFax();
    const file = join(d.inbox, 'en-cours.pdf');
    const chunks = 30;
    const size = Math.ceil(whole.length / chunks);
    await writeFile(file, whole.subarray(0, size));
    // Appends every 100 ms for about 3 s (less than the settle period between writes).
    const writing = (async () => {
      for (let i = 1; i < chunks; i++) {
        await new Promise((r) => setTimeout(r, 100));
        await appendFile(file, whole.subarray(i * size, (i + 1) * size));
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const early = await impatient.processInboxOnce();
    expect(early.results).toEqual([{ file, outcome: { kind: 'skipped', reason: 'unstable' } }]);
    expect(await d.store.listFaxes()).toEqual([]);

    const patient = d.intake.processInboxOnce();
    await writing;
    const summary = await patient;
    expect(summary.processed).toBe(1);
    const faxes = await d.store.listFaxes();
    expect(faxes).toHaveLength(1);
    expect(faxes[0]!.sizeBytes).toBe(whole.length);
    expect(faxes[0]!.verdict).not.toBe('unreadable');
    expect(await readFile(faxes[0]!.archivePath!)).toEqual(whole);
    // Nothing left to do: it is never taken twice.
    const again = await d.intake.processInboxOnce();
    expect(again.results).toEqual([]);
    expect(await d.store.listFaxes()).toHaveLength(1);
  }, 60_000);

  it('a symlink pointing outside the inbox: an unreadable fax with a card, the link kept, never followed', async () => {
    const d = desk();
    const outside = join(d.root, 'ailleurs');
    await mkdir(outside);
    const secret = join(outside, 'dossier-patient.pdf');
    const [entry] = buildCorpus({ seed: 4, count: 1, formats: ['pdf-text'] });
    await writeFile(secret, await renderFixture(entry!));
    const before = await readFile(secret);
    await symlink(secret, join(d.inbox, 'lien.pdf'));
    await dropGoodFax(d);
    const summary = await d.intake.processInboxOnce();
    const fax = await expectLinkQuarantined(d, summary, 'lien.pdf', secret, 'symlink-outside-inbox');
    expect(fax.unreadableReason).toMatch(/^Lien symbolique vers un fichier hors de la boîte de réception/);
    // The target was never read into the store, and is untouched where it is.
    expect(await readFile(secret)).toEqual(before);
    await expectNotStored(d, entry!.spec.patient.lastName);
    // Whereas the fax that was read is there, by the same test: the check above can fail.
    const [good] = buildCorpus({ seed: 11, count: 1, scenarios: ['valid'], formats: ['pdf-text'] });
    expect(good!.spec.patient.lastName).not.toBe(entry!.spec.patient.lastName);
    await expect(expectNotStored(d, good!.spec.patient.lastName)).rejects.toThrow();
  });

  it('a symlink to a file inside the inbox: an unreadable fax with a card; the file is taken on its own', async () => {
    const d = desk();
    await dropGoodFax(d);
    await symlink(join(d.inbox, GOOD_NAME), join(d.inbox, 'raccourci.pdf'));
    const summary = await d.intake.processInboxOnce();
    const fax = await expectLinkQuarantined(d, summary, 'raccourci.pdf', join(d.inbox, GOOD_NAME), 'symlink');
    expect(fax.unreadableReason).toMatch(/^Lien symbolique : Faxdesk ne suit pas les liens/);
    expect(summary.processed).toBe(1); // the good fax, once
  });

  it('a file that cannot be opened (permissions): retried, then an unreadable fax with a card', async () => {
    const d = desk();
    const name = `${LOCKED_PREFIX}-ordonnance.pdf`;
    const [entry] = buildCorpus({ seed: 6, count: 1, formats: ['pdf-text'] });
    const body = await renderFixture(entry!);
    const summaries = [await pass(d, name, body)];
    // Left in the inbox and retried: 3 attempts (the default) before giving up.
    expect(summaries[0]!.results.find((r) => basename(r.file) === name)?.outcome.kind).toBe('error');
    expect(await readdir(d.inbox)).toEqual([name]);
    summaries.push(await d.intake.processInboxOnce(), await d.intake.processInboxOnce());
    expect(summaries.map((s) => s.errors)).toEqual([1, 1, 0]);
    const fax = await faxByName(d, name);
    expect(fax).toMatchObject({
      verdict: 'unreadable',
      unreadableCode: 'unreadable-file',
      pageCount: 0,
      fileKind: null,
      sizeBytes: body.length,
    });
    expectFrenchReason(fax.unreadableReason);
    expect(fax.unreadableReason).toMatch(/après 3 essais/);
    expect(fax.report.reason).toBe(fax.unreadableReason);
    expect(await readFile(fax.quarantinePath!)).toEqual(body);
    expect(await readFile(`${fax.quarantinePath}.reason.txt`, 'utf8')).toContain(fax.unreadableReason!);
    await expectCardQueued(d, fax.id);
    await expectGoodStored(d, summaries[2]!);
  });

  it('unicode and very long file names are kept as sent and stored under safe names', async () => {
    const d = desk();
    const names = [
      `${'é'.repeat(125)}a.pdf`, // 255 bytes in UTF-8: the most ext4 allows
      '📠 ordonnance 🏥 IRM.pdf',
      'ordonnance\u200fطلب\u202e.pdf', // right-to-left mark and override
      'ligne 1\nligne 2.pdf',
    ];
    expect(Buffer.byteLength(names[0]!)).toBe(255);
    const corpus = buildCorpus({ seed: 21, count: names.length, formats: ['pdf-text'] });
    for (const [i, name] of names.entries()) {
      await writeFile(join(d.inbox, name), await renderFixture(corpus[i]!));
    }
    // An unreadable one with a 255-byte name too: its note must fit beside it.
    const longBad = `${'ç'.repeat(125)}b.tif`;
    await writeFile(join(d.inbox, longBad), Buffer.from('pas une image'));
    await dropGoodFax(d);
    const summary = await d.intake.processInboxOnce();
    expect(summary.errors).toBe(0);
    for (const name of names) {
      const fax = await faxByName(d, name);
      expect(fax.originalName).toBe(name);
      expect(fax.archivePath).not.toBeNull();
      const stored = basename(fax.archivePath!);
      expect(Buffer.byteLength(stored)).toBeLessThanOrEqual(143);
      expect(stored).not.toMatch(/[\n\r/\\\u200f\u202e]/);
      expect(stored.startsWith(fax.id)).toBe(true);
    }
    const bad = await expectQuarantinedThenGood(
      d,
      summary,
      longBad,
      Buffer.from('pas une image'),
      'unsupported',
    );
    expect(Buffer.byteLength(basename(`${bad.quarantinePath}.reason.txt`))).toBeLessThanOrEqual(143);
  }, 60_000);
});
