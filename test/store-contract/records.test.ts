/**
 * The store contract, part 1: faxes, pages and the event log, on every store.
 */
import { describe, expect, it } from 'vitest';
import { newFaxId } from '../../src/store/ids.ts';
import { SYSTEM_ACTOR, type NewFaxEvent } from '../../src/store/records.ts';
import { DuplicateFaxError } from '../../src/store/store.ts';
import { click, event, fax, page, stored } from './fixtures.ts';
import { STORES, useStore } from './harness.ts';

describe.each(STORES)('%s store: faxes, pages and events', (_name, backend) => {
  const t = useStore(backend);

  it('round-trips a fax, its pages (in page order) and its events', async () => {
    const { store } = t();
    const f = fax();
    await store.recordFax(
      f,
      [page(2, 'deux'), page(1, 'un')],
      [event(f.id, 'received'), event(f.id, 'read', { pages: 2, codes: ['a', 1, true], none: null })],
    );
    expect(await store.getFax(f.id)).toEqual(f);
    expect(await store.findBySha256(f.sha256)).toEqual(f);
    expect(await store.getPages(f.id)).toEqual([page(1, 'un'), page(2, 'deux')]);
    const events = await store.listEvents(f.id);
    expect(events.map((e) => e.kind)).toEqual(['received', 'read']);
    expect(events[1]?.details).toEqual({ pages: 2, codes: ['a', 1, true], none: null });
    expect(events[0]?.actor).toEqual(SYSTEM_ACTOR);
    expect(events[0]?.at).toBe('2025-03-15T14:03:00.000Z');
    expect(events[1]!.id).toBeGreaterThan(events[0]!.id);
    expect(await store.getFax(newFaxId())).toBeNull();
    expect(await store.findBySha256('b'.repeat(64))).toBeNull();
    expect(await store.getPages(newFaxId())).toEqual([]);
  });

  it('keeps a quarantined, unreadable fax with no order', async () => {
    const { store } = t();
    const f = fax({
      archivePath: null,
      quarantinePath: '/data/quarantine/x.tif',
      verdict: 'unreadable',
      unreadableCode: 'corrupt',
      unreadableReason: 'Fichier endommagé.',
      order: null,
      fileKind: null,
      pageCount: 0,
      ocrUsed: false,
      ocrConfidence: null,
      report: { verdict: 'unreadable', checks: [], reason: 'Fichier endommagé.' },
    });
    await store.recordFax(f, [], [event(f.id, 'quarantined', { code: 'corrupt' })]);
    expect(await store.getFax(f.id)).toEqual(f);
  });

  it('keeps any text a file can carry: accents, emoji, very long names, a NUL character', async () => {
    const { store } = t();
    const name = `Ordonnance ${'é'.repeat(300)} 😀 ‮.pdf`;
    const f = fax({ originalName: name, patient: { firstName: 'Zoë', lastName: 'Nguyễn\u0000' } });
    const text = 'Usager : NGUYỄN, Zoë\u0000 — ½ ≠ ∑ \t\r\n fin';
    await store.recordFax(f, [page(1, text)], [event(f.id, 'read', { note: 'a\u0000b' })]);
    // PostgreSQL cannot store U+0000: it keeps U+FFFD in its place (rows.ts); nothing else changes.
    const nul = (s: string | null | undefined) => s?.replace(/\uFFFD/g, '\u0000');
    const back = await store.getFax(f.id);
    expect(back?.originalName).toBe(name);
    expect(nul(back?.order?.patient.lastName)).toBe('Nguyễn\u0000');
    expect(nul((await store.getPages(f.id))[0]?.text)).toBe(text);
    expect(nul(String((await store.listEvents(f.id))[0]?.details.note))).toBe('a\u0000b');
  });

  it('records all or nothing: a bad event rolls back the fax, pages, index and outbox', async () => {
    const s = t();
    const f = fax();
    const bad = { ...event(f.id, 'received'), kind: 'exploded' } as unknown as NewFaxEvent;
    await expect(s.store.recordFax(f, [page(1, 'un')], [event(f.id, 'received'), bad])).rejects.toThrow();
    expect(await s.store.getFax(f.id)).toBeNull();
    for (const table of ['faxes', 'fax_pages', 'fax_events', 'fax_search', 'deliveries']) {
      expect(await s.count(table), table).toBe(0);
    }
  });

  it('refuses a second fax with the same sha256 (or id), writing nothing', async () => {
    const s = t();
    const first = await stored(s.store);
    const counts = async () =>
      Promise.all(['faxes', 'fax_pages', 'fax_events', 'fax_search', 'deliveries'].map((x) => s.count(x)));
    const before = await counts();
    const sameContent = fax({ sha256: first.sha256 });
    await expect(
      s.store.recordFax(sameContent, [page(1, 'x')], [event(sameContent.id, 'received')]),
    ).rejects.toBeInstanceOf(DuplicateFaxError);
    const sameId = fax({ id: first.id, sha256: 'f'.repeat(64) });
    await expect(s.store.recordFax(sameId, [], [])).rejects.toBeInstanceOf(DuplicateFaxError);
    expect(await counts()).toEqual(before);
    expect(await s.store.getFax(sameContent.id)).toBeNull();
  });

  it('lets exactly one of two instances record the same file at the same time', async () => {
    const s = t();
    const other = await s.another();
    const a = fax();
    const b = fax({ sha256: a.sha256 });
    const outcomes = await Promise.allSettled([s.store.recordFax(a, [], []), other.recordFax(b, [], [])]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toBeInstanceOf(DuplicateFaxError);
    expect(await s.count('faxes')).toBe(1);
    expect(await s.count('deliveries')).toBe(1);
  });

  it('lists faxes newest first, by status, with a limit and paging', async () => {
    const { store } = t();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const f = fax({ status: i % 2 ? 'accepted' : 'pending' });
      ids.push(f.id);
      await store.recordFax(f, [], []);
    }
    expect((await store.listFaxes()).map((f) => f.id)).toEqual([...ids].reverse());
    expect((await store.listFaxes({ status: 'pending' })).map((f) => f.id)).toEqual([ids[4], ids[2], ids[0]]);
    expect((await store.listFaxes({ limit: 2 })).map((f) => f.id)).toEqual([ids[4], ids[3]]);
    expect((await store.listFaxes({ before: ids[2] })).map((f) => f.id)).toEqual([ids[1], ids[0]]);
    expect(
      (await store.listFaxes({ status: 'accepted', before: ids[3], limit: 5 })).map((f) => f.id),
    ).toEqual([ids[1]]);
  });

  it('keeps the event log append-only, even against raw SQL', async () => {
    const s = t();
    const f = await stored(s.store);
    const appended = await s.store.appendEvent(event(f.id, 'posted', { channel: 'C123' }));
    expect(appended).toMatchObject({ faxId: f.id, kind: 'posted', details: { channel: 'C123' } });
    expect(appended.id).toBeGreaterThan(0);
    await expect(s.sql("UPDATE fax_events SET kind = 'accepted'")).rejects.toThrow(/append-only/);
    await expect(s.sql('DELETE FROM fax_events WHERE id = ?', [appended.id])).rejects.toThrow(/append-only/);
    expect((await s.store.listEvents(f.id)).map((e) => e.kind)).toEqual(['received', 'posted']);
  });

  it('refuses an event for an unknown fax and a malformed one; accepts one about no fax', async () => {
    const s = t();
    await expect(s.store.appendEvent(event(newFaxId(), 'posted'))).rejects.toThrow();
    const f = await stored(s.store);
    const nested = {
      ...event(f.id, 'posted'),
      details: { patient: { name: 'x' } },
    } as unknown as NewFaxEvent;
    await expect(s.store.appendEvent(nested)).rejects.toThrow();
    const general = await s.store.appendEvent(event(null, 'digest_posted', { count: 3 }));
    expect(general.faxId).toBeNull();
    expect(await s.count('fax_events')).toBe(2);
  });
});

describe.each(STORES)('%s store: retention purge', (_name, backend) => {
  const t = useStore(backend);

  it('deletes the pages, blanks the order and its index entry, keeps the events; once', async () => {
    const s = t();
    const f = await stored(s.store, {
      patient: { firstName: 'Jeanne', lastName: 'Côté', nam: 'COTJ85551512' },
    });
    const keep = await stored(s.store);
    const at = new Date('2025-06-15T03:00:00.000Z');
    expect(await s.store.purgeFax(f.id, at, { olderThanDays: 90 })).toBe(true);
    expect(await s.store.purgeFax(f.id, at)).toBe(false);
    expect(await s.store.purgeFax(newFaxId(), at)).toBe(false);
    const purged = await s.store.getFax(f.id);
    expect(purged).toMatchObject({ id: f.id, order: null, receivedAt: f.receivedAt, status: 'pending' });
    expect(purged?.sha256).not.toBe(f.sha256);
    expect(await s.store.findBySha256(f.sha256)).toBeNull();
    expect(await s.store.getPages(f.id)).toEqual([]);
    expect(await s.count('fax_search', "names = '' AND nam IS NULL")).toBe(1);
    const events = await s.store.listEvents(f.id);
    expect(events.map((e) => e.kind)).toEqual(['received', 'purged']);
    expect(events[1]).toMatchObject({
      at: at.toISOString(),
      details: { olderThanDays: 90, pagesDeleted: 1 },
    });
    expect(await s.store.getFax(keep.id)).toEqual(keep);
    expect(await s.store.getPages(keep.id)).toHaveLength(1);
  });
});

describe.each(STORES)('%s store: status compare-and-set', (_name, backend) => {
  const t = useStore(backend);

  it('applies a transition once: a stale second click does not apply', async () => {
    const { store } = t();
    const f = await stored(store);
    expect(await store.transitionStatus(f.id, 'pending', 'accepted', click('accepted'))).toBe(true);
    expect(await store.transitionStatus(f.id, 'pending', 'accepted', click('accepted'))).toBe(false);
    expect(await store.transitionStatus(f.id, 'pending', 'rejected', click('rejected'))).toBe(false);
    expect(await store.transitionStatus(newFaxId(), 'pending', 'accepted', click('accepted'))).toBe(false);
    expect((await store.getFax(f.id))?.status).toBe('accepted');
    const events = await store.listEvents(f.id);
    expect(events.map((e) => e.kind)).toEqual(['received', 'accepted']);
    expect(events[1]?.actor).toEqual({ id: 'U-Julie', name: 'Julie' });
  });

  it('lets exactly one of several concurrent transitions apply, across instances', async () => {
    const s = t();
    const others = [await s.another(), await s.another()];
    const f = await stored(s.store);
    const results = await Promise.all([
      s.store.transitionStatus(f.id, 'pending', 'accepted', click('accepted', 'Julie')),
      others[0]!.transitionStatus(f.id, 'pending', 'rejected', click('rejected', 'Marc')),
      others[1]!.transitionStatus(f.id, 'pending', 'auth_requested', click('auth_requested', 'Anne')),
      s.store.transitionStatus(f.id, 'pending', 'accepted', click('accepted', 'Paul')),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const events = (await s.store.listEvents(f.id)).filter((e) => e.kind !== 'received');
    expect(events).toHaveLength(1);
    const winner = ['accepted', 'rejected', 'auth_requested', 'accepted'][results.indexOf(true)];
    expect((await s.store.getFax(f.id))?.status).toBe(winner);
    expect(events[0]?.kind).toBe(winner);
  });

  it('sees another instance’s transition', async () => {
    const s = t();
    const other = await s.another();
    const f = await stored(s.store);
    expect(await s.store.transitionStatus(f.id, 'pending', 'accepted', click('accepted'))).toBe(true);
    expect(await other.transitionStatus(f.id, 'pending', 'accepted', click('accepted'))).toBe(false);
    expect((await other.getFax(f.id))?.status).toBe('accepted');
  });
});
