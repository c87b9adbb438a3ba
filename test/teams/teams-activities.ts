/** Activities shaped as Teams sends them to a bot's `/api/messages`, for the tests. */
import { join } from 'node:path';
import type { TeamsSettings } from '../../adapters/teams/settings.ts';
export const TENANT = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
export const TEAM = '19:imagerie-general@thread.tacv2';
/** The team's Microsoft 365 group id: how Microsoft Graph names the team. */
export const TEAM_GROUP_ID = '5a1f0c2e-7b3d-4e8f-9a6b-2c4d6e8f0a1b';
/** The team's General channel has the team's id; Faxdesk posts there in these tests. */
export const CHANNEL = TEAM;
export const OTHER_CHANNEL = '19:autre-canal@thread.tacv2';
/** The adapter's settings in local mode (no Microsoft sign-in), its conversation file under `dir`. */
export function localTeamsSettings(dir: string): TeamsSettings {
  return {
    appId: null,
    appPassword: null,
    tenantId: TENANT,
    channelId: CHANNEL,
    port: 0,
    host: '127.0.0.1',
    conversationStorePath: join(dir, 'teams-conversation.json'),
    localMode: true,
    refreshUserIds: [],
  };
}

export const BOT = { id: '28:00000000-0000-0000-0000-00000000fa0d', name: 'Faxdesk' };

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}
export const MARIE_T: TeamsUser = { id: '29:marie', aadObjectId: 'aad-marie', name: 'Marie Lavoie' };
export const JULIEN_T: TeamsUser = { id: '29:julien', aadObjectId: 'aad-julien', name: 'Julien Roy' };

let seq = 0;
const base = (serviceUrl: string) => ({
  id: `act-${++seq}`,
  timestamp: new Date().toISOString(),
  channelId: 'msteams',
  serviceUrl,
  recipient: BOT,
});

/** A team of the tenant: its thread id (its General channel's id too) and its Microsoft 365 group id. */
export interface TeamsTeam {
  id: string;
  name: string;
  aadGroupId: string;
}
export const IMAGERIE: TeamsTeam = { id: TEAM, name: 'Imagerie', aadGroupId: TEAM_GROUP_ID };

/** What Teams sends when the app is added to a team (the bot becomes a member of the team). */
export function teamInstall(serviceUrl: string, team: TeamsTeam = IMAGERIE) {
  return {
    ...base(serviceUrl),
    type: 'conversationUpdate',
    from: { id: '29:installer', aadObjectId: 'aad-installer' },
    conversation: { id: team.id, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    membersAdded: [{ id: BOT.id }],
    channelData: {
      eventType: 'teamMemberAdded',
      team: { id: team.id, name: team.name, aadGroupId: team.aadGroupId },
      tenant: { id: TENANT },
    },
  };
}

export function teamUninstall(serviceUrl: string, team: TeamsTeam = IMAGERIE) {
  return {
    ...base(serviceUrl),
    type: 'installationUpdate',
    action: 'remove',
    from: { id: '29:installer', aadObjectId: 'aad-installer' },
    conversation: { id: team.id, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: {
      team: { id: team.id },
      tenant: { id: TENANT },
      settings: { selectedChannel: { id: team.id } },
    },
  };
}

/** A click on an Action.Execute of a card posted in `channel` (message `messageId`). */
export function cardAction(
  serviceUrl: string,
  opts: { user: TeamsUser; verb: string; data: unknown; messageId: string; channel?: string },
) {
  const channel = opts.channel ?? CHANNEL;
  return {
    ...base(serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: opts.user,
    conversation: {
      id: `${channel};messageid=${opts.messageId}`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    replyToId: opts.messageId,
    channelData: { channel: { id: channel }, team: { id: TEAM }, tenant: { id: TENANT } },
    value: {
      action: { type: 'Action.Execute', id: `${opts.verb}-button`, verb: opts.verb, data: opts.data },
      trigger: 'manual',
    },
  };
}

/** The other event Teams sends on installation (`installationUpdate` / add). */
export function teamInstallationUpdate(serviceUrl: string, team: TeamsTeam = IMAGERIE) {
  return { ...teamUninstall(serviceUrl, team), action: 'add' };
}
