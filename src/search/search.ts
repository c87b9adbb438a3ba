/**
 * Finding faxes from what a person typed: `searchFaxes(store, 'cote jeanne')`.
 * The store does the indexed lookup; this decides what is asked and caps the answer.
 * Results carry patient data: the caller shows them only to the person who asked.
 */
import type { FaxStore } from '../store/store.ts';
import { compareHits } from './hit.ts';
import { parseSearchQuery } from './parse-query.ts';
import { MAX_SEARCH_RESULTS, type SearchOutcome } from './types.ts';

export interface SearchOptions {
  /** At most MAX_SEARCH_RESULTS (the default). */
  limit?: number;
}

export async function searchFaxes(
  store: Pick<FaxStore, 'searchFaxes'>,
  text: string,
  options: SearchOptions = {},
): Promise<SearchOutcome> {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) return parsed;
  const limit = Math.max(1, Math.min(MAX_SEARCH_RESULTS, Math.floor(options.limit ?? MAX_SEARCH_RESULTS)));
  const hits = await store.searchFaxes(parsed.query, limit);
  return { ok: true, query: parsed.query, hits: [...hits].sort(compareHits).slice(0, limit) };
}
