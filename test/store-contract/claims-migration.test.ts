/**
 * The store contract, part 8: the migration that adds intake claims, send slots and the
 * claim count of deliveries, run on a database written by the version before it (real
 * earlier migrations, real rows): the faxes and deliveries stay, each delivery with 0 claims.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from '../../adapters/stores/postgres/index.ts';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../adapters/stores/sqlite/index.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { fax } from './fixtures.ts';
import { insertFaxSql, olderDatabase, STORES, useStore, type Backend } from './harness.ts';

const RECEIVED = '2025-03-15T14:03:00.000Z';
/** Each store's migration that adds the claims (the stores number their migrations apart). */
const CLAIMS_VERSION = { sqlite: 7, postgres: 6 } as const;
const LATEST = {
  sqlite: SQLITE_MIGRATIONS.map((m) => m.version),
  postgres: POSTGRES_MIGRATIONS.map((m) => m.version),
} as const;

/** A delivery as the earlier schema had it. */
interface OldDelivery {
  faxId: string;
  kind: 'post' | 'update';
  attempts: number;
  doneAt: string | null;
}

const INSERT_DELIVERY = `INSERT INTO deliveries (fax_id, kind, created_at, next_attempt_at, attempts, done_at)
  VALUES (?, ?, ?, ?, ?, ?)`;
const deliveryParams = (d: OldDelivery) => [d.faxId, d.kind, RECEIVED, RECEIVED, d.attempts, d.doneAt];

/** Writes a database at the version before the claims, holding `faxes` and `deliveries`. */
async function beforeClaims(
  backend: Backend,
  location: string,
  faxes: FaxRecord[],
  deliveries: OldDelivery[],
): Promise<void> {
  await olderDatabase(backend, location, CLAIMS_VERSION[backend.name], async (sql) => {
    for (const f of faxes) await sql(...insertFaxSql(backend, f));
    for (const d of deliveries) await sql(INSERT_DELIVERY, deliveryParams(d));
  });
}

describe.each(STORES)('%s store: the claims migration', (_name, backend) => {
  const t = useStore(backend);

  it('keeps the faxes and deliveries of the version before it, each with 0 claims', async () => {
    t(); // skips here when the backend is unreachable
    const location = t.fresh();
    const a = fax({ receivedAt: RECEIVED });
    const b = fax({ receivedAt: RECEIVED });
    await beforeClaims(
      backend,
      location,
      [a, b],
      [
        { faxId: a.id, kind: 'post', attempts: 1, doneAt: '2025-03-15T14:03:05.000Z' },
        { faxId: b.id, kind: 'post', attempts: 2, doneAt: null },
        { faxId: a.id, kind: 'update', attempts: 0, doneAt: null },
      ],
    );

    const store = t.track(await backend.open(location));
    const versions = await backend.sql(store, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(LATEST[backend.name]);
    expect(await store.getFax(a.id)).toEqual(a);
    expect(await store.getFax(b.id)).toEqual(b);
    const rows = await backend.sql(
      store,
      'SELECT fax_id, kind, attempts, claims FROM deliveries ORDER BY id',
    );
    expect(rows).toEqual([
      { fax_id: a.id, kind: 'post', attempts: 1, claims: 0 },
      { fax_id: b.id, kind: 'post', attempts: 2, claims: 0 },
      { fax_id: a.id, kind: 'update', attempts: 0, claims: 0 },
    ]);

    const claimed = await store.claimDeliveries(new Date(RECEIVED), 10, 60_000);
    expect(claimed.map((d) => [d.faxId, d.kind, d.attempts, d.claims])).toEqual([
      [b.id, 'post', 2, 1],
      [a.id, 'update', 0, 1],
    ]);
    // The new tables are there and empty.
    expect(await store.claimIntake(a.sha256, 'host-a', new Date(RECEIVED), 60_000)).toBe(true);
    expect(await store.reserveSendSlot('slack:C0FAX', new Date(RECEIVED), 1000)).toEqual(new Date(RECEIVED));
  });
});
