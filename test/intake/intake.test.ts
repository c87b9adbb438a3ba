import {
  appendFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  lstatSync,
  readlinkSync,
  writeFileSync,
  mkdtempSync,
  chmodSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/store.ts';
import { createIntake, type IntakeOptions } from '../../src/intake/intake.ts';
import type { IntakeLog, IntakeLogFields } from '../../src/intake/log.ts';
import { fakeProcessors, makeDataDirs, type DataDirs } from './helpers.ts';

const stores: SqliteFaxStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function setup(extra: Partial<IntakeOptions> = {}) {
  const dirs = makeDataDirs();
  const store = openSqliteStore(dirs.db);
  stores.push(store);
  const calls = { read: 0 };
  const logged: { level: string; message: string; fields: IntakeLogFields }[] = [];
  const at =
    (level: string) =>
    (message: string, fields: IntakeLogFields = {}) =>
      logged.push({ level, message, fields });
  const log: IntakeLog = { info: at('info'), warn: at('warn'), error: at('error') };
  const intake = createIntake({
    store,
    processors: fakeProcessors(calls),
    paths: dirs,
    settleMs: 100,
    maxWaitMs: 5000,
    log,
    ...extra,
  });
  return { dirs, store, intake, calls, logged };
}

function drop(dirs: DataDirs, name: string, content: string | Buffer): string {
  const path = join(dirs.inbox, name);
  writeFileSync(path, content);
  return path;
}

/** Every file under a directory, recursively (relative paths). */
function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => join(e.parentPath, e.name));
}

describe('intake', () => {
  it('takes in 20 files dropped at once: 20 faxes, each archived byte for byte', async () => {
    const { dirs, store, intake } = setup({ concurrency: 3 });
    const contents = new Map<string, Buffer>();
    for (let i = 0; i < 20; i++) {
      const body = Buffer.concat([
        Buffer.from(`Demande IRM ${i}\n---PAGE---\npage 2\n`),
        Buffer.from([0, 255, i]),
      ]);
      const name = `fax-${String(i).padStart(2, '0')}.pdf`;
      contents.set(name, body);
      drop(dirs, name, body);
    }
    const summary = await intake.processInboxOnce();
    expect(summary).toMatchObject({ processed: 20, duplicates: 0, quarantined: 0, errors: 0 });
    expect(readdirSync(dirs.inbox)).toEqual([]);
    const faxes = await store.listFaxes({ limit: 100 });
    expect(faxes).toHaveLength(20);
    expect(new Set(faxes.map((f) => f.sha256)).size).toBe(20);
    for (const fax of faxes) {
      expect(fax.status).toBe('pending');
      expect(fax.verdict).toBe('review');
      expect(fax.pageCount).toBe(2);
      expect(fax.archivePath).not.toBeNull();
      expect(fax.archivePath!.startsWith(dirs.archive)).toBe(true);
      expect(basename(fax.archivePath!)).toBe(`${fax.id}-${fax.originalName}`);
      expect(readFileSync(fax.archivePath!).equals(contents.get(fax.originalName)!)).toBe(true);
      expect((await store.listEvents(fax.id)).map((e) => e.kind)).toEqual(['received', 'read', 'validated']);
      expect((await store.getPages(fax.id)).map((p) => p.index)).toEqual([1, 2]);
    }
    expect(walk(dirs.archive)).toHaveLength(20);
  });

  it('recognises the same file dropped again: not stored twice, moved to archive/duplicates', async () => {
    const { dirs, store, intake, calls } = setup();
    drop(dirs, 'a.pdf', 'Demande IRM');
    await intake.processInboxOnce();
    drop(dirs, 'a (copie).pdf', 'Demande IRM');
    const summary = await intake.processInboxOnce();
    expect(summary).toMatchObject({ processed: 0, duplicates: 1 });
    expect(calls.read).toBe(1); // not read again
    const faxes = await store.listFaxes();
    expect(faxes).toHaveLength(1);
    const dups = walk(join(dirs.archive, 'duplicates'));
    expect(dups).toHaveLength(1);
    expect(readFileSync(dups[0]!, 'utf8')).toBe('Demande IRM');
    const events = await store.listEvents(faxes[0]!.id);
    expect(events.at(-1)).toMatchObject({ kind: 'received', details: { duplicate: true } });
  });

  it('quarantines an unreadable file with a French note, and still records it as unreadable', async () => {
    const { dirs, store, intake } = setup();
    drop(dirs, 'cassé.tif', 'UNREADABLE bytes');
    drop(dirs, 'bon.pdf', 'Demande IRM');
    const summary = await intake.processInboxOnce();
    expect(summary).toMatchObject({ processed: 1, quarantined: 1, errors: 0 });
    const [bad] = await store
      .listFaxes({ limit: 10 })
      .then((fs) => fs.filter((f) => f.verdict === 'unreadable'));
    expect(bad).toBeDefined();
    expect(bad!.archivePath).toBeNull();
    expect(bad!.quarantinePath).toBe(join(dirs.quarantine, `${bad!.id}-cassé.tif`));
    expect(bad!.unreadableCode).toBe('corrupt');
    expect(bad!.unreadableReason).toBe('Fichier TIFF endommagé.');
    expect(bad!.report).toEqual({ verdict: 'unreadable', checks: [], reason: 'Fichier TIFF endommagé.' });
    expect(readFileSync(bad!.quarantinePath!, 'utf8')).toBe('UNREADABLE bytes');
    const note = readFileSync(`${bad!.quarantinePath}.reason.txt`, 'utf8');
    expect(note).toContain('Raison : Fichier TIFF endommagé.');
    expect(note).toContain('Code : corrupt');
    expect(note).toContain(bad!.id);
    expect((await store.listEvents(bad!.id)).map((e) => [e.kind, e.details])).toEqual([
      ['received', expect.objectContaining({ sizeBytes: 16 })],
      ['quarantined', { code: 'corrupt', stage: 'read' }],
    ]);
  });

  it('quarantines a file whose processing throws unexpectedly, and the others proceed', async () => {
    const { dirs, store, intake, logged } = setup();
    drop(dirs, '1.pdf', 'Demande IRM un');
    drop(dirs, '2.pdf', 'BOOM Tremblay Jean');
    drop(dirs, '3.pdf', 'PARSEBOOM');
    drop(dirs, '4.pdf', 'Demande IRM quatre');
    const summary = await intake.processInboxOnce();
    expect(summary).toMatchObject({ processed: 2, quarantined: 2, errors: 0 });
    const faxes = await store.listFaxes();
    expect(faxes).toHaveLength(4);
    const broken = faxes.filter((f) => f.unreadableCode === 'internal-error');
    expect(broken.map((f) => f.originalName).sort()).toEqual(['2.pdf', '3.pdf']);
    const parseFailed = broken.find((f) => f.originalName === '3.pdf')!;
    expect(parseFailed.pageCount).toBe(1); // the reading is kept
    expect((await store.listEvents(parseFailed.id)).map((e) => e.kind)).toEqual([
      'received',
      'read',
      'quarantined',
    ]);
    expect(readFileSync(`${parseFailed.quarantinePath}.reason.txt`, 'utf8')).toContain(
      'TypeError: parser bug',
    );
    // Logs carry ids and codes, never file names or content.
    const text = JSON.stringify(logged);
    expect(text).not.toContain('Tremblay');
    expect(text).not.toContain('.pdf');
  });

  it('does not take a file still being written until it is stable', async () => {
    const { dirs, store, intake } = setup({ settleMs: 300 });
    const path = drop(dirs, 'lent.pdf', 'Demande IRM\n');
    let chunks = 0;
    const writer = setInterval(() => {
      appendFileSync(path, `ligne ${chunks++}\n`);
    }, 40);
    const stopWriting = new Promise<void>((done) =>
      setTimeout(() => {
        clearInterval(writer);
        done();
      }, 1200),
    );
    const pass = intake.processInboxOnce();
    await stopWriting;
    const finalContent = readFileSync(path);
    const summary = await pass;
    expect(summary.processed).toBe(1);
    const [fax] = await store.listFaxes();
    expect(chunks).toBeGreaterThan(10);
    expect(fax!.sizeBytes).toBe(finalContent.length);
    expect(readFileSync(fax!.archivePath!).equals(finalContent)).toBe(true);
  });

  it('leaves a file that keeps changing in the inbox for a later pass', async () => {
    const { dirs, store, intake } = setup({ settleMs: 200, maxWaitMs: 500 });
    const path = drop(dirs, 'sans-fin.pdf', 'x');
    const writer = setInterval(() => appendFileSync(path, 'x'), 30);
    try {
      const summary = await intake.processInboxOnce();
      expect(summary).toMatchObject({ processed: 0, skipped: 1 });
      expect(existsSync(path)).toBe(true);
      expect(await store.listFaxes()).toEqual([]);
    } finally {
      clearInterval(writer);
    }
  });

  it('records a symlink pointing outside the inbox as unreadable, without following it', async () => {
    const { dirs, store, intake, calls } = setup();
    const outside = join(mkdtempSync(join(tmpdir(), 'faxdesk-outside-')), 'secret.pdf');
    writeFileSync(outside, 'Demande IRM secrète');
    symlinkSync(outside, join(dirs.inbox, 'lien.pdf'));
    const summary = await intake.processInboxOnce();
    expect(summary).toMatchObject({ processed: 0, quarantined: 1, errors: 0 });
    expect(calls.read).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe('Demande IRM secrète'); // untouched, where it was
    const [fax] = await store.listFaxes();
    expect(summary.results[0]!.outcome).toEqual({
      kind: 'quarantined',
      faxId: fax!.id,
      code: 'symlink-outside-inbox',
    });
    expect(fax).toMatchObject({
      originalName: 'lien.pdf',
      verdict: 'unreadable',
      status: 'pending',
      unreadableCode: 'symlink-outside-inbox',
      pageCount: 0,
      fileKind: null,
      sizeBytes: 0,
      archivePath: null,
      quarantinePath: join(dirs.quarantine, `${fax!.id}-lien.pdf`),
      order: null,
    });
    expect(fax!.report).toEqual({ verdict: 'unreadable', checks: [], reason: fax!.unreadableReason });
    expect(await store.getPages(fax!.id)).toEqual([]);
    expect((await store.listEvents(fax!.id)).map((e) => [e.kind, e.details])).toEqual([
      ['received', expect.objectContaining({ sizeBytes: 0, fileKind: null })],
      ['quarantined', { code: 'symlink-outside-inbox', stage: 'symlink' }],
    ]);
    // The link itself is what is kept: still pointing where it pointed.
    expect(lstatSync(fax!.quarantinePath!).isSymbolicLink()).toBe(true);
    expect(readlinkSync(fax!.quarantinePath!)).toBe(outside);
    const note = readFileSync(`${fax!.quarantinePath}.reason.txt`, 'utf8');
    expect(note).toContain('Code : symlink-outside-inbox');
    expect(note).toContain(fax!.id);
    expect(readdirSync(dirs.inbox)).toEqual([]);
    // Its card is queued like any fax's.
    const due = await store.claimDeliveries(new Date(Date.now() + 60_000), 10, 1);
    expect(due.map((d) => d.faxId)).toEqual([fax!.id]);
    // Nothing of the target reached the store (the database and its write-ahead log).
    for (const file of readdirSync(dirs.root).filter((n) => n.startsWith('faxdesk.sqlite'))) {
      expect(readFileSync(join(dirs.root, file)).includes('secrète')).toBe(false);
    }
  });

  it('records a symlink to a file inside the inbox as unreadable; the file itself is taken as usual', async () => {
    const { dirs, store, intake, calls } = setup();
    drop(dirs, 'vrai.pdf', 'Demande IRM');
    symlinkSync(join(dirs.inbox, 'vrai.pdf'), join(dirs.inbox, 'raccourci.pdf'));
    const summary = await intake.processInboxOnce();
    expect(summary).toMatchObject({ processed: 1, quarantined: 1, errors: 0 });
    expect(calls.read).toBe(1); // the file, once; never through the link
    const link = await store.listFaxes().then((fs) => fs.find((f) => f.originalName === 'raccourci.pdf'));
    expect(link).toMatchObject({ verdict: 'unreadable', unreadableCode: 'symlink', pageCount: 0 });
    expect(link!.unreadableReason).toMatch(/^Lien symbolique : Faxdesk ne suit pas les liens/);
    expect(lstatSync(link!.quarantinePath!).isSymbolicLink()).toBe(true);
    expect(readFileSync(`${link!.quarantinePath}.reason.txt`, 'utf8')).toContain('Code : symlink\n');
    const real = await store.listFaxes().then((fs) => fs.find((f) => f.originalName === 'vrai.pdf'));
    expect(readFileSync(real!.archivePath!, 'utf8')).toBe('Demande IRM');
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });

  it('never opens the target of a symlink (a fifo: opening it would block the intake)', async () => {
    const { dirs, store, intake } = setup();
    const fifo = join(mkdtempSync(join(tmpdir(), 'faxdesk-fifo-')), 'tube');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    symlinkSync(fifo, join(dirs.inbox, 'tube.pdf'));
    const summary = await intake.processInboxOnce();
    expect(summary).toMatchObject({ quarantined: 1, errors: 0 });
    const [fax] = await store.listFaxes();
    expect(fax!.unreadableCode).toBe('symlink-outside-inbox');
    expect(readlinkSync(fax!.quarantinePath!)).toBe(fifo);
  });

  it('two links to the same target are two faxes, each with its own card', async () => {
    const { dirs, store, intake } = setup();
    const outside = join(mkdtempSync(join(tmpdir(), 'faxdesk-outside-')), 'secret.pdf');
    writeFileSync(outside, 'x');
    symlinkSync(outside, join(dirs.inbox, 'a.pdf'));
    symlinkSync(outside, join(dirs.inbox, 'b.pdf'));
    expect(await intake.processInboxOnce()).toMatchObject({ quarantined: 2, duplicates: 0, errors: 0 });
    const faxes = await store.listFaxes();
    expect(faxes.map((f) => f.originalName).sort()).toEqual(['a.pdf', 'b.pdf']);
    expect(new Set(faxes.map((f) => f.sha256)).size).toBe(2);
  });

  it('ignores temporary, hidden and note files, and subdirectories', async () => {
    const { dirs, store, intake } = setup();
    for (const name of ['.cache', 'fax.pdf.part', 'x.tmp', 'y.pdf~', 'z.pdf.reason.txt'])
      drop(dirs, name, 'Demande IRM');
    const summary = await intake.processInboxOnce();
    expect(summary.results).toEqual([]);
    expect(await store.listFaxes()).toEqual([]);
    expect(readdirSync(dirs.inbox)).toHaveLength(5);
  });

  it('handles unicode and very long names', async () => {
    const { dirs, store, intake } = setup();
    const long = 'Ordonnance_' + 'é'.repeat(120) + '.pdf'; // 255 bytes: the longest name ext4 allows
    drop(dirs, long, 'Demande IRM long');
    drop(dirs, 'Télécopie\\de Québec 😀.pdf', 'Demande IRM unicode');
    const summary = await intake.processInboxOnce();
    expect(summary.processed).toBe(2);
    const faxes = await store.listFaxes();
    expect(faxes.map((f) => f.originalName).sort()).toEqual([long, 'Télécopie\\de Québec 😀.pdf'].sort());
    for (const f of faxes) {
      expect(existsSync(f.archivePath!)).toBe(true);
      expect(Buffer.byteLength(basename(f.archivePath!))).toBeLessThanOrEqual(128);
      expect(basename(f.archivePath!)).not.toContain('\\');
    }
  });

  it('leaves files in the inbox when the store fails, and takes them on the next pass', async () => {
    const { dirs, store, intake } = setup();
    drop(dirs, 'a.pdf', 'Demande IRM');
    await store.close(); // the database is gone
    const failed = await intake.processInboxOnce();
    expect(failed).toMatchObject({ processed: 0, errors: 1, quarantined: 0 });
    expect(readdirSync(dirs.inbox)).toEqual(['a.pdf']);
    const reopened = openSqliteStore(dirs.db);
    stores.push(reopened);
    const again = createIntake({ store: reopened, processors: fakeProcessors(), paths: dirs, settleMs: 50 });
    expect(await again.processInboxOnce()).toMatchObject({ processed: 1, errors: 0 });
  });

  it('records as unreadable, after a few attempts, a file it cannot open', async () => {
    if (process.getuid?.() === 0) return; // root reads anything: unread-entries.test.ts fakes the error
    const { dirs, store, intake } = setup({ maxAttempts: 2 });
    chmodSync(drop(dirs, 'a.pdf', 'x'), 0o000);
    expect((await intake.processInboxOnce()).errors).toBe(1);
    expect(await store.listFaxes()).toEqual([]);
    expect((await intake.processInboxOnce()).quarantined).toBe(1);
    const [fax] = await store.listFaxes();
    expect(fax).toMatchObject({ verdict: 'unreadable', unreadableCode: 'unreadable-file', sizeBytes: 1 });
    expect(existsSync(fax!.quarantinePath!)).toBe(true);
  });

  it('refuses a file outside the inbox', async () => {
    const { store, intake } = setup();
    const elsewhere = join(mkdtempSync(join(tmpdir(), 'faxdesk-else-')), 'a.pdf');
    writeFileSync(elsewhere, 'Demande IRM');
    expect(await intake.processFile(elsewhere)).toEqual({ kind: 'skipped', reason: 'not-a-file' });
    expect(existsSync(elsewhere)).toBe(true);
    expect(await store.listFaxes()).toEqual([]);
  });

  it('does not hold a file over maxBytes in memory: unreadable too-large, quarantined, never read', async () => {
    const { dirs, store, intake, calls } = setup({ maxBytes: 64 });
    drop(dirs, 'gros.pdf', `%PDF-1.7 ${'x'.repeat(200)}`);
    const summary = await intake.processInboxOnce();
    expect(summary).toMatchObject({ quarantined: 1, processed: 0 });
    expect(calls.read).toBe(0);
    const [fax] = await store.listFaxes();
    expect(fax).toMatchObject({
      verdict: 'unreadable',
      unreadableCode: 'too-large',
      fileKind: 'pdf',
      sizeBytes: 209,
    });
    expect(fax!.unreadableReason).toMatch(/trop volumineux/);
    expect(existsSync(fax!.quarantinePath!)).toBe(true);
  });
});
