export * from './types.ts';
export {
  parseSearchQuery,
  QUERY_MESSAGES,
  MAX_QUERY_CHARS,
  MAX_QUERY_WORDS,
  MIN_WORD_CHARS,
} from './parse-query.ts';
export { searchFaxes, type SearchOptions } from './search.ts';
export { toSearchHit, compareHits } from './hit.ts';
export {
  nameWords,
  searchKeysOf,
  normalizeNam,
  querySpellings,
  NAM_SHAPE,
  type SearchablePatient,
  type SearchKeys,
} from './normalize.ts';
