/**
 * The port to a chat channel (Slack, Teams, the local console). The core
 * decides WHAT to show and WHEN; an adapter renders the fax's card for its
 * platform (cards/) and talks to it.
 */
import type { ChatMessageRef } from '../store/deliveries.ts';
import type { FaxEvent, FaxRecord } from '../store/records.ts';

/** What a card shows: the fax and its history. */
export interface FaxView {
  fax: FaxRecord;
  events: FaxEvent[];
}

export interface ChatChannel {
  readonly platform: string;
  /** Posts the fax's card to the channel; returns where it is, to update it later. */
  post(view: FaxView): Promise<ChatMessageRef>;
  /** Replaces a posted card with the fax's current state, for everyone in the channel. */
  update(message: ChatMessageRef, view: FaxView): Promise<void>;
  /**
   * Looks in the channel for this fax's card posted since `since`: a post that reached the
   * platform but whose answer was never recorded (the worker died, the answer was lost).
   * Null when there is none. Platforms whose API cannot read the channel leave it out.
   */
  findPosted?(faxId: string, since: Date): Promise<ChatMessageRef | null>;
}

/**
 * A delivery that did not go through. `retryAfterMs` when the platform said when to come
 * back (HTTP 429 Retry-After); `permanent` when retrying cannot help (bad token, channel
 * gone): it is then kept as failed, visible in `faxdesk status`, until `faxdesk retry`.
 */
export class ChatDeliveryError extends Error {
  constructor(
    /** Short code for logs and `faxdesk status`: 'rate_limited', 'http_503', 'network', 'not_authed'… */
    readonly code: string,
    message: string,
    readonly options: { retryAfterMs?: number; permanent?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ChatDeliveryError';
  }
}
