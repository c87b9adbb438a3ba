/**
 * The store contract, part 7: send slots. Every instance posting to one chat channel takes
 * its turn from the store, so the channel sees at most one send per interval whatever the
 * number of instances; each channel has its own turns; an idle channel sends at once.
 */
import { describe, expect, it } from 'vitest';
import { STORES, useStore } from './harness.ts';

const T0 = new Date('2025-03-15T14:03:00.000Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const GAP = 1100;

describe.each(STORES)('%s store: send slots', (_name, backend) => {
  const t = useStore(backend);

  it('spaces the sends of one channel by the interval', async () => {
    const { store } = t();
    expect(await store.reserveSendSlot('slack:C0FAX', T0, GAP)).toEqual(T0);
    expect(await store.reserveSendSlot('slack:C0FAX', T0, GAP)).toEqual(later(GAP));
    expect(await store.reserveSendSlot('slack:C0FAX', later(10), GAP)).toEqual(later(2 * GAP));
  });

  it('keeps each channel’s turns apart', async () => {
    const { store } = t();
    expect(await store.reserveSendSlot('slack:C0FAX', T0, GAP)).toEqual(T0);
    expect(await store.reserveSendSlot('slack:C0FAX', T0, GAP)).toEqual(later(GAP));
    expect(await store.reserveSendSlot('slack:C0OTHER', T0, GAP)).toEqual(T0);
    expect(await store.reserveSendSlot('teams:19:x', T0, 500)).toEqual(T0);
    expect(await store.reserveSendSlot('teams:19:x', T0, 500)).toEqual(later(500));
    expect(await store.reserveSendSlot('slack:C0FAX', T0, GAP)).toEqual(later(2 * GAP));
  });

  it('sends at once on a channel idle since its last slot, and counts from then', async () => {
    const { store } = t();
    expect(await store.reserveSendSlot('slack:C0FAX', T0, GAP)).toEqual(T0);
    expect(await store.reserveSendSlot('slack:C0FAX', later(GAP), GAP)).toEqual(later(GAP));
    expect(await store.reserveSendSlot('slack:C0FAX', later(60_000), GAP)).toEqual(later(60_000));
    expect(await store.reserveSendSlot('slack:C0FAX', later(60_001), GAP)).toEqual(later(60_000 + GAP));
  });

  it('gives instances reserving at the same moment distinct slots, one interval apart', async () => {
    const s = t();
    const stores = [s.store, await s.another(), await s.another()];
    const slots = await Promise.all(
      [...stores, ...stores, ...stores].map((store) => store.reserveSendSlot('slack:C0FAX', T0, GAP)),
    );
    const times = slots.map((d) => d.getTime()).sort((a, b) => a - b);
    expect(times).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => later(i * GAP).getTime()));
    // and the next one, from any instance, comes after them all
    expect(await stores[1]!.reserveSendSlot('slack:C0FAX', T0, GAP)).toEqual(later(9 * GAP));
  });
});
