/**
 * How Teams names the places an activity comes from. A card posted in a channel lives in
 * the conversation `19:…@thread.tacv2` (its thread: `19:…@thread.tacv2;messageid=…`);
 * `channelData.channel.id` is the channel itself. Faxdesk's channel id for Teams is that
 * channel id, without the thread suffix — the same value as TEAMS_CHANNEL_ID.
 */
import type { Activity } from 'botbuilder';

interface TeamsChannelData {
  channel?: { id?: string };
  team?: { id?: string; aadGroupId?: string };
  tenant?: { id?: string };
}

function channelData(activity: Partial<Activity>): TeamsChannelData {
  const data: unknown = activity.channelData;
  return typeof data === 'object' && data !== null ? (data as TeamsChannelData) : {};
}

export function activityChannelId(activity: Partial<Activity>): string {
  const fromData = channelData(activity).channel?.id;
  if (fromData) return fromData;
  return (activity.conversation?.id ?? '').split(';')[0] ?? '';
}

export function activityTeamId(activity: Partial<Activity>): string | null {
  return channelData(activity).team?.id ?? null;
}

/** The team's Microsoft 365 group id (a GUID): how Microsoft Graph names the team. */
export function activityTeamGroupId(activity: Partial<Activity>): string | null {
  return channelData(activity).team?.aadGroupId || null;
}

export function activityTenantId(activity: Partial<Activity>): string | null {
  return activity.conversation?.tenantId ?? channelData(activity).tenant?.id ?? null;
}
