/**
 * The Teams adapter through botbuilder, end to end on this machine: Teams' requests arrive
 * as HTTP POSTs on the adapter's /api/messages, and the bot talks to a local stand-in for
 * the Bot Connector service (the conversation's serviceUrl). Real SQLite store, real
 * workflow and policy, real outbox worker.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../adapters/teams/adapter.ts';
import { createActionHandler } from '../../src/actions/handle-action.ts';
import { ChatDeliveryError } from '../../src/chat/channel.ts';
import { silentLogger } from '../../src/log.ts';
import { createDeliverer } from '../../src/posting/deliverer.ts';
import { createActionPolicy } from '../../src/workflow/policy.ts';
import { createWorkflow } from '../../src/workflow/workflow.ts';
import {
  RecordingMailer,
  leakedPatientData,
  openTempStore,
  recordingLogger,
  storeFax,
} from '../workflow/helpers.ts';
import { startConnectorStandIn } from './connector-stand-in.ts';
import {
  CHANNEL,
  JULIEN_T,
  MARIE_T,
  OTHER_CHANNEL,
  TENANT,
  cardAction,
  localTeamsSettings,
  teamInstall,
  teamInstallationUpdate,
  teamUninstall,
} from './teams-activities.ts';
import { sendActivity } from './send-activity.ts';

type Json = Record<string, unknown>;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(opts: { answerWithinMs?: number; dir?: string; userIds?: string[] } = {}) {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'faxdesk-teams-'));
  const connector = await startConnectorStandIn();
  cleanups.push(connector.close);
  const store = openTempStore(join(dir, 'faxdesk.sqlite'));
  cleanups.push(() => store.close());
  let now = new Date();
  const clock = () => now;
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const mailer = new RecordingMailer();
  const workflow = createWorkflow({
    store,
    mailer,
    policy: createActionPolicy({
      channelId: CHANNEL,
      platform: 'teams',
      ...(opts.userIds ? { userIds: opts.userIds } : {}),
    }),
    clock,
  });
  const handleAction = createActionHandler({ workflow, store, clock });
  const log = recordingLogger();
  const adapter = createTeamsAdapter(
    localTeamsSettings(dir),
    { store, handleAction, log, lang: 'fr' },
    { clock, ...(opts.answerWithinMs ? { answerWithinMs: opts.answerWithinMs } : {}) },
  );
  await adapter.start();
  cleanups.push(() => adapter.stop());
  const deliverer = createDeliverer({ store, channel: adapter, log: silentLogger, clock, minIntervalMs: 0 });
  return { dir, connector, store, adapter, deliverer, log, mailer, advance, clock };
}

const send = sendActivity;

/** The Adaptive Card of a recorded activity. */
function cardOf(request: { body: Json }): Json {
  const attachments = request.body.attachments as { contentType: string; content: Json }[];
  expect(attachments).toHaveLength(1);
  expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]!.content;
}

/** The Action.Execute a button (or a form's submit) of the card carries, as Teams would send it back. */
function executeAction(card: unknown, verb: string): { verb: string; data: Json } {
  const found: { verb: string; data: Json }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const o = node as Json;
    if (o.type === 'Action.Execute' && o.verb === verb) found.push({ verb, data: o.data as Json });
    Object.values(o).forEach(walk);
  };
  walk(card);
  expect(found.length, `card has an Action.Execute ${verb}`).toBeGreaterThan(0);
  return found[0]!;
}

function refreshStatus(card: Json): unknown {
  return ((card.refresh as Json).action as Json & { data: Json }).data.expectedStatus;
}

function invokeCard(body: Json | null): Json {
  expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
  return body!.value as Json;
}

function firstText(card: Json): string {
  return JSON.stringify((card.body as Json[])[0]);
}

async function installedWithPostedCard(opts: Parameters<typeof setup>[0] = {}) {
  const ctx = await setup(opts);
  expect((await send(ctx.adapter, teamInstall(ctx.connector.serviceUrl))).status).toBe(200);
  const fax = await storeFax(ctx.store, { verdict: 'review' });
  expect(await ctx.deliverer.runOnce()).toBe(1);
  const posted = ctx.connector.posts()[0]!;
  const messageId = (await ctx.store.listChatMessages(fax.id))[0]!.messageId;
  return { ...ctx, fax, posted, messageId };
}

describe('Teams adapter: posting', () => {
  it('stores the team when the app is installed, and posts each fax as an Adaptive Card 1.5', async () => {
    const { connector, store, fax, posted, dir } = await installedWithPostedCard();
    expect(existsSync(join(dir, 'teams-conversation.json'))).toBe(true);
    const stored = JSON.parse(readFileSync(join(dir, 'teams-conversation.json'), 'utf8')) as Json;
    expect(stored).toMatchObject({
      serviceUrl: connector.serviceUrl,
      tenantId: TENANT,
      installedFrom: CHANNEL,
    });
    expect(leakedPatientData(JSON.stringify(stored))).toEqual([]);

    expect(connector.posts()).toHaveLength(1);
    expect(posted.path).toBe(`/v3/conversations/${encodeURIComponent(CHANNEL)}/activities`);
    expect(posted.conversationId).toBe(CHANNEL);
    expect(posted.headers.authorization).toBeUndefined(); // local mode: no credentials
    const card = cardOf(posted);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(refreshStatus(card)).toBe('pending');
    expect(executeAction(card, 'fax.accept').data).toMatchObject({
      faxId: fax.id,
      expectedStatus: 'pending',
    });
    expect(await store.listChatMessages(fax.id)).toEqual([
      { platform: 'teams', channelId: CHANNEL, messageId: '1700000000001' },
    ]);
  });

  it('keeps cards waiting until the app is installed, then posts them', async () => {
    const { adapter, connector, store, deliverer, advance, log } = await setup();
    const fax = await storeFax(store);
    expect(await deliverer.runOnce()).toBe(0);
    expect(connector.requests).toHaveLength(0);
    expect(log.lines.some((l) => l.msg.includes('not installed') && l.fields.faxId === fax.id)).toBe(true);
    expect(await store.listFailedDeliveries()).toEqual([]); // waiting, not failed

    await send(adapter, teamInstall(connector.serviceUrl));
    advance(61_000);
    expect(await deliverer.runOnce()).toBe(1);
    expect(connector.posts()).toHaveLength(1);
  });

  it('throws a retryable no_conversation error before installation, and again after the app is removed', async () => {
    const { adapter, connector, store } = await setup();
    const fax = await storeFax(store);
    const view = { fax, events: await store.listEvents(fax.id) };
    const before = await adapter.post(view).catch((e: unknown) => e);
    expect(before).toBeInstanceOf(ChatDeliveryError);
    expect(before).toMatchObject({ code: 'no_conversation', options: { retryAfterMs: 60_000 } });
    expect((before as ChatDeliveryError).options.permanent).toBeUndefined();

    await send(adapter, teamInstall(connector.serviceUrl));
    await expect(adapter.post(view)).resolves.toMatchObject({ platform: 'teams', channelId: CHANNEL });
    await send(adapter, teamUninstall(connector.serviceUrl));
    await expect(adapter.post(view)).rejects.toMatchObject({ code: 'no_conversation' });
  });

  it('stores the team on an installationUpdate too', async () => {
    const { adapter, connector, store } = await setup();
    expect((await send(adapter, teamInstallationUpdate(connector.serviceUrl))).status).toBe(200);
    const fax = await storeFax(store);
    await expect(adapter.post({ fax, events: [] })).resolves.toMatchObject({ platform: 'teams' });
  });

  it('remembers the team across a restart', async () => {
    const first = await setup();
    await send(first.adapter, teamInstall(first.connector.serviceUrl));
    await first.adapter.stop();
    const second = await setup({ dir: first.dir });
    // The stored serviceUrl is the first stand-in's: posting goes there.
    const fax = await storeFax(second.store);
    await expect(second.adapter.post({ fax, events: [] })).resolves.toMatchObject({ channelId: CHANNEL });
    expect(first.connector.posts()).toHaveLength(1);
  });
});

describe('Teams adapter: Connector failures', () => {
  async function installedAdapter() {
    const ctx = await setup();
    await send(ctx.adapter, teamInstall(ctx.connector.serviceUrl));
    const fax = await storeFax(ctx.store);
    return { ...ctx, view: { fax, events: await ctx.store.listEvents(fax.id) } };
  }

  it('maps a 429 with Retry-After to retryAfterMs, without retrying by itself', async () => {
    const { adapter, connector, view } = await installedAdapter();
    connector.failures.push({ status: 429, headers: { 'Retry-After': '7' } });
    const started = Date.now();
    const error = await adapter.post(view).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect(error).toMatchObject({ code: 'rate_limited', options: { retryAfterMs: 7000 } });
    expect(connector.requests).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('treats 5xx and an unreachable service as retryable, and 401/403/404 as permanent', async () => {
    const { adapter, connector, view } = await installedAdapter();
    connector.failures.push({ status: 503 });
    const unavailable = (await adapter.post(view).catch((e: unknown) => e)) as ChatDeliveryError;
    expect(unavailable).toMatchObject({ code: 'http_503' });
    expect(unavailable.options.permanent).toBeUndefined();

    for (const [status, code] of [
      [401, 'not_authed'],
      [403, 'forbidden'],
      [404, 'conversation_not_found'],
    ] as const) {
      connector.failures.push({ status });
      const error = await adapter.post(view).catch((e: unknown) => e);
      expect(error).toMatchObject({ code, options: { permanent: true } });
    }
    expect(connector.requests).toHaveLength(4);

    await connector.close();
    const network = (await adapter.post(view).catch((e: unknown) => e)) as ChatDeliveryError;
    expect(network).toBeInstanceOf(ChatDeliveryError);
    expect(network.code).toBe('network');
    expect(network.options.permanent).toBeUndefined();
  });
});

describe('Teams adapter: Universal Actions', () => {
  it('accepts from the card, answers with the refreshed card, and the outbox updates it for everyone', async () => {
    const { adapter, connector, deliverer, store, fax, posted, messageId } = await installedWithPostedCard();
    const accept = executeAction(cardOf(posted), 'fax.accept');
    const res = await send(
      adapter,
      cardAction(connector.serviceUrl, { user: MARIE_T, ...accept, messageId }),
    );
    expect(res.status).toBe(200);
    const answered = invokeCard(res.body);
    expect(refreshStatus(answered)).toBe('accepted');
    expect(JSON.stringify(answered)).toContain('Marie Lavoie a accepté');
    expect((await store.getFax(fax.id))!.status).toBe('accepted');
    const accepted = (await store.listEvents(fax.id)).find((e) => e.kind === 'accepted')!;
    expect(accepted.actor).toMatchObject({ id: 'aad-marie', name: 'Marie Lavoie' });

    expect(await deliverer.runOnce()).toBe(1);
    expect(connector.puts()).toHaveLength(1);
    const put = connector.puts()[0]!;
    expect(put.path).toBe(`/v3/conversations/${encodeURIComponent(CHANNEL)}/activities/${messageId}`);
    expect(put.body.id).toBe(messageId);
    expect(refreshStatus(cardOf(put))).toBe('accepted');
  });

  it('answers a second click on a stale card with who accepted and when, without a second transition', async () => {
    const { adapter, connector, store, fax, posted, messageId } = await installedWithPostedCard();
    const accept = executeAction(cardOf(posted), 'fax.accept');
    await send(adapter, cardAction(connector.serviceUrl, { user: MARIE_T, ...accept, messageId }));
    const second = await send(
      adapter,
      cardAction(connector.serviceUrl, { user: JULIEN_T, ...accept, messageId }),
    );
    expect(second.status).toBe(200);
    const card = invokeCard(second.body);
    expect(firstText(card)).toMatch(/Déjà acceptée par Marie Lavoie à \d{1,2} ?h ?\d{2}/);
    expect(refreshStatus(card)).toBe('accepted'); // the current card under the notice
    const kinds = (await store.listEvents(fax.id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'accepted')).toHaveLength(1);
  });

  it('shows the reason the workflow asks for, on the current card', async () => {
    const { adapter, connector, store } = await setup();
    await send(adapter, teamInstall(connector.serviceUrl));
    const fax = await storeFax(store, { verdict: 'incomplete' });
    const res = await send(
      adapter,
      cardAction(connector.serviceUrl, {
        user: MARIE_T,
        verb: 'fax.accept',
        data: { faxId: fax.id, expectedStatus: 'pending', reason: '' },
        messageId: '1700000000001',
      }),
    );
    const card = invokeCard(res.body);
    expect(firstText(card)).toContain('indiquez en quelques mots pourquoi');
    expect((await store.getFax(fax.id))!.status).toBe('pending');
  });

  it('lets only TEAMS_ALLOWED_USERS act when it is set, by Entra object id or 29: id', async () => {
    // Julien listed by his Teams 29: id, Marie not listed at all.
    const { adapter, connector, store, fax, posted, messageId } = await installedWithPostedCard({
      userIds: [JULIEN_T.id],
    });
    const accept = executeAction(cardOf(posted), 'fax.accept');
    const refused = await send(
      adapter,
      cardAction(connector.serviceUrl, { user: MARIE_T, ...accept, messageId }),
    );
    expect(JSON.stringify(invokeCard(refused.body))).toContain('autorisé');
    expect((await store.getFax(fax.id))!.status).toBe('pending');

    await send(adapter, cardAction(connector.serviceUrl, { user: JULIEN_T, ...accept, messageId }));
    expect((await store.getFax(fax.id))!.status).toBe('accepted');
  });

  it('refuses a click from another channel, and shows nothing of the fax there', async () => {
    const { adapter, connector, store, fax, posted, messageId, log } = await installedWithPostedCard();
    const accept = executeAction(cardOf(posted), 'fax.accept');
    const res = await send(
      adapter,
      cardAction(connector.serviceUrl, { user: MARIE_T, ...accept, messageId, channel: OTHER_CHANNEL }),
    );
    expect(res.status).toBe(200);
    const card = invokeCard(res.body);
    expect(JSON.stringify(card)).toContain('seulement dans le canal de Faxdesk');
    expect(leakedPatientData(JSON.stringify(res.body))).toEqual([]);
    expect((await store.getFax(fax.id))!.status).toBe('pending');
    expect(log.lines.some((l) => l.msg === 'teams action refused' && l.fields.code === 'forbidden')).toBe(
      true,
    );
    expect(leakedPatientData(JSON.stringify(log.lines))).toEqual([]);
  });

  it('answers fax.refresh with the current card, in the channel only', async () => {
    const { adapter, connector, fax, posted, messageId } = await installedWithPostedCard();
    const card = cardOf(posted);
    const refresh = (card.refresh as Json).action as { verb: string; data: Json };
    expect(refresh.verb).toBe('fax.refresh');
    await send(
      adapter,
      cardAction(connector.serviceUrl, { user: MARIE_T, ...executeAction(card, 'fax.accept'), messageId }),
    );

    const res = await send(
      adapter,
      cardAction(connector.serviceUrl, { user: JULIEN_T, ...refresh, messageId }),
    );
    const current = invokeCard(res.body);
    expect(refreshStatus(current)).toBe('accepted');
    expect(JSON.stringify(current)).toContain(fax.id);

    const elsewhere = await send(
      adapter,
      cardAction(connector.serviceUrl, { user: JULIEN_T, ...refresh, messageId, channel: OTHER_CHANNEL }),
    );
    expect(leakedPatientData(JSON.stringify(elsewhere.body))).toEqual([]);
    expect(JSON.stringify(invokeCard(elsewhere.body))).toContain('seulement dans le canal de Faxdesk');
  });

  it('answers "in progress" when the action outlasts Teams’ patience, and finishes it anyway', async () => {
    const ctx = await setup({ answerWithinMs: 50 });
    await send(ctx.adapter, teamInstall(ctx.connector.serviceUrl));
    const fax = await storeFax(ctx.store);
    // A slow SMTP server: the problem report takes longer than Teams waits.
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const send0 = ctx.mailer.send.bind(ctx.mailer);
    ctx.mailer.send = async (m) => {
      await gate;
      return send0(m);
    };
    const res = await send(
      ctx.adapter,
      cardAction(ctx.connector.serviceUrl, {
        user: MARIE_T,
        verb: 'fax.report_problem',
        data: {
          faxId: fax.id,
          expectedStatus: 'pending',
          category: 'missing_pages',
          description: 'Page 2 manquante',
        },
        messageId: '1700000000001',
      }),
    );
    expect(firstText(invokeCard(res.body))).toContain('Action en cours');
    release();
    await expect.poll(() => ctx.mailer.sent.length).toBe(1);
    await expect
      .poll(async () => (await ctx.store.listEvents(fax.id)).some((e) => e.kind === 'problem_reported'))
      .toBe(true);
  });

  it('rejects an unreadable action with an error response', async () => {
    const { adapter, connector } = await setup();
    const res = await send(
      adapter,
      cardAction(connector.serviceUrl, {
        user: MARIE_T,
        verb: 'fax.accept',
        data: { faxId: '../etc' },
        messageId: '1',
      }),
    );
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ type: 'application/vnd.microsoft.error' });
  });
});
