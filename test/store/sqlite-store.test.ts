import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MIGRATIONS,
  migrate,
  SchemaTooNewError,
  schemaVersion,
} from '../../adapters/stores/sqlite/migrations.ts';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/store.ts';
import { newFaxId } from '../../src/store/ids.ts';
import { SYSTEM_ACTOR, type FaxRecord, type NewFaxEvent, type PageRecord } from '../../src/store/records.ts';
import { DuplicateFaxError } from '../../src/store/store.ts';
import { fakeOrder } from '../intake/helpers.ts';

const open: SqliteFaxStore[] = [];
function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'faxdesk-store-')), 'faxdesk.sqlite');
}
function openStore(path: string): SqliteFaxStore {
  const store = openSqliteStore(path);
  open.push(store);
  return store;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function fax(overrides: Partial<FaxRecord> = {}): FaxRecord {
  const id = overrides.id ?? newFaxId();
  return {
    id,
    sha256: 'a'.repeat(64),
    originalName: 'Ordonnance Échographie.pdf',
    sizeBytes: 1234,
    archivePath: `/data/archive/2025/03/15/${id}-x.pdf`,
    quarantinePath: null,
    receivedAt: '2025-03-15T14:03:00.000Z',
    fileKind: 'pdf',
    pageCount: 2,
    status: 'pending',
    verdict: 'review',
    unreadableCode: null,
    unreadableReason: null,
    ocrUsed: true,
    ocrConfidence: 87.5,
    order: fakeOrder('Échographie abdominale'),
    report: {
      verdict: 'review',
      checks: [{ id: 'order.date', status: 'warn', message: 'Date absente' }],
      reason: null,
    },
    ...overrides,
  };
}

const page = (index: number, text: string): PageRecord => ({
  index,
  text,
  source: 'ocr',
  confidence: 80,
  rotation: 90,
  skew: -0.4,
  greyRatio: 0.01,
  width: 1728,
  height: 2200,
});

const ev = (faxId: string, kind: NewFaxEvent['kind'], details: NewFaxEvent['details'] = {}): NewFaxEvent => ({
  faxId,
  kind,
  actor: SYSTEM_ACTOR,
  at: '2025-03-15T14:03:00.000Z',
  details,
});

describe('SQLite store', () => {
  it('round-trips a fax, its pages and its events', async () => {
    const store = openStore(tempDb());
    const f = fax();
    await store.recordFax(
      f,
      [page(2, 'deux'), page(1, 'un')],
      [ev(f.id, 'received'), ev(f.id, 'read', { pages: 2 })],
    );
    expect(await store.getFax(f.id)).toEqual(f);
    expect(await store.findBySha256(f.sha256)).toEqual(f);
    expect((await store.getPages(f.id)).map((p) => p.text)).toEqual(['un', 'deux']);
    expect(await store.getPages(f.id)).toContainEqual(page(1, 'un'));
    const events = await store.listEvents(f.id);
    expect(events.map((e) => e.kind)).toEqual(['received', 'read']);
    expect(events[1]?.details).toEqual({ pages: 2 });
    expect(events[0]?.actor).toEqual(SYSTEM_ACTOR);
    expect(await store.getFax(newFaxId())).toBeNull();
    expect(await store.findBySha256('b'.repeat(64))).toBeNull();
  });

  it('uses WAL, foreign keys and a busy timeout', () => {
    const store = openStore(tempDb());
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
  });

  it('records all or nothing: a bad event rolls back the fax and its pages', async () => {
    const store = openStore(tempDb());
    const f = fax();
    const bad = { ...ev(f.id, 'received'), kind: 'exploded' } as unknown as NewFaxEvent;
    await expect(store.recordFax(f, [page(1, 'un')], [ev(f.id, 'received'), bad])).rejects.toThrow();
    expect(await store.getFax(f.id)).toBeNull();
    expect(await store.getPages(f.id)).toEqual([]);
    expect(await store.listEvents(f.id)).toEqual([]);
  });

  it('refuses a second fax with the same sha256', async () => {
    const store = openStore(tempDb());
    await store.recordFax(fax(), [], []);
    await expect(store.recordFax(fax(), [], [])).rejects.toBeInstanceOf(DuplicateFaxError);
    expect(await store.listFaxes()).toHaveLength(1);
  });

  it('lists faxes newest first, by status, with a limit', async () => {
    const store = openStore(tempDb());
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const f = fax({ sha256: String(i).repeat(64), status: i % 2 ? 'accepted' : 'pending' });
      ids.push(f.id);
      await store.recordFax(f, [], []);
    }
    expect((await store.listFaxes()).map((f) => f.id)).toEqual([...ids].reverse());
    expect((await store.listFaxes({ status: 'pending' })).map((f) => f.id)).toEqual([ids[4], ids[2], ids[0]]);
    expect((await store.listFaxes({ limit: 2 })).map((f) => f.id)).toEqual([ids[4], ids[3]]);
    expect((await store.listFaxes({ before: ids[2] })).map((f) => f.id)).toEqual([ids[1], ids[0]]);
  });

  it('keeps a quarantined, unreadable fax with no order', async () => {
    const store = openStore(tempDb());
    const f = fax({
      archivePath: null,
      quarantinePath: '/data/quarantine/x.tif',
      verdict: 'unreadable',
      unreadableCode: 'corrupt',
      unreadableReason: 'Fichier endommagé.',
      order: null,
      fileKind: null,
      pageCount: 0,
      report: { verdict: 'unreadable', checks: [], reason: 'Fichier endommagé.' },
    });
    await store.recordFax(f, [], [ev(f.id, 'quarantined', { code: 'corrupt' })]);
    expect(await store.getFax(f.id)).toEqual(f);
  });

  it('keeps the event log append-only, even for raw SQL', async () => {
    const store = openStore(tempDb());
    const f = fax();
    await store.recordFax(f, [], [ev(f.id, 'received')]);
    const appended = await store.appendEvent(ev(f.id, 'posted', { channel: 'C123' }));
    expect(appended.id).toBeGreaterThan(0);
    expect(() => store.db.prepare("UPDATE fax_events SET kind = 'accepted'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM fax_events').run()).toThrow(/append-only/);
    expect((await store.listEvents(f.id)).map((e) => e.kind)).toEqual(['received', 'posted']);
  });

  it('refuses an event for an unknown fax (foreign key) and a malformed one (schema)', async () => {
    const store = openStore(tempDb());
    await expect(store.appendEvent(ev(newFaxId(), 'posted'))).rejects.toThrow();
    const f = fax();
    await store.recordFax(f, [], []);
    const nested = { ...ev(f.id, 'posted'), details: { patient: { name: 'x' } } } as unknown as NewFaxEvent;
    await expect(store.appendEvent(nested)).rejects.toThrow();
  });

  it('transitions status by compare-and-set: a stale second click does not apply', async () => {
    const store = openStore(tempDb());
    const f = fax();
    await store.recordFax(f, [], []);
    const click = {
      kind: 'accepted' as const,
      actor: { id: 'U1', name: 'Julie' },
      at: '2025-03-15T15:00:00.000Z',
      details: {},
    };
    expect(await store.transitionStatus(f.id, 'pending', 'accepted', click)).toBe(true);
    expect(await store.transitionStatus(f.id, 'pending', 'accepted', click)).toBe(false);
    expect(await store.transitionStatus(f.id, 'pending', 'rejected', { ...click, kind: 'rejected' })).toBe(
      false,
    );
    expect(await store.transitionStatus(newFaxId(), 'pending', 'accepted', click)).toBe(false);
    expect((await store.getFax(f.id))?.status).toBe('accepted');
    const events = await store.listEvents(f.id);
    expect(events.map((e) => e.kind)).toEqual(['accepted']);
    expect(events[0]?.actor).toEqual({ id: 'U1', name: 'Julie' });
  });

  it('sees the other connection’s transition (two processes, one database)', async () => {
    const path = tempDb();
    const a = openStore(path);
    const b = openStore(path);
    const f = fax();
    await a.recordFax(f, [], []);
    const click = {
      kind: 'accepted' as const,
      actor: SYSTEM_ACTOR,
      at: '2025-03-15T15:00:00.000Z',
      details: {},
    };
    expect(await a.transitionStatus(f.id, 'pending', 'accepted', click)).toBe(true);
    expect(await b.transitionStatus(f.id, 'pending', 'accepted', click)).toBe(false);
  });
});

describe('SQLite migrations', () => {
  it('migrates a database left at the first version, keeping its data', async () => {
    const path = tempDb();
    const old = new Database(path);
    migrate(old, MIGRATIONS.slice(0, 1));
    expect(schemaVersion(old)).toBe(1);
    old
      .prepare(
        `INSERT INTO faxes (id, sha256, original_name, size_bytes, archive_path, received_at, file_kind, page_count,
         verdict, ocr_used, report_json) VALUES (?, ?, 'a.pdf', 1, '/a', '2025-01-01T00:00:00.000Z', 'pdf', 1, 'ok', 0, ?)`,
      )
      .run(newFaxId(), 'c'.repeat(64), JSON.stringify({ verdict: 'ok', checks: [], reason: null }));
    old.close();

    const store = openStore(path);
    const latest = Math.max(...MIGRATIONS.map((m) => m.version));
    expect(schemaVersion(store.db)).toBe(latest);
    expect(await store.findBySha256('c'.repeat(64))).not.toBeNull();
    // migration 2's triggers are in place on the migrated database
    expect(() => store.db.prepare('DELETE FROM fax_events').run()).not.toThrow(); // no rows: trigger fires per row
    const f = (await store.findBySha256('c'.repeat(64)))!;
    await store.appendEvent({
      faxId: f.id,
      kind: 'posted',
      actor: SYSTEM_ACTOR,
      at: f.receivedAt,
      details: {},
    });
    expect(() => store.db.prepare('DELETE FROM fax_events').run()).toThrow(/append-only/);
  });

  it('is idempotent: reopening applies nothing and keeps the history', async () => {
    const path = tempDb();
    const first = openStore(path);
    const rows = () =>
      first.db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all();
    const before = rows();
    expect(before).toHaveLength(MIGRATIONS.length);
    await first.close();
    const second = openStore(path);
    expect(migrate(second.db)).toEqual([]);
    expect(
      second.db.prepare('SELECT version, applied_at FROM schema_migrations ORDER BY version').all(),
    ).toEqual(before);
  });

  it('refuses a database written by a newer Faxdesk', () => {
    const path = tempDb();
    const db = new Database(path);
    migrate(db);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01T00:00:00.000Z')").run();
    db.close();
    expect(() => openSqliteStore(path)).toThrow(SchemaTooNewError);
  });

  it('rolls back a failing migration entirely', () => {
    const path = tempDb();
    const db = new Database(path);
    const broken = [...MIGRATIONS, { version: 100, name: 'broken', sql: 'CREATE TABLE t (x); NOT SQL' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('faxes', 't')").all()).toEqual([]);
    db.close();
  });
});
