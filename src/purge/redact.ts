/**
 * What a fax record keeps once purged: what it was and what happened to it, never who
 * it was about. Shared by every store so SQLite and PostgreSQL purge alike.
 *
 * Kept: id, received time, size, file kind, page count, status, verdict, unreadable
 * code and reason (Faxdesk's own words, never the document's), OCR use and confidence,
 * the report's verdict and each check's id and status. And every event.
 * Gone: the pages' text, the parsed order (and with it the search index entry), the
 * check messages (they may quote a name or a NAM), the original file name (it may name
 * the patient), the file path (it holds that name), and the content fingerprint.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { FaxRecord } from '../store/records.ts';
import type { Actor } from '../store/records.ts';

export const PURGE_ACTOR: Actor = { id: 'system:purge', name: 'Faxdesk (conservation)' };

export const PURGED_NAME = 'purgée';
export const PURGED_CHECK_MESSAGE = 'Effacé (durée de conservation dépassée)';

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
