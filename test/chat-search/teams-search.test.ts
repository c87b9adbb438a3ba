/**
 * Looking up a fax from Teams, end to end: activities POSTed to the adapter's /api/messages
 * as Teams sends them, botbuilder's CloudAdapter, the real search core over a real SQLite
 * store, and a Bot Connector stand-in that takes the bot's replies and answers team
 * membership. Results go only to the personal chat or to the messaging extension's invoke
 * answer — never to the channel.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsAdapter, type TeamsChatAdapter } from '../../adapters/teams/adapter.ts';
import { createActionHandler } from '../../src/actions/handle-action.ts';
import { silentLogger } from '../../src/log.ts';
import { createDeliverer } from '../../src/posting/deliverer.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { createActionPolicy } from '../../src/workflow/policy.ts';
import { createWorkflow } from '../../src/workflow/workflow.ts';
import {
  CHANNEL,
  JULIEN_T,
  MARIE_T,
  TEAM,
  localTeamsSettings,
  teamInstall,
} from '../teams/teams-activities.ts';
import { openTempStore, RecordingMailer, recordingLogger } from '../workflow/helpers.ts';
import { startMembersConnector, type MembersConnector } from './connector.ts';
import { namesIn, storePatients } from './patients.ts';
import { channelMention, extensionQuery, personalConversation, personalMessage } from './teams-activities.ts';
import { sendActivity } from '../teams/send-activity.ts';

type Json = Record<string, unknown>;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Ctx {
  adapter: TeamsChatAdapter;
  connector: MembersConnector;
  faxes: Map<string, FaxRecord>;
  log: ReturnType<typeof recordingLogger>;
  /** Activities posted to the channel by the time the faxes' cards were there. */
  cardsPosted: number;
}

async function setup(opts: { allowedUsers?: string[]; install?: boolean } = {}): Promise<Ctx> {
  const dir = mkdtempSync(join(tmpdir(), 'faxdesk-teams-search-'));
  // Marie is in the team; Julien is not.
  const connector = await startMembersConnector({ teams: { [TEAM]: { members: [MARIE_T.id] } } });
  cleanups.push(connector.close);
  const store = openTempStore(join(dir, 'faxdesk.sqlite'));
  cleanups.push(async () => store.close());
  const settings = localTeamsSettings(dir);
  const workflow = createWorkflow({
    store,
    mailer: new RecordingMailer(),
    policy: createActionPolicy({ channelId: CHANNEL, platform: 'teams' }),
  });
  const handleAction = createActionHandler({ workflow, store });
  const log = recordingLogger();
  const adapter = createTeamsAdapter(
    settings,
    { store, handleAction, log, lang: 'fr' },
    opts.allowedUsers ? { searchAllowedUsers: opts.allowedUsers } : {},
  );
  await adapter.start();
  cleanups.push(() => adapter.stop());
  const faxes = await storePatients(store);
  if (opts.install !== false) {
    expect((await send(adapter, teamInstall(connector.serviceUrl))).status).toBe(200);
    const deliverer = createDeliverer({ store, channel: adapter, log: silentLogger, minIntervalMs: 0 });
    expect(await deliverer.runOnce()).toBe(faxes.size);
  }
  return { adapter, connector, faxes, log, cardsPosted: connector.posted.length };
}

const send = sendActivity;

/** Says `text` to the bot in a personal chat; returns the one reply it posted there. */
async function say(ctx: Ctx, user: typeof MARIE_T, text: string) {
  const before = ctx.connector.posted.length;
  const activity = personalMessage(ctx.connector.serviceUrl, user, text);
  expect((await send(ctx.adapter, activity)).status).toBe(200);
  const replies = ctx.connector.posted.slice(before);
  expect(replies).toHaveLength(1);
  const reply = replies[0]!;
  expect(reply.conversationId).toBe(personalConversation(user));
  expect(reply.replyTo).toBe(activity.id);
  return reply.body;
}

/** Every text of a reply: its text and its card's, flattened. */
function allText(body: Json): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (['text', 'value', 'title', 'url'].includes(key) && typeof value === 'string') out.push(value);
      else walk(value);
    }
  };
  walk(body);
  return out.join('\n');
}

/** The results of a reply's card: one text per fax, in order. */
function resultsOf(body: Json): string[] {
  const attachments = (body.attachments ?? []) as { contentType: string; content: { body: Json[] } }[];
  expect(attachments).toHaveLength(1);
  expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]!.content.body.filter((b) => b.type === 'Container').map((c) => allText(c));
}

describe('Teams: « fax <nom> » said to the bot', { timeout: 30_000 }, () => {
  it('answers in the personal chat with the faxes found and deep links to their cards', async () => {
    const ctx = await setup();
    const reply = await say(ctx, MARIE_T, 'fax cote');
    const [only, ...rest] = resultsOf(reply);
    expect(rest).toEqual([]);
    expect(only).toContain('Hélène Côté · né(e) le 1974-09-21');
    expect(only).toContain('12 mars 2025');
    expect(only).toContain('En attente d’une décision');
    expect(only).toContain('⚠️ À vérifier');
    expect(only).toContain('Mammographie de dépistage');
    expect(only).toMatch(
      /https:\/\/teams\.microsoft\.com\/l\/message\/19%3Aimagerie-general%40thread\.tacv2\/1700000000\d{3}\?tenantId=/,
    );
    expect(allText(reply)).toContain('1 télécopie trouvée pour « cote »');
    // The results went to the personal chat only: nothing more in the channel.
    expect(ctx.connector.posted.filter((p) => p.conversationId === CHANNEL)).toHaveLength(ctx.cardsPosted);
  });

  it('finds names in either order and without accents, the most recent first, and says when nothing matches', async () => {
    const ctx = await setup();
    for (const query of ['fax tremblay marie', 'fax marie tremblay', 'FAX Trem']) {
      const found = resultsOf(await say(ctx, MARIE_T, query));
      expect(found, query).toHaveLength(2);
      expect(found[0]).toContain('Échographie abdominale');
      expect(found[1]).toContain('Radiographie pulmonaire');
    }
    const saint = resultsOf(await say(ctx, MARIE_T, 'fax saint pierre'));
    expect(saint).toHaveLength(1);
    expect(saint[0]).toContain('Luc Saint-Pierre');

    const none = await say(ctx, MARIE_T, 'fax zzyzx');
    expect(resultsOf(none)).toEqual([]);
    expect(allText(none)).toContain('Aucune télécopie trouvée pour « zzyzx ».');

    const help = await say(ctx, MARIE_T, 'fax');
    expect(allText(help)).toContain('fax suivi du nom de l’usager');
  });

  it('answers queries with SQL and FTS syntax instead of crashing', async () => {
    const ctx = await setup();
    for (const query of ['"', '*', "'", 'NEAR', 'tremblay" OR *', "o'brien", 'cote NEAR/2 marie']) {
      const reply = await say(ctx, MARIE_T, `fax ${query}`);
      expect(allText(reply), query).not.toContain('n’a pas pu se faire');
    }
    expect(ctx.log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('does not search in a channel: it says to ask in a personal chat, with no patient data', async () => {
    const ctx = await setup();
    const before = ctx.connector.posted.length;
    const mention = channelMention(ctx.connector.serviceUrl, MARIE_T, 'fax tremblay');
    expect((await send(ctx.adapter, mention)).status).toBe(200);
    const replies = ctx.connector.posted.slice(before);
    expect(replies).toHaveLength(1);
    const text = allText(replies[0]!.body);
    expect(text).toContain('conversation personnelle');
    expect(namesIn(text)).toEqual([]);
    expect(replies[0]!.body.attachments).toBeUndefined();
  });

  it('refuses someone who is not in the faxes’ team, and anyone while the membership cannot be checked', async () => {
    const ctx = await setup();
    const refused = await say(ctx, JULIEN_T, 'fax tremblay');
    expect(allText(refused)).toContain('pas autorisé');
    expect(namesIn(allText(refused))).toEqual([]);
    expect(refused.attachments).toBeUndefined();
    expect(ctx.connector.memberLookups).toContain(JULIEN_T.id);

    ctx.connector.state.failMembers = true;
    // Marie was checked already? Not yet: this is her first search, so the check runs and fails.
    const failed = await say(ctx, MARIE_T, 'fax tremblay');
    expect(allText(failed)).toContain('Impossible de vérifier vos droits');
    expect(namesIn(allText(failed))).toEqual([]);
  });

  it('refuses everyone while Faxdesk is not installed in a team (no team to check against)', async () => {
    const ctx = await setup({ install: false });
    const reply = await say(ctx, MARIE_T, 'fax tremblay');
    expect(allText(reply)).toContain('pas encore installé');
    expect(namesIn(allText(reply))).toEqual([]);
  });

  it('with TEAMS_ALLOWED_USERS, answers exactly the people listed', async () => {
    const ctx = await setup({ allowedUsers: [JULIEN_T.aadObjectId] });
    expect(resultsOf(await say(ctx, JULIEN_T, 'fax cote'))).toHaveLength(1);
    const marie = await say(ctx, MARIE_T, 'fax cote');
    expect(allText(marie)).toContain('pas autorisé');
    expect(namesIn(allText(marie))).toEqual([]);
    expect(ctx.connector.memberLookups).toEqual([]);
  });

  it('still answers other messages with its help, and never logs a query', async () => {
    const ctx = await setup();
    const help = await say(ctx, MARIE_T, 'bonjour');
    expect(allText(help)).toContain('Faxdesk publie les ordonnances');
    await say(ctx, MARIE_T, 'fax marie tremblay');
    await say(ctx, JULIEN_T, 'fax cote');
    const logged = JSON.stringify(ctx.log.lines).toLowerCase();
    for (const secret of ['tremblay', 'cote', 'côté', 'échographie']) expect(logged).not.toContain(secret);
    expect(ctx.log.lines.find((l) => l.msg === 'teams search')?.fields).toMatchObject({
      where: 'bot',
      kind: 'results',
      count: 2,
    });
  });
});

describe('Teams: the messaging extension', { timeout: 30_000 }, () => {
  interface ExtensionResult {
    type: string;
    text?: string;
    attachmentLayout?: string;
    attachments?: {
      contentType: string;
      content: Json;
      preview: { contentType: string; content: { title: string; subtitle: string; text: string } };
    }[];
  }

  async function query(ctx: Ctx, user: typeof MARIE_T, value: string | boolean, name = 'patient') {
    const before = ctx.connector.posted.length;
    const res = await send(ctx.adapter, extensionQuery(ctx.connector.serviceUrl, user, [{ name, value }]));
    expect(res.status).toBe(200);
    // The answer is the invoke's response: nothing is posted anywhere.
    expect(ctx.connector.posted.length).toBe(before);
    return (res.body as { composeExtension: ExtensionResult }).composeExtension;
  }

  it('lists the faxes found to the person searching; a picked one inserts a card without patient data', async () => {
    const ctx = await setup();
    const result = await query(ctx, MARIE_T, 'marie tremblay');
    expect(result.type).toBe('result');
    expect(result.attachmentLayout).toBe('list');
    const attachments = result.attachments ?? [];
    expect(attachments).toHaveLength(2);
    const [newest, oldest] = attachments;
    expect(newest!.preview.contentType).toBe('application/vnd.microsoft.card.thumbnail');
    expect(newest!.preview.content.title).toBe('Marie Tremblay · né(e) le 1961-02-03');
    expect(newest!.preview.content.subtitle).toBe('Échographie abdominale');
    expect(newest!.preview.content.text).toContain('14 mars 2025');
    expect(oldest!.preview.content.subtitle).toBe('Radiographie pulmonaire');
    for (const a of attachments) {
      expect(a.contentType).toBe('application/vnd.microsoft.card.adaptive');
      const inserted = JSON.stringify(a.content);
      expect(namesIn(inserted)).toEqual([]);
      expect(inserted).not.toContain('1961');
      expect(inserted).not.toMatch(/Échographie|Radiographie/);
      expect(inserted).toContain('https://teams.microsoft.com/l/message/');
    }
  });

  it('handles accents, no match, the first open and special characters', async () => {
    const ctx = await setup();
    const cote = await query(ctx, MARIE_T, 'COTE');
    expect(cote.attachments?.map((a) => a.preview.content.title)).toEqual([
      'Hélène Côté · né(e) le 1974-09-21',
    ]);
    const none = await query(ctx, MARIE_T, 'zzyzx');
    expect(none).toEqual({ type: 'message', text: 'Aucune télécopie trouvée pour « zzyzx ».' });
    const first = await query(ctx, MARIE_T, true, 'initialRun');
    expect(first.type).toBe('message');
    expect(first.text).toContain('Tapez le nom de l’usager');
    for (const text of ['"', '*', "'", 'NEAR', 'st-pierre NEAR "x"']) {
      const answered = await query(ctx, MARIE_T, text);
      expect(['message', 'result'], text).toContain(answered.type);
      expect(answered.text ?? '', text).not.toContain('n’a pas pu se faire');
    }
  });

  it('refuses someone who is not in the faxes’ team, with no patient data', async () => {
    const ctx = await setup();
    const refused = await query(ctx, JULIEN_T, 'tremblay');
    expect(refused.type).toBe('message');
    expect(refused.text).toContain('pas autorisé');
    expect(refused.attachments).toBeUndefined();
  });
});
