/**
 * The coordination half of the SQLite store (src/store/claims.ts): intake claims and send
 * slots, statements used by SqliteStore inside its own IMMEDIATE transactions. Instants are
 * ISO strings (`Date#toISOString`), which compare as text in time order.
 */
import type Database from 'better-sqlite3';

export function claimStatements(db: Database.Database) {
  return {
    /**
     * The claim and the decision in one statement: a new row, a takeover of a lease that has
     * run out (its holder died), or a renewal by the same owner (who keeps its `claimed_at`).
     * `changes === 1` means it is ours.
     */
    claimIntake: db.prepare<[string, string, string, string]>(
      `INSERT INTO intake_claims (sha256, owner, claimed_at, lease_until) VALUES (?, ?, ?, ?)
       ON CONFLICT (sha256) DO UPDATE SET
         claimed_at = CASE WHEN intake_claims.owner = excluded.owner
           THEN intake_claims.claimed_at ELSE excluded.claimed_at END,
         owner = excluded.owner, lease_until = excluded.lease_until
       WHERE intake_claims.lease_until <= excluded.claimed_at OR intake_claims.owner = excluded.owner`,
    ),
    releaseIntake: db.prepare<[string, string]>('DELETE FROM intake_claims WHERE sha256 = ? AND owner = ?'),
    nextSlot: db.prepare<[string], { next_at: string }>(
      'SELECT next_at FROM send_slots WHERE channel_key = ?',
    ),
    setNextSlot: db.prepare<[string, string]>(
      `INSERT INTO send_slots (channel_key, next_at) VALUES (?, ?)
       ON CONFLICT (channel_key) DO UPDATE SET next_at = excluded.next_at`,
    ),
  };
}
