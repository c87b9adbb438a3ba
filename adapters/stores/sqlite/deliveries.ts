/**
 * The outbox half of the SQLite store (src/store/deliveries.ts): statements
 * and row mapping, used by SqliteStore inside its own transactions.
 */
import type Database from 'better-sqlite3';
import { Delivery, type ChatMessageRef } from '../../../src/store/deliveries.ts';

interface DeliveryRow {
  id: number;
  fax_id: string;
  kind: string;
  created_at: string;
  attempts: number;
  claims: number;
  next_attempt_at: string;
  leased_until: string | null;
  last_error: string | null;
  done_at: string | null;
  failed_at: string | null;
}

export function rowToDelivery(row: DeliveryRow): Delivery {
  return Delivery.parse({
    id: row.id,
    faxId: row.fax_id,
    kind: row.kind,
    createdAt: row.created_at,
    attempts: row.attempts,
    claims: row.claims,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    doneAt: row.done_at,
    failedAt: row.failed_at,
  });
}

export function deliveryStatements(db: Database.Database) {
  return {
    insert: db.prepare<[string, string, string, string]>(
      'INSERT INTO deliveries (fax_id, kind, created_at, next_attempt_at) VALUES (?, ?, ?, ?)',
    ),
    pendingUpdate: db.prepare<[string], { id: number }>(
      `SELECT id FROM deliveries WHERE fax_id = ? AND kind = 'update' AND done_at IS NULL AND failed_at IS NULL
       AND (leased_until IS NULL) LIMIT 1`,
    ),
    due: db.prepare<[string, string, number], DeliveryRow>(
      `SELECT * FROM deliveries
       WHERE done_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?
         AND (leased_until IS NULL OR leased_until <= ?)
       ORDER BY kind = 'update', id LIMIT ?`,
    ),
    /** Leases one and counts the claim; the row comes back as it is now. */
    lease: db.prepare<[string, number], DeliveryRow>(
      'UPDATE deliveries SET leased_until = ?, claims = claims + 1 WHERE id = ? RETURNING *',
    ),
    get: db.prepare<[number], DeliveryRow>('SELECT * FROM deliveries WHERE id = ?'),
    done: db.prepare<[string, number]>(
      'UPDATE deliveries SET done_at = ?, leased_until = NULL, attempts = attempts + 1 WHERE id = ?',
    ),
    fail: db.prepare<[string, string, string | null, number]>(
      `UPDATE deliveries SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, failed_at = ?,
       leased_until = NULL WHERE id = ?`,
    ),
    failed: db.prepare<[], DeliveryRow>(
      'SELECT * FROM deliveries WHERE failed_at IS NOT NULL AND done_at IS NULL ORDER BY id',
    ),
    /** `claims` is kept: the card may have reached the channel on an earlier claim. */
    retryFailed: db.prepare<[string]>(
      `UPDATE deliveries SET failed_at = NULL, attempts = 0, next_attempt_at = ?
       WHERE failed_at IS NOT NULL AND done_at IS NULL`,
    ),
    upsertMessage: db.prepare<[string, string, string, string, string]>(
      `INSERT INTO chat_messages (fax_id, platform, channel_id, message_id, posted_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (fax_id, platform, channel_id) DO UPDATE SET message_id = excluded.message_id`,
    ),
    messages: db.prepare<[string], { platform: string; channel_id: string; message_id: string }>(
      'SELECT platform, channel_id, message_id FROM chat_messages WHERE fax_id = ? ORDER BY posted_at',
    ),
  };
}

export function rowToMessage(row: {
  platform: string;
  channel_id: string;
  message_id: string;
}): ChatMessageRef {
  return { platform: row.platform, channelId: row.channel_id, messageId: row.message_id };
}
