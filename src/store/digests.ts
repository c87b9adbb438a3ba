/**
 * The daily digest's once-a-day guarantee: one row per local day and channel, claimed by
 * whichever Faxdesk instance decides to post first. A claim is a lease: if its holder dies
 * before posting, another instance may take it once the lease has run out, so a crash
 * never costs the day's digest.
 */
import type { EventDetails } from './records.ts';

export interface DigestClaim {
  /** The local date the digest is for (YYYY-MM-DD in the digest's time zone). */
  day: string;
  /** Where it goes ('slack', 'teams', 'console', or a finer key): one digest per day per channel. */
  channel: string;
  at: Date;
  /** How long the claim holds before another instance may take it over. */
  leaseMs: number;
  late: boolean;
}

export interface DigestRecord {
  day: string;
  channel: string;
  claimedAt: string;
  late: boolean;
  /** Null while claimed but not posted (yet, or the post failed). */
  postedAt: string | null;
}

export interface DigestStore {
  /**
   * Takes the day's digest for the channel, atomically (INSERT … ON CONFLICT): true when the
   * caller must post it; false when it is posted already or another live claim holds it.
   */
  claimDigest(claim: DigestClaim): Promise<boolean>;
  /** Marks the claimed digest posted and records its `digest_posted` event, in one transaction. */
  completeDigest(day: string, channel: string, at: Date, details: EventDetails): Promise<void>;
  /** Gives a claim back after a failed post, so a retry (here or elsewhere) can take it at once. */
  releaseDigest(day: string, channel: string): Promise<void>;
  getDigest(day: string, channel: string): Promise<DigestRecord | null>;
}

/** The actor of `digest_posted` events. */
export const DIGEST_ACTOR = { id: 'system:digest', name: 'Faxdesk (résumé du jour)' } as const;
