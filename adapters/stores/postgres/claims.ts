/**
 * The coordination half of the PostgreSQL store (src/store/claims.ts): intake claims and
 * send slots, the same rules as the SQLite store's. Each is one statement: ON CONFLICT takes
 * the row lock, so concurrent instances queue on it and each sees the row its predecessor
 * left.
 */

/** `$n` milliseconds as an interval, exactly (whole milliseconds). */
const ms = (n: number) => `($${n}::double precision * interval '1 millisecond')`;

export const CLAIM_SQL = {
  /**
   * $1 sha256, $2 owner, $3 now, $4 lease end. A new row, a takeover of a lease that has run
   * out (its holder died), or a renewal by the same owner (who keeps its claimed_at); a row
   * returned means it is ours.
   */
  claimIntake: `INSERT INTO intake_claims (sha256, owner, claimed_at, lease_until) VALUES ($1, $2, $3, $4)
    ON CONFLICT (sha256) DO UPDATE SET
      claimed_at = CASE WHEN intake_claims.owner = excluded.owner
        THEN intake_claims.claimed_at ELSE excluded.claimed_at END,
      owner = excluded.owner, lease_until = excluded.lease_until
    WHERE intake_claims.lease_until <= excluded.claimed_at OR intake_claims.owner = excluded.owner
    RETURNING owner`,
  releaseIntake: 'DELETE FROM intake_claims WHERE sha256 = $1 AND owner = $2',
  /**
   * $1 channel key, $2 now, $3 interval (ms). The slot is the later of now and the stored
   * next slot; the stored one moves to the slot plus the interval. Returns the slot.
   */
  reserveSendSlot: `INSERT INTO send_slots (channel_key, next_at) VALUES ($1, $2::timestamptz + ${ms(3)})
    ON CONFLICT (channel_key) DO UPDATE SET
      next_at = GREATEST(send_slots.next_at, $2::timestamptz) + ${ms(3)}
    RETURNING next_at - ${ms(3)} AS slot`,
} as const;
