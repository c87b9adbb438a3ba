/**
 * `/fax <nom>` end to end: signed slash-command requests to the Slack adapter (Bolt, HTTP
 * mode, on 127.0.0.1), the real search core over a real SQLite store, cards posted through
 * the outbox to the Slack stand-in. The answer must reach the person alone (the command's
 * response_url, ephemeral), and only from the faxes' channel, for allowed users.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/adapter.ts';
import { slackPolicyConfig } from '../../adapters/slack/settings.ts';
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { createActionHandler } from '../../src/actions/handle-action.ts';
import { createDeliverer } from '../../src/posting/deliverer.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { createActionPolicy, createWorkflow } from '../../src/workflow/index.ts';
import { SlackStandIn } from '../slack/stand-in.ts';
import { CHANNEL, openTempStore, RecordingMailer, recordingLogger } from '../workflow/helpers.ts';
import { namesIn, storePatients } from './patients.ts';
import { postSlashCommand } from './slack-command.ts';

const TOKEN = 'xoxb-1111-2222-faxdesktest';
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const OTHER_CHANNEL = 'C0ELSEWHERE';
/** The clerk (named nothing like a patient, so the log checks below mean something). */
const CLERK = { id: 'U01LAVOIE', name: 'a.lavoie' };
const JULIEN = { id: 'U02JULIEN', name: 'julien.roy' };

interface Block {
  type: string;
  text?: { type: string; text: string };
  elements?: { text: string }[];
}
interface Answer {
  response_type?: string;
  replace_original?: boolean;
  text: string;
  blocks?: Block[];
}

let standIn: SlackStandIn;
let store: SqliteFaxStore;
let adapter: SlackAdapter;
let log: ReturnType<typeof recordingLogger>;
let events: string;
let faxes: Map<string, FaxRecord>;
let asked = 0;

beforeEach(async () => {
  standIn = new SlackStandIn({ token: TOKEN, channels: [CHANNEL, OTHER_CHANNEL] });
  await standIn.start();
  const settings = standIn.adapterSettings(CHANNEL, { signingSecret: SECRET, allowedUsers: [CLERK.id] });
  store = openTempStore();
  log = recordingLogger();
  const workflow = createWorkflow({
    store,
    mailer: new RecordingMailer(),
    policy: createActionPolicy(slackPolicyConfig(settings)),
  });
  const handleAction = createActionHandler({ workflow, store });
  adapter = createSlackAdapter(settings, { store, handleAction, log, lang: 'fr' });
  await adapter.start();
  const address = adapter.address();
  if (address === null) throw new Error('adapter not listening');
  events = `http://127.0.0.1:${address.port}/slack/events`;
  faxes = await storePatients(store);
  // The cards are in the channel, as they would be: the results link to them.
  const deliverer = createDeliverer({ store, channel: adapter, log, minIntervalMs: 0 });
  expect(await deliverer.runOnce()).toBe(faxes.size);
});

afterEach(async () => {
  await adapter.stop();
  await standIn.stop();
  store.close();
});

/** Types `/fax <text>` as `user` in `channel`; returns what reached the command's response_url. */
async function ask(text: string, user = CLERK, channel = CHANNEL): Promise<Answer> {
  const id = `cmd-${++asked}`;
  const before = standIn.responses.length;
  const ack = await postSlashCommand(events, SECRET, {
    text,
    userId: user.id,
    userName: user.name,
    channelId: channel,
    responseUrl: standIn.responseUrl(id),
  });
  expect(ack.status).toBe(200);
  // The acknowledgement is empty: the answer follows through response_url.
  expect(ack.text).toBe('');
  await vi.waitFor(() => expect(standIn.responses.length).toBe(before + 1), { timeout: 5000 });
  const response = standIn.responses[before];
  expect(response?.path).toBe(`/respond/${id}`);
  return response?.body as unknown as Answer;
}

function textOf(answer: Answer): string {
  const blocks = (answer.blocks ?? []).map((b) =>
    [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text)].join('\n'),
  );
  return [answer.text, ...blocks].join('\n');
}

/** The results' sections, in order (after the divider). */
function items(answer: Answer): string[] {
  const blocks = answer.blocks ?? [];
  const divider = blocks.findIndex((b) => b.type === 'divider');
  return divider < 0 ? [] : blocks.slice(divider + 1).map((b) => b.text?.text ?? '');
}

function headline(answer: Answer): string {
  return answer.blocks?.[0]?.text?.text ?? '';
}

async function permalinkOf(key: string): Promise<string> {
  const fax = faxes.get(key);
  if (!fax) throw new Error(`no fax ${key}`);
  const [ref] = await store.listChatMessages(fax.id);
  if (!ref) throw new Error(`fax ${key} not posted`);
  return `https://faxdesk-test.slack.com/archives/${CHANNEL}/p${ref.messageId.replace('.', '')}`;
}

describe('/fax in Slack', { timeout: 30_000 }, () => {
  it('answers the person alone with the matching faxes, each with its date, state, verdict, exam and card link', async () => {
    const posted = standIn.callsTo('chat.postMessage').length;
    const answer = await ask('cote');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.replace_original).toBe(false);
    expect(headline(answer)).toBe('1 télécopie trouvée pour « cote » :');
    const [only, ...rest] = items(answer);
    expect(rest).toEqual([]);
    expect(only).toContain('*Hélène Côté* · né(e) le 1974-09-21');
    expect(only).toContain('12 mars 2025');
    expect(only).toContain('En attente d’une décision');
    expect(only).toContain('⚠️ À vérifier');
    expect(only).toContain('Mammographie de dépistage');
    expect(only).toContain(`<${await permalinkOf('cote')}|Voir la fiche>`);
    // The fallback text (notifications, previews) names nobody.
    expect(namesIn(answer.text)).toEqual([]);
    // Nothing went to the channel: no new message, no ephemeral through the Web API either.
    expect(standIn.callsTo('chat.postMessage').length).toBe(posted);
    expect(standIn.callsTo('chat.postEphemeral')).toEqual([]);
  });

  it('finds names in either order, without accents or capitals, on prefixes, the most recent first', async () => {
    for (const query of ['tremblay marie', 'marie tremblay', 'TREMBLAY', 'trem']) {
      const answer = await ask(query);
      const found = items(answer);
      expect(found, query).toHaveLength(2);
      expect(found[0]).toContain('Échographie abdominale'); // 14 March
      expect(found[1]).toContain('Radiographie pulmonaire'); // 10 March
      expect(found.every((t) => t.includes('*Marie Tremblay*'))).toBe(true);
      expect(headline(answer)).toContain(`2 télécopies trouvées pour « ${query} »`);
    }
    for (const query of ['saint pierre', 'st-pierre', 'Saint-Pierre luc']) {
      const found = items(await ask(query));
      expect(found, query).toHaveLength(1);
      expect(found[0]).toContain('*Luc Saint-Pierre*');
    }
    const byNam = items(await ask('COTH 7459 2118'));
    expect(byNam).toHaveLength(1);
    expect(byNam[0]).toContain('Hélène Côté');
    const fax = faxes.get('saint-pierre');
    const byId = items(await ask(fax?.id ?? ''));
    expect(byId).toHaveLength(1);
    expect(byId[0]).toContain('Luc Saint-Pierre');
  });

  it('says so when nothing matches, and gives the help for an empty command', async () => {
    const none = await ask('zzyzx');
    expect(headline(none)).toBe('Aucune télécopie trouvée pour « zzyzx ».');
    expect(items(none)).toEqual([]);
    const help = await ask('   ');
    expect(textOf(help)).toContain('/fax');
    expect(textOf(help)).toContain('n’importe quel ordre');
    expect(items(help)).toEqual([]);
  });

  it('answers queries full of SQL and FTS syntax instead of crashing', async () => {
    for (const query of [
      '"',
      '*',
      "'",
      'NEAR',
      'tremblay" OR *',
      "o'brien; DROP TABLE faxes; --",
      'cote NEAR/2 marie',
      'tremblay AND NOT marie',
      '(marie',
      '^trem*',
    ]) {
      const answer = await ask(query);
      expect(answer.response_type, query).toBe('ephemeral');
      expect(textOf(answer), query).not.toContain('n’a pas pu se faire');
      expect(headline(answer), query).not.toBe('');
    }
    // The store still answers afterwards.
    expect(items(await ask('tremblay'))).toHaveLength(2);
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
  });

  it('refuses, without any patient data, a command from another channel or from someone not allowed', async () => {
    const posted = standIn.callsTo('chat.postMessage').length;
    const elsewhere = await ask('tremblay', CLERK, OTHER_CHANNEL);
    expect(elsewhere.response_type).toBe('ephemeral');
    expect(textOf(elsewhere)).toContain(`<#${CHANNEL}>`);
    expect(namesIn(textOf(elsewhere))).toEqual([]);
    expect(items(elsewhere)).toEqual([]);

    const stranger = await ask('tremblay', JULIEN);
    expect(textOf(stranger)).toContain('pas autorisé');
    expect(namesIn(textOf(stranger))).toEqual([]);
    expect(textOf(stranger)).not.toContain('Radiographie');

    expect(standIn.callsTo('chat.postMessage').length).toBe(posted);
    expect(standIn.callsTo('chat.postEphemeral')).toEqual([]);
    const refusals = log.lines.filter((l) => l.msg === 'slack search refused');
    expect(refusals.map((l) => l.fields.reason)).toEqual(['wrong_channel', 'user_not_allowed']);
  });

  it('never logs the query or what it found', async () => {
    await ask('cote');
    await ask('marie tremblay');
    await ask('zzyzx', JULIEN);
    const logged = JSON.stringify(log.lines).toLowerCase();
    for (const secret of ['cote', 'côté', 'tremblay', 'marie', 'zzyzx', 'mammographie']) {
      expect(logged).not.toContain(secret);
    }
    expect(log.lines.filter((l) => l.msg === 'slack search').map((l) => l.fields.count)).toEqual([1, 2]);
  });
});
