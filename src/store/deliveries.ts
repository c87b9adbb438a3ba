/**
 * The outbox: every card Faxdesk must show in the chat channel is a row,
 * written in the same transaction as what caused it (the fax recorded, an
 * action taken), and delivered by a worker that records the platform's
 * message id when the post succeeds. A crash or a chat outage delays a card;
 * it never loses one, and a card is never posted twice for one fax.
 */
import { z } from 'zod';
import { FaxId, Instant } from './records.ts';

export const DeliveryKind = z.enum(['post', 'update']);
export type DeliveryKind = z.infer<typeof DeliveryKind>;

/** Where a fax's card was posted, as the platform identifies it. */
export const ChatMessageRef = z.object({
  platform: z.string().min(1),
  channelId: z.string().min(1),
  messageId: z.string().min(1),
});
export type ChatMessageRef = z.infer<typeof ChatMessageRef>;

export const Delivery = z.object({
  id: z.number().int().positive(),
  faxId: FaxId,
  kind: DeliveryKind,
  createdAt: Instant,
  attempts: z.number().int().nonnegative(),
  /**
   * How many times it has been claimed, this claim included. Above 1 on a post, an earlier
   * holder may have reached the platform without recording the answer (it died, or the answer
   * was lost): the deliverer looks for the card in the channel before posting again.
   */
  claims: z.number().int().nonnegative(),
  nextAttemptAt: Instant,
  lastError: z.string().nullable(),
  /** Set when it went through; `failedAt` when the retry budget ran out (shown by `faxdesk status`). */
  doneAt: Instant.nullable(),
  failedAt: Instant.nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export interface DeliveryStore {
  /** Queues a card update for a fax (one pending update per fax is enough: it renders the latest state). */
  enqueueCardUpdate(faxId: string, at: Date): Promise<void>;
  /**
   * Deliveries due at `now`, oldest first, leased for `leaseMs` so a second worker (or a
   * second tick) does not take them too; a lease that runs out (the worker died) frees them.
   */
  claimDeliveries(now: Date, limit: number, leaseMs: number): Promise<Delivery[]>;
  /** Marks it done and, for a post, records where the card is — with its `posted`/`card_updated` event. */
  completeDelivery(id: number, at: Date, message: ChatMessageRef | null): Promise<void>;
  /** Schedules another attempt (or gives up when `giveUp`), keeping the error code. */
  failDelivery(id: number, error: string, nextAttemptAt: Date, giveUp: boolean): Promise<void>;
  /** Deliveries that gave up, for `faxdesk status`; `retryFailedDeliveries` puts them back in the queue. */
  listFailedDeliveries(): Promise<Delivery[]>;
  retryFailedDeliveries(at: Date): Promise<number>;
  listChatMessages(faxId: string): Promise<ChatMessageRef[]>;
}

/** The actor of `posted` and `card_updated` events. */
export const DELIVERY_ACTOR = { id: 'system:outbox', name: 'Faxdesk (publication)' } as const;
