/**
 * Delivers the outbox to the chat channel: posts each new fax's card once and
 * records where it went, and updates every posted card after an action. Runs
 * as a small loop; each tick claims the deliveries that are due.
 *
 * Exactly once: the post row is written with the fax (same transaction); the
 * worker records the message id in the same transaction that marks it done.
 * No chat API offers idempotent posting, so a post can reach the platform without
 * its answer being recorded: the worker died in between, or the answer was lost
 * (a timeout, a 500 after the message went out). A post claimed a second time
 * (`claims > 1`) therefore first asks the channel for the fax's card
 * (`findPosted`: Slack tags each card with its fax id in message metadata; Teams is
 * read through Microsoft Graph) and records that one instead of posting again. A
 * channel that cannot be read (no `findPosted`, or Teams without the Graph consent)
 * keeps that window; `npm run chaos` counts such posts ("posts not recorded").
 *
 * Pacing: Slack allows about one message a second per channel, for all instances
 * together, so the send slots are reserved in the shared store.
 */
import { ChatDeliveryError, type ChatChannel } from '../chat/channel.ts';
import type { Logger } from '../log.ts';
import type { Delivery } from '../store/deliveries.ts';
import type { FaxStore } from '../store/store.ts';
import { defaultBackoff, nextDelayMs, type BackoffPolicy } from './backoff.ts';

export interface DelivererOptions {
  store: FaxStore;
  channel: ChatChannel;
  log: Logger;
  clock?: () => Date;
  backoff?: BackoffPolicy;
  /** Pause between two sends to the channel, for all instances together (Slack: about one a second). */
  minIntervalMs?: number;
  /** Names the channel's send slots in the store (e.g. `slack:C0123`); default the platform. */
  paceKey?: string;
  /** How often the outbox is looked at when idle. */
  pollMs?: number;
  /**
   * How long a claimed delivery is reserved for this worker; default 60 s. It must outlast one
   * delivery (the pause, then one platform call: the Slack client gives up after 15 s), and it
   * is how long a delivery waits when the worker holding it dies (kill -9, a lost machine).
   */
  leaseMs?: number;
}

export interface Deliverer {
  /** Delivers what is due now; resolves with the number delivered. */
  runOnce(): Promise<number>;
  start(): void;
  /** Asks for a tick soon (a fax was just recorded, an action was just taken). */
  wake(): void;
  stop(): Promise<void>;
}

export function createDeliverer(options: DelivererOptions): Deliverer {
  const { store, channel, log } = options;
  const clock = options.clock ?? (() => new Date());
  const backoff = options.backoff ?? defaultBackoff;
  const minIntervalMs = options.minIntervalMs ?? 1100;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 60_000;
  const paceKey = options.paceKey ?? channel.platform;
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<number> | null = null;

  /** Waits for this instance's next send slot on the channel (real time, whatever `clock` says). */
  const pace = async () => {
    if (minIntervalMs <= 0) return;
    const slot = await store.reserveSendSlot(paceKey, new Date(), minIntervalMs);
    const wait = slot.getTime() - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  };

  /** A post claimed before may have reached the channel unrecorded: find that card. */
  async function findEarlierPost(delivery: Delivery) {
    if (delivery.claims <= 1 || channel.findPosted === undefined) return null;
    return channel.findPosted(delivery.faxId, new Date(delivery.createdAt));
  }

  async function deliver(delivery: Delivery): Promise<void> {
    const fax = await store.getFax(delivery.faxId);
    if (!fax) throw new ChatDeliveryError('fax_missing', 'fax not found', { permanent: true });
    const view = { fax, events: await store.listEvents(fax.id) };
    if (delivery.kind === 'post') {
      const already =
        (await store.listChatMessages(fax.id)).find((m) => m.platform === channel.platform) ??
        (await findEarlierPost(delivery));
      await pace();
      // A card already there is brought up to date (an action may have been taken on it).
      const message = already ? (await channel.update(already, view), already) : await channel.post(view);
      await store.completeDelivery(delivery.id, clock(), message);
      log.info(already ? 'card found in the channel, not posted again' : 'card posted', {
        faxId: fax.id,
        delivery: delivery.id,
        platform: channel.platform,
      });
      return;
    }
    for (const message of await store.listChatMessages(fax.id)) {
      if (message.platform !== channel.platform) continue;
      await pace();
      await channel.update(message, view);
    }
    await store.completeDelivery(delivery.id, clock(), null);
    log.info('card updated', { faxId: fax.id, delivery: delivery.id, platform: channel.platform });
  }

  /** How many deliveries one runOnce takes on at most, each claimed just before it goes out. */
  const batch = 20;

  async function runOnce(): Promise<number> {
    let delivered = 0;
    // One claim per delivery, not one for the batch: a lease then covers a single delivery
    // (the pacing of 20 posts would outlast it), and a worker that dies strands only the one
    // delivery it was sending; the others stay free for another instance or the restart.
    for (let i = 0; i < batch; i++) {
      const [delivery] = await store.claimDeliveries(clock(), 1, leaseMs);
      if (delivery === undefined) break;
      try {
        await deliver(delivery);
        delivered++;
      } catch (error) {
        const err =
          error instanceof ChatDeliveryError
            ? error
            : new ChatDeliveryError('unexpected', (error as Error).message, { cause: error });
        const attempts = delivery.attempts + 1;
        const giveUp = err.options.permanent === true || attempts >= backoff.maxAttempts;
        const next = new Date(clock().getTime() + nextDelayMs(attempts, backoff, err.options.retryAfterMs));
        await store.failDelivery(delivery.id, err.code, next, giveUp);
        const level = giveUp ? 'error' : 'warn';
        log[level](
          giveUp ? 'card delivery failed, kept for faxdesk retry' : 'card delivery failed, will retry',
          {
            faxId: delivery.faxId,
            delivery: delivery.id,
            code: err.code,
            attempts,
            retryInMs: giveUp ? null : next.getTime() - clock().getTime(),
          },
        );
      }
    }
    return delivered;
  }

  const tick = async () => {
    timer = null;
    if (!running) return;
    inFlight = runOnce().catch((error: unknown) => {
      log.error('outbox tick failed', { code: (error as Error).name });
      return 0;
    });
    const delivered = await inFlight;
    inFlight = null;
    if (running) timer = setTimeout(() => void tick(), delivered > 0 ? 0 : pollMs);
  };

  return {
    runOnce,
    start() {
      if (running) return;
      running = true;
      timer = setTimeout(() => void tick(), 0);
    },
    wake() {
      if (running && timer && !inFlight) {
        clearTimeout(timer);
        timer = setTimeout(() => void tick(), 0);
      }
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await inFlight;
    },
  };
}
