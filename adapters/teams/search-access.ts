/**
 * Who may look up faxes from Teams. A search runs in a personal chat or in the messaging
 * extension, where there is no channel to check, so the rule is about the person:
 *
 * 1. from the configured tenant (when one is set), and
 * 2. Faxdesk bound to its team (team-binding.ts), and the search not asked from another team
 *    (the messaging extension in another team's compose box) — whatever TEAMS_ALLOWED_USERS says;
 * 3. in TEAMS_ALLOWED_USERS when that list is set (Entra object ids or Teams `29:` ids);
 *    otherwise a member of the bound team — the people who see the cards — asked of the Bot
 *    Connector (`GET /v3/conversations/{team}/members/{user}`).
 *
 * It fails closed: app not installed in its team yet, or the membership check failing → refused.
 */
import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { StoredConversation } from './conversation-store.ts';
import { activityTeamId, activityTenantId } from './teams-ids.ts';

export type SearchRefusal =
  'wrong_tenant' | 'wrong_team' | 'user_not_allowed' | 'not_installed' | 'check_failed';

export interface SearchAccessOptions {
  tenantId: string | null;
  /** Empty: members of the bound team. */
  allowedUsers: readonly string[];
  /** The bound team (team-binding.ts). */
  bound: () => Promise<StoredConversation | null>;
  clock: () => Date;
  /** How long a "yes, a member" is remembered (a messaging extension asks at every keystroke). */
  memberCacheMs?: number;
}

/** The HTTP status of a Bot Connector failure, whichever client threw it; null when none came. */
export function statusOf(error: unknown): number | null {
  // The adapter's own HTTP client (connector-http.ts) throws `status`; botbuilder's, `statusCode`.
  const e = error as { status?: unknown; statusCode?: unknown; response?: { status?: unknown } } | null;
  const status = e?.status ?? e?.statusCode ?? e?.response?.status;
  return typeof status === 'number' ? status : null;
}

export function createSearchAccess(opts: SearchAccessOptions) {
  const allowed = new Set(opts.allowedUsers);
  const cacheMs = opts.memberCacheMs ?? 10 * 60_000;
  const members = new Map<string, number>();

  return async function check(context: TurnContext): Promise<SearchRefusal | null> {
    const activity = context.activity;
    if (opts.tenantId !== null && activityTenantId(activity) !== opts.tenantId) return 'wrong_tenant';
    const teamId = (await opts.bound())?.teamId ?? null;
    if (teamId === null) return 'not_installed';
    const askedFrom = activityTeamId(activity);
    if (askedFrom !== null && askedFrom !== teamId) return 'wrong_team';
    const from = activity.from;
    const ids = [from.aadObjectId, from.id].filter((id): id is string => Boolean(id));
    if (allowed.size > 0) return ids.some((id) => allowed.has(id)) ? null : 'user_not_allowed';

    const key = `${teamId}|${from.id}`;
    const now = opts.clock().getTime();
    if ((members.get(key) ?? 0) > now) return null;
    try {
      await TeamsInfo.getTeamMember(context, teamId, from.id);
    } catch (error) {
      // A 403/404 means "not a member"; anything else, "could not check".
      const status = statusOf(error);
      return status === 403 || status === 404 ? 'user_not_allowed' : 'check_failed';
    }
    members.set(key, now + cacheMs);
    return null;
  };
}
