/**
 * Finding: the inbox checked a file with lstat and read it later by name, so a file replaced
 * by a symbolic link in between was read: the link's target (any file Faxdesk can read — here
 * another patient's fax kept elsewhere) became the fax's pages, order and search entry. Now
 * the file is opened once with O_NOFOLLOW, checked through the descriptor (a regular file, the
 * inbox's entry) and read from it; the reader gets those very bytes.
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { createIntake, type IntakeStage } from '../../src/intake/index.ts';
import { createFaxReader, createOcrPool } from '../../src/reading/index.ts';
import { lazyOcrPool } from '../../src/runtime/lazy-ocr-pool.ts';
import { createFaxProcessors } from '../../src/runtime/processors.ts';
import { buildCorpus, renderFixture } from '../fixtures/index.ts';
import { makeDataDirs } from '../intake/helpers.ts';

const ocr = lazyOcrPool(1, () => createOcrPool({ size: 1 }));
const processors = createFaxProcessors(createFaxReader({ ocr }));
const stores: SqliteFaxStore[] = [];
let inboxFax: Buffer;
let secretFax: Buffer;
let inboxPatient: string;
let secretPatient: string;

beforeAll(async () => {
  // Two text-layer faxes (read without OCR) for two different patients.
  const [a, b] = buildCorpus({ seed: 7, count: 2, formats: ['pdf-text'], scenarios: ['valid'] });
  inboxFax = await renderFixture(a!);
  secretFax = await renderFixture(b!);
  inboxPatient = a!.expected.fields.patient.lastName!;
  secretPatient = b!.expected.fields.patient.lastName!;
  expect(inboxPatient).not.toBe(secretPatient);
});
afterAll(() => ocr.close());
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** An inbox whose file is swapped for a link to another patient's fax at the stage given. */
async function raceAt(stage: IntakeStage) {
  const dirs = makeDataDirs();
  const elsewhere = mkdtempSync(join(tmpdir(), 'faxdesk-elsewhere-'));
  const secret = join(elsewhere, 'autre-usager.pdf');
  writeFileSync(secret, secretFax);
  const file = join(dirs.inbox, 'ordonnance.pdf');
  writeFileSync(file, inboxFax);
  const store = openSqliteStore(dirs.db);
  stores.push(store);
  let swapped = false;
  const intake = createIntake({
    store,
    processors,
    paths: dirs,
    settleMs: 0,
    onStage: (at) => {
      if (at !== stage || swapped) return;
      swapped = true;
      renameSync(file, join(elsewhere, 'ordonnance-deplacee.pdf'));
      symlinkSync(secret, file);
    },
  });
  const first = await intake.processInboxOnce();
  const second = await intake.processInboxOnce();
  expect(swapped).toBe(true);
  return { dirs, store, secret, first, second };
}

/** Every stored trace of a fax: its order, its pages' text, its report. */
async function storedText(store: SqliteFaxStore): Promise<string> {
  const parts: string[] = [];
  for (const fax of await store.listFaxes()) {
    parts.push(JSON.stringify(fax.order), JSON.stringify(fax.report));
    for (const page of await store.getPages(fax.id)) parts.push(page.text);
  }
  return parts.join('\n');
}

describe('a file swapped for a symbolic link while the intake works on it', () => {
  it('after it was fingerprinted: the fax read is the one fingerprinted, never the link’s target', async () => {
    const { store, secret } = await raceAt('fingerprinted');
    const text = await storedText(store);
    expect(text).toContain(inboxPatient);
    expect(text).not.toContain(secretPatient);
    const faxes = await store.listFaxes();
    const taken = faxes.find((f) => f.sha256 === sha(inboxFax));
    expect(taken, 'the fax recorded is the file fingerprinted').toBeDefined();
    expect(taken!.order?.patient.lastName).toBe(inboxPatient);
    expect(faxes.some((f) => f.sha256 === sha(secretFax))).toBe(false);
    // The target was never copied anywhere Faxdesk keeps files.
    expect(readFileSync(secret)).toEqual(secretFax);
    for (const fax of faxes) {
      for (const path of [fax.archivePath, fax.quarantinePath]) {
        if (path === null) continue;
        const info = lstatSync(path, { throwIfNoEntry: false });
        if (info?.isFile()) expect(sha(readFileSync(path))).not.toBe(sha(secretFax));
      }
    }
  });

  it('after it was found stable: the link is quarantined as a link, its target never read', async () => {
    const { store } = await raceAt('stable');
    expect(await storedText(store)).not.toContain(secretPatient);
    const faxes = await store.listFaxes();
    expect(faxes).toHaveLength(1);
    expect(faxes[0]).toMatchObject({ verdict: 'unreadable', unreadableCode: 'symlink-outside-inbox' });
    expect(faxes.some((f) => f.sha256 === sha(secretFax))).toBe(false);
  });
});
