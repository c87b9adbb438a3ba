/**
 * The outbox half of the PostgreSQL store (src/store/deliveries.ts): statements and row
 * mapping, the same rules as the SQLite store's. Several instances share the queue: a
 * claim locks the rows it takes (FOR UPDATE SKIP LOCKED, so a second claimer passes over
 * them instead of waiting) and leases them; a lease that runs out frees them again.
 */
import { Delivery, type ChatMessageRef } from '../../../src/store/deliveries.ts';
import { iso } from './rows.ts';

export interface DeliveryRow {
  id: string; // bigint
  fax_id: string;
  kind: string;
  created_at: Date;
  attempts: number;
  claims: number;
  next_attempt_at: Date;
  leased_until: Date | null;
  last_error: string | null;
  done_at: Date | null;
  failed_at: Date | null;
}

export function rowToDelivery(row: DeliveryRow): Delivery {
  return Delivery.parse({
    id: Number(row.id),
    faxId: row.fax_id,
    kind: row.kind,
    createdAt: iso(row.created_at),
    attempts: row.attempts,
    claims: row.claims,
    nextAttemptAt: iso(row.next_attempt_at),
    lastError: row.last_error,
    doneAt: iso(row.done_at),
    failedAt: iso(row.failed_at),
  });
}

/** Posts before updates (a card must exist before it can change), then oldest first: as SQLite. */
export function claimOrder(a: Delivery, b: Delivery): number {
  const rank = (d: Delivery) => (d.kind === 'update' ? 1 : 0);
  return rank(a) - rank(b) || a.id - b.id;
}

export const DELIVERY_SQL = {
  insert: 'INSERT INTO deliveries (fax_id, kind, created_at, next_attempt_at) VALUES ($1, $2, $3, $4)',
  /** Serialises the enqueuers of one fax, so two of them do not both queue an update. */
  lockFax: 'SELECT id FROM faxes WHERE id = $1 FOR UPDATE',
  pendingUpdate: `SELECT id FROM deliveries WHERE fax_id = $1 AND kind = 'update' AND done_at IS NULL
    AND failed_at IS NULL AND leased_until IS NULL LIMIT 1`,
  /** $1 now, $2 limit, $3 lease end. Counts the claim; the rows come back as they are now. */
  claim: `
    WITH due AS (
      SELECT id FROM deliveries
      WHERE done_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1
        AND (leased_until IS NULL OR leased_until <= $1)
      ORDER BY kind = 'update', id LIMIT $2
      FOR UPDATE SKIP LOCKED
    )
    UPDATE deliveries d SET leased_until = $3, claims = d.claims + 1 FROM due WHERE d.id = due.id
    RETURNING d.*`,
  getForUpdate: 'SELECT * FROM deliveries WHERE id = $1 FOR UPDATE',
  done: 'UPDATE deliveries SET done_at = $1, leased_until = NULL, attempts = attempts + 1 WHERE id = $2',
  fail: `UPDATE deliveries SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, failed_at = $3,
    leased_until = NULL WHERE id = $4`,
  failed: 'SELECT * FROM deliveries WHERE failed_at IS NOT NULL AND done_at IS NULL ORDER BY id',
  /** `claims` is kept: the card may have reached the channel on an earlier claim. */
  retryFailed: `UPDATE deliveries SET failed_at = NULL, attempts = 0, next_attempt_at = $1
    WHERE failed_at IS NOT NULL AND done_at IS NULL`,
  upsertMessage: `INSERT INTO chat_messages (fax_id, platform, channel_id, message_id, posted_at)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (fax_id, platform, channel_id) DO UPDATE SET message_id = excluded.message_id`,
  messages:
    'SELECT platform, channel_id, message_id FROM chat_messages WHERE fax_id = $1 ORDER BY posted_at, platform, channel_id',
} as const;

export function rowToMessage(row: {
  platform: string;
  channel_id: string;
  message_id: string;
}): ChatMessageRef {
  return { platform: row.platform, channelId: row.channel_id, messageId: row.message_id };
}
