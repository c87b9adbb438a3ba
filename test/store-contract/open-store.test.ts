/** Which store DATABASE_URL selects. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openStore, storeKind, UnsupportedDatabaseUrlError } from '../../adapters/stores/open-store.ts';
import { POSTGRES_URL, STORES, useStore } from './harness.ts';

const sqlitePath = () => join(mkdtempSync(join(tmpdir(), 'faxdesk-open-')), 'faxdesk.sqlite');

describe('store selection', () => {
  it('is SQLite without DATABASE_URL, PostgreSQL for a postgres:// URL, refused otherwise', () => {
    expect(storeKind({})).toBe('sqlite');
    expect(storeKind({ databaseUrl: '' })).toBe('sqlite');
    expect(storeKind({ databaseUrl: '  ' })).toBe('sqlite');
    expect(storeKind({ databaseUrl: 'postgres://u:secret@db:5432/faxdesk' })).toBe('postgres');
    expect(storeKind({ databaseUrl: 'postgresql://db/faxdesk' })).toBe('postgres');
    for (const url of ['mysql://u:secret@db/x', '/var/faxdesk.sqlite', 'sqlite:///x']) {
      expect(() => storeKind({ databaseUrl: url })).toThrow(UnsupportedDatabaseUrlError);
      expect(() => storeKind({ databaseUrl: url })).not.toThrow(/secret/);
    }
  });

  it('opens SQLite at the configured path by default', async () => {
    const store = await openStore({ sqlitePath: sqlitePath() });
    try {
      expect(await store.listFaxes()).toEqual([]);
      expect('db' in store).toBe(true);
    } finally {
      await store.close();
    }
  });

  describe('with DATABASE_URL', () => {
    const t = useStore(STORES.find(([name]) => name === 'postgres')![1]);

    it('opens PostgreSQL', async () => {
      t(); // skipped (or failed, under CI) like the other PostgreSQL tests when the server is away
      const schema = t.fresh();
      const store = t.track(
        await openStore({ databaseUrl: POSTGRES_URL, sqlitePath: sqlitePath(), postgres: { schema } }),
      );
      expect('pool' in store && store.pool).toBeInstanceOf(pg.Pool);
      expect(await store.listFaxes()).toEqual([]);
    });
  });
});
