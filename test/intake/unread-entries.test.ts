/**
 * Inbox entries whose content is never read — a file that cannot be opened, a symbolic link —
 * are still recorded as unreadable faxes (so a card tells staff one came in), and a crash
 * between the record and the move is finished by the next run without a second record.
 *
 * Tests run as root here, and root opens any file whatever its mode: the open error is faked
 * for names starting with `verrou` (test/intake/intake.test.ts does it with chmod when not root).
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/store.ts';
import { createIntake, type IntakeOptions } from '../../src/intake/intake.ts';
import { fakeProcessors, makeDataDirs, type DataDirs } from './helpers.ts';

vi.mock('../../src/intake/take-file.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/intake/take-file.ts')>();
  return {
    ...real,
    takeInboxFile: async (path: string, opts: Parameters<typeof real.takeInboxFile>[1]) => {
      if (basename(path).startsWith('verrou')) {
        throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
      }
      return real.takeInboxFile(path, opts);
    },
  };
});

const stores: SqliteFaxStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function setup(dirs: DataDirs = makeDataDirs(), extra: Partial<IntakeOptions> = {}) {
  const store = openSqliteStore(dirs.db);
  stores.push(store);
  const calls = { read: 0 };
  const intake = createIntake({
    store,
    processors: fakeProcessors(calls),
    paths: dirs,
    settleMs: 50,
    maxAttempts: 2,
    ...extra,
  });
  return { dirs, store, intake, calls };
}

const crashRunner = join(import.meta.dirname, 'crash-runner.ts');

describe('a file that cannot be opened', () => {
  it('is retried, then recorded as unreadable with a card and kept in quarantine', async () => {
    const { dirs, store, intake, calls } = setup();
    writeFileSync(join(dirs.inbox, 'verrou.pdf'), 'Demande IRM verrouillée');
    writeFileSync(join(dirs.inbox, 'bon.pdf'), 'Demande IRM');

    const first = await intake.processInboxOnce();
    expect(first).toMatchObject({ processed: 1, errors: 1, quarantined: 0 });
    expect((await store.listFaxes()).map((f) => f.originalName)).toEqual(['bon.pdf']);
    expect(readdirSync(dirs.inbox)).toEqual(['verrou.pdf']); // retried on the next pass

    const second = await intake.processInboxOnce();
    expect(second).toMatchObject({ quarantined: 1, errors: 0 });
    const fax = (await store.listFaxes()).find((f) => f.originalName === 'verrou.pdf')!;
    expect(second.results[0]!.outcome).toEqual({
      kind: 'quarantined',
      faxId: fax.id,
      code: 'unreadable-file',
    });
    expect(fax).toMatchObject({
      verdict: 'unreadable',
      status: 'pending',
      unreadableCode: 'unreadable-file',
      unreadableReason:
        "Faxdesk n'a pas pu lire ce fichier après 2 essais (droits d'accès ou erreur de disque).",
      pageCount: 0,
      fileKind: null,
      sizeBytes: Buffer.byteLength('Demande IRM verrouillée'),
      archivePath: null,
      quarantinePath: join(dirs.quarantine, `${fax.id}-verrou.pdf`),
    });
    expect(fax.report).toEqual({ verdict: 'unreadable', checks: [], reason: fax.unreadableReason });
    expect(calls.read).toBe(1); // bon.pdf only
    expect(readFileSync(fax.quarantinePath!, 'utf8')).toBe('Demande IRM verrouillée');
    const note = readFileSync(`${fax.quarantinePath}.reason.txt`, 'utf8');
    expect(note).toContain('Code : unreadable-file');
    expect(note).toContain(`Raison : ${fax.unreadableReason}`);
    expect(note).toContain('Détail technique : Error: EACCES');
    expect((await store.listEvents(fax.id)).map((e) => [e.kind, e.details])).toEqual([
      ['received', expect.objectContaining({ sizeBytes: fax.sizeBytes, fileKind: null })],
      ['quarantined', { code: 'unreadable-file', stage: 'fingerprint' }],
    ]);
    const due = await store.claimDeliveries(new Date(Date.now() + 60_000), 10, 1);
    expect(due.map((d) => d.faxId)).toContain(fax.id);
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });

  it('recorded, then a crash before the move: the next run finishes the move, no second record', async () => {
    const dirs = makeDataDirs();
    writeFileSync(join(dirs.inbox, 'verrou.pdf'), 'x');
    const crashing = setup(dirs, {
      onStage: (stage) => {
        if (stage === 'recorded') throw new Error('crash');
      },
    });
    expect(await crashing.intake.processInboxOnce()).toMatchObject({ errors: 1 });
    expect(await crashing.intake.processInboxOnce()).toMatchObject({ errors: 1 }); // the "crash"
    const [recorded] = await crashing.store.listFaxes();
    expect(recorded!.unreadableCode).toBe('unreadable-file');
    expect(existsSync(recorded!.quarantinePath!)).toBe(false);
    expect(readdirSync(dirs.inbox)).toEqual(['verrou.pdf']);

    // A new process: no memory of the attempts; the known stand-in is finished at once.
    const { store, intake } = setup(dirs);
    const summary = await intake.processInboxOnce();
    expect(summary).toMatchObject({ recovered: 1, errors: 0, quarantined: 0 });
    const faxes = await store.listFaxes();
    expect(faxes.map((f) => f.id)).toEqual([recorded!.id]);
    expect(readFileSync(recorded!.quarantinePath!, 'utf8')).toBe('x');
    expect(readFileSync(`${recorded!.quarantinePath}.reason.txt`, 'utf8')).toContain(
      'Code : unreadable-file',
    );
    expect((await store.listEvents(recorded!.id)).filter((e) => e.kind === 'received')).toHaveLength(1);
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });
});

describe('a symbolic link', () => {
  it('killed right after its record: the next run moves the link, no second record', async () => {
    const dirs = makeDataDirs();
    const outside = join(mkdtempSync(join(tmpdir(), 'faxdesk-outside-')), 'secret.pdf');
    writeFileSync(outside, 'Demande IRM secrète');
    symlinkSync(outside, join(dirs.inbox, 'lien.pdf'));
    writeFileSync(join(dirs.inbox, 'bon.pdf'), 'Demande IRM');

    const crashed = spawnSync(
      process.execPath,
      ['--import', 'tsx', crashRunner, JSON.stringify(dirs), 'recorded', 'lien.pdf'],
      { encoding: 'utf8', timeout: 60_000 },
    );
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    expect(readdirSync(dirs.inbox).sort()).toEqual(['bon.pdf', 'lien.pdf']);

    const { store, intake, calls } = setup(dirs);
    const [recorded] = await store.listFaxes();
    expect(recorded!.unreadableCode).toBe('symlink-outside-inbox');
    const summary = await intake.processInboxOnce();
    expect(summary).toMatchObject({ recovered: 1, processed: 1, quarantined: 0, errors: 0 });
    const link = (await store.listFaxes()).filter((f) => f.originalName === 'lien.pdf');
    expect(link.map((f) => f.id)).toEqual([recorded!.id]);
    expect(lstatSync(recorded!.quarantinePath!).isSymbolicLink()).toBe(true);
    expect(readlinkSync(recorded!.quarantinePath!)).toBe(outside);
    expect(readFileSync(`${recorded!.quarantinePath}.reason.txt`, 'utf8')).toContain(
      'Code : symlink-outside-inbox',
    );
    expect(calls.read).toBe(1); // bon.pdf
    expect(readFileSync(outside, 'utf8')).toBe('Demande IRM secrète');
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });

  it('replaced by another link of the same name is a new fax', async () => {
    const { dirs, store, intake } = setup();
    const outside = mkdtempSync(join(tmpdir(), 'faxdesk-outside-'));
    symlinkSync(join(outside, 'a.pdf'), join(dirs.inbox, 'lien.pdf'));
    await intake.processInboxOnce();
    symlinkSync(join(outside, 'b.pdf'), join(dirs.inbox, 'lien.pdf'));
    expect(await intake.processInboxOnce()).toMatchObject({ quarantined: 1, duplicates: 0, recovered: 0 });
    expect(await store.listFaxes()).toHaveLength(2);
  });
});
