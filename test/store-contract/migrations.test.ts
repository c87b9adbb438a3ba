/**
 * The store contract, part 5: opening a store brings its schema up to date once; reopening
 * (a restart, another instance) changes nothing and keeps the data; several instances
 * opening a new database together all succeed; a database from a newer Faxdesk is refused.
 */
import { describe, expect, it } from 'vitest';
import { SchemaTooNewError } from '../../adapters/stores/sqlite/migrations.ts';
import { stored } from './fixtures.ts';
import { STORES, useStore } from './harness.ts';

const history = (rows: Record<string, unknown>[]) =>
  rows.map((r) => ({ version: Number(r.version), appliedAt: String(r.applied_at) }));
const HISTORY_SQL = 'SELECT version, applied_at FROM schema_migrations ORDER BY version';

describe.each(STORES)('%s store: migrations', (_name, backend) => {
  const t = useStore(backend);

  it('are idempotent: reopening applies nothing and keeps the data and the history', async () => {
    const s = t();
    const f = await stored(s.store);
    const before = history(await s.sql(HISTORY_SQL));
    expect(before.length).toBeGreaterThan(0);
    await s.store.close();
    const reopened = t.track(await backend.open(t.location()));
    expect(history(await backend.sql(reopened, HISTORY_SQL))).toEqual(before);
    expect(await reopened.getFax(f.id)).toEqual(f);
    expect((await reopened.listEvents(f.id)).map((e) => e.kind)).toEqual(['received']);
  });

  it('run once when several instances open a new database at the same time', async () => {
    const location = t.fresh();
    const stores = await Promise.all([1, 2, 3].map(() => backend.open(location)));
    stores.forEach((s) => t.track(s));
    const versions = history(await backend.sql(stores[0]!, HISTORY_SQL)).map((h) => h.version);
    expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    const f = await stored(stores[1]!);
    expect(await stores[2]!.getFax(f.id)).toEqual(f);
  });

  it('refuse a database written by a newer Faxdesk', async () => {
    const s = t();
    await s.sql("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', ?)", [
      '2030-01-01T00:00:00.000Z',
    ]);
    await expect(backend.open(t.location())).rejects.toBeInstanceOf(SchemaTooNewError);
  });
});
