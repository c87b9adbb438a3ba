/**
 * The Teams adapter wired to a Bot Connector stand-in and a Graph stand-in that share what is
 * in the channel, with a real SQLite store, a test clock and a recording logger. The bot runs
 * in local mode (no Bot Framework authentication); Graph is read with the app's credentials,
 * given apart, as a bot with TEAMS_APP_ID / TEAMS_APP_PASSWORD would.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTeamsAdapter } from '../../adapters/teams/adapter.ts';
import type { TeamsGraphSettings, TeamsSettings } from '../../adapters/teams/settings.ts';
import { renderTeamsCard } from '../../adapters/teams/teams-card.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { openTempStore, recordingLogger } from '../workflow/helpers.ts';
import { startConnectorStandIn } from './connector-stand-in.ts';
import { startGraphStandIn } from './graph-stand-in.ts';
import { CHANNEL, TEAM_GROUP_ID, TENANT, localTeamsSettings } from './teams-activities.ts';

export const APP_ID = '0b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d';
export const APP_SECRET = 'secret-du-robot-0123456789';
export const OTHER_APP_ID = '9e8d7c6b-5a49-4382-9170-fedcba987654';

export interface GraphHarnessOptions {
  /** Overrides of the Graph settings (TEAMS_GRAPH=off…). */
  graph?: Partial<TeamsGraphSettings>;
  /** The secret the adapter reads Graph with; null: none (a bot in local mode without credentials). */
  secret?: string | null;
  tokenLifetime?: number;
}

export async function startGraphHarness(
  cleanups: (() => Promise<void> | void)[],
  opts: GraphHarnessOptions = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'faxdesk-teams-graph-'));
  const connector = await startConnectorStandIn({ teamGroupId: TEAM_GROUP_ID });
  cleanups.push(connector.close);
  const graph = await startGraphStandIn({
    tenantId: TENANT,
    clientId: APP_ID,
    clientSecret: APP_SECRET,
    groupId: TEAM_GROUP_ID,
    channelId: CHANNEL,
    connector,
    ...(opts.tokenLifetime !== undefined ? { tokenLifetime: opts.tokenLifetime } : {}),
  });
  cleanups.push(graph.close);
  const store = openTempStore(join(dir, 'faxdesk.sqlite'));
  cleanups.push(() => store.close());
  let now = new Date();
  const clock = () => now;
  const advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  const log = recordingLogger();
  const settings: TeamsSettings = { ...localTeamsSettings(dir), graph: { ...graph.settings, ...opts.graph } };
  const secret = opts.secret === undefined ? APP_SECRET : opts.secret;
  const adapter = createTeamsAdapter(
    settings,
    {
      store,
      handleAction: async () => ({ ok: false as const, code: 'invalid' as const, message: 'non' }),
      log,
      lang: 'fr',
    },
    {
      clock,
      ...(secret !== null
        ? { graphCredentials: { tenantId: TENANT, clientId: APP_ID, clientSecret: secret } }
        : {}),
    },
  );
  await adapter.start();
  cleanups.push(() => adapter.stop());

  /** Sends an activity to the bot as Teams would. */
  async function send(activity: Record<string, unknown>): Promise<number> {
    const res = await fetch(`http://127.0.0.1:${adapter.port()}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity),
    });
    await res.text();
    return res.status;
  }

  /** The fax's card exactly as the adapter renders it. */
  async function cardOf(fax: FaxRecord) {
    return renderTeamsCard(
      { fax, events: await store.listEvents(fax.id) },
      { lang: 'fr', refreshUserIds: [] },
    );
  }

  return { dir, connector, graph, store, clock, advance, log, adapter, settings, send, cardOf };
}
export type GraphHarness = Awaited<ReturnType<typeof startGraphHarness>>;
