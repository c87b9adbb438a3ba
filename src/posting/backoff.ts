/**
 * When to try a failed delivery again: the platform's Retry-After when it gave
 * one, otherwise exponential backoff with full jitter, capped — so that a chat
 * outage of hours is ridden out without hammering the platform when it returns.
 */
export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** After this many attempts the delivery is kept as failed (visible, retried on demand). */
  maxAttempts: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 2_000, maxMs: 15 * 60_000, maxAttempts: 60 };

export function nextDelayMs(
  attempts: number,
  policy: BackoffPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined && retryAfterMs >= 0) return Math.min(retryAfterMs, policy.maxMs * 4);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(30, Math.max(0, attempts - 1)));
  return Math.max(policy.baseMs / 2, Math.floor(random() * ceiling));
}
