/**
 * When the digest goes out, with a fake clock (vitest's fake timers drive both Date and
 * node-cron's timers): 07:30 in Montréal is 12:30 UTC in winter and 11:30 UTC in summer, on
 * working days only; once a day across instances and restarts; a missed digest is posted at
 * start-up, marked late; a failed post is retried.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTask } from 'node-cron';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { ConfigError } from '../../src/config.ts';
import {
  createDigestScheduler,
  digestSettingsFromEnv,
  type DigestModel,
  type DigestScheduler,
  type DigestSettings,
} from '../../src/digest/index.ts';
import { silentLogger } from '../../src/log.ts';
import { leakedPatientData, openTempStore, tempStorePath } from '../workflow/helpers.ts';
import { waitingFax } from './helpers.ts';

const SETTINGS: DigestSettings = digestSettingsFromEnv({});
const stores: SqliteFaxStore[] = [];
const schedulers: DigestScheduler[] = [];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});
afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  for (const s of stores.splice(0)) await s.close();
  vi.useRealTimers();
});

function tracked(store: SqliteFaxStore): SqliteFaxStore {
  stores.push(store);
  return store;
}

/** A poster that records when it was called and what it got. */
function recordingPoster() {
  const posts: { at: string; digest: DigestModel }[] = [];
  let failures = 0;
  const poster = async (digest: DigestModel) => {
    if (failures > 0) {
      failures--;
      throw new Error('chat away');
    }
    posts.push({ at: new Date().toISOString(), digest });
  };
  return { posts, poster, failNext: (n: number) => (failures = n) };
}

function scheduler(store: SqliteFaxStore, poster: (d: DigestModel) => Promise<void>, settings = SETTINGS) {
  const s = createDigestScheduler({ store, poster, settings, log: silentLogger, channel: 'slack' });
  schedulers.push(s);
  return s;
}

function digestEvents(store: SqliteFaxStore): { fax_id: string | null; details_json: string }[] {
  return store.db
    .prepare("SELECT fax_id, details_json FROM fax_events WHERE kind = 'digest_posted' ORDER BY id")
    .all() as { fax_id: string | null; details_json: string }[];
}

describe('digest settings', () => {
  it('defaults to 07:30 on working days in Montréal, 24 h, posting an empty digest', () => {
    expect(SETTINGS).toEqual({
      cron: '30 7 * * 1-5',
      timeZone: 'America/Toronto',
      staleHours: 24,
      empty: 'post',
    });
    expect(
      digestSettingsFromEnv({
        FAXDESK_DIGEST_CRON: '0 8 * * 1-5',
        FAXDESK_DIGEST_TZ: 'America/Montreal',
        FAXDESK_DIGEST_STALE_HOURS: '48',
        FAXDESK_DIGEST_EMPTY: 'skip',
      }),
    ).toEqual({ cron: '0 8 * * 1-5', timeZone: 'America/Montreal', staleHours: 48, empty: 'skip' });
  });

  it.each([
    ['FAXDESK_DIGEST_CRON', '61 7 * * 1-5'],
    ['FAXDESK_DIGEST_CRON', '30 7 * *'],
    ['FAXDESK_DIGEST_CRON', '0 30 7 * * 1-5'],
    ['FAXDESK_DIGEST_CRON', 'tous les matins'],
    ['FAXDESK_DIGEST_TZ', 'Quebec/Montreal'],
    ['FAXDESK_DIGEST_STALE_HOURS', 'vingt'],
    ['FAXDESK_DIGEST_STALE_HOURS', '0'],
    ['FAXDESK_DIGEST_EMPTY', 'maybe'],
  ])('refuses %s=%s at start-up with a message naming it', (name, value) => {
    const error = (() => {
      try {
        digestSettingsFromEnv({ [name]: value });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(name);
  });
});

describe('the schedule across daylight saving', () => {
  it('node-cron puts 07:30 Montréal at 12:30 UTC in winter and 11:30 UTC in summer', () => {
    vi.setSystemTime(new Date('2025-03-06T18:00:00.000Z')); // Thursday, EST
    const task = createTask(SETTINGS.cron, () => {}, { timezone: SETTINGS.timeZone });
    try {
      expect(task.getNextRuns(3).map((d) => d.toISOString())).toEqual([
        '2025-03-07T12:30:00.000Z', // Friday, EST (UTC−5)
        '2025-03-10T11:30:00.000Z', // Monday, EDT (UTC−4) since Sunday 9 March
        '2025-03-11T11:30:00.000Z',
      ]);
      vi.setSystemTime(new Date('2025-10-31T18:00:00.000Z')); // Friday, EDT
      expect(task.getNextRuns(2).map((d) => d.toISOString())).toEqual([
        '2025-11-03T12:30:00.000Z', // Monday, EST again since Sunday 2 November
        '2025-11-04T12:30:00.000Z',
      ]);
    } finally {
      void task.destroy();
    }
  });

  it('posts at 07:30 local on each working day, before and after the spring change, never on the weekend', async () => {
    vi.setSystemTime(new Date('2025-03-06T18:00:00.000Z')); // Thursday 13:00 EST: today's time has passed
    const store = tracked(openTempStore());
    await waitingFax(store, new Date(), 30);
    // Today's digest was posted already (as by the instance that ran this morning).
    await store.claimDigest({ day: '2025-03-06', channel: 'slack', at: new Date(), leaseMs: 0, late: false });
    await store.completeDigest('2025-03-06', 'slack', new Date(), {});
    const { posts, poster } = recordingPoster();
    const s = scheduler(store, poster);
    expect((await s.start()).outcome).toBe('already_done');
    expect(s.nextRun()?.toISOString()).toBe('2025-03-07T12:30:00.000Z');

    await vi.advanceTimersByTimeAsync(Date.parse('2025-03-11T12:00:00.000Z') - Date.now());
    expect(posts.map((p) => p.at)).toEqual([
      '2025-03-07T12:30:00.000Z', // Friday 07:30 EST
      '2025-03-10T11:30:00.000Z', // Monday 07:30 EDT
      '2025-03-11T11:30:00.000Z', // Tuesday 07:30 EDT
    ]);
    expect(posts.map((p) => p.digest.day)).toEqual(['2025-03-07', '2025-03-10', '2025-03-11']);
    expect(posts.every((p) => !p.digest.late)).toBe(true);
    expect(posts[0]!.digest.total).toBe(1);
  });

  it('follows the autumn change too', async () => {
    vi.setSystemTime(new Date('2025-10-31T18:00:00.000Z')); // Friday 14:00 EDT
    const store = tracked(openTempStore());
    await store.claimDigest({ day: '2025-10-31', channel: 'slack', at: new Date(), leaseMs: 0, late: false });
    await store.completeDigest('2025-10-31', 'slack', new Date(), {});
    const { posts, poster } = recordingPoster();
    await scheduler(store, poster).start();
    await vi.advanceTimersByTimeAsync(Date.parse('2025-11-04T13:00:00.000Z') - Date.now());
    expect(posts.map((p) => p.at)).toEqual(['2025-11-03T12:30:00.000Z', '2025-11-04T12:30:00.000Z']);
  });
});

describe('once a day', () => {
  it('posts one digest when two instances fire at the same minute', async () => {
    vi.setSystemTime(new Date('2025-03-10T11:30:05.000Z'));
    const path = tempStorePath();
    const a = tracked(openSqliteStore(path));
    const b = tracked(openSqliteStore(path));
    const { posts, poster } = recordingPoster();
    const results = await Promise.all([scheduler(a, poster).runDueNow(), scheduler(b, poster).runDueNow()]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['already_done', 'posted']);
    expect(posts).toHaveLength(1);
    expect(digestEvents(a)).toHaveLength(1);
  });

  it('posts nothing more when the process restarts after the digest went out', async () => {
    vi.setSystemTime(new Date('2025-03-10T11:30:00.000Z'));
    const path = tempStorePath();
    const first = tracked(openSqliteStore(path));
    const { posts, poster } = recordingPoster();
    const before = scheduler(first, poster);
    await before.start(); // 07:30:00 exactly: today's time, not late
    expect(posts).toHaveLength(1);
    expect(posts[0]!.digest.late).toBe(false);
    await before.stop();
    await first.close();

    await vi.advanceTimersByTimeAsync(40_000); // restarted at 07:30:40
    const second = tracked(openSqliteStore(path));
    expect((await scheduler(second, poster).start()).outcome).toBe('already_done');
    await vi.advanceTimersByTimeAsync(3 * 3_600_000);
    expect(posts).toHaveLength(1);
    expect(digestEvents(second)).toHaveLength(1);
  });

  it('records the digest as an event about no fax, with counts and no patient data', async () => {
    vi.setSystemTime(new Date('2025-03-10T11:30:00.000Z'));
    const store = tracked(openTempStore());
    await waitingFax(store, new Date(), 30);
    await scheduler(store, recordingPoster().poster).runDueNow();
    const [event] = digestEvents(store);
    expect(event!.fax_id).toBeNull();
    expect(JSON.parse(event!.details_json)).toMatchObject({
      total: 1,
      stale: 1,
      day: '2025-03-10',
      late: false,
    });
    expect(leakedPatientData(event!.details_json)).toEqual([]);
  });

  it('takes over a claim whose holder died before posting, once its lease has run out', async () => {
    vi.setSystemTime(new Date('2025-03-10T11:30:00.000Z'));
    const store = tracked(openTempStore());
    await store.claimDigest({
      day: '2025-03-10',
      channel: 'slack',
      at: new Date(),
      leaseMs: 600_000,
      late: false,
    });
    const { posts, poster } = recordingPoster();
    const s = scheduler(store, poster);
    expect((await s.runDueNow()).outcome).toBe('already_done');
    await vi.advanceTimersByTimeAsync(601_000);
    expect((await s.runDueNow()).outcome).toBe('posted');
    expect(posts).toHaveLength(1);
  });
});

describe('a missed or failed digest', () => {
  it('is posted at start-up, marked late, when Faxdesk was down at 07:30', async () => {
    vi.setSystemTime(new Date('2025-03-10T15:00:00.000Z')); // Monday 11:00 EDT
    const store = tracked(openTempStore());
    await waitingFax(store, new Date(), 5);
    const { posts, poster } = recordingPoster();
    const run = await scheduler(store, poster).start();
    expect(run).toMatchObject({ outcome: 'posted', late: true, day: '2025-03-10' });
    expect(posts).toHaveLength(1);
    expect(posts[0]!.digest.late).toBe(true);
    expect((await store.getDigest('2025-03-10', 'slack'))?.late).toBe(true);
  });

  it('is not due before 07:30, nor on a weekend', async () => {
    const store = tracked(openTempStore());
    const { posts, poster } = recordingPoster();
    vi.setSystemTime(new Date('2025-03-10T11:29:00.000Z')); // Monday 07:29 EDT
    expect((await scheduler(store, poster).runDueNow()).outcome).toBe('not_due');
    vi.setSystemTime(new Date('2025-03-08T16:00:00.000Z')); // Saturday 11:00 EST
    expect((await scheduler(store, poster).runDueNow()).outcome).toBe('not_due');
    expect(posts).toHaveLength(0);
  });

  it('is tried again later the same day when the chat refused it', async () => {
    vi.setSystemTime(new Date('2025-03-10T11:29:30.000Z'));
    const store = tracked(openTempStore());
    const { posts, poster, failNext } = recordingPoster();
    failNext(1);
    await scheduler(store, poster).start();
    await vi.advanceTimersByTimeAsync(60_000); // 07:30: refused
    expect(posts).toHaveLength(0);
    expect((await store.getDigest('2025-03-10', 'slack'))?.postedAt).toBeNull();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(posts.map((p) => p.at)).toEqual(['2025-03-10T11:35:00.000Z']); // 07:30 + 5 min
  });
});

describe('an empty digest', () => {
  it('posts « Rien en attente » by default', async () => {
    vi.setSystemTime(new Date('2025-03-10T11:30:00.000Z'));
    const store = tracked(openTempStore());
    const { posts, poster } = recordingPoster();
    expect((await scheduler(store, poster).runDueNow()).outcome).toBe('posted');
    expect(posts[0]!.digest.total).toBe(0);
  });

  it('posts nothing with FAXDESK_DIGEST_EMPTY=skip, and still counts the day as done', async () => {
    vi.setSystemTime(new Date('2025-03-10T11:30:00.000Z'));
    const store = tracked(openTempStore());
    const { posts, poster } = recordingPoster();
    const s = scheduler(store, poster, { ...SETTINGS, empty: 'skip' });
    expect((await s.runDueNow()).outcome).toBe('skipped_empty');
    expect((await s.runDueNow()).outcome).toBe('already_done');
    expect(posts).toHaveLength(0);
    expect(JSON.parse(digestEvents(store)[0]!.details_json)).toMatchObject({ skipped: true, total: 0 });
  });
});
