/**
 * End-to-end harness for hostile inputs: the real reader (one OCR worker), the
 * real parser and rules, the real intake and the SQLite store, all in a temp dir.
 * Each test drops its hostile file next to a known-good fax and checks that the
 * bad one is recorded and kept, with a French reason, and the good one still goes through.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { lstat, readFile, readdir, readlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { expect } from 'vitest';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { createIntake, type Intake, type IntakeSummary } from '../../src/intake/index.ts';
import { createFaxReader, createOcrPool, type OcrPool, type ReadLimits } from '../../src/reading/index.ts';
import { createFaxProcessors } from '../../src/runtime/processors.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { buildCorpus, renderFixture } from '../fixtures/index.ts';

/** The limits `faxdesk watch` runs with by default (src/config.ts), not the reader's stricter ones. */
export const CONFIG_LIMITS: ReadLimits = {
  maxBytes: 100 * 1024 * 1024,
  maxPages: 200,
  maxPixelsPerPage: 60_000_000,
  ocrTimeoutMsPerPage: 180_000,
};

export interface Desk {
  root: string;
  inbox: string;
  archive: string;
  quarantine: string;
  store: SqliteFaxStore;
  intake: Intake;
  close(): Promise<void>;
}

export async function startOcr(): Promise<OcrPool> {
  return createOcrPool({ size: 1 });
}

export function openDesk(
  ocr: OcrPool,
  opts: { settleMs?: number; maxWaitMs?: number; limits?: Partial<ReadLimits> } = {},
): Desk {
  const root = mkdtempSync(join(tmpdir(), 'faxdesk-hostile-'));
  const inbox = join(root, 'inbox');
  const archive = join(root, 'archive');
  const quarantine = join(root, 'quarantine');
  mkdirSync(inbox);
  const store = openSqliteStore(join(root, 'faxdesk.sqlite'));
  const reader = createFaxReader({ ocr, limits: { ...CONFIG_LIMITS, ...opts.limits } });
  const intake = createIntake({
    store,
    processors: createFaxProcessors(reader),
    paths: { inbox, archive, quarantine },
    settleMs: opts.settleMs ?? 100,
    maxWaitMs: opts.maxWaitMs ?? 20_000,
  });
  return { root, inbox, archive, quarantine, store, intake, close: () => store.close() };
}

let goodPdf: Buffer | null = null;
/** A valid order with a text layer: read without OCR, so it is cheap to run after each hostile file. */
export async function goodFax(): Promise<Buffer> {
  if (!goodPdf) {
    const [entry] = buildCorpus({ seed: 11, count: 1, scenarios: ['valid'], formats: ['pdf-text'] });
    goodPdf = await renderFixture(entry!);
  }
  return goodPdf;
}

export const GOOD_NAME = 'zz-bonne-ordonnance.pdf';

/** Drops the good fax last (newest mtime), so the intake takes it after the hostile one. */
export async function dropGoodFax(desk: Desk): Promise<void> {
  await new Promise((r) => setTimeout(r, 20));
  await writeFile(join(desk.inbox, GOOD_NAME), await goodFax());
}

export async function faxByName(desk: Desk, name: string): Promise<FaxRecord> {
  const faxes = await desk.store.listFaxes({ limit: 1000 });
  const fax = faxes.find((f) => f.originalName === name);
  expect(fax, `no fax recorded for ${JSON.stringify(name)}`).toBeDefined();
  return fax!;
}

/** French: at least one accented letter or a French word, and no English error text. */
export function expectFrenchReason(reason: string | null): void {
  expect(reason).toBeTruthy();
  expect(reason!).toMatch(/[éèàêçôû]|\b(le|la|les|de|du|des|un|une|trop|fichier|page)\b/i);
  expect(reason!).not.toMatch(/\b(error|exception|undefined|failed|invalid)\b/i);
}

/**
 * The hostile file became an unreadable fax, kept in quarantine with its reason
 * beside it, byte for byte; the good fax after it was stored and archived.
 */
export async function expectQuarantinedThenGood(
  desk: Desk,
  summary: IntakeSummary,
  name: string,
  original: Buffer,
  code: string,
): Promise<FaxRecord> {
  const fax = await faxByName(desk, name);
  expect(fax.verdict).toBe('unreadable');
  expect(fax.unreadableCode).toBe(code);
  expectFrenchReason(fax.unreadableReason);
  expect(fax.report.reason).toBe(fax.unreadableReason);
  expect(fax.quarantinePath).not.toBeNull();
  expect(await readFile(fax.quarantinePath!)).toEqual(original);
  expect(await readFile(`${fax.quarantinePath}.reason.txt`, 'utf8')).toContain(fax.unreadableReason!);
  await expectCardQueued(desk, fax.id);
  await expectGoodStored(desk, summary);
  return fax;
}

/** A card is queued for it like for any fax: staff see that one came in. */
export async function expectCardQueued(desk: Desk, faxId: string): Promise<void> {
  const events = (await desk.store.listEvents(faxId)).map((e) => e.kind);
  expect(events).toEqual(expect.arrayContaining(['received', 'quarantined']));
  const due = await desk.store.claimDeliveries(new Date(Date.now() + 60_000), 100, 1);
  expect(due.map((d) => d.faxId)).toContain(faxId);
}

/**
 * A symbolic link dropped in the inbox became an unreadable fax with a card; the link itself
 * (never its target) is in quarantine, still pointing where it did, with its reason beside it.
 */
export async function expectLinkQuarantined(
  desk: Desk,
  summary: IntakeSummary,
  name: string,
  target: string,
  code: string,
): Promise<FaxRecord> {
  const fax = await faxByName(desk, name);
  const result = summary.results.find((r) => basename(r.file) === name);
  expect(result?.outcome).toEqual({ kind: 'quarantined', faxId: fax.id, code });
  expect(fax).toMatchObject({ verdict: 'unreadable', unreadableCode: code, pageCount: 0, fileKind: null });
  expectFrenchReason(fax.unreadableReason);
  expect(fax.report.reason).toBe(fax.unreadableReason);
  expect(await desk.store.getPages(fax.id)).toEqual([]);
  expect(fax.quarantinePath).not.toBeNull();
  expect((await lstat(fax.quarantinePath!)).isSymbolicLink()).toBe(true);
  expect(await readlink(fax.quarantinePath!)).toBe(target);
  expect(await readFile(`${fax.quarantinePath}.reason.txt`, 'utf8')).toContain(fax.unreadableReason!);
  await expectCardQueued(desk, fax.id);
  await expectGoodStored(desk, summary);
  return fax;
}

/** `text` (from a file that must not have been read) is nowhere in the database or its log. */
export async function expectNotStored(desk: Desk, text: string): Promise<void> {
  const files = (await readdir(desk.root)).filter((n) => n.startsWith('faxdesk.sqlite'));
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) expect((await readFile(join(desk.root, file))).includes(text)).toBe(false);
}

export async function expectGoodStored(desk: Desk, summary: IntakeSummary): Promise<void> {
  expect(summary.errors).toBe(0);
  const good = await faxByName(desk, GOOD_NAME);
  expect(good.verdict).not.toBe('unreadable');
  expect(good.archivePath).not.toBeNull();
  expect(await readFile(good.archivePath!)).toEqual(await goodFax());
  expect(await readdir(desk.inbox)).toEqual([]);
}
