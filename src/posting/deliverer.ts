/**
 * Delivers the outbox to the chat channel: posts each new fax's card once and
 * records where it went, and updates every posted card after an action. Runs
 * as a small loop; each tick claims the deliveries that are due.
 *
 * Exactly once: the post row is written with the fax (same transaction); the
 * worker records the message id in the same transaction that marks it done.
 * A crash between the platform's answer and that commit is the one window in
 * which a retry could post again (no chat API offers idempotent posting).
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
  /** Pause between two posts: Slack allows about one message a second per channel. */
  minIntervalMs?: number;
  /** How often the outbox is looked at when idle. */
  pollMs?: number;
  /** How long a claimed delivery is reserved for this worker. */
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
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  let lastSendAt = 0;
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<number> | null = null;

  const pace = async () => {
    const wait = lastSendAt + minIntervalMs - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    lastSendAt = Date.now();
  };

  async function deliver(delivery: Delivery): Promise<void> {
    const fax = await store.getFax(delivery.faxId);
    if (!fax) throw new ChatDeliveryError('fax_missing', 'fax not found', { permanent: true });
    const view = { fax, events: await store.listEvents(fax.id) };
    if (delivery.kind === 'post') {
      const already = (await store.listChatMessages(fax.id)).find((m) => m.platform === channel.platform);
      await pace();
      const message = already ? (await channel.update(already, view), already) : await channel.post(view);
      await store.completeDelivery(delivery.id, clock(), message);
      log.info('card posted', { faxId: fax.id, delivery: delivery.id, platform: channel.platform });
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

  async function runOnce(): Promise<number> {
    const due = await store.claimDeliveries(clock(), 20, leaseMs);
    let delivered = 0;
    for (const delivery of due) {
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
