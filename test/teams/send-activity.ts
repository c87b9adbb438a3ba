/** Posts an activity to a Teams adapter's /api/messages as Teams does (unauthenticated: local mode). */
import type { TeamsChatAdapter } from '../../adapters/teams/adapter.ts';

type Json = Record<string, unknown>;

export async function sendActivity(
  adapter: Pick<TeamsChatAdapter, 'port'>,
  activity: Json,
  /** `signal`: give up on an answer that is too slow. */
  opts: { signal?: AbortSignal } = {},
): Promise<{ status: number; body: Json | null }> {
  const res = await fetch(`http://127.0.0.1:${adapter.port()}/api/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(activity),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : null };
}
