/**
 * The SQL function migration 8 uses to erase the staff-typed text of the events of faxes
 * purged before it, with the core's own rule (src/purge/redact.ts), so the list of
 * free-text keys lives in one place.
 */
import type Database from 'better-sqlite3';
import { redactEventDetails } from '../../../src/purge/redact.ts';
import { EventDetails } from '../../../src/store/records.ts';

export const PURGE_FUNCTIONS = { redactDetails: 'faxdesk_redact_details' } as const;

/**
 * `details_json` with its free-text values erased; the same text when there is nothing to
 * erase, or when it does not read as event details (a migration that threw would leave the
 * store unopenable over one odd row; such a row is left as it was, never guessed at).
 */
function redactDetailsJson(detailsJson: unknown): unknown {
  if (typeof detailsJson !== 'string') return detailsJson;
  let parsed: unknown;
  try {
    parsed = JSON.parse(detailsJson);
  } catch {
    return detailsJson;
  }
  const details = EventDetails.safeParse(parsed);
  if (!details.success) return detailsJson;
  const redacted = redactEventDetails(details.data);
  return redacted === null ? detailsJson : JSON.stringify(redacted);
}

export function registerPurgeFunctions(db: Database.Database): void {
  db.function(PURGE_FUNCTIONS.redactDetails, { deterministic: true }, redactDetailsJson);
}
