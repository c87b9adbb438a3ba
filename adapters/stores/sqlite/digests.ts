/**
 * The digest half of the SQLite store (src/store/digests.ts): statements and row mapping,
 * used by SqliteStore inside its own transactions.
 */
import type Database from 'better-sqlite3';
import type { DigestRecord } from '../../../src/store/digests.ts';

interface DigestRow {
  day: string;
  channel: string;
  claimed_at: string;
  lease_until: string;
  late: number;
  posted_at: string | null;
}

export function rowToDigest(row: DigestRow): DigestRecord {
  return {
    day: row.day,
    channel: row.channel,
    claimedAt: row.claimed_at,
    late: row.late === 1,
    postedAt: row.posted_at,
  };
}

export function digestStatements(db: Database.Database) {
  return {
    /**
     * The claim and the decision in one statement: a new row, or a takeover of a claim that
     * was never posted and whose lease has run out. `changes === 1` means it is ours.
     */
    claim: db.prepare<[string, string, string, string, number]>(
      `INSERT INTO digests (day, channel, claimed_at, lease_until, late) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (day, channel) DO UPDATE SET
         claimed_at = excluded.claimed_at, lease_until = excluded.lease_until, late = excluded.late
       WHERE digests.posted_at IS NULL AND digests.lease_until <= excluded.claimed_at`,
    ),
    posted: db.prepare<[string, string, string]>(
      'UPDATE digests SET posted_at = ? WHERE day = ? AND channel = ? AND posted_at IS NULL',
    ),
    release: db.prepare<[string, string]>(
      `UPDATE digests SET lease_until = claimed_at WHERE day = ? AND channel = ? AND posted_at IS NULL`,
    ),
    get: db.prepare<[string, string], DigestRow>('SELECT * FROM digests WHERE day = ? AND channel = ?'),
  };
}
