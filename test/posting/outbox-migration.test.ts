import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openSqliteStore } from '../../adapters/stores/sqlite/index.ts';
import { openTempStore, storeFax, tempStorePath } from '../workflow/helpers.ts';

describe('outbox migration', () => {
  it('queues a post for every fax recorded before the outbox existed', async () => {
    const path = tempStorePath();
    const current = openTempStore(path);
    const fax = await storeFax(current);
    await current.close();
    // Rewind the database to schema 3 (before the outbox), keeping the fax: drop what
    // version 4 and every later one created, so migrating creates it again.
    const db = new Database(path);
    db.exec(
      `DROP TABLE deliveries; DROP TABLE chat_messages;
       DROP TRIGGER IF EXISTS faxes_search_purge; DROP TABLE IF EXISTS fax_search_fts; DROP TABLE IF EXISTS fax_search;
       DROP TABLE IF EXISTS digests; DROP TABLE IF EXISTS intake_claims; DROP TABLE IF EXISTS send_slots;
       DROP TRIGGER fax_events_no_update; ALTER TABLE faxes DROP COLUMN purged_at; ALTER TABLE faxes DROP COLUMN origin_json;
       DELETE FROM schema_migrations WHERE version >= 4`,
    );
    expect(
      migrate(
        db,
        MIGRATIONS.filter((m) => m.version <= 3),
      ),
    ).toEqual([]);
    db.close();

    const store = openSqliteStore(path);
    const due = await store.claimDeliveries(new Date(), 10, 1000);
    expect(due).toMatchObject([{ faxId: fax.id, kind: 'post' }]);
    await store.close();
  });
});
