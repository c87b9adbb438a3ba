/**
 * The Slack adapter end to end, with real clients and servers: Bolt in HTTP mode on
 * 127.0.0.1, its Web API client pointed at a local stand-in for Slack, a real SQLite store,
 * the real workflow, action handler and outbox deliverer. Clicks arrive signed as Slack
 * signs them; forged, replayed and out-of-channel ones change nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/adapter.ts';
import { slackPolicyConfig } from '../../adapters/slack/settings.ts';
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { createActionHandler } from '../../src/actions/handle-action.ts';
import { ChatDeliveryError } from '../../src/chat/channel.ts';
import { ConfigError } from '../../src/config.ts';
import { createDeliverer, type Deliverer } from '../../src/posting/deliverer.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { createActionPolicy, createWorkflow, MailSendError } from '../../src/workflow/index.ts';
import {
  CHANNEL,
  leakedPatientData,
  openTempStore,
  RecordingMailer,
  recordingLogger,
  storeFax,
} from '../workflow/helpers.ts';
import {
  blockActionsPayload,
  postInteraction,
  selectValue,
  textValue,
  viewSubmissionPayload,
  type SlackUser,
} from './signed.ts';
import { SlackStandIn, type RecordedCall } from './stand-in.ts';

const TOKEN = 'xoxb-1111-2222-faxdesktest';
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const OTHER_CHANNEL = 'C0ELSEWHERE';
const MARIE: SlackUser = { id: 'U01MARIE', username: 'marie.lavoie' };
const JULIEN: SlackUser = { id: 'U02JULIEN', username: 'julien.roy' };

interface Harness {
  standIn: SlackStandIn;
  store: SqliteFaxStore;
  mailer: RecordingMailer;
  adapter: SlackAdapter;
  deliverer: Deliverer;
  log: ReturnType<typeof recordingLogger>;
  events: string;
}

let h: Harness;

/** The list's item at `index`, or a failed test. */
function nth<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`nothing at ${index} (length ${list.length})`);
  return item;
}

async function setup(): Promise<Harness> {
  const standIn = new SlackStandIn({ token: TOKEN, channels: [CHANNEL, OTHER_CHANNEL] });
  await standIn.start();
  const settings = standIn.adapterSettings(CHANNEL, { signingSecret: SECRET });
  const store = openTempStore();
  const mailer = new RecordingMailer();
  const log = recordingLogger();
  const workflow = createWorkflow({
    store,
    mailer,
    policy: createActionPolicy(slackPolicyConfig(settings)),
    lang: 'fr',
  });
  const handleAction = createActionHandler({ workflow, store });
  const adapter = createSlackAdapter(settings, { store, handleAction, log, lang: 'fr' });
  await adapter.start();
  const address = adapter.address();
  if (address === null) throw new Error('adapter not listening');
  const deliverer = createDeliverer({ store, channel: adapter, log, minIntervalMs: 0 });
  return {
    standIn,
    store,
    mailer,
    adapter,
    deliverer,
    log,
    events: `http://127.0.0.1:${address.port}/slack/events`,
  };
}

beforeEach(async () => {
  h = await setup();
});

afterEach(async () => {
  await h.adapter.stop();
  await h.standIn.stop();
  h.store.close();
});

/** Posts the fax's card through the outbox; returns the chat.postMessage call the stand-in got. */
async function postCard(fax: FaxRecord): Promise<RecordedCall> {
  const before = h.standIn.callsTo('chat.postMessage').length;
  expect(await h.deliverer.runOnce()).toBeGreaterThan(0);
  const calls = h.standIn.callsTo('chat.postMessage');
  expect(calls.length).toBe(before + 1);
  const call = nth(calls, calls.length - 1);
  const [ref] = await h.store.listChatMessages(fax.id);
  expect(ref).toBeDefined();
  return call;
}

interface Button {
  action_id: string;
  value: string;
}

function buttonsOf(call: RecordedCall): { blockId: string; buttons: Button[] } {
  const blocks = call.args.blocks as { type: string; block_id?: string; elements?: Button[] }[];
  const actions = blocks.find((b) => b.type === 'actions');
  if (!actions?.elements || !actions.block_id) throw new Error('no actions block');
  return { blockId: actions.block_id, buttons: actions.elements };
}

/** Clicks a button of a posted card, as `user`, from `channelId` (the card's channel by default). */
async function click(
  call: RecordedCall,
  actionId: string,
  user: SlackUser = MARIE,
  channelId: string = CHANNEL,
  sign: { timestamp?: number; signature?: string } = {},
) {
  const { blockId, buttons } = buttonsOf(call);
  const button = buttons.find((b) => b.action_id === actionId);
  if (!button) throw new Error(`no ${actionId} button on the card`);
  const ts = String(
    call.args.ts ?? nth(await h.store.listChatMessages(JSON.parse(button.value).faxId), 0).messageId,
  );
  const payload = blockActionsPayload({
    user,
    channelId,
    messageTs: ts,
    actionId,
    blockId,
    value: button.value,
    responseUrl: h.standIn.responseUrl(`click-${Date.now()}`),
  });
  return postInteraction(h.events, SECRET, payload, sign);
}

async function nextEphemeral(count: number): Promise<RecordedCall> {
  return vi.waitFor(
    () => {
      const calls = h.standIn.callsTo('chat.postEphemeral');
      if (calls.length < count) throw new Error(`waiting for ephemeral #${count}`);
      return nth(calls, count - 1);
    },
    { timeout: 3000, interval: 20 },
  );
}

async function openedModal(count: number): Promise<Record<string, unknown>> {
  const call = await vi.waitFor(
    () => {
      const calls = h.standIn.callsTo('views.open');
      if (calls.length < count) throw new Error(`waiting for views.open #${count}`);
      return nth(calls, count - 1);
    },
    { timeout: 3000, interval: 20 },
  );
  return { ...(call.args.view as Record<string, unknown>), id: `V0VIEW${count}` };
}

async function submit(
  view: Record<string, unknown>,
  values: Parameters<typeof viewSubmissionPayload>[0]['values'],
  user = MARIE,
) {
  return postInteraction(h.events, SECRET, viewSubmissionPayload({ user, view, values }));
}

describe('posting cards', () => {
  it('posts a stored fax to the channel as Block Kit within Slack’s limits, and records where', async () => {
    const fax = await storeFax(h.store, { verdict: 'review' });
    const call = await postCard(fax);
    expect(call.token).toBe(TOKEN);
    expect(call.args.channel).toBe(CHANNEL);
    const blocks = call.args.blocks as {
      type: string;
      text?: { text: string };
      fields?: { text: string }[];
    }[];
    expect(blocks.length).toBeGreaterThan(3);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) {
      if (b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    expect(JSON.stringify({ text: call.args.text, blocks }).length).toBeLessThan(13_000);
    // The notification text is the card's summary (verdict, sender, time): nothing about the patient.
    const notification = String(call.args.text);
    for (const patient of ['Jeanne', 'Tremblay', 'TREJ', '1985', 'Échographie']) {
      expect(notification).not.toContain(patient);
    }
    expect(leakedPatientData(notification).every((s) => ['Gagnon'].includes(s))).toBe(true);
    expect(buttonsOf(call).buttons.map((b) => b.action_id)).toEqual([
      'fax.accept',
      'fax.auth_request',
      'fax.reject',
      'fax.report_problem',
    ]);
    const [ref] = await h.store.listChatMessages(fax.id);
    expect(ref).toEqual({
      platform: 'slack',
      channelId: CHANNEL,
      messageId: expect.stringMatching(/^\d+\.\d+$/),
    });
  });
});

describe('a click on Accept', () => {
  it('accepts the fax, tells the clicker alone, and the outbox updates the card for everyone', async () => {
    const fax = await storeFax(h.store, { verdict: 'review' });
    const card = await postCard(fax);
    const started = Date.now();
    const answer = await click(card, 'fax.accept');
    expect(answer.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);

    const ephemeral = await nextEphemeral(1);
    expect(ephemeral.args).toMatchObject({ channel: CHANNEL, user: MARIE.id });
    expect(String(ephemeral.args.text)).toMatch(/ordonnance acceptée/);
    expect(h.standIn.callsTo('chat.postMessage')).toHaveLength(1);
    expect(h.standIn.callsTo('chat.update')).toHaveLength(0);

    expect((await h.store.getFax(fax.id))?.status).toBe('accepted');
    const accepted = (await h.store.listEvents(fax.id)).find((e) => e.kind === 'accepted');
    expect(accepted?.actor).toEqual({ id: MARIE.id, name: MARIE.username });
    expect(accepted?.details.platform).toBe('slack');

    await h.deliverer.runOnce();
    const update = nth(h.standIn.callsTo('chat.update'), 0);
    expect(update.args).toMatchObject({ channel: CHANNEL, ts: card.args.ts ?? expect.any(String) });
    const ref = nth(await h.store.listChatMessages(fax.id), 0);
    expect(update.args.ts).toBe(ref.messageId);
    const shown = JSON.stringify(update.args.blocks);
    expect(shown).toContain(MARIE.username);
    expect(shown.toLowerCase()).toContain('accept');
    expect(buttonsOf(update).buttons.map((b) => b.action_id)).toEqual(['fax.report_problem']);
  });

  it('answers a second click with who accepted it and when, and changes nothing', async () => {
    const fax = await storeFax(h.store, { verdict: 'ok' });
    const card = await postCard(fax);
    await click(card, 'fax.accept', MARIE);
    await nextEphemeral(1);
    const eventsBefore = (await h.store.listEvents(fax.id)).length;

    expect((await click(card, 'fax.accept', JULIEN)).status).toBe(200);
    const second = await nextEphemeral(2);
    expect(second.args.user).toBe(JULIEN.id);
    expect(String(second.args.text)).toMatch(/^Déjà acceptée par marie\.lavoie à \d{2} h \d{2}\.$/);
    expect(await h.store.listEvents(fax.id)).toHaveLength(eventsBefore);
  });
});

describe('requests Faxdesk refuses', () => {
  it('refuses a forged signature with 401, and nothing changes', async () => {
    const fax = await storeFax(h.store, { verdict: 'ok' });
    const card = await postCard(fax);
    const forged = `v0=${'0'.repeat(64)}`;
    expect((await click(card, 'fax.accept', MARIE, CHANNEL, { signature: forged })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect((await h.store.getFax(fax.id))?.status).toBe('pending');
    expect(h.standIn.callsTo('chat.postEphemeral')).toHaveLength(0);
  });

  it('refuses a replayed request (signed, but more than five minutes old)', async () => {
    const fax = await storeFax(h.store, { verdict: 'ok' });
    const card = await postCard(fax);
    const old = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await click(card, 'fax.accept', MARIE, CHANNEL, { timestamp: old })).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect((await h.store.getFax(fax.id))?.status).toBe('pending');
  });

  it('refuses a click from another channel: the person is told, the fax does not move', async () => {
    const fax = await storeFax(h.store, { verdict: 'ok' });
    const card = await postCard(fax);
    expect((await click(card, 'fax.accept', MARIE, OTHER_CHANNEL)).status).toBe(200);
    const refusal = await nextEphemeral(1);
    expect(refusal.args).toMatchObject({ channel: OTHER_CHANNEL, user: MARIE.id });
    expect(String(refusal.args.text)).toMatch(/seulement dans le canal de Faxdesk/);
    expect((await h.store.getFax(fax.id))?.status).toBe('pending');
    expect((await h.store.listEvents(fax.id)).some((e) => e.kind === 'accepted')).toBe(false);
    expect(h.log.lines).toContainEqual(
      expect.objectContaining({
        msg: 'slack action',
        fields: expect.objectContaining({ result: 'forbidden' }),
      }),
    );
  });

  it('answers through the click’s response_url when the bot cannot post in that channel', async () => {
    const fax = await storeFax(h.store, { verdict: 'ok' });
    const card = await postCard(fax);
    await click(card, 'fax.accept', MARIE, 'C0NOBOTHERE');
    const answer = await vi.waitFor(() => nth(h.standIn.responses, 0), { timeout: 3000, interval: 20 });
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answer.body.text)).toMatch(/seulement dans le canal de Faxdesk/);
    expect((await h.store.getFax(fax.id))?.status).toBe('pending');
  });

  it('refuses to open a form from another channel', async () => {
    const fax = await storeFax(h.store, { verdict: 'incomplete' });
    const card = await postCard(fax);
    await click(card, 'fax.accept', MARIE, OTHER_CHANNEL);
    const refusal = await nextEphemeral(1);
    expect(String(refusal.args.text)).toMatch(/seulement dans le canal de Faxdesk/);
    expect(h.standIn.callsTo('views.open')).toHaveLength(0);
  });
});

describe('forms in modals', () => {
  it('asks a reason to accept an incomplete order: an empty one is refused in the modal, a real one accepts', async () => {
    const fax = await storeFax(h.store, { verdict: 'incomplete' });
    const card = await postCard(fax);
    expect((await click(card, 'fax.accept')).status).toBe(200);
    const view = await openedModal(1);
    const open = nth(h.standIn.callsTo('views.open'), 0);
    expect(String(open.args.trigger_id)).not.toBe('');
    expect(view.callback_id).toBe('faxdesk_form');
    const meta = JSON.parse(String(view.private_metadata)) as Record<string, unknown>;
    expect(meta).toMatchObject({
      action: 'fax.accept',
      faxId: fax.id,
      channelId: CHANNEL,
      form: 'accept_reason',
    });
    expect(JSON.stringify(view.blocks)).toContain('"block_id":"reason"');
    expect((await h.store.getFax(fax.id))?.status).toBe('pending');

    const empty = await submit(view, { reason: { reason: textValue('   ') } });
    expect(empty.status).toBe(200);
    expect(JSON.parse(empty.text)).toEqual({
      response_action: 'errors',
      errors: { reason: expect.any(String) },
    });
    expect((await h.store.getFax(fax.id))?.status).toBe('pending');

    const done = await submit(view, { reason: { reason: textValue('NAM confirmé par téléphone') } });
    expect(done.status).toBe(200);
    expect(done.text).toBe('');
    expect((await h.store.getFax(fax.id))?.status).toBe('accepted');
    const accepted = (await h.store.listEvents(fax.id)).find((e) => e.kind === 'accepted');
    expect(accepted?.details.reason).toBe('NAM confirmé par téléphone');
    const ephemeral = await nextEphemeral(1);
    expect(ephemeral.args).toMatchObject({ channel: CHANNEL, user: MARIE.id });
    expect(String(ephemeral.args.text)).toMatch(/acceptée/);
  });

  it('does not open the form on a card that is out of date: says who moved the fax', async () => {
    const fax = await storeFax(h.store, { verdict: 'incomplete' });
    const card = await postCard(fax);
    await click(card, 'fax.accept');
    const view = await openedModal(1);
    await submit(view, { reason: { reason: textValue('Confirmé avec le prescripteur') } });
    await nextEphemeral(1);
    await click(card, 'fax.accept', JULIEN);
    const stale = await nextEphemeral(2);
    expect(String(stale.args.text)).toMatch(/^Déjà acceptée par marie\.lavoie/);
    expect(h.standIn.callsTo('views.open')).toHaveLength(1);
  });

  it('reports a problem: category and description go to the support by mail, not into the log', async () => {
    const fax = await storeFax(h.store, { verdict: 'not_service' });
    const card = await postCard(fax);
    await click(card, 'fax.report_problem');
    const view = await openedModal(1);
    expect(JSON.parse(String(view.private_metadata))).toMatchObject({ form: 'report_problem' });

    const missing = await submit(view, { category: { category: selectValue('missing_header') } });
    expect(JSON.parse(missing.text)).toMatchObject({
      response_action: 'errors',
      errors: { description: expect.any(String) },
    });
    expect(h.mailer.sent).toHaveLength(0);

    const answer = await submit(view, {
      category: { category: selectValue('missing_header') },
      description: { description: textValue('La page couverture du service est absente.') },
    });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(h.mailer.sent).toHaveLength(1);
    expect(nth(h.mailer.sent, 0).to).toBe('soutienrqt@ssss.gouv.qc.ca');
    expect(nth(h.mailer.sent, 0).subject).toContain('En-tête de transmission manquant');
    expect(nth(h.mailer.sent, 0).text).toContain('La page couverture du service est absente.');
    const reported = (await h.store.listEvents(fax.id)).find((e) => e.kind === 'problem_reported');
    expect(reported?.details).toMatchObject({ category: 'missing_header', mailed: true });
    expect(String((await nextEphemeral(1)).args.text)).toMatch(/Signalement envoyé/);
    for (const line of h.log.lines) expect(JSON.stringify(line)).not.toContain('couverture');
  });

  it('keeps the modal open with the description when the mail cannot be sent, so it can be sent again', async () => {
    const fax = await storeFax(h.store, { verdict: 'ok' });
    const card = await postCard(fax);
    await click(card, 'fax.report_problem');
    const view = await openedModal(1);
    h.mailer.failWith = new MailSendError('connection', 'ECONNREFUSED');
    const values = {
      category: { category: selectValue('unreadable_pages') },
      description: { description: textValue('Pages 2 et 3 illisibles.') },
    };
    const failed = await submit(view, values);
    expect(JSON.parse(failed.text)).toEqual({
      response_action: 'errors',
      errors: { description: expect.stringMatching(/Signalement enregistré, non envoyé/) },
    });
    h.mailer.failWith = null;
    const retried = await submit(view, values);
    expect(retried.text).toBe('');
    expect(h.mailer.sent).toHaveLength(1);
    const reports = (await h.store.listEvents(fax.id)).filter((e) => e.kind === 'problem_reported');
    expect(reports.map((e) => e.details.mailed)).toEqual([false, true]);
  });
});

describe('delivery failures', () => {
  it('turns a 429 into a retry after what Retry-After says, without retrying by itself', async () => {
    const fax = await storeFax(h.store);
    h.standIn.failNext('chat.postMessage', {
      status: 429,
      headers: { 'retry-after': '7' },
      body: { ok: false, error: 'ratelimited' },
    });
    const error = await h.adapter.post({ fax, events: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatDeliveryError);
    expect(error).toMatchObject({ code: 'rate_limited', options: { retryAfterMs: 7000 } });
    expect((error as ChatDeliveryError).options.permanent).toBeUndefined();
    expect(h.standIn.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('treats a bad token as permanent, and a server error as worth retrying', async () => {
    const fax = await storeFax(h.store);
    h.standIn.failNext('chat.postMessage', { body: { ok: false, error: 'invalid_auth' } });
    await expect(h.adapter.post({ fax, events: [] })).rejects.toMatchObject({
      code: 'invalid_auth',
      options: { permanent: true },
    });
    h.standIn.failNext('chat.update', { status: 503, body: {} });
    const error = await h.adapter
      .update({ platform: 'slack', channelId: CHANNEL, messageId: '1.2' }, { fax, events: [] })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'http_503', options: { permanent: false } });
    h.standIn.failNext('chat.postMessage', { body: { ok: false, error: 'channel_not_found' } });
    await expect(h.adapter.post({ fax, events: [] })).rejects.toMatchObject({ options: { permanent: true } });
  });

  it('leaves a card Slack could not take (502) queued for a retry, not failed', async () => {
    await storeFax(h.store);
    h.standIn.failNext('chat.postMessage', { status: 502, body: {} });
    expect(await h.deliverer.runOnce()).toBe(0);
    expect(await h.store.listFailedDeliveries()).toEqual([]);
  });
});

describe('start-up', () => {
  it('refuses to start with a token Slack does not accept, naming the variable', async () => {
    const bad = createSlackAdapter(
      {
        botToken: 'xoxb-wrong',
        channelId: CHANNEL,
        allowedUsers: [],
        mode: { kind: 'http', signingSecret: SECRET, port: 0, host: '127.0.0.1', path: '/slack/events' },
        apiUrl: h.standIn.apiUrl,
      },
      {
        store: h.store,
        handleAction: async () => ({ ok: false, code: 'invalid', message: '' }),
        log: h.log,
        lang: 'fr',
      },
    );
    const error = await bad.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('SLACK_BOT_TOKEN');
    expect(bad.address()).toBeNull();
  });
});
