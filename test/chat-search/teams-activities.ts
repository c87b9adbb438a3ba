/** What Teams sends a bot when someone looks up a fax: a personal message, a channel @mention, a messaging-extension query. */
import { BOT, CHANNEL, TEAM, TENANT, type TeamsUser } from '../teams/teams-activities.ts';

let seq = 0;
const base = (serviceUrl: string, user: TeamsUser) => ({
  id: `search-act-${++seq}`,
  timestamp: new Date().toISOString(),
  channelId: 'msteams',
  serviceUrl,
  recipient: BOT,
  from: user,
  locale: 'fr-CA',
});

/** The conversation id of a user's personal chat with the bot. */
export const personalConversation = (user: TeamsUser) => `a:1personal-${user.id.replace(':', '-')}`;

export function personalMessage(serviceUrl: string, user: TeamsUser, text: string) {
  return {
    ...base(serviceUrl, user),
    type: 'message',
    text,
    textFormat: 'plain',
    conversation: { id: personalConversation(user), conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}

/** `@Faxdesk <text>` in the team's channel. */
export function channelMention(serviceUrl: string, user: TeamsUser, text: string) {
  const mention = `<at>${BOT.name}</at>`;
  return {
    ...base(serviceUrl, user),
    type: 'message',
    text: `${mention} ${text}`,
    textFormat: 'plain',
    conversation: {
      id: `${CHANNEL};messageid=1700000000999`,
      conversationType: 'channel',
      isGroup: true,
      tenantId: TENANT,
    },
    entities: [{ type: 'mention', text: mention, mentioned: BOT }],
    channelData: { channel: { id: CHANNEL }, team: { id: TEAM }, tenant: { id: TENANT } },
  };
}

/** The messaging extension's search, typed in the compose box of a group chat. */
export function extensionQuery(
  serviceUrl: string,
  user: TeamsUser,
  parameters: { name: string; value: unknown }[],
  commandId = 'searchFax',
) {
  return {
    ...base(serviceUrl, user),
    type: 'invoke',
    name: 'composeExtension/query',
    conversation: { id: '19:groupe-imagerie@thread.v2', conversationType: 'groupChat', tenantId: TENANT },
    channelData: { tenant: { id: TENANT }, source: { name: 'compose' } },
    value: { commandId, parameters, queryOptions: { skip: 0, count: 25 } },
  };
}
