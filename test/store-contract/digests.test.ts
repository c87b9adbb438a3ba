/**
 * The store contract, part 4: the daily digest is claimed once per local day and channel,
 * across instances; a claim whose holder died is taken over after its lease; a claim given
 * back after a failed post can be taken at once; a posted digest is never claimed again.
 */
import { describe, expect, it } from 'vitest';
import { DIGEST_ACTOR } from '../../src/store/digests.ts';
import { STORES, useStore } from './harness.ts';

const T0 = new Date('2025-03-15T11:00:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 10 * 60_000;
const claim = (
  at: Date,
  overrides: { day?: string; channel?: string; late?: boolean; leaseMs?: number } = {},
) => ({
  day: overrides.day ?? '2025-03-15',
  channel: overrides.channel ?? 'slack',
  at,
  leaseMs: overrides.leaseMs ?? LEASE,
  late: overrides.late ?? false,
});

describe.each(STORES)('%s store: daily digest', (_name, backend) => {
  const t = useStore(backend);

  it('is claimed once per day and channel, and posted once', async () => {
    const s = t();
    const { store } = s;
    expect(await store.getDigest('2025-03-15', 'slack')).toBeNull();
    expect(await store.claimDigest(claim(T0))).toBe(true);
    expect(await store.claimDigest(claim(later(1000)))).toBe(false);
    expect(await store.claimDigest(claim(later(1000), { channel: 'teams' }))).toBe(true);
    expect(await store.claimDigest(claim(later(1000), { day: '2025-03-16' }))).toBe(true);
    expect(await store.getDigest('2025-03-15', 'slack')).toEqual({
      day: '2025-03-15',
      channel: 'slack',
      claimedAt: T0.toISOString(),
      late: false,
      postedAt: null,
    });

    await store.completeDigest('2025-03-15', 'slack', later(2000), { faxes: 12, skipped: false });
    await store.completeDigest('2025-03-15', 'slack', later(3000), { faxes: 12, skipped: false }); // no-op
    expect((await store.getDigest('2025-03-15', 'slack'))?.postedAt).toBe(later(2000).toISOString());
    // Posted: never claimed again, not even long after the lease.
    expect(await store.claimDigest(claim(later(10 * LEASE)))).toBe(false);
    const events = await s.sql("SELECT actor_id, details_json FROM fax_events WHERE kind = 'digest_posted'");
    expect(events).toHaveLength(1);
    expect(events[0]?.actor_id).toBe(DIGEST_ACTOR.id);
    const details = events[0]?.details_json;
    expect(typeof details === 'string' ? JSON.parse(details) : details).toEqual({
      faxes: 12,
      skipped: false,
      day: '2025-03-15',
      channel: 'slack',
    });
  });

  it('is taken over when its holder died: after the lease, not before', async () => {
    const s = t();
    const other = await s.another();
    expect(await s.store.claimDigest(claim(T0))).toBe(true);
    expect(await other.claimDigest(claim(later(LEASE - 1), { late: true }))).toBe(false);
    expect(await other.claimDigest(claim(later(LEASE), { late: true }))).toBe(true);
    expect(await other.getDigest('2025-03-15', 'slack')).toEqual({
      day: '2025-03-15',
      channel: 'slack',
      claimedAt: later(LEASE).toISOString(),
      late: true,
      postedAt: null,
    });
    expect(await s.store.claimDigest(claim(later(LEASE + 1)))).toBe(false);
  });

  it('can be given back after a failed post and claimed again at once', async () => {
    const { store } = t();
    expect(await store.claimDigest(claim(T0))).toBe(true);
    await store.releaseDigest('2025-03-15', 'slack');
    expect(await store.claimDigest(claim(later(1)))).toBe(true);
    await store.completeDigest('2025-03-15', 'slack', later(2), {});
    await store.releaseDigest('2025-03-15', 'slack'); // posted: releasing changes nothing
    expect(await store.claimDigest(claim(later(3)))).toBe(false);
    expect((await store.getDigest('2025-03-15', 'slack'))?.postedAt).toBe(later(2).toISOString());
  });

  it('goes to exactly one of several instances claiming at the same moment', async () => {
    const s = t();
    const stores = [s.store, await s.another(), await s.another()];
    const results = await Promise.all(
      [...stores, ...stores].map((store, i) => store.claimDigest(claim(later(i)))),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
