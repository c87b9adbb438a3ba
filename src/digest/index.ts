/** The daily digest of orders still waiting: what it holds, when it goes out, once a day. */
export * from './model.ts';
export { buildDigest, DEFAULT_DIGEST_TIME_ZONE, type BuildDigestOptions } from './build.ts';
export {
  digestSettingsFromEnv,
  DIGEST_ENV,
  DEFAULT_DIGEST_CRON,
  DEFAULT_STALE_HOURS,
  type DigestSettings,
} from './settings.ts';
export {
  createDigestScheduler,
  postDigestNow,
  scheduledTimeToday,
  type DigestPoster,
  type DigestScheduler,
  type DigestSchedulerDeps,
  type DigestRun,
  type DigestOutcome,
} from './schedule.ts';
export { localDay } from './local-day.ts';
