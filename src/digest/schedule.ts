/**
 * When the digest goes out: node-cron fires at the configured local time (its time zone
 * support handles daylight saving), and every trigger — the cron, a start-up, a retry — goes
 * through one check: is there a scheduled time today that has passed, and has no instance
 * claimed today's digest yet? The claim (src/store/digests.ts) is what makes it once a day
 * across instances and restarts; a start-up well after today's time posts the missed digest,
 * marked late.
 */
import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from '../log.ts';
import { DIGEST_ACTOR } from '../store/digests.ts';
import type { FaxStore } from '../store/store.ts';
import { buildDigest } from './build.ts';
import { localDay } from './local-day.ts';
import type { DigestModel } from './model.ts';
import type { DigestSettings } from './settings.ts';

export { digestSettingsFromEnv, DIGEST_ENV, DEFAULT_DIGEST_CRON, type DigestSettings } from './settings.ts';

/** Posts a digest to the chat (the lead wires it to the adapter's `postDigest`). Throws on failure. */
export type DigestPoster = (digest: DigestModel) => Promise<void>;

export interface DigestSchedulerDeps {
  store: FaxStore;
  poster: DigestPoster;
  settings: DigestSettings;
  log: Logger;
  clock?: () => Date;
  /** The claim's key beside the day: one digest per day per channel (default 'chat'). */
  channel?: string;
  /** How long a claim holds before another instance may take it over (default 10 min). */
  leaseMs?: number;
  /** After a failed post, try again this much later, the same day (default 5 min). */
  retryMs?: number;
  /** Posted this long after its scheduled time, a digest is marked late (default 15 min). */
  lateAfterMs?: number;
}

export type DigestOutcome =
  | 'posted'
  /** Nothing waiting and FAXDESK_DIGEST_EMPTY=skip: claimed and recorded, nothing posted. */
  | 'skipped_empty'
  /** Today's digest is posted already, or another instance holds the claim. */
  | 'already_done'
  /** No scheduled time today has passed yet (or today is not a scheduled day). */
  | 'not_due'
  | 'failed';

export interface DigestRun {
  outcome: DigestOutcome;
  /** The local day it was for; null when not due. */
  day: string | null;
  late: boolean;
  total: number;
}

export interface DigestScheduler {
  /** Arms the schedule and posts today's digest now if it was missed (late). */
  start(): Promise<DigestRun>;
  stop(): Promise<void>;
  /** The check every trigger runs: posts today's digest if its time has passed and nobody has. */
  runDueNow(): Promise<DigestRun>;
  /** The next scheduled time, for logs and tests; null when stopped. */
  nextRun(): Date | null;
}

const MINUTE = 60_000;
/** The longest local day (a fall-back day has 25 hours), and a minute to spare. */
const LONGEST_DAY_MINUTES = 25 * 60 + 1;

/** The latest scheduled time at or before `now` on `now`'s local day, or null. */
export function scheduledTimeToday(
  task: Pick<ScheduledTask, 'match'>,
  now: Date,
  timeZone: string,
): Date | null {
  const today = localDay(now, timeZone);
  const start = Math.floor(now.getTime() / MINUTE) * MINUTE;
  for (let i = 0; i < LONGEST_DAY_MINUTES; i++) {
    const t = new Date(start - i * MINUTE);
    if (localDay(t, timeZone) !== today) return null;
    if (task.match(t)) return t;
  }
  return null;
}

/** Counts only: the event log never holds patient data. */
function eventDetails(digest: DigestModel, extra: Record<string, string | number | boolean>) {
  const count = (id: string) => digest.groups.find((g) => g.id === id)?.items.length ?? 0;
  return {
    total: digest.total,
    stale: digest.staleTotal,
    pending: count('pending'),
    authRequested: count('auth_requested'),
    problemReported: count('problem_reported'),
    late: digest.late,
    ...extra,
  };
}

export function createDigestScheduler(deps: DigestSchedulerDeps): DigestScheduler {
  const { store, poster, settings, log } = deps;
  const clock = deps.clock ?? (() => new Date());
  const channel = deps.channel ?? 'chat';
  const leaseMs = deps.leaseMs ?? 10 * MINUTE;
  const retryMs = deps.retryMs ?? 5 * MINUTE;
  const lateAfterMs = deps.lateAfterMs ?? 15 * MINUTE;
  let task: ScheduledTask | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  // Only to match times (no timer): the schedule itself is armed by start().
  const matcher = createTask(settings.cron, () => {}, { timezone: settings.timeZone });
  void matcher.destroy();

  function scheduleRetry(): void {
    if (task === null || retryTimer !== null) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void runDueNow();
    }, retryMs);
    retryTimer.unref();
  }

  async function once(): Promise<DigestRun> {
    const now = clock();
    const slot = scheduledTimeToday(matcher, now, settings.timeZone);
    if (slot === null) return { outcome: 'not_due', day: null, late: false, total: 0 };
    const day = localDay(now, settings.timeZone);
    const late = now.getTime() - slot.getTime() > lateAfterMs;
    if (!(await store.claimDigest({ day, channel, at: now, leaseMs, late }))) {
      log.debug('digest already done today', { day, channel });
      return { outcome: 'already_done', day, late, total: 0 };
    }
    try {
      const digest = await buildDigest(store, now, {
        staleHours: settings.staleHours,
        timeZone: settings.timeZone,
        late,
      });
      if (digest.total === 0 && settings.empty === 'skip') {
        await store.completeDigest(day, channel, clock(), eventDetails(digest, { skipped: true }));
        log.info('digest skipped: nothing waiting', { day, channel });
        return { outcome: 'skipped_empty', day, late, total: 0 };
      }
      await poster(digest);
      await store.completeDigest(day, channel, clock(), eventDetails(digest, { skipped: false }));
      log.info('digest posted', { day, channel, total: digest.total, stale: digest.staleTotal, late });
      return { outcome: 'posted', day, late, total: digest.total };
    } catch (error) {
      // Give the day back: a retry here (or another instance) posts it later today.
      await store.releaseDigest(day, channel);
      log.warn('digest not posted; will retry', {
        day,
        channel,
        code: error instanceof Error ? ((error as { code?: string }).code ?? error.name) : 'unknown',
        retryInMs: retryMs,
      });
      scheduleRetry();
      return { outcome: 'failed', day, late, total: 0 };
    }
  }

  /** One check at a time in this process; the claim covers other processes. */
  function runDueNow(): Promise<DigestRun> {
    const run = queue.then(once, once);
    queue = run.catch(() => undefined);
    return run;
  }

  return {
    async start() {
      if (task === null) {
        task = createTask(settings.cron, () => runDueNow(), {
          timezone: settings.timeZone,
          name: 'faxdesk-digest',
          noOverlap: true,
          // A busy event loop at 07:30 still gets its digest (the claim keeps it to one).
          missedExecutionTolerance: MINUTE,
          unref: true,
        });
        task.on('execution:missed', () => void runDueNow());
        await task.start();
        log.info('digest scheduled', {
          cron: settings.cron,
          timeZone: settings.timeZone,
          next: task.getNextRun()?.toISOString() ?? null,
        });
      }
      return runDueNow();
    },
    async stop() {
      if (retryTimer !== null) clearTimeout(retryTimer);
      retryTimer = null;
      const t = task;
      task = null;
      if (t !== null) await t.destroy();
      await queue;
    },
    runDueNow,
    nextRun: () => task?.getNextRun() ?? null,
  };
}

/**
 * `faxdesk digest --now`: builds and posts the digest at once, outside the schedule (it does
 * not take the day's claim: the scheduled digest still comes). Recorded as a manual digest.
 */
export async function postDigestNow(deps: {
  store: FaxStore;
  poster: DigestPoster;
  settings: DigestSettings;
  log: Logger;
  clock?: () => Date;
}): Promise<DigestModel> {
  const now = (deps.clock ?? (() => new Date()))();
  const digest = await buildDigest(deps.store, now, {
    staleHours: deps.settings.staleHours,
    timeZone: deps.settings.timeZone,
  });
  await deps.poster(digest);
  await deps.store.appendEvent({
    faxId: null,
    kind: 'digest_posted',
    actor: DIGEST_ACTOR,
    at: now.toISOString(),
    details: { ...eventDetails(digest, { manual: true }), day: digest.day },
  });
  deps.log.info('digest posted on demand', { day: digest.day, total: digest.total });
  return digest;
}
