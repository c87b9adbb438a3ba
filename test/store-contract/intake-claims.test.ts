/**
 * The store contract, part 6: intake claims. One instance at a time reads a file (by its
 * SHA-256) from a shared inbox; a claim whose holder died is taken over after its lease; the
 * holder renews it; only the holder gives it back.
 */
import { describe, expect, it } from 'vitest';
import { STORES, useStore } from './harness.ts';

const T0 = new Date('2025-03-15T14:03:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 5 * 60_000;
const SHA = 'a'.repeat(64);

describe.each(STORES)('%s store: intake claims', (_name, backend) => {
  const t = useStore(backend);

  it('goes to the first owner, not to another while its lease is live', async () => {
    const s = t();
    const other = await s.another();
    expect(await s.store.claimIntake(SHA, 'host-a', T0, LEASE)).toBe(true);
    expect(await other.claimIntake(SHA, 'host-b', later(1), LEASE)).toBe(false);
    expect(await other.claimIntake(SHA, 'host-b', later(LEASE - 1), LEASE)).toBe(false);
    // Another file is another claim.
    expect(await other.claimIntake('b'.repeat(64), 'host-b', later(1), LEASE)).toBe(true);
    const rows = await s.sql('SELECT owner FROM intake_claims WHERE sha256 = ?', [SHA]);
    expect(rows).toEqual([{ owner: 'host-a' }]);
  });

  it('is renewed by its owner: the lease then runs from the renewal', async () => {
    const s = t();
    const other = await s.another();
    expect(await s.store.claimIntake(SHA, 'host-a', T0, LEASE)).toBe(true);
    expect(await s.store.claimIntake(SHA, 'host-a', later(LEASE - 1000), LEASE)).toBe(true);
    // The first lease would have run out here; the renewed one has not.
    expect(await other.claimIntake(SHA, 'host-b', later(LEASE), LEASE)).toBe(false);
    expect(await other.claimIntake(SHA, 'host-b', later(2 * LEASE - 1001), LEASE)).toBe(false);
    expect(await other.claimIntake(SHA, 'host-b', later(2 * LEASE - 1000), LEASE)).toBe(true);
  });

  it('is taken over when its holder died: after the lease, not before', async () => {
    const s = t();
    const other = await s.another();
    expect(await s.store.claimIntake(SHA, 'host-a', T0, LEASE)).toBe(true);
    expect(await other.claimIntake(SHA, 'host-b', later(LEASE), LEASE)).toBe(true);
    // The old holder, back, no longer has it.
    expect(await s.store.claimIntake(SHA, 'host-a', later(LEASE + 1), LEASE)).toBe(false);
    const rows = await s.sql('SELECT owner FROM intake_claims WHERE sha256 = ?', [SHA]);
    expect(rows).toEqual([{ owner: 'host-b' }]);
  });

  it('is given back by its owner only', async () => {
    const s = t();
    const other = await s.another();
    expect(await s.store.claimIntake(SHA, 'host-a', T0, LEASE)).toBe(true);
    await other.releaseIntake(SHA, 'host-b'); // not its claim: nothing happens
    expect(await other.claimIntake(SHA, 'host-b', later(1), LEASE)).toBe(false);
    await s.store.releaseIntake(SHA, 'host-a');
    expect(await s.count('intake_claims')).toBe(0);
    expect(await other.claimIntake(SHA, 'host-b', later(2), LEASE)).toBe(true);
    await s.store.releaseIntake('c'.repeat(64), 'host-a'); // never claimed: nothing happens
    expect(await s.count('intake_claims')).toBe(1);
  });

  it('goes to exactly one of several instances claiming at the same moment', async () => {
    const s = t();
    const stores = [s.store, await s.another(), await s.another()];
    for (let round = 0; round < 5; round++) {
      const sha = String(round).repeat(64);
      const results = await Promise.all(
        [...stores, ...stores].map((store, i) => store.claimIntake(sha, `host-${i}`, T0, LEASE)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const winner = results.indexOf(true);
      expect(await s.sql('SELECT owner FROM intake_claims WHERE sha256 = ?', [sha])).toEqual([
        { owner: `host-${winner}` },
      ]);
    }
  });
});
