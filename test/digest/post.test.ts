/**
 * Posting the digest through each chat adapter, against the stand-ins the adapters' own tests
 * use: Slack's Web API (chat.postMessage with Block Kit, permalinks to the cards) and the Bot
 * Connector (a proactive Adaptive Card with deep links); the console pushes it to open pages.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../adapters/console/index.ts';
import { createSlackAdapter } from '../../adapters/slack/adapter.ts';
import type { SlackSettings } from '../../adapters/slack/settings.ts';
import { createTeamsAdapter } from '../../adapters/teams/adapter.ts';
import { createActionHandler } from '../../src/actions/handle-action.ts';
import { ChatDeliveryError } from '../../src/chat/channel.ts';
import { buildDigest } from '../../src/digest/index.ts';
import { silentLogger } from '../../src/log.ts';
import { createDeliverer } from '../../src/posting/deliverer.ts';
import { createActionPolicy, createWorkflow } from '../../src/workflow/index.ts';
import { SlackStandIn } from '../slack/stand-in.ts';
import { startConnectorStandIn } from '../teams/connector-stand-in.ts';
import { CHANNEL as TEAMS_CHANNEL, TENANT, teamInstall } from '../teams/teams-activities.ts';
import { CHANNEL, openTempStore, RecordingMailer, storeFax } from '../workflow/helpers.ts';

const TOKEN = 'xoxb-1111-2222-faxdesktest';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function depsFor(store: ReturnType<typeof openTempStore>, channelId: string, platform: string) {
  const workflow = createWorkflow({
    store,
    mailer: new RecordingMailer(),
    policy: createActionPolicy({ channelId, platform }),
  });
  return {
    store,
    handleAction: createActionHandler({ workflow, store }),
    log: silentLogger,
    lang: 'fr' as const,
  };
}

describe('Slack: postDigest', () => {
  async function setup() {
    const standIn = new SlackStandIn({ token: TOKEN, channels: [CHANNEL] });
    await standIn.start();
    cleanups.push(() => standIn.stop());
    const store = openTempStore();
    cleanups.push(() => store.close());
    const settings: SlackSettings = {
      botToken: TOKEN,
      channelId: CHANNEL,
      allowedUsers: [],
      mode: {
        kind: 'http',
        signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
        port: 0,
        host: '127.0.0.1',
        path: '/slack/events',
      },
      apiUrl: standIn.apiUrl,
    };
    const adapter = createSlackAdapter(settings, depsFor(store, CHANNEL, 'slack'));
    const deliverer = createDeliverer({ store, channel: adapter, log: silentLogger, minIntervalMs: 0 });
    return { standIn, store, adapter, deliverer };
  }

  it('posts one message to the channel, each line a permalink to its card', async () => {
    const { standIn, store, adapter, deliverer } = await setup();
    const fax = await storeFax(store, { receivedAt: new Date(Date.now() - 3 * 3_600_000).toISOString() });
    expect(await deliverer.runOnce()).toBe(1);
    const [ref] = await store.listChatMessages(fax.id);

    await adapter.postDigest(await buildDigest(store, new Date(), { staleHours: 24 }));
    const posts = standIn.callsTo('chat.postMessage');
    expect(posts).toHaveLength(2);
    const digest = posts[1]!.args;
    expect(digest.channel).toBe(CHANNEL);
    expect(digest.text).toMatch(/^Résumé du jour \(.+\) : 1 ordonnance en attente$/);
    const blocks = JSON.stringify(digest.blocks);
    expect(blocks).toContain(
      `<https://faxdesk-test.slack.com/archives/${CHANNEL}/p${ref!.messageId.replace('.', '')}|il y a 3 h>`,
    );
    expect(blocks).toContain('*Jeanne Tremblay-Côté*');
    expect(blocks).toContain('Échographie abdominale');
  });

  it('throws a ChatDeliveryError the scheduler can retry when Slack refuses', async () => {
    const { standIn, store, adapter } = await setup();
    standIn.failNext('chat.postMessage', { status: 429, headers: { 'retry-after': '7' } });
    const error = await adapter
      .postDigest(await buildDigest(store, new Date(), { staleHours: 24 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect(error).toMatchObject({ code: 'rate_limited' });
  });
});

describe('Teams: postDigest', () => {
  async function setup() {
    const dir = mkdtempSync(join(tmpdir(), 'faxdesk-digest-teams-'));
    const connector = await startConnectorStandIn();
    cleanups.push(connector.close);
    const store = openTempStore(join(dir, 'faxdesk.sqlite'));
    cleanups.push(() => store.close());
    const adapter = createTeamsAdapter(
      {
        appId: null,
        appPassword: null,
        tenantId: TENANT,
        channelId: TEAMS_CHANNEL,
        port: 0,
        host: '127.0.0.1',
        conversationStorePath: join(dir, 'teams-conversation.json'),
        localMode: true,
        refreshUserIds: [],
      },
      depsFor(store, TEAMS_CHANNEL, 'teams'),
    );
    await adapter.start();
    cleanups.push(() => adapter.stop());
    const deliverer = createDeliverer({ store, channel: adapter, log: silentLogger, minIntervalMs: 0 });
    const install = () =>
      fetch(`http://127.0.0.1:${adapter.port()}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(teamInstall(connector.serviceUrl)),
      });
    return { connector, store, adapter, deliverer, install };
  }

  it('posts an Adaptive Card to the channel, each line a deep link to its card', async () => {
    const { connector, store, adapter, deliverer, install } = await setup();
    expect((await install()).status).toBe(200);
    const fax = await storeFax(store, { receivedAt: new Date(Date.now() - 50 * 3_600_000).toISOString() });
    expect(await deliverer.runOnce()).toBe(1);
    const [ref] = await store.listChatMessages(fax.id);

    await adapter.postDigest(await buildDigest(store, new Date(), { staleHours: 24 }));
    const posts = connector.posts();
    expect(posts).toHaveLength(2);
    expect(posts[1]!.conversationId).toBe(TEAMS_CHANNEL);
    const attachments = posts[1]!.body.attachments as {
      contentType: string;
      content: Record<string, unknown>;
    }[];
    expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachments[0]!.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    const card = JSON.stringify(attachments[0]!.content);
    expect(card).toContain(
      `https://teams.microsoft.com/l/message/${encodeURIComponent(TEAMS_CHANNEL)}/${ref!.messageId}?tenantId=${TENANT}`,
    );
    expect(card).toContain('⏰ [il y a 2 j]');
    expect(card).toContain('**Jeanne Tremblay-Côté**');
  });

  it('waits (retryable error) while the app is not installed in the team', async () => {
    const { connector, store, adapter } = await setup();
    const error = await adapter
      .postDigest(await buildDigest(store, new Date(), { staleHours: 24 }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'no_conversation' });
    expect((error as ChatDeliveryError).options.permanent).toBeUndefined();
    expect(connector.posts()).toHaveLength(0);
  });
});

describe('console: postDigest', () => {
  it('pushes the digest to the open pages as a message of the channel', async () => {
    const store = openTempStore();
    cleanups.push(() => store.close());
    const token = 'a-long-enough-console-token-1234';
    const adapter = createConsoleAdapter(
      {
        host: '127.0.0.1',
        port: 0,
        token,
        stateDir: mkdtempSync(join(tmpdir(), 'faxdesk-home-')),
        userName: 'Marie Lavoie',
      },
      { ...depsFor(store, 'console', 'console'), inboxDir: mkdtempSync(join(tmpdir(), 'faxdesk-inbox-')) },
    );
    await adapter.start();
    cleanups.push(() => adapter.stop());
    const fax = await storeFax(store);
    const abort = new AbortController();
    cleanups.push(() => abort.abort());
    const res = await fetch(`${adapter.url}api/stream`, {
      signal: abort.signal,
      headers: { Authorization: `Bearer ${token}` },
    });
    const reader = res.body!.getReader();
    await reader.read(); // the stream's first frame (retry:)

    const digest = await buildDigest(store, new Date(), { staleHours: 24 });
    await adapter.postDigest(digest);
    let text = '';
    while (!text.includes('\n\n', text.indexOf('event: card'))) {
      const chunk = await reader.read();
      text += new TextDecoder().decode(chunk.value);
    }
    const data = JSON.parse(/data: (.*)\n/.exec(text)![1]!) as { faxId: string; card: unknown };
    expect(data.faxId).toBe(`digest-${digest.day}`);
    expect(JSON.stringify(data.card)).toContain(`(#fax-${fax.id})`);
  });
});
