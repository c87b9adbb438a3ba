/**
 * The outbox and its worker, on a real SQLite store: every recorded fax is
 * posted exactly once, platform failures are retried as the platform asks,
 * and an action queues the card's update wherever it was posted.
 */
import { describe, expect, it } from 'vitest';
import { createActionHandler } from '../../src/actions/handle-action.ts';
import { ChatDeliveryError, type ChatChannel, type FaxView } from '../../src/chat/channel.ts';
import { silentLogger } from '../../src/log.ts';
import { createDeliverer } from '../../src/posting/deliverer.ts';
import type { ChatMessageRef } from '../../src/store/deliveries.ts';
import { createActionPolicy } from '../../src/workflow/policy.ts';
import { createWorkflow } from '../../src/workflow/workflow.ts';
import { CHANNEL, MARIE, RecordingMailer, openTempStore, storeFax } from '../workflow/helpers.ts';

/** A chat channel double that records what it was asked and fails on demand. */
class RecordingChannel implements ChatChannel {
  readonly platform = 'test';
  readonly posts: FaxView[] = [];
  readonly updates: { message: ChatMessageRef; view: FaxView }[] = [];
  failures: ChatDeliveryError[] = [];

  async post(view: FaxView): Promise<ChatMessageRef> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.posts.push(view);
    return { platform: this.platform, channelId: CHANNEL, messageId: `m${this.posts.length}` };
  }
  async update(message: ChatMessageRef, view: FaxView): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.updates.push({ message, view });
  }
}

function setup() {
  const store = openTempStore();
  const channel = new RecordingChannel();
  let now = new Date('2025-03-15T15:00:00.000Z');
  const clock = () => now;
  const deliverer = createDeliverer({ store, channel, log: silentLogger, clock, minIntervalMs: 0 });
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return { store, channel, deliverer, clock, advance };
}

describe('outbox delivery', () => {
  it('posts each recorded fax once, records where, and logs a posted event', async () => {
    const { store, channel, deliverer } = setup();
    const a = await storeFax(store);
    const b = await storeFax(store);
    expect(await deliverer.runOnce()).toBe(2);
    expect(await deliverer.runOnce()).toBe(0);
    expect(channel.posts.map((v) => v.fax.id).sort()).toEqual([a.id, b.id].sort());
    expect(await store.listChatMessages(a.id)).toEqual([
      { platform: 'test', channelId: CHANNEL, messageId: expect.any(String) },
    ]);
    const kinds = (await store.listEvents(a.id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'posted')).toHaveLength(1);
  });

  it('honours Retry-After on a 429 and posts once the time has come', async () => {
    const { store, channel, deliverer, advance } = setup();
    await storeFax(store);
    channel.failures.push(new ChatDeliveryError('rate_limited', '429', { retryAfterMs: 30_000 }));
    expect(await deliverer.runOnce()).toBe(0);
    advance(29_000);
    expect(await deliverer.runOnce()).toBe(0);
    expect(channel.posts).toHaveLength(0);
    advance(2_000);
    expect(await deliverer.runOnce()).toBe(1);
    expect(channel.posts).toHaveLength(1);
  });

  it('keeps retrying server errors with backoff, and never drops the fax', async () => {
    const { store, channel, deliverer, advance } = setup();
    await storeFax(store);
    for (let i = 0; i < 8; i++) channel.failures.push(new ChatDeliveryError('http_503', 'unavailable'));
    let rounds = 0;
    while (channel.posts.length === 0 && rounds++ < 50) {
      await deliverer.runOnce();
      advance(16 * 60_000);
    }
    expect(channel.posts).toHaveLength(1);
    expect(await store.listFailedDeliveries()).toEqual([]);
  });

  it('keeps a permanently failing delivery visible, and delivers it when retried on demand', async () => {
    const { store, channel, deliverer } = setup();
    const fax = await storeFax(store);
    channel.failures.push(new ChatDeliveryError('not_authed', 'bad token', { permanent: true }));
    await deliverer.runOnce();
    const failed = await store.listFailedDeliveries();
    expect(failed).toMatchObject([{ faxId: fax.id, kind: 'post', lastError: 'not_authed' }]);
    expect(await deliverer.runOnce()).toBe(0);
    expect(await store.retryFailedDeliveries(new Date('2025-03-15T15:00:00.000Z'))).toBe(1);
    expect(await deliverer.runOnce()).toBe(1);
    expect(channel.posts).toHaveLength(1);
  });

  it('does not hand a claimed delivery to a second worker until its lease runs out', async () => {
    const { store, advance, clock } = setup();
    await storeFax(store);
    expect(await store.claimDeliveries(clock(), 10, 60_000)).toHaveLength(1);
    expect(await store.claimDeliveries(clock(), 10, 60_000)).toHaveLength(0);
    advance(61_000);
    expect(await store.claimDeliveries(clock(), 10, 60_000)).toHaveLength(1);
  });

  it('claims one delivery at a time: a worker stuck on one (then killed) holds no others', async () => {
    const { store, clock } = setup();
    for (let i = 0; i < 3; i++) await storeFax(store);
    // A worker whose platform call never returns: what a kill -9 mid-post looks like to the others.
    const stuck: ChatChannel = {
      platform: 'test',
      post: () => new Promise(() => {}),
      update: async () => {},
    };
    const dying = createDeliverer({ store, channel: stuck, log: silentLogger, clock, minIntervalMs: 0 });
    void dying.runOnce();
    await new Promise((r) => setTimeout(r, 50));

    const other = new RecordingChannel();
    const alive = createDeliverer({ store, channel: other, log: silentLogger, clock, minIntervalMs: 0 });
    expect(await alive.runOnce()).toBe(2);
    expect(other.posts).toHaveLength(2);
  });
});

/**
 * A channel that can read itself, like Slack with its fax-id metadata: remembers every card
 * that reached it, even when the answer did not come back to the worker.
 */
class SearchableChannel extends RecordingChannel {
  readonly inChannel: { faxId: string; ref: ChatMessageRef; at: number }[] = [];
  /** The next post reaches the channel, then the answer is lost (timeout, 500 after the fact). */
  loseNextAnswer = false;
  lookups = 0;

  override async post(view: FaxView): Promise<ChatMessageRef> {
    const ref = await super.post(view);
    this.inChannel.push({ faxId: view.fax.id, ref, at: Date.now() });
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw new ChatDeliveryError('network', 'socket hang up');
    }
    return ref;
  }
  async findPosted(faxId: string, since: Date): Promise<ChatMessageRef | null> {
    this.lookups++;
    return this.inChannel.find((m) => m.faxId === faxId && m.at >= since.getTime() - 60_000)?.ref ?? null;
  }
}

describe('a post that reached the channel but was never recorded', () => {
  it('is found after a lost answer and recorded, not posted twice', async () => {
    const { store, clock, advance } = setup();
    const channel = new SearchableChannel();
    const deliverer = createDeliverer({ store, channel, log: silentLogger, clock, minIntervalMs: 0 });
    const fax = await storeFax(store);
    channel.loseNextAnswer = true;

    expect(await deliverer.runOnce()).toBe(0);
    advance(60 * 60_000);
    expect(await deliverer.runOnce()).toBe(1);

    expect(channel.posts).toHaveLength(1);
    expect(await store.listChatMessages(fax.id)).toEqual([channel.inChannel[0]!.ref]);
    // Brought up to date: an action may have been taken on the card meanwhile.
    expect(channel.updates.map((u) => u.message)).toEqual([channel.inChannel[0]!.ref]);
  });

  it('is found after the worker died between the post and its record (lease taken over)', async () => {
    const { store, clock, advance } = setup();
    const channel = new SearchableChannel();
    const fax = await storeFax(store);
    // The dead worker: claimed the post, sent it, was killed before recording the message id.
    const [claimed] = await store.claimDeliveries(clock(), 1, 60_000);
    await channel.post({ fax, events: await store.listEvents(fax.id) });
    expect(claimed?.claims).toBe(1);

    const restarted = createDeliverer({ store, channel, log: silentLogger, clock, minIntervalMs: 0 });
    expect(await restarted.runOnce()).toBe(0); // still leased to the dead worker
    advance(61_000);
    expect(await restarted.runOnce()).toBe(1);

    expect(channel.posts).toHaveLength(1);
    expect((await store.listChatMessages(fax.id)).map((m) => m.messageId)).toEqual([
      channel.inChannel[0]!.ref.messageId,
    ]);
    expect((await store.listEvents(fax.id)).filter((e) => e.kind === 'posted')).toHaveLength(1);
  });

  it('does not look in the channel for a first post, and posts when nothing is found', async () => {
    const { store, clock, advance } = setup();
    const channel = new SearchableChannel();
    const deliverer = createDeliverer({ store, channel, log: silentLogger, clock, minIntervalMs: 0 });
    await storeFax(store);
    expect(await deliverer.runOnce()).toBe(1);
    expect(channel.lookups).toBe(0);

    const second = await storeFax(store);
    channel.failures.push(new ChatDeliveryError('http_500', 'refused before posting'));
    expect(await deliverer.runOnce()).toBe(0);
    advance(60 * 60_000);
    expect(await deliverer.runOnce()).toBe(1);
    expect(channel.lookups).toBe(1);
    expect(channel.posts.map((v) => v.fax.id)).toContain(second.id);
    expect(channel.posts).toHaveLength(2);
  });

  it('retries later, without posting, when the channel cannot be read', async () => {
    const { store, clock, advance } = setup();
    const channel = new SearchableChannel();
    const deliverer = createDeliverer({ store, channel, log: silentLogger, clock, minIntervalMs: 0 });
    await storeFax(store);
    channel.loseNextAnswer = true;
    await deliverer.runOnce();
    channel.findPosted = async () => {
      throw new ChatDeliveryError('rate_limited', '429', { retryAfterMs: 1000 });
    };
    advance(60 * 60_000);
    expect(await deliverer.runOnce()).toBe(0);
    expect(channel.posts).toHaveLength(1);
  });
});

describe('pacing shared by every instance', () => {
  it('three workers on one store never send to the channel closer than the interval', async () => {
    const store = openTempStore();
    const sent: number[] = [];
    const channel: ChatChannel = {
      platform: 'test',
      post: async (view) => {
        sent.push(performance.now());
        return { platform: 'test', channelId: CHANNEL, messageId: view.fax.id };
      },
      update: async () => {},
    };
    for (let i = 0; i < 6; i++) await storeFax(store);
    const workers = [1, 2, 3].map(() =>
      createDeliverer({ store, channel, log: silentLogger, minIntervalMs: 150, paceKey: 'test:C1' }),
    );

    const delivered = await Promise.all(workers.map((w) => w.runOnce()));

    expect(delivered.reduce((a, b) => a + b, 0)).toBe(6);
    const gaps = sent
      .sort((a, b) => a - b)
      .slice(1)
      .map((t, i) => t - sent[i]!);
    // Timers may fire a millisecond early; the slots themselves are 150 ms apart.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(140);
  });
});

describe('card updates after an action', () => {
  it('updates the posted card with the new state, once however many updates were queued', async () => {
    const { store, channel, deliverer, clock } = setup();
    const fax = await storeFax(store, { verdict: 'review' });
    await deliverer.runOnce();
    const workflow = createWorkflow({
      store,
      mailer: new RecordingMailer(),
      policy: createActionPolicy({ channelId: CHANNEL }),
      clock,
    });
    let woken = 0;
    const handle = createActionHandler({ workflow, store, clock, onCardChanged: () => woken++ });
    const result = await handle({ action: 'fax.accept', faxId: fax.id, expectedStatus: 'pending' }, MARIE);
    expect(result.ok).toBe(true);
    const again = await handle({ action: 'fax.accept', faxId: fax.id, expectedStatus: 'pending' }, MARIE);
    expect(again).toMatchObject({ ok: false, code: 'stale' });
    expect(woken).toBe(1);
    await store.enqueueCardUpdate(fax.id, clock());
    await deliverer.runOnce();
    expect(channel.updates).toHaveLength(1);
    expect(channel.updates[0]!.view.fax.status).toBe('accepted');
    expect(channel.updates[0]!.message.messageId).toBe('m1');
    expect((await store.listEvents(fax.id)).map((e) => e.kind)).toContain('card_updated');
  });
});
