/**
 * A card Slack took but Faxdesk never recorded is found, not posted twice: each card carries
 * its fax id in Slack message metadata, and `findPosted` reads the channel's history for it
 * (conversations.history, paged) — with the real Web API client against the Slack stand-in,
 * a real SQLite store and the real outbox deliverer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/adapter.ts';
import { CARD_EVENT_TYPE } from '../../adapters/slack/posted.ts';
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { ChatDeliveryError } from '../../src/chat/channel.ts';
import { createDeliverer } from '../../src/posting/deliverer.ts';
import { newFaxId } from '../../src/store/ids.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { CHANNEL, leakedPatientData, openTempStore, recordingLogger, storeFax } from '../workflow/helpers.ts';
import { ALL_SCOPES, SlackStandIn, STAND_IN_BOT } from './stand-in.ts';

const TOKEN = 'xoxb-1111-2222-faxdesktest';
const OTHER_CHANNEL = 'C0ELSEWHERE';

interface Harness {
  standIn: SlackStandIn;
  store: SqliteFaxStore;
  adapter: SlackAdapter;
  log: ReturnType<typeof recordingLogger>;
}

let h: Harness;
const started: SlackAdapter[] = [];

async function setup(scopes: readonly string[] = ALL_SCOPES): Promise<Harness> {
  const standIn = new SlackStandIn({ token: TOKEN, channels: [CHANNEL, OTHER_CHANNEL], scopes });
  await standIn.start();
  const store = openTempStore();
  const log = recordingLogger();
  const settings = standIn.adapterSettings(CHANNEL);
  const adapter = createSlackAdapter(settings, {
    store,
    handleAction: async () => ({ ok: false, code: 'invalid', message: '' }),
    log,
    lang: 'fr',
  });
  return { standIn, store, adapter, log };
}

async function start(harness: Harness): Promise<void> {
  await harness.adapter.start();
  started.push(harness.adapter);
}

beforeEach(async () => {
  h = await setup();
});

afterEach(async () => {
  for (const adapter of started.splice(0)) await adapter.stop();
  await h.standIn.stop();
  h.store.close();
});

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

/** Our bot's card for a fax, as chat.postMessage leaves it in the channel, at `ts`. */
function ourCard(faxId: string, ts?: string) {
  return {
    ...(ts !== undefined ? { ts } : {}),
    text: 'Ordonnance à vérifier',
    user: STAND_IN_BOT.userId,
    bot_id: STAND_IN_BOT.botId,
    app_id: STAND_IN_BOT.appId,
    metadata: { event_type: CARD_EVENT_TYPE, event_payload: { fax_id: faxId } },
  };
}

/** Posts `count` messages that are not this fax's card: people, our digest, another app. */
function chatter(count: number): void {
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    if (kind === 0) h.standIn.addMessage(CHANNEL, { user: 'U01MARIE', text: `message ${i}` });
    if (kind === 1) h.standIn.addMessage(CHANNEL, { ...ourCard(newFaxId()) });
    if (kind === 2) {
      h.standIn.addMessage(CHANNEL, {
        bot_id: 'B0OTHERAPP',
        app_id: 'A0OTHERAPP',
        metadata: { event_type: 'task_created', event_payload: { id: `T-${i}` } },
      });
    }
  }
}

describe('the fax card’s tag', () => {
  it('is the fax id in message metadata, and nothing about the patient', async () => {
    const fax = await storeFax(h.store, { verdict: 'review' });
    const ref = await h.adapter.post({ fax, events: [] });
    const [call] = h.standIn.callsTo('chat.postMessage');
    expect(call?.args.metadata).toEqual({
      event_type: 'faxdesk_fax_card',
      event_payload: { fax_id: fax.id },
    });
    expect(leakedPatientData(JSON.stringify(call?.args.metadata))).toEqual([]);
    // Slack keeps it with the message; an update keeps the same tag.
    expect(h.standIn.messagesIn(CHANNEL).find((m) => m.ts === ref.messageId)?.metadata).toEqual(
      call?.args.metadata,
    );
    await h.adapter.update(ref, { fax, events: [] });
    expect(h.standIn.callsTo('chat.update')[0]?.args.metadata).toEqual(call?.args.metadata);
  });
});

describe('findPosted', () => {
  it('finds the card posted earlier, where post said it was', async () => {
    await start(h);
    const fax = await storeFax(h.store);
    const since = new Date();
    chatter(5);
    const ref = await h.adapter.post({ fax, events: [] });
    chatter(5);
    expect(await h.adapter.findPosted?.(fax.id, since)).toEqual(ref);
    const [history] = h.standIn.callsTo('conversations.history');
    expect(history?.args).toMatchObject({ channel: CHANNEL, limit: '200', include_all_metadata: 'true' });
    // `since` less five minutes, for machines whose clocks disagree.
    const oldest = Number(history?.args.oldest);
    expect(oldest).toBeCloseTo(since.getTime() / 1000 - 300, 3);
  });

  it('reads the history page after page to find an older card', async () => {
    const fax = await storeFax(h.store);
    const ref = await h.adapter.post({ fax, events: [] });
    chatter(450);
    expect(await h.adapter.findPosted?.(fax.id, minutesAgo(1))).toEqual(ref);
    const pages = h.standIn.callsTo('conversations.history');
    expect(pages).toHaveLength(3);
    expect(pages[0]?.args.cursor).toBeUndefined();
    for (const page of pages.slice(1)) expect(page.args.cursor).toEqual(expect.any(String));
  });

  it('counts only this bot’s card for this fax', async () => {
    const fax = await storeFax(h.store);
    // A person quoting the id, another app using our event type, our card for another fax,
    // our own message without the tag (a digest).
    h.standIn.addMessage(CHANNEL, { user: 'U01MARIE', text: `Qui a vu ${fax.id} ?` });
    h.standIn.addMessage(CHANNEL, { ...ourCard(fax.id), bot_id: 'B0OTHERAPP', app_id: 'A0OTHERAPP' });
    h.standIn.addMessage(CHANNEL, ourCard(newFaxId()));
    h.standIn.addMessage(CHANNEL, { ...ourCard(fax.id), metadata: undefined });
    h.standIn.addMessage(OTHER_CHANNEL, ourCard(fax.id));
    expect(await h.adapter.findPosted?.(fax.id, minutesAgo(1))).toBeNull();

    const ref = await h.adapter.post({ fax, events: [] });
    expect(await h.adapter.findPosted?.(fax.id, minutesAgo(1))).toEqual(ref);
  });

  it('ignores a card older than `since` less the clock margin, and finds one within it', async () => {
    const fax = await storeFax(h.store);
    const since = new Date();
    h.standIn.addMessage(CHANNEL, ourCard(fax.id, SlackStandIn.tsAt(minutesAgo(10))));
    expect(await h.adapter.findPosted?.(fax.id, since)).toBeNull();
    const skewed = h.standIn.addMessage(CHANNEL, ourCard(fax.id, SlackStandIn.tsAt(minutesAgo(2))));
    expect(await h.adapter.findPosted?.(fax.id, since)).toEqual({
      platform: 'slack',
      channelId: CHANNEL,
      messageId: skewed.ts,
    });
  });

  it('is null in an empty channel, and after a long history without the card', async () => {
    const fax = await storeFax(h.store);
    expect(await h.adapter.findPosted?.(fax.id, minutesAgo(1))).toBeNull();
    chatter(250);
    expect(await h.adapter.findPosted?.(fax.id, minutesAgo(1))).toBeNull();
    expect(h.standIn.callsTo('conversations.history')).toHaveLength(3);
  });

  it('stops after ten pages: the card is then posted again rather than held back', async () => {
    const fax = await storeFax(h.store);
    await h.adapter.post({ fax, events: [] });
    chatter(2100);
    expect(await h.adapter.findPosted?.(fax.id, minutesAgo(1))).toBeNull();
    expect(h.standIn.callsTo('conversations.history')).toHaveLength(10);
    expect(h.log.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/history too long/) }),
    );
  });

  it('asks Slack which bot it is when start-up could not', async () => {
    h.standIn.failNext('auth.test', { status: 503, body: {} });
    await start(h);
    const fax = await storeFax(h.store);
    h.standIn.addMessage(CHANNEL, { ...ourCard(fax.id), bot_id: 'B0OTHERAPP' });
    expect(await h.adapter.findPosted?.(fax.id, minutesAgo(1))).toBeNull();
    expect(h.standIn.callsTo('auth.test')).toHaveLength(2);
    // Slack still away: the outbox comes back later instead of posting blind.
    const fresh = await setup();
    fresh.standIn.failNext('auth.test', { status: 503, body: {} });
    const error = await fresh.adapter.findPosted?.(fax.id, minutesAgo(1)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'http_503', options: { permanent: false } });
    expect(fresh.standIn.callsTo('conversations.history')).toHaveLength(0);
    await fresh.standIn.stop();
    fresh.store.close();
  });
});

describe('history failures', () => {
  it('a rate-limited history is a delivery error with Retry-After, not a null', async () => {
    const fax = await storeFax(h.store);
    h.standIn.failNext('conversations.history', {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { ok: false, error: 'ratelimited' },
    });
    const error = await h.adapter.findPosted?.(fax.id, minutesAgo(1)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect(error).toMatchObject({ code: 'rate_limited', options: { retryAfterMs: 30_000 } });
    expect((error as ChatDeliveryError).options.permanent).toBeUndefined();
    expect(h.standIn.callsTo('conversations.history')).toHaveLength(1);
  });

  it('a server error is worth retrying; a channel gone is permanent', async () => {
    const fax = await storeFax(h.store);
    h.standIn.failNext('conversations.history', { status: 500, body: {} });
    await expect(h.adapter.findPosted?.(fax.id, minutesAgo(1))).rejects.toMatchObject({
      code: 'http_500',
      options: { permanent: false },
    });
    h.standIn.failNext('conversations.history', { body: { ok: false, error: 'channel_not_found' } });
    await expect(h.adapter.findPosted?.(fax.id, minutesAgo(1))).rejects.toMatchObject({
      code: 'channel_not_found',
      options: { permanent: true },
    });
  });

  it('without the history scopes: warned at start-up, and cards go out unchecked', async () => {
    const old = await setup(['chat:write', 'commands']);
    try {
      await start(old);
      expect(old.log.lines).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          fields: { missing: 'channels:history,groups:history' },
        }),
      );
      const fax = await storeFax(old.store);
      expect(await old.adapter.findPosted?.(fax.id, minutesAgo(1))).toBeNull();
      expect(old.log.lines).toContainEqual(
        expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/missing_scope/) }),
      );
    } finally {
      await old.adapter.stop();
      await old.standIn.stop();
      old.store.close();
    }
  });
});

describe('through the outbox', () => {
  async function outbox() {
    let now = new Date();
    const deliverer = createDeliverer({
      store: h.store,
      channel: h.adapter,
      log: h.log,
      minIntervalMs: 0,
      clock: () => now,
    });
    return {
      deliverer,
      /** Moves past any backoff, so the delivery is due again. */
      later: () => {
        now = new Date(now.getTime() + 6 * 3600_000);
      },
    };
  }

  async function postedCards(fax: FaxRecord) {
    return h.standIn.messagesIn(CHANNEL).filter((m) => m.metadata?.event_payload.fax_id === fax.id);
  }

  it('records the card whose answer was lost instead of posting it again', async () => {
    const fax = await storeFax(h.store);
    const { deliverer, later } = await outbox();
    h.standIn.loseNextAnswer('chat.postMessage', {
      status: 500,
      body: { ok: false, error: 'internal_error' },
    });
    expect(await deliverer.runOnce()).toBe(0);
    expect(await postedCards(fax)).toHaveLength(1);
    expect(await h.store.listChatMessages(fax.id)).toEqual([]);

    later();
    expect(await deliverer.runOnce()).toBe(1);
    const cards = await postedCards(fax);
    expect(cards).toHaveLength(1);
    expect(h.standIn.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await h.store.listChatMessages(fax.id)).toEqual([
      { platform: 'slack', channelId: CHANNEL, messageId: cards[0]?.ts },
    ]);
    // Brought up to date in place, in case an action came in meanwhile.
    expect(h.standIn.callsTo('chat.update')[0]?.args.ts).toBe(cards[0]?.ts);
  });

  it('posts nothing while the history is rate-limited, then finds the card', async () => {
    const fax = await storeFax(h.store);
    const { deliverer, later } = await outbox();
    h.standIn.loseNextAnswer('chat.postMessage', { status: 504, body: {} });
    await deliverer.runOnce();
    later();
    h.standIn.failNext('conversations.history', {
      status: 429,
      headers: { 'retry-after': '20' },
      body: { ok: false, error: 'ratelimited' },
    });
    expect(await deliverer.runOnce()).toBe(0);
    expect(h.standIn.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await h.store.listFailedDeliveries()).toEqual([]);
    later();
    expect(await deliverer.runOnce()).toBe(1);
    expect(h.standIn.callsTo('chat.postMessage')).toHaveLength(1);
    expect(await postedCards(fax)).toHaveLength(1);
  });

  it('posts the card when the first attempt never reached Slack', async () => {
    const fax = await storeFax(h.store);
    const { deliverer, later } = await outbox();
    h.standIn.failNext('chat.postMessage', { status: 500, body: {} });
    await deliverer.runOnce();
    expect(await postedCards(fax)).toHaveLength(0);
    later();
    expect(await deliverer.runOnce()).toBe(1);
    expect(h.standIn.callsTo('conversations.history').length).toBeGreaterThan(0);
    const cards = await postedCards(fax);
    expect(cards).toHaveLength(1);
    expect(await h.store.listChatMessages(fax.id)).toEqual([
      { platform: 'slack', channelId: CHANNEL, messageId: cards[0]?.ts },
    ]);
  });
});
