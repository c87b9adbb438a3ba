/**
 * Where Faxdesk can reach the team: the Bot Connector service URL, the tenant and the bot's
 * own id, learnt when the app is installed in the team (Teams sends a conversationUpdate /
 * installationUpdate). Posting needs them; they survive restarts in a small JSON file under
 * FAXDESK_HOME. Nothing about patients, and nothing about the person who installed the app.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

export const StoredConversation = z.object({
  version: z.literal(1),
  /** The Bot Connector endpoint for this team's region (e.g. https://smba.trafficmanager.net/amer/). */
  serviceUrl: z.url(),
  tenantId: z.string().nullable(),
  /** The bot as Teams knows it in this team (`28:<app id>`). */
  bot: z.object({ id: z.string().min(1), name: z.string().optional() }),
  /** Team thread id and the channel the app was installed from: for the logs and `faxdesk status`. */
  teamId: z.string().nullable(),
  /**
   * The team's Microsoft 365 group id, as Microsoft Graph names the team (posted.ts). Teams gives
   * it on installation; files written before it was kept lack it, and it is then asked once.
   */
  teamGroupId: z.string().nullable().optional(),
  installedFrom: z.string().min(1),
  savedAt: z.iso.datetime(),
  /**
   * The rule this team was checked against when it was bound (team-binding.ts): the team of
   * TEAMS_CHANNEL_ID, or TEAMS_TEAM_ID. Absent in files written before the check existed, or
   * when the rule changed since: the team is checked again before it is trusted.
   */
  verifiedFor: z.string().optional(),
});
export type StoredConversation = z.infer<typeof StoredConversation>;

export interface ConversationStore {
  load(): StoredConversation | null;
  save(conversation: StoredConversation): void;
  clear(): void;
}

export function jsonConversationStore(path: string): ConversationStore {
  let cached: StoredConversation | null | undefined;
  return {
    load() {
      if (cached !== undefined) return cached;
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return (cached = null);
        throw error;
      }
      const parsed = StoredConversation.safeParse(JSON.parse(text));
      // A damaged file is treated as "not installed yet": the next install rewrites it.
      cached = parsed.success ? parsed.data : null;
      return cached;
    },
    save(conversation) {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(conversation, null, 2) + '\n', { mode: 0o600 });
      renameSync(tmp, path);
      cached = conversation;
    },
    clear() {
      rmSync(path, { force: true });
      cached = null;
    },
  };
}
