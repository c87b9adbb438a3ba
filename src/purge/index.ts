export { parseRetention, retentionCutoff, RetentionError } from './retention.ts';
export { purgeOlderThan, type PurgeOptions, type PurgeSummary } from './purge.ts';
export {
  isPurged,
  purgedRecord,
  purgedSha256,
  PURGE_ACTOR,
  PURGED_NAME,
  PURGED_CHECK_MESSAGE,
  PURGED_TEXT,
  FREE_TEXT_DETAIL_KEYS,
  redactEventDetails,
} from './redact.ts';
