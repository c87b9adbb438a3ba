/**
 * Finding a fax by patient name (or NAM, or fax id): the contract between the
 * search core, the store's index, and the places that ask (Slack's /fax, the
 * Teams bot and messaging extension, the console's search box, `faxdesk search`).
 * Results carry patient data: show them only to the person who asked.
 */
import type { FaxStatus } from '../store/records.ts';
import type { Verdict } from '../domain/report.ts';

export interface SearchHit {
  id: string;
  receivedAt: string;
  status: FaxStatus;
  verdict: Verdict;
  patient: { firstName: string | null; lastName: string | null; birthDate: string | null };
  exam: string | null;
}

/** At most this many results, the most recent first. */
export const MAX_SEARCH_RESULTS = 10;
