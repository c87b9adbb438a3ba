/**
 * Which team Faxdesk belongs to. Cards go to TEAMS_CHANNEL_ID; the team bound is the one that
 * holds that channel (or TEAMS_TEAM_ID when configured), and only that one: its members may
 * search (when TEAMS_ALLOWED_USERS is unset), its channel is read back through Graph, and only
 * its removal unbinds Faxdesk. Without this, installing the app in a second team of the tenant
 * moved the binding there: that team's members could then search patients, the duplicate-card
 * check read the wrong team, and removing the app from it stalled the cards.
 *
 * An installation is admitted when its team is the configured one, or when the team holds the
 * channel — its General channel is the channel itself, otherwise the Bot Connector lists the
 * team's channels. Anything else is refused (fail closed when the Connector cannot say). A
 * binding stored before this check, or under another rule (the settings changed), is checked
 * again before it is trusted; one that fails the check is dropped.
 */
import type { Logger } from '../../src/log.ts';
import type { ConversationStore, StoredConversation } from './conversation-store.ts';
import { statusOf } from './search-access.ts';

export type TeamCheck = 'holds' | 'not_held' | 'unknown';

export interface TeamBindingOptions {
  channelId: string;
  /** TEAMS_TEAM_ID; null: the team holding `channelId`. */
  configuredTeamId: string | null;
  conversations: ConversationStore;
  /** The channel ids of a team, asked of the Bot Connector; throws (with the HTTP status) when it cannot say. */
  channelsOf: (teamId: string) => Promise<string[]>;
  log: Logger;
}

export interface TeamBinding {
  /** Whether `teamId` is Faxdesk's team under the current settings. */
  check(teamId: string, channelsOf?: (teamId: string) => Promise<string[]>): Promise<TeamCheck>;
  /** The rule a stored binding records (StoredConversation.verifiedFor). */
  readonly rule: string;
  /** The bound team, once checked under the current rule; null when none (or not checkable now). */
  bound(): Promise<StoredConversation | null>;
}

export function createTeamBinding(opts: TeamBindingOptions): TeamBinding {
  const rule = opts.configuredTeamId !== null ? `team:${opts.configuredTeamId}` : `channel:${opts.channelId}`;

  async function check(
    teamId: string,
    channelsOf: (teamId: string) => Promise<string[]> = opts.channelsOf,
  ): Promise<TeamCheck> {
    if (opts.configuredTeamId !== null) return teamId === opts.configuredTeamId ? 'holds' : 'not_held';
    if (teamId === opts.channelId) return 'holds'; // a team's General channel has the team's id
    try {
      return (await channelsOf(teamId)).includes(opts.channelId) ? 'holds' : 'not_held';
    } catch (error) {
      const status = statusOf(error);
      if (status === 403 || status === 404) return 'not_held';
      opts.log.warn('teams: the team’s channels could not be listed', {
        status,
        error: (error as Error).name,
      });
      return 'unknown';
    }
  }

  return {
    check,
    rule,
    async bound() {
      const stored = opts.conversations.load();
      if (stored === null || stored.teamId === null) return null;
      if (stored.verifiedFor === rule) return stored;
      const verdict = await check(stored.teamId);
      if (verdict === 'unknown') return null; // asked again next time
      if (verdict === 'not_held') {
        opts.conversations.clear();
        opts.log.warn('teams: the stored team is not the one of TEAMS_CHANNEL_ID: binding dropped', {
          teamId: stored.teamId,
        });
        return null;
      }
      const verified = { ...stored, verifiedFor: rule };
      opts.conversations.save(verified);
      return verified;
    },
  };
}
