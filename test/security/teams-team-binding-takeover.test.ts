/**
 * Finding (high): when the app was installed in a second team of the same tenant, the bot
 * overwrote its saved team with the newest installation. The messaging-extension search then
 * checked membership of that other team (so, with TEAMS_ALLOWED_USERS unset, anyone who could
 * create a team and add the app could search patients), the duplicate-card check read the wrong
 * team, and removing the app from that team cleared the binding (cards stalled).
 *
 * Now the binding is the team holding TEAMS_CHANNEL_ID (asked of the Bot Connector) or
 * TEAMS_TEAM_ID; another installation is logged, refused and told so in Teams, and changes
 * nothing; a search or a click from another team is refused whatever TEAMS_ALLOWED_USERS says.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../adapters/teams/adapter.ts';
import { createActionHandler } from '../../src/actions/handle-action.ts';
import { silentLogger } from '../../src/log.ts';
import { createDeliverer } from '../../src/posting/deliverer.ts';
import { createActionPolicy } from '../../src/workflow/policy.ts';
import { createWorkflow } from '../../src/workflow/workflow.ts';
import { startMembersConnector } from '../chat-search/connector.ts';
import { namesIn, storePatients } from '../chat-search/patients.ts';
import { extensionQuery, personalMessage } from '../chat-search/teams-activities.ts';
import {
  CHANNEL,
  JULIEN_T,
  MARIE_T,
  TEAM,
  TENANT,
  cardAction,
  localTeamsSettings,
  teamInstall,
  teamInstallationUpdate,
  teamUninstall,
  type TeamsTeam,
} from '../teams/teams-activities.ts';
import { openTempStore, RecordingMailer, recordingLogger, storeFax } from '../workflow/helpers.ts';
import { sendActivity } from '../teams/send-activity.ts';

/** A second team of the same tenant: Julien created it and added the Faxdesk app to it. */
const OTHER: TeamsTeam = {
  id: '19:equipe-de-julien@thread.tacv2',
  name: 'Équipe de Julien',
  aadGroupId: '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a',
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  opts: { allowedUsers?: string[]; teamId?: string; before?: (dir: string, serviceUrl: string) => void } = {},
) {
  const dir = mkdtempSync(join(tmpdir(), 'faxdesk-sec-teams-'));
  // Marie is in the faxes' team; Julien only in his own.
  const connector = await startMembersConnector({
    teams: {
      [TEAM]: { members: [MARIE_T.id], channels: [TEAM] },
      [OTHER.id]: { members: [JULIEN_T.id], channels: [OTHER.id, '19:julien-projets@thread.tacv2'] },
    },
  });
  cleanups.push(connector.close);
  opts.before?.(dir, connector.serviceUrl);
  const store = openTempStore(join(dir, 'faxdesk.sqlite'));
  cleanups.push(() => store.close());
  const workflow = createWorkflow({
    store,
    mailer: new RecordingMailer(),
    policy: createActionPolicy({ channelId: CHANNEL, platform: 'teams', userIds: opts.allowedUsers ?? [] }),
  });
  const log = recordingLogger();
  const adapter = createTeamsAdapter(
    { ...localTeamsSettings(dir), ...(opts.teamId ? { teamId: opts.teamId } : {}) },
    { store, handleAction: createActionHandler({ workflow, store }), log, lang: 'fr' },
    { searchAllowedUsers: opts.allowedUsers ?? [] },
  );
  await adapter.start();
  cleanups.push(() => adapter.stop());
  const deliverer = createDeliverer({ store, channel: adapter, log: silentLogger, minIntervalMs: 0 });
  const file = join(dir, 'teams-conversation.json');
  return { dir, connector, store, adapter, deliverer, log, file };
}

const send = sendActivity;

/** Everything a reply or an invoke answer says, flattened. */
function textOf(node: unknown): string {
  return JSON.stringify(node ?? null);
}

describe('Teams: a second team cannot take the binding over', () => {
  it('refuses the second installation, tells that team so once, and changes nothing', async () => {
    const { connector, store, adapter, deliverer, log, file } = await setup();
    const faxes = await storePatients(store);
    expect((await send(adapter, teamInstall(connector.serviceUrl))).status).toBe(200);
    expect(await deliverer.runOnce()).toBe(faxes.size);
    const binding = readFileSync(file, 'utf8');
    expect(JSON.parse(binding)).toMatchObject({ teamId: TEAM });

    // Teams sends both events when an app is added to a team.
    expect((await send(adapter, teamInstall(connector.serviceUrl, OTHER))).status).toBe(200);
    expect((await send(adapter, teamInstallationUpdate(connector.serviceUrl, OTHER))).status).toBe(200);

    expect(readFileSync(file, 'utf8')).toBe(binding);
    const toOther = connector.posted.filter((p) => p.conversationId.startsWith(OTHER.id));
    expect(toOther).toHaveLength(1);
    expect(String(toOther[0]!.body.text)).toContain('installation est refusée');
    expect(toOther[0]!.body.attachments).toBeUndefined();
    expect(namesIn(textOf(toOther[0]!.body))).toEqual([]);
    expect(
      log.lines.some(
        (l) => l.level === 'warn' && l.msg.includes('installation refused') && l.fields.teamId === OTHER.id,
      ),
    ).toBe(true);

    // Removing the app from the other team unbinds nothing: the next card still goes out.
    expect((await send(adapter, teamUninstall(connector.serviceUrl, OTHER))).status).toBe(200);
    expect(readFileSync(file, 'utf8')).toBe(binding);
    await storeFax(store);
    expect(await deliverer.runOnce()).toBe(1);
    expect(connector.posted.filter((p) => p.conversationId === CHANNEL)).toHaveLength(faxes.size + 1);
  });

  it('never lets the other team’s members search: personal chat or compose box', async () => {
    const { connector, store, adapter, deliverer } = await setup();
    await storePatients(store);
    await send(adapter, teamInstall(connector.serviceUrl));
    await deliverer.runOnce();
    await send(adapter, teamInstall(connector.serviceUrl, OTHER));
    await send(adapter, teamInstallationUpdate(connector.serviceUrl, OTHER));

    const before = connector.posted.length;
    expect(
      (await send(adapter, personalMessage(connector.serviceUrl, JULIEN_T, 'fax tremblay'))).status,
    ).toBe(200);
    const replies = connector.posted.slice(before);
    expect(replies).toHaveLength(1);
    expect(textOf(replies[0]!.body)).toContain('pas autorisé');
    expect(namesIn(textOf(replies[0]!.body))).toEqual([]);

    const inOtherTeam = {
      ...extensionQuery(connector.serviceUrl, JULIEN_T, [{ name: 'patient', value: 'tremblay' }]),
      conversation: { id: OTHER.id, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, team: { id: OTHER.id }, channel: { id: OTHER.id } },
    };
    const answer = await send(adapter, inOtherTeam);
    expect(answer.status).toBe(200);
    expect(namesIn(textOf(answer.body))).toEqual([]);
    expect(textOf(answer.body)).not.toContain('"type":"result"');

    // Marie, in the faxes' team, still finds them.
    await send(adapter, personalMessage(connector.serviceUrl, MARIE_T, 'fax tremblay'));
    expect(namesIn(textOf(connector.posted.at(-1)!.body))).toContain('Tremblay');
  });

  it('refuses a search or a click from another team even to someone in TEAMS_ALLOWED_USERS', async () => {
    const allowed = [JULIEN_T.aadObjectId, MARIE_T.aadObjectId];
    const { connector, store, adapter, deliverer } = await setup({ allowedUsers: allowed });
    await storePatients(store);
    await send(adapter, teamInstall(connector.serviceUrl));
    await deliverer.runOnce();
    await send(adapter, teamInstall(connector.serviceUrl, OTHER));

    const inOtherTeam = {
      ...extensionQuery(connector.serviceUrl, JULIEN_T, [{ name: 'patient', value: 'tremblay' }]),
      conversation: { id: OTHER.id, conversationType: 'channel', isGroup: true, tenantId: TENANT },
      channelData: { tenant: { id: TENANT }, team: { id: OTHER.id }, channel: { id: OTHER.id } },
    };
    const answer = await send(adapter, inOtherTeam);
    expect(namesIn(textOf(answer.body))).toEqual([]);
    expect(textOf(answer.body)).toContain('équipe du canal des télécopies');

    const fax = await storeFax(store, { verdict: 'ok' });
    await deliverer.runOnce();
    const click = cardAction(connector.serviceUrl, {
      user: JULIEN_T,
      verb: 'fax.accept',
      data: { faxId: fax.id, expectedStatus: 'pending' },
      messageId: '1700000000999',
      channel: CHANNEL,
    });
    const fromOther = { ...click, channelData: { ...click.channelData, team: { id: OTHER.id } } };
    const clicked = await send(adapter, fromOther);
    expect(clicked.status).toBe(200);
    expect(namesIn(textOf(clicked.body))).toEqual([]);
    expect((await store.getFax(fax.id))!.status).toBe('pending');
  });

  it('with TEAMS_TEAM_ID, binds that team only', async () => {
    const { connector, adapter, file } = await setup({ teamId: TEAM });
    await send(adapter, teamInstall(connector.serviceUrl, OTHER));
    expect(existsSync(file)).toBe(false);
    await send(adapter, teamInstall(connector.serviceUrl));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ teamId: TEAM });
  });

  it('undoes a takeover recorded before the upgrade: the stored team is checked again, and dropped', async () => {
    let file = '';
    const { connector, store, adapter, log } = await setup({
      before: (dir, serviceUrl) => {
        file = join(dir, 'teams-conversation.json');
        // What an earlier version wrote when the app was added to Julien's team.
        writeFileSync(
          file,
          JSON.stringify({
            version: 1,
            serviceUrl,
            tenantId: TENANT,
            bot: { id: '28:00000000-0000-0000-0000-00000000fa0d' },
            teamId: OTHER.id,
            teamGroupId: OTHER.aadGroupId,
            installedFrom: OTHER.id,
            savedAt: '2025-03-01T12:00:00.000Z',
          }),
        );
      },
    });
    await storePatients(store);
    const before = connector.posted.length;
    await send(adapter, personalMessage(connector.serviceUrl, JULIEN_T, 'fax tremblay'));
    const reply = connector.posted.slice(before);
    expect(namesIn(textOf(reply))).toEqual([]);
    expect(existsSync(file)).toBe(false);
    expect(log.lines.some((l) => l.msg.includes('binding dropped') && l.fields.teamId === OTHER.id)).toBe(
      true,
    );
  });
});
