/**
 * The store contract, part 10: the migration that lets the purge erase staff-typed text
 * from events, run on a database written by the version before it (real earlier
 * migrations, real rows). Every event stays; a fax purged before it (by the purge of that
 * time, which left events alone) is marked purged as of its `purged` event and its
 * events lose their free text as a purge now does; a fax not purged keeps its events as
 * they were, and the log refuses the same changes as before.
 */
import { describe, expect, it } from 'vitest';
import { MIGRATIONS as POSTGRES_MIGRATIONS } from '../../adapters/stores/postgres/index.ts';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../../adapters/stores/sqlite/index.ts';
import { purgedRecord, PURGED_TEXT, PURGE_ACTOR, redactEventDetails } from '../../src/purge/redact.ts';
import { SYSTEM_ACTOR, type FaxEvent, type NewFaxEvent } from '../../src/store/records.ts';
import { fax, hoursAfter } from './fixtures.ts';
import { insertFaxSql, olderDatabase, STORES, useStore } from './harness.ts';

/** Each store's migration that lets the purge rewrite event details (the stores number theirs apart). */
const REDACTION_VERSION = { sqlite: 8, postgres: 7 } as const;
const VERSIONS = {
  sqlite: SQLITE_MIGRATIONS.map((m) => m.version),
  postgres: POSTGRES_MIGRATIONS.map((m) => m.version),
} as const;

const RECEIVED = '2025-03-15T14:03:00.000Z';
const PURGED_AT = '2025-06-15T03:00:00.000Z';
const JULIE = { id: 'U-Julie', name: 'Julie Roy' };
const PATIENT = /Jeanne|Côté|COTJ/i;

const INSERT_EVENT = `INSERT INTO fax_events (fax_id, kind, actor_id, actor_name, at, details_json)
  VALUES (?, ?, ?, ?, ?, ?)`;

/** A fax's history as the earlier version wrote it: intake, staff with free text naming the patient. */
function history(faxId: string): NewFaxEvent[] {
  const staff = (kind: NewFaxEvent['kind'], hours: number, details: NewFaxEvent['details']): NewFaxEvent => ({
    faxId,
    kind,
    actor: JULIE,
    at: hoursAfter(RECEIVED, hours),
    details,
  });
  return [
    { faxId, kind: 'received', actor: SYSTEM_ACTOR, at: RECEIVED, details: { sizeBytes: 48_213 } },
    staff('auth_requested', 1, { from: 'pending', to: 'auth_requested', platform: 'slack' }),
    staff('auth_unreachable', 2, { outcome: 'unreachable', attempt: 1, note: 'Mme Jeanne Côté rappellera' }),
    staff('auth_authenticated', 3, { outcome: 'authenticated', attempt: 2, note: null }),
    staff('accepted', 4, {
      from: 'pending',
      to: 'accepted',
      verdict: 'incomplete',
      reason: 'NAM COTJ85551512 vu',
    }),
  ];
}

describe.each(STORES)('%s store: the event redaction migration', (_name, backend) => {
  const t = useStore(backend);

  it('keeps every event, erases the free text of faxes already purged only, keeps the log guarded', async () => {
    t(); // skips here when the backend is unreachable
    const location = t.fresh();
    const live = fax({ receivedAt: RECEIVED, patient: { firstName: 'Jeanne', lastName: 'Côté' } });
    const old = fax({ receivedAt: RECEIVED, patient: { firstName: 'Jeanne', lastName: 'Côté' } });
    const purgedEvent: NewFaxEvent = {
      faxId: old.id,
      kind: 'purged',
      actor: PURGE_ACTOR,
      at: PURGED_AT,
      details: { retentionDays: 90, pagesDeleted: 1 },
    };
    const written = [
      ...history(live.id),
      ...history(old.id),
      purgedEvent,
      { faxId: null, kind: 'digest_posted', actor: SYSTEM_ACTOR, at: PURGED_AT, details: { total: 1 } },
    ] satisfies NewFaxEvent[];
    await olderDatabase(backend, location, REDACTION_VERSION[backend.name], async (sql) => {
      await sql(...insertFaxSql(backend, live));
      await sql(...insertFaxSql(backend, purgedRecord(old))); // purged by the earlier version
      for (const e of written) {
        await sql(INSERT_EVENT, [e.faxId, e.kind, e.actor.id, e.actor.name, e.at, JSON.stringify(e.details)]);
      }
    });

    const store = t.track(await backend.open(location));
    const sql = (statement: string, params?: unknown[]) => backend.sql(store, statement, params);
    const versions = await sql('SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(VERSIONS[backend.name]);

    // Every event, in order, with its kind, actor and time; free text gone from the purged fax only.
    const strip = ({ id: _id, ...rest }: FaxEvent) => rest;
    const liveEvents = await store.listEvents(live.id);
    const oldEvents = await store.listEvents(old.id);
    expect(liveEvents.map(strip)).toEqual(written.filter((e) => e.faxId === live.id));
    expect(oldEvents.map(strip)).toEqual(
      written
        .filter((e) => e.faxId === old.id)
        .map((e) => ({ ...e, details: redactEventDetails(e.details) ?? e.details })),
    );
    expect(oldEvents.find((e) => e.kind === 'accepted')?.details.reason).toBe(PURGED_TEXT);
    expect(oldEvents.find((e) => e.kind === 'auth_unreachable')?.details).toEqual({
      outcome: 'unreachable',
      attempt: 1,
      note: PURGED_TEXT,
    });
    expect(JSON.stringify(oldEvents)).not.toMatch(PATIENT);
    expect(JSON.stringify(liveEvents)).toMatch(PATIENT);
    expect(await sql('SELECT kind, details_json FROM fax_events WHERE fax_id IS NULL')).toHaveLength(1);
    expect(await store.getFax(live.id)).toEqual(live);
    expect(await store.getFax(old.id)).toEqual(purgedRecord(old));

    // Marked purged as of its `purged` event; the live fax is not.
    const purgedAt = async (id: string) => {
      const value = (await sql('SELECT purged_at FROM faxes WHERE id = ?', [id]))[0]?.purged_at;
      return value === null ? null : new Date(value as string).toISOString();
    };
    expect(await purgedAt(old.id)).toBe(PURGED_AT);
    expect(await purgedAt(live.id)).toBeNull();

    // Still append-only for everything but a purged fax's details.
    const [liveFirst] = liveEvents;
    const [oldFirst] = oldEvents;
    await expect(sql('DELETE FROM fax_events WHERE id = ?', [oldFirst!.id])).rejects.toThrow(/append-only/);
    await expect(sql("UPDATE fax_events SET kind = 'rejected' WHERE id = ?", [oldFirst!.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql('UPDATE fax_events SET details_json = ? WHERE id = ?', ['{}', liveFirst!.id]),
    ).rejects.toThrow(/append-only/);

    // And the live fax, purged now, loses its free text the same way.
    expect(await store.purgeFax(live.id, new Date(PURGED_AT))).toBe(true);
    expect(JSON.stringify(await store.listEvents(live.id))).not.toMatch(PATIENT);
    expect(await store.listEvents(live.id)).toHaveLength(liveEvents.length + 1);
  });
});
