/**
 * Coordination between several Faxdesk instances that share one store (PostgreSQL) and one
 * inbox folder. Both are leases kept in the store, so they hold across processes and machines
 * and a holder that dies (kill -9, a lost machine) frees them once the lease runs out.
 */

export interface IntakeClaimStore {
  /**
   * Takes the right to read, OCR and record the file with this content (SHA-256), atomically.
   * True when the claim was free, its lease had run out (its holder died), or `owner` already
   * holds it (the lease is then renewed to `now + leaseMs`); false while another owner's lease
   * is live. The claim only saves work: the unique SHA-256 of faxes is still what forbids a
   * second record.
   */
  claimIntake(sha256: string, owner: string, now: Date, leaseMs: number): Promise<boolean>;
  /** Gives the claim back (the fax is recorded, or reading stopped). Another owner's claim is left alone. */
  releaseIntake(sha256: string, owner: string): Promise<void>;
}

export interface SendSlotStore {
  /**
   * Chat platforms limit the rate per channel (Slack: about one message a second), whatever
   * the number of instances posting. Reserves the next send slot of `channelKey` for all
   * instances, atomically: returns the time this send may go (`now`, or later when other
   * sends hold the slots before it), and moves the channel's next free slot to that time
   * plus `intervalMs`.
   */
  reserveSendSlot(channelKey: string, now: Date, intervalMs: number): Promise<Date>;
}
