/**
 * Reads what a person typed in a search box: a fax id, a NAM, or patient names.
 * Never throws: a query that cannot be run is an error result with a French message.
 */
import { FAX_ID_PATTERN } from '../store/ids.ts';
import { nameWords, normalizeNam, querySpellings } from './normalize.ts';
import type { ParsedSearchQuery } from './types.ts';

/** Longer than any name plus first name; keeps a pasted page out of the index. */
export const MAX_QUERY_CHARS = 200;
export const MAX_QUERY_WORDS = 8;
/** A name query needs one word at least this long: one letter would list everyone. */
export const MIN_WORD_CHARS = 2;

export const QUERY_MESSAGES = {
  empty: 'Indiquez le nom de l’usager (nom et/ou prénom), son NAM ou le numéro de la télécopie.',
  too_short: `Recherche trop courte : tapez au moins ${MIN_WORD_CHARS} lettres du nom ou du prénom.`,
  too_long: `Recherche trop longue : au plus ${MAX_QUERY_WORDS} mots et ${MAX_QUERY_CHARS} caractères.`,
} as const;

function error(code: keyof typeof QUERY_MESSAGES): ParsedSearchQuery {
  return { ok: false, code, message: QUERY_MESSAGES[code] };
}

export function parseSearchQuery(text: string): ParsedSearchQuery {
  const trimmed = text.trim();
  if (trimmed.length === 0) return error('empty');
  if (trimmed.length > MAX_QUERY_CHARS) return error('too_long');

  // Ids and NAMs are often pasted or typed in groups: "TREJ 8555 1512", "trej-8555-1512".
  const compact = trimmed.replace(/[\s.-]/g, '').toUpperCase();
  if (FAX_ID_PATTERN.test(compact)) return { ok: true, query: { kind: 'id', id: compact } };
  const nam = normalizeNam(compact);
  if (nam) return { ok: true, query: { kind: 'nam', nam } };

  const words = [...new Set(nameWords(trimmed))];
  if (words.length === 0) return error('empty');
  if (words.length > MAX_QUERY_WORDS) return error('too_long');
  if (!words.some((w) => w.length >= MIN_WORD_CHARS)) return error('too_short');
  return { ok: true, query: { kind: 'name', terms: words.map(querySpellings) } };
}
