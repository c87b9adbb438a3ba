/**
 * Who may act on a fax. Actions are accepted only from the configured channel
 * (the one the cards are posted to), and, when a list of users or a group is
 * configured, only from those people. Anything else is refused: the policy
 * fails closed (no channel configured, a group nobody can check, a group
 * lookup that errors → refused).
 */
import type { ActionActor, ActionName } from './types.ts';

/** Why an action was refused: a code for the log, never shown with any fax content. */
export type RefusalReason = 'wrong_platform' | 'wrong_channel' | 'user_not_allowed' | 'group_check_failed';

export interface ActionPolicy {
  /** Null when the actor may perform the action, else why not. */
  check(actor: ActionActor, action: ActionName): Promise<RefusalReason | null>;
}

export interface ActionPolicyConfig {
  /** The channel the cards are posted to; clicks from anywhere else are refused. */
  channelId: string;
  /** When set, the actor's platform must match too (channel ids are only unique per platform). */
  platform?: string;
  /** Platform user ids allowed to act. Empty or absent: anyone in the channel (unless a group is set). */
  userIds?: readonly string[];
  /** A platform group (Slack user group, Teams/Entra group) whose members may act. */
  groupId?: string;
  /** Asks the platform whether the user belongs to the group; required when `groupId` is set. */
  isGroupMember?: (userId: string, groupId: string) => Promise<boolean>;
}

export function createActionPolicy(config: ActionPolicyConfig): ActionPolicy {
  if (config.channelId.trim() === '') throw new Error('action policy: a channel id is required');
  if (config.groupId !== undefined && config.isGroupMember === undefined) {
    throw new Error('action policy: a group is configured but nothing can check membership');
  }
  const users = new Set(config.userIds ?? []);
  const restricted = users.size > 0 || config.groupId !== undefined;

  return {
    async check(actor) {
      if (config.platform !== undefined && actor.platform !== config.platform) return 'wrong_platform';
      if (actor.channelId !== config.channelId) return 'wrong_channel';
      if (!restricted || users.has(actor.id) || (actor.otherIds ?? []).some((id) => users.has(id)))
        return null;
      if (config.groupId === undefined || config.isGroupMember === undefined) return 'user_not_allowed';
      try {
        return (await config.isGroupMember(actor.id, config.groupId)) ? null : 'user_not_allowed';
      } catch {
        return 'group_check_failed';
      }
    },
  };
}
