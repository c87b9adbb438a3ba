/**
 * The outbox and Teams after a post whose answer never got recorded: the Bot Connector took
 * the card, then the answer was lost (a 500 after the card went out) or the worker died
 * before committing it. On the next claim the deliverer finds the card through Graph and
 * records it: one card in the channel, and the stored reference is that card's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDeliverer } from '../../src/posting/deliverer.ts';
import { storeFax } from '../workflow/helpers.ts';
import { startGraphHarness, type GraphHarness } from './graph-harness.ts';
import { CHANNEL, teamInstall } from './teams-activities.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LEASE_MS = 60_000;

async function outbox() {
  const h = await startGraphHarness(cleanups);
  expect(await h.send(teamInstall(h.connector.serviceUrl))).toBe(200);
  const deliverer = createDeliverer({
    store: h.store,
    channel: h.adapter,
    log: h.log,
    clock: h.clock,
    minIntervalMs: 0,
    leaseMs: LEASE_MS,
  });
  const fax = await storeFax(h.store, { receivedAt: h.clock().toISOString() });
  return { ...h, deliverer, fax };
}

/** Exactly one card in the channel, and the fax's stored reference is that card. */
async function expectOneRecordedCard(h: GraphHarness, faxId: string) {
  const cards = h.connector.delivered();
  expect(cards).toHaveLength(1);
  expect(await h.store.listChatMessages(faxId)).toEqual([
    { platform: 'teams', channelId: CHANNEL, messageId: cards[0]!.messageId },
  ]);
  expect(h.log.lines.some((l) => l.msg === 'card found in the channel, not posted again')).toBe(true);
}

describe('Teams outbox: a card posted but not recorded is found, not posted again', () => {
  it('when the answer was lost (a 500 after the card went out)', async () => {
    const h = await outbox();
    h.connector.failures.push({ status: 500, accepted: true });
    expect(await h.deliverer.runOnce()).toBe(0);
    expect(h.connector.delivered()).toHaveLength(1); // in the channel, unknown to Faxdesk
    expect(await h.store.listChatMessages(h.fax.id)).toEqual([]);

    h.advance(LEASE_MS); // past the backoff
    expect(await h.deliverer.runOnce()).toBe(1);
    await expectOneRecordedCard(h, h.fax.id);
    // The card found is brought up to date in place.
    expect(h.connector.puts().map((p) => p.activityId)).toEqual([h.connector.delivered()[0]!.messageId]);
  });

  it('when the worker died between the post and recording it', async () => {
    const h = await outbox();
    const [claimed] = await h.store.claimDeliveries(h.clock(), 1, LEASE_MS);
    expect(claimed).toMatchObject({ faxId: h.fax.id, kind: 'post', claims: 1 });
    const posted = await h.adapter.post({ fax: h.fax, events: await h.store.listEvents(h.fax.id) });
    // …and the worker is gone. Its lease runs out; another worker takes the delivery.
    expect(await h.deliverer.runOnce()).toBe(0); // still leased
    h.advance(LEASE_MS + 1);
    expect(await h.deliverer.runOnce()).toBe(1);
    await expectOneRecordedCard(h, h.fax.id);
    expect(await h.store.listChatMessages(h.fax.id)).toEqual([posted]);
  });

  it('without the Graph consent the card is posted again, as before, and the log says why', async () => {
    const h = await outbox();
    h.connector.failures.push({ status: 500, accepted: true });
    expect(await h.deliverer.runOnce()).toBe(0);
    h.graph.failures.push({ status: 403 });
    h.advance(LEASE_MS);
    expect(await h.deliverer.runOnce()).toBe(1);
    expect(h.connector.delivered()).toHaveLength(2);
    expect(h.log.lines.some((l) => l.level === 'warn' && l.msg.includes('ChannelMessage.Read.Group'))).toBe(
      true,
    );
  });
});
