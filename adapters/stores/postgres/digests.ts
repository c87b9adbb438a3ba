/**
 * The digest half of the PostgreSQL store (src/store/digests.ts): statements and row
 * mapping, the same claim rules as the SQLite store's.
 */
import type { DigestRecord } from '../../../src/store/digests.ts';
import { iso } from './rows.ts';

export interface DigestRow {
  day: string;
  channel: string;
  claimed_at: Date;
  lease_until: Date;
  late: boolean;
  posted_at: Date | null;
}

export function rowToDigest(row: DigestRow): DigestRecord {
  return {
    day: row.day,
    channel: row.channel,
    claimedAt: iso(row.claimed_at),
    late: row.late,
    postedAt: iso(row.posted_at),
  };
}

export const DIGEST_SQL = {
  /**
   * The claim and the decision in one statement: a new row, or a takeover of a claim that
   * was never posted and whose lease has run out. ON CONFLICT settles a race between
   * instances; one row affected means it is ours.
   */
  claim: `INSERT INTO digests (day, channel, claimed_at, lease_until, late) VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (day, channel) DO UPDATE SET
      claimed_at = excluded.claimed_at, lease_until = excluded.lease_until, late = excluded.late
    WHERE digests.posted_at IS NULL AND digests.lease_until <= excluded.claimed_at`,
  posted: 'UPDATE digests SET posted_at = $1 WHERE day = $2 AND channel = $3 AND posted_at IS NULL',
  release:
    'UPDATE digests SET lease_until = claimed_at WHERE day = $1 AND channel = $2 AND posted_at IS NULL',
  get: 'SELECT * FROM digests WHERE day = $1 AND channel = $2',
} as const;
