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

/**
 * What the store looks up, built by `parseSearchQuery` from what the person typed.
 * For names, `terms` are already normalised (`normalizeName`): lower-case ASCII letters
 * and digits only. Every term must match a name token of the fax's patient; within a
 * term, any of its spellings will do (`st` is `saint` or the start of `stéphane`), each
 * as a prefix.
 */
export type SearchQuery =
  { kind: 'id'; id: string } | { kind: 'nam'; nam: string } | { kind: 'name'; terms: string[][] };

/** Why a query was not run: the message is French, for the person who typed it. */
export type SearchQueryErrorCode = 'empty' | 'too_short' | 'too_long';

export type ParsedSearchQuery =
  { ok: true; query: SearchQuery } | { ok: false; code: SearchQueryErrorCode; message: string };

export type SearchOutcome =
  | { ok: true; query: SearchQuery; hits: SearchHit[] }
  | { ok: false; code: SearchQueryErrorCode; message: string };
