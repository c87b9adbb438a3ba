/** Migration 5 indexes the faxes stored before it: an existing database finds its old faxes. */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openSqliteStore, schemaVersion } from '../../adapters/stores/sqlite/index.ts';
import { faxToRow, type FaxRow } from '../../adapters/stores/sqlite/rows.ts';
import { searchFaxes } from '../../src/search/index.ts';
import { tempStorePath } from '../workflow/helpers.ts';
import { faxFor } from './helpers.ts';

function insertRaw(db: Database.Database, row: FaxRow): void {
  db.prepare(
    `INSERT INTO faxes (id, sha256, original_name, size_bytes, archive_path, quarantine_path, received_at, file_kind,
      page_count, status, verdict, unreadable_code, unreadable_reason, ocr_used, ocr_confidence, order_json, report_json)
     VALUES (@id, @sha256, @original_name, @size_bytes, @archive_path, @quarantine_path, @received_at, @file_kind,
      @page_count, @status, @verdict, @unreadable_code, @unreadable_reason, @ocr_used, @ocr_confidence, @order_json, @report_json)`,
  ).run(row);
}

describe('migration 5: the search index', () => {
  it('backfills the faxes of a database at schema 4', async () => {
    const path = tempStorePath();
    const old = new Database(path);
    migrate(
      old,
      MIGRATIONS.filter((m) => m.version <= 4),
    );
    expect(schemaVersion(old)).toBe(4);
    const cote = faxFor({
      firstName: 'Jeanne',
      lastName: 'Côté',
      nam: 'COTJ85551512',
      receivedAt: '2024-11-02T13:00:00.000Z',
    });
    const stPierre = faxFor({
      firstName: 'Luc',
      lastName: 'St-Pierre',
      receivedAt: '2024-11-03T13:00:00.000Z',
    });
    const unread = faxFor({ firstName: null, lastName: null, receivedAt: '2024-11-04T13:00:00.000Z' });
    insertRaw(old, faxToRow(cote));
    insertRaw(old, faxToRow(stPierre));
    insertRaw(old, { ...faxToRow(unread), order_json: null });
    // An order stored by an older version, missing fields the schema has now: read what is there.
    const older = faxFor({ firstName: 'x', lastName: 'y', receivedAt: '2024-11-05T13:00:00.000Z' });
    insertRaw(old, {
      ...faxToRow(older),
      order_json: JSON.stringify({ patient: { lastName: 'Lévesque-Tremblay', firstName: 42 } }),
    });
    old.close();

    const store = openSqliteStore(path);
    try {
      expect(schemaVersion(store.db)).toBeGreaterThanOrEqual(5);
      expect(store.db.prepare('SELECT COUNT(*) AS n FROM fax_search').get()).toEqual({ n: 4 });
      const ids = async (text: string) => {
        const outcome = await searchFaxes(store, text);
        return outcome.ok ? outcome.hits.map((h) => h.id) : outcome.message;
      };
      expect(await ids('cote jeanne')).toEqual([cote.id]);
      expect(await ids('COTJ 8555 1512')).toEqual([cote.id]);
      expect(await ids('saint pierre')).toEqual([stPierre.id]);
      expect(store.db.prepare('SELECT names, nam FROM fax_search WHERE fax_id = ?').get(older.id)).toEqual({
        names: 'levesque tremblay levesquetremblay',
        nam: null,
      });
      expect(await ids(unread.id)).toEqual([unread.id]);

      // and faxes recorded after the migration join the same index
      const later = faxFor({ firstName: 'Marie', lastName: 'Côté', receivedAt: '2025-01-01T13:00:00.000Z' });
      await store.recordFax(later, [], []);
      expect(await ids('cote')).toEqual([later.id, cote.id]);
    } finally {
      await store.close();
    }
  });

  it('migrates a new database through migrate() alone (the SQL functions come with it)', () => {
    const db = new Database(':memory:');
    expect(() => migrate(db)).not.toThrow();
    expect(schemaVersion(db)).toBe(Math.max(...MIGRATIONS.map((m) => m.version)));
    db.close();
  });
});
