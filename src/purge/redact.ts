/**
 * What a fax record keeps once purged: what it was and what happened to it, never who
 * it was about. Shared by every store so SQLite and PostgreSQL purge alike.
 *
 * Kept: id, received time, size, file kind, page count, status, verdict, unreadable
 * code and reason (Faxdesk's own words, never the document's), OCR use and confidence,
 * the report's verdict and each check's id and status. And every event: its kind, actor,
 * time and details, except what staff typed (see FREE_TEXT_DETAIL_KEYS).
 * Gone: the pages' text, the parsed order (and with it the search index entry), the
 * check messages (they may quote a name or a NAM), the original file name (it may name
 * the patient), the file path (it holds that name), the content fingerprint, and the
 * free text of the fax's events.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { Actor, EventDetails, FaxRecord } from '../store/records.ts';

export const PURGE_ACTOR: Actor = { id: 'system:purge', name: 'Faxdesk (conservation)' };

export const PURGED_NAME = 'purgée';
/** What stands where patient-bearing text was: check messages, staff's reasons and notes. */
export const PURGED_TEXT = 'Effacé (durée de conservation dépassée)';
export const PURGED_CHECK_MESSAGE = PURGED_TEXT;

/**
 * The event detail keys whose values staff type by hand (src/workflow): they may name the
 * patient, so the purge erases them. Every other detail key holds Faxdesk's own values
 * (statuses, verdicts, codes, counts, categories, outcomes, ids, platforms, channels) and
 * stays, as do the actor's name (staff, not patient), the kind and the time.
 * - `reason`: why an incomplete order was accepted (or a complete one, optional), why one
 *   was rejected.
 * - `note`: the note on an authentication outcome (authenticated, unreachable, refused).
 * - `description`: a problem report's description. Not recorded today (the e-mail carries
 *   it), erased all the same should an event hold one.
 * A new free-text detail goes here, nowhere else: both stores purge by this list.
 */
export const FREE_TEXT_DETAIL_KEYS: readonly string[] = ['reason', 'note', 'description'];

/**
 * An event's details once its fax is purged: each free-text value replaced by PURGED_TEXT,
 * every other key and value as it was. Null when there is nothing to erase (no free-text
 * key, or only null or already erased values): the stores then leave the event alone.
 */
export function redactEventDetails(details: EventDetails): EventDetails | null {
  let changed = false;
  const out: EventDetails = { ...details };
  for (const key of FREE_TEXT_DETAIL_KEYS) {
    if (!Object.hasOwn(out, key)) continue;
    const value = out[key];
    // Whatever the type: a list or a number under these keys was typed by someone too.
    if (value === null || value === undefined || value === PURGED_TEXT) continue;
    out[key] = PURGED_TEXT;
    changed = true;
  }
  return changed ? out : null;
}

/**
 * The SHA-256 a purged fax carries instead of its content's: unique per fax, never the
 * hash of any file. The real one goes because it identifies the document; and a file
 * sent again after the purge is then a new fax, not a "duplicate" of nothing.
 */
export function purgedSha256(id: string): string {
  return createHash('sha256').update(`faxdesk:purged:${id}`).digest('hex');
}

export function isPurged(fax: Pick<FaxRecord, 'id' | 'sha256'>): boolean {
  return fax.sha256 === purgedSha256(fax.id);
}

/** Keeps which folder the original was in (archive or quarantine), not its name. */
function tombstonePath(path: string | null, id: string): string | null {
  return path === null ? null : join(dirname(path), `${id}-${PURGED_NAME}`);
}

export function purgedRecord(fax: FaxRecord): FaxRecord {
  return {
    ...fax,
    sha256: purgedSha256(fax.id),
    originalName: PURGED_NAME,
    archivePath: tombstonePath(fax.archivePath, fax.id),
    quarantinePath: tombstonePath(fax.quarantinePath, fax.id),
    order: null,
    report: {
      ...fax.report,
      checks: fax.report.checks.map((c) => ({ ...c, message: PURGED_CHECK_MESSAGE })),
    },
  };
}
