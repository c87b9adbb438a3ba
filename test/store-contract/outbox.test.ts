/**
 * The store contract, part 2: the outbox (every fax's post queued with it; claims with a
 * lease; complete, fail, give up and retry; card updates) and where cards were posted.
 */
import { describe, expect, it } from 'vitest';
import { newFaxId } from '../../src/store/ids.ts';
import { DELIVERY_ACTOR } from '../../src/store/deliveries.ts';
import { fax, hoursAfter, stored } from './fixtures.ts';
import { STORES, useStore } from './harness.ts';

const RECEIVED = '2025-03-15T14:03:00.000Z';
const at = (isoOrMs: string | number) =>
  typeof isoOrMs === 'number' ? new Date(new Date(RECEIVED).getTime() + isoOrMs) : new Date(isoOrMs);
const LEASE = 60_000;
const MESSAGE = { platform: 'slack', channelId: 'C0FAX', messageId: '1710511380.000100' };

describe.each(STORES)('%s store: outbox', (_name, backend) => {
  const t = useStore(backend);

  it('queues a fax’s post with the fax, due when it was received', async () => {
    const { store } = t();
    const f = await stored(store, { receivedAt: RECEIVED });
    expect(await store.claimDeliveries(at(-1), 10, LEASE)).toEqual([]);
    const [d, ...rest] = await store.claimDeliveries(at(0), 10, LEASE);
    expect(rest).toEqual([]);
    expect(d).toEqual({
      id: expect.any(Number),
      faxId: f.id,
      kind: 'post',
      createdAt: RECEIVED,
      attempts: 0,
      claims: 1,
      nextAttemptAt: RECEIVED,
      lastError: null,
      doneAt: null,
      failedAt: null,
    });
  });

  it('leases a claim: not claimed again until the lease runs out, then taken over', async () => {
    const s = t();
    const other = await s.another();
    await stored(s.store, { receivedAt: RECEIVED });
    const [first] = await s.store.claimDeliveries(at(1000), 10, LEASE);
    expect(first).toBeDefined();
    expect(await other.claimDeliveries(at(1000 + LEASE - 1), 10, LEASE)).toEqual([]);
    // The first holder died: the lease ran out, the other instance takes it.
    const [again] = await other.claimDeliveries(at(1000 + LEASE), 10, LEASE);
    expect(again?.id).toBe(first!.id);
    expect(await s.store.claimDeliveries(at(1000 + LEASE + 1), 10, LEASE)).toEqual([]);
  });

  it('counts the claims of a delivery: retaken after a lease, after a failure, after a retry', async () => {
    const s = t();
    const other = await s.another();
    await stored(s.store, { receivedAt: RECEIVED });
    const [first] = await s.store.claimDeliveries(at(0), 10, LEASE);
    expect(first?.claims).toBe(1);
    // Its holder died: whoever takes it over is told it was claimed before.
    const [retaken] = await other.claimDeliveries(at(LEASE), 10, LEASE);
    expect(retaken).toMatchObject({ id: first!.id, claims: 2, attempts: 0 });

    await other.failDelivery(first!.id, 'http_503', at(LEASE + 1000), false);
    const [again] = await s.store.claimDeliveries(at(LEASE + 1000), 10, LEASE);
    expect(again).toMatchObject({ id: first!.id, claims: 3, attempts: 1 });

    await s.store.failDelivery(first!.id, 'http_503', at(LEASE + 2000), true);
    expect(await s.store.listFailedDeliveries()).toMatchObject([{ id: first!.id, claims: 3 }]);
    // A retry starts the attempts over, not the claims: the card may be in the channel already.
    expect(await s.store.retryFailedDeliveries(at(LEASE + 3000))).toBe(1);
    const [back] = await other.claimDeliveries(at(LEASE + 3000), 10, LEASE);
    expect(back).toMatchObject({ id: first!.id, claims: 4, attempts: 0 });
    expect(await s.sql('SELECT claims FROM deliveries WHERE id = ?', [first!.id])).toEqual([{ claims: 4 }]);
  });

  it('claims oldest first, posts before updates, at most `limit`', async () => {
    const { store } = t();
    const a = await stored(store, { receivedAt: hoursAfter(RECEIVED, 0) });
    await store.enqueueCardUpdate(a.id, at(1));
    const b = await stored(store, { receivedAt: hoursAfter(RECEIVED, 1) });
    const c = await stored(store, { receivedAt: hoursAfter(RECEIVED, 2) });
    const later = at(3 * 3_600_000);
    const two = await store.claimDeliveries(later, 2, LEASE);
    expect(two.map((d) => [d.faxId, d.kind])).toEqual([
      [a.id, 'post'],
      [b.id, 'post'],
    ]);
    const rest = await store.claimDeliveries(later, 10, LEASE);
    expect(rest.map((d) => [d.faxId, d.kind])).toEqual([
      [c.id, 'post'],
      [a.id, 'update'],
    ]);
  });

  it('completes a post once: done, where the card is, one posted event', async () => {
    const s = t();
    const f = await stored(s.store, { receivedAt: RECEIVED });
    const [d] = await s.store.claimDeliveries(at(0), 10, LEASE);
    await s.store.completeDelivery(d!.id, at(5000), MESSAGE);
    await s.store.completeDelivery(d!.id, at(6000), { ...MESSAGE, messageId: 'other' }); // a late duplicate: no-op
    expect(await s.store.listChatMessages(f.id)).toEqual([MESSAGE]);
    const posted = (await s.store.listEvents(f.id)).filter((e) => e.kind === 'posted');
    expect(posted).toEqual([
      {
        id: expect.any(Number),
        faxId: f.id,
        kind: 'posted',
        actor: DELIVERY_ACTOR,
        at: at(5000).toISOString(),
        details: { delivery: d!.id, attempts: 1, platform: 'slack', channelId: 'C0FAX' },
      },
    ]);
    expect(await s.store.claimDeliveries(at(10 * LEASE), 10, LEASE)).toEqual([]);
    expect(await s.store.listFailedDeliveries()).toEqual([]);
    await s.store.completeDelivery(987_654, at(0), null); // unknown: nothing happens
  });

  it('schedules a failed attempt, then gives up, lists it, and retries on demand', async () => {
    const { store } = t();
    const f = await stored(store, { receivedAt: RECEIVED });
    const [d] = await store.claimDeliveries(at(0), 10, LEASE);
    await store.failDelivery(d!.id, 'http_503', at(30_000), false);
    expect(await store.claimDeliveries(at(29_999), 10, LEASE)).toEqual([]);
    const [retry] = await store.claimDeliveries(at(30_000), 10, LEASE);
    expect(retry).toMatchObject({ id: d!.id, attempts: 1, lastError: 'http_503', failedAt: null });
    expect(retry?.nextAttemptAt).toBe(at(30_000).toISOString());

    await store.failDelivery(d!.id, 'rate_limited', at(60_000), true);
    expect(await store.claimDeliveries(at(100 * LEASE), 10, LEASE)).toEqual([]);
    const failed = await store.listFailedDeliveries();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ id: d!.id, faxId: f.id, attempts: 2, lastError: 'rate_limited' });
    expect(failed[0]?.failedAt).not.toBeNull();

    expect(await store.retryFailedDeliveries(at(120_000))).toBe(1);
    expect(await store.retryFailedDeliveries(at(120_000))).toBe(0);
    expect(await store.listFailedDeliveries()).toEqual([]);
    expect(await store.claimDeliveries(at(119_999), 10, LEASE)).toEqual([]);
    const [back] = await store.claimDeliveries(at(120_000), 10, LEASE);
    expect(back).toMatchObject({ id: d!.id, attempts: 0, failedAt: null, lastError: 'rate_limited' });
  });

  it('queues one pending card update per fax, and a new one while another is in flight', async () => {
    const s = t();
    const f = await stored(s.store, { receivedAt: RECEIVED });
    const [post] = await s.store.claimDeliveries(at(0), 10, LEASE);
    await s.store.completeDelivery(post!.id, at(1000), MESSAGE);

    await s.store.enqueueCardUpdate(f.id, at(2000));
    await s.store.enqueueCardUpdate(f.id, at(3000)); // the pending one will render the latest state
    expect(await s.count('deliveries', "kind = 'update'")).toBe(1);
    const [update] = await s.store.claimDeliveries(at(3000), 10, LEASE);
    expect(update).toMatchObject({ faxId: f.id, kind: 'update', createdAt: at(2000).toISOString() });
    // Being delivered, it may render an older state: a later change queues another.
    await s.store.enqueueCardUpdate(f.id, at(4000));
    expect(await s.count('deliveries', "kind = 'update'")).toBe(2);

    await s.store.completeDelivery(update!.id, at(5000), { ...MESSAGE, messageId: 'moved' });
    expect(await s.store.listChatMessages(f.id)).toEqual([{ ...MESSAGE, messageId: 'moved' }]);
    const kinds = (await s.store.listEvents(f.id)).map((e) => e.kind);
    expect(kinds).toEqual(['received', 'posted', 'card_updated']);
  });

  it('refuses an update for an unknown fax', async () => {
    const { store } = t();
    await expect(store.enqueueCardUpdate(newFaxId(), at(0))).rejects.toThrow();
  });

  it('never gives one delivery to two concurrent claimers', async () => {
    const s = t();
    const others = [await s.another(), await s.another()];
    const ids = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const f = fax({ receivedAt: RECEIVED });
      ids.add(f.id);
      await s.store.recordFax(f, [], []);
    }
    const claimed: string[] = [];
    const worker = async (store: typeof s.store) => {
      for (;;) {
        const batch = await store.claimDeliveries(at(1000), 4, LEASE);
        if (batch.length === 0) return;
        claimed.push(...batch.map((d) => d.faxId));
      }
    };
    await Promise.all([worker(s.store), worker(others[0]!), worker(others[1]!), worker(s.store)]);
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed)).toEqual(ids);
  });

  it('keeps where each card was posted, per platform and channel', async () => {
    const { store } = t();
    const f = await stored(store, { receivedAt: RECEIVED });
    expect(await store.listChatMessages(f.id)).toEqual([]);
    const [d] = await store.claimDeliveries(at(0), 10, LEASE);
    await store.completeDelivery(d!.id, at(1000), MESSAGE);
    await store.enqueueCardUpdate(f.id, at(2000));
    const [u] = await store.claimDeliveries(at(2000), 10, LEASE);
    await store.completeDelivery(u!.id, at(3000), { platform: 'teams', channelId: '19:x', messageId: 'a1' });
    expect(await store.listChatMessages(f.id)).toEqual([
      MESSAGE,
      { platform: 'teams', channelId: '19:x', messageId: 'a1' },
    ]);
    expect(await store.listChatMessages(newFaxId())).toEqual([]);
  });
});
