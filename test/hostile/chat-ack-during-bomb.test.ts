/**
 * Issue 12: while a hostile file is being read, Slack and Teams clicks are still answered within
 * Slack's 3 seconds. Each platform gets a desk wired as `faxdesk watch` wires it (watch-desk.ts):
 * one reading process with small budgets, the real adapter — Bolt's HTTP receiver, botbuilder's
 * CloudAdapter (local mode) — calling the stand-in for Slack's Web API or for the Bot Connector.
 * An ordinary fax's card is posted; then a PDF of 3 million path operations and one more fax are
 * dropped in and taken in. While the PDF is in the reading process a clerk clicks on the card
 * again and again (« Demander l’authentification », then « Authentifié », in turn): every click
 * is answered 200 within 3 s and changes the fax in the store. The PDF ends quarantined as
 * `interrupted` with its French reason, and the fax after it is read.
 */
import { mkdtempSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import type { SlackAdapter } from '../../adapters/slack/adapter.ts';
import type { TeamsChatAdapter } from '../../adapters/teams/adapter.ts';
import type { FaxStore } from '../../src/store/store.ts';
import { buildCorpus, renderFixture } from '../fixtures/index.ts';
import { SlackStandIn } from '../slack/stand-in.ts';
import { startConnectorStandIn } from '../teams/connector-stand-in.ts';
import { sendActivity } from '../teams/send-activity.ts';
import { CHANNEL as TEAMS_CHANNEL, MARIE_T, TENANT, teamInstall } from '../teams/teams-activities.ts';
import { pathOperationsPdf } from './bombs.ts';
import { ACK_WITHIN_MS, slackClicker, teamsClicker, type CardClicker } from './chat-clicks.ts';
import { expectFrenchReason } from './harness.ts';
import { startWatchDesk, type WatchDesk } from './watch-desk.ts';

/** One reading process, and budgets small enough that the bomb is stopped within seconds. */
const DESK_ENV = {
  FAXDESK_OCR_WORKERS: '1',
  FAXDESK_SETTLE_MS: '0',
  FAXDESK_READ_PAGE_SECONDS: '8',
  FAXDESK_READ_FILE_SECONDS: '60',
  FAXDESK_READ_MEMORY_MB: '600',
};
const SLACK = {
  token: 'xoxb-1111-2222-faxdeskbomb',
  channel: 'C0FAXBOMB',
  secret: 'bomb-signing-secret-0123456789',
};
const BOMB = 'traces.pdf';
const FIRST = 'ordonnance.pdf';
const NEXT = 'zz-suivante.pdf';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface OpenDesk {
  desk: WatchDesk;
  /** Once the fax's card is in the channel: clicks on it. */
  clickerFor(faxId: string): Promise<CardClicker>;
}

async function postedRef(store: FaxStore, faxId: string) {
  return vi.waitFor(
    async () => {
      const [ref] = await store.listChatMessages(faxId);
      if (!ref) throw new Error('card not posted yet');
      return ref;
    },
    { timeout: 10_000, interval: 50 },
  );
}

async function slackDesk(home: string): Promise<OpenDesk> {
  const standIn = new SlackStandIn({ token: SLACK.token, channels: [SLACK.channel] });
  await standIn.start();
  cleanups.push(() => standIn.stop());
  const desk = await startWatchDesk({
    ...DESK_ENV,
    FAXDESK_HOME: home,
    FAXDESK_CHAT: 'slack',
    SLACK_BOT_TOKEN: SLACK.token,
    SLACK_CHANNEL_ID: SLACK.channel,
    SLACK_SIGNING_SECRET: SLACK.secret,
    SLACK_HOST: '127.0.0.1',
    SLACK_PORT: '0',
    SLACK_API_URL: standIn.apiUrl,
  });
  cleanups.push(() => desk.close());
  const { port } = (desk.chat.adapter as SlackAdapter).address()!;
  return {
    desk,
    async clickerFor(faxId) {
      const ref = await postedRef(desk.store, faxId);
      return slackClicker({
        standIn,
        events: `http://127.0.0.1:${port}/slack/events`,
        secret: SLACK.secret,
        channel: SLACK.channel,
        messageTs: ref.messageId,
        user: { id: 'U01MARIE', username: 'marie.lavoie' },
      });
    },
  };
}

async function teamsDesk(home: string): Promise<OpenDesk> {
  const connector = await startConnectorStandIn();
  cleanups.push(connector.close);
  const desk = await startWatchDesk({
    ...DESK_ENV,
    FAXDESK_HOME: home,
    FAXDESK_CHAT: 'teams',
    TEAMS_LOCAL_MODE: '1',
    TEAMS_TENANT_ID: TENANT,
    TEAMS_CHANNEL_ID: TEAMS_CHANNEL,
    TEAMS_PORT: '0',
  });
  cleanups.push(() => desk.close());
  const adapter = desk.chat.adapter as TeamsChatAdapter;
  // Installed in the team first: without it the outbox keeps the card waiting.
  expect((await sendActivity(adapter, teamInstall(connector.serviceUrl))).status).toBe(200);
  return {
    desk,
    async clickerFor(faxId) {
      const ref = await postedRef(desk.store, faxId);
      const post = connector.delivered().find((p) => p.messageId === ref.messageId)!;
      const [attachment] = post.body.attachments as { content: unknown }[];
      return teamsClicker({
        adapter,
        serviceUrl: connector.serviceUrl,
        messageId: ref.messageId,
        user: MARIE_T,
        card: attachment!.content,
      });
    },
  };
}

/**
 * Clicks « Demander l’authentification » on a pending card and « Authentifié » on one waiting
 * for the callback, in turn, for as long as `busy()`: each click moves the fax, so each one's
 * effect is seen in the store (Slack's card shows the next button only once the outbox has
 * updated it, about a second later). Returns each answer's time and whether `busy()` still held.
 */
async function clickWhile(busy: () => boolean, clicker: CardClicker, store: FaxStore, faxId: string) {
  const clicks: { ms: number; whileBusy: boolean }[] = [];
  while (busy()) {
    const pending = (await store.getFax(faxId))!.status === 'pending';
    const step = pending
      ? ({ action: 'fax.auth_request', to: 'auth_requested', kind: 'auth_requested' } as const)
      : ({ action: 'fax.auth_authenticated', to: 'pending', kind: 'auth_authenticated' } as const);
    const count = async () => (await store.listEvents(faxId)).filter((e) => e.kind === step.kind).length;
    const before = await count();
    const ms = await clicker.click(step.action);
    clicks.push({ ms, whileBusy: busy() });
    await vi.waitFor(
      async () => {
        expect((await store.getFax(faxId))!.status).toBe(step.to);
        expect(await count()).toBe(before + 1);
      },
      { timeout: ACK_WITHIN_MS, interval: 20 },
    );
    // A quarter of a second between clicks, as the console is probed in bombs.test.ts.
    await new Promise((r) => setTimeout(r, 250));
  }
  return clicks;
}

async function ordinaryFaxes(seed: number) {
  const entries = buildCorpus({ seed, count: 2, scenarios: ['valid'], formats: ['pdf-text'] });
  return Promise.all(entries.map(async (entry) => ({ entry, bytes: await renderFixture(entry) })));
}

it.each([
  ['Slack', slackDesk, 61],
  ['Teams', teamsDesk, 62],
] as const)(
  '%s: clicks are answered within 3 s while a bomb is read, and the bomb is quarantined',
  async (platform, open, seed) => {
    const { desk, clickerFor } = await open(mkdtempSync(join(tmpdir(), 'faxdesk-ack-bomb-')));
    const inbox = desk.config.inbox;
    const [first, next] = await ordinaryFaxes(seed);

    // An ordinary fax and its card in the channel: something to click.
    await writeFile(join(inbox, FIRST), first!.bytes);
    expect((await desk.intake.processInboxOnce()).processed).toBe(1);
    const fax = (await desk.store.listFaxes({ limit: 10 })).find((f) => f.originalName === FIRST)!;
    expect(fax.status).toBe('pending');
    const clicker = await clickerFor(fax.id);

    const bomb = pathOperationsPdf();
    await writeFile(join(inbox, BOMB), bomb);
    await new Promise((r) => setTimeout(r, 20));
    await writeFile(join(inbox, NEXT), next!.bytes); // newer: taken after the bomb
    const intake = desk.intake.processInboxOnce();
    const bombInReader = () => desk.reading.has(BOMB);
    await vi.waitFor(() => expect(bombInReader()).toBe(true), { timeout: 10_000, interval: 20 });

    const clicks = await clickWhile(bombInReader, clicker, desk.store, fax.id);
    const summary = await intake;
    const during = clicks.filter((c) => c.whileBusy);
    expect(during.length).toBeGreaterThanOrEqual(3);
    const slowest = Math.max(...clicks.map((c) => c.ms));
    console.log(
      `${platform}: ${during.length} of ${clicks.length} clicks answered while the bomb was read, ` +
        `slowest answer ${slowest.toFixed(0)} ms`,
    );

    expect(summary.errors).toBe(0);
    const faxes = await desk.store.listFaxes({ limit: 10 });
    const quarantined = faxes.find((f) => f.originalName === BOMB)!;
    expect(quarantined).toMatchObject({ verdict: 'unreadable', unreadableCode: 'interrupted' });
    expect(quarantined.unreadableReason).toMatch(
      /^Lecture interrompue : la page 1 demande trop de (calcul|mémoire)/,
    );
    expectFrenchReason(quarantined.unreadableReason);
    await postedRef(desk.store, quarantined.id); // its card, like any fax's
    const read = faxes.find((f) => f.originalName === NEXT);
    expect(read?.verdict).not.toBe('unreadable');
    expect(read?.archivePath).not.toBeNull();

    // What the desk logged carries no patient's name or NAM.
    const logged = JSON.stringify(desk.log.lines);
    for (const { entry } of [first!, next!]) {
      const { lastName, nam } = entry.expected.fields.patient;
      for (const value of [lastName, nam]) if (value) expect(logged).not.toContain(value);
    }
  },
  90_000,
);
