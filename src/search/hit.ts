/** A stored fax as a search result: only the contract's fields (no pages, no OCR text, no report). */
import type { FaxRecord } from '../store/records.ts';
import type { SearchHit } from './types.ts';

export function toSearchHit(fax: FaxRecord): SearchHit {
  const patient = fax.order?.patient ?? null;
  return {
    id: fax.id,
    receivedAt: fax.receivedAt,
    status: fax.status,
    verdict: fax.verdict,
    patient: {
      firstName: patient?.firstName ?? null,
      lastName: patient?.lastName ?? null,
      birthDate: patient?.birthDate ?? null,
    },
    exam: fax.order?.exam ?? null,
  };
}

/** Most recent first; the id (a ULID) breaks ties between faxes received the same millisecond. */
export function compareHits(a: SearchHit, b: SearchHit): number {
  if (a.receivedAt !== b.receivedAt) return a.receivedAt < b.receivedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
