/**
 * The search index on SQLite: `fax_search` holds each fax's normalised patient names and
 * NAM (src/search/normalize.ts decides the normalisation), `fax_search_fts` is an FTS5
 * index over those names (external content: the words are stored once), kept in step by
 * triggers on `fax_search`. Rows are written in recordFax's transaction; migration 5
 * backfills the faxes stored before it through the SQL functions registered here.
 *
 * FTS5 query strings are built only from normalised words (a-z, 0-9), each quoted:
 * nothing a person types reaches the MATCH syntax as an operator.
 */
import type Database from 'better-sqlite3';
import type { FaxRecord } from '../../../src/store/records.ts';
import {
  searchKeysOf,
  toSearchHit,
  type SearchablePatient,
  type SearchKeys,
} from '../../../src/search/index.ts';
import type { SearchHit, SearchQuery } from '../../../src/search/types.ts';
import { rowToFax, type FaxRow } from './rows.ts';

export const SEARCH_FUNCTIONS = {
  names: 'faxdesk_search_names',
  nam: 'faxdesk_search_nam',
} as const;

/** The patient of a stored order_json, read defensively: an order stored by an older version may differ. */
function patientOfOrderJson(orderJson: unknown): SearchablePatient | null {
  if (typeof orderJson !== 'string') return null;
  let order: unknown;
  try {
    order = JSON.parse(orderJson);
  } catch {
    return null;
  }
  const patient = (order as { patient?: unknown } | null)?.patient;
  if (typeof patient !== 'object' || patient === null) return null;
  const text = (key: string): string | null => {
    const v = (patient as Record<string, unknown>)[key];
    return typeof v === 'string' && v.length > 0 ? v : null;
  };
  return { firstName: text('firstName'), lastName: text('lastName'), nam: text('nam') };
}

/** The SQL functions migration 5 uses to backfill the index with the core's normalisation. */
export function registerSearchFunctions(db: Database.Database): void {
  db.function(SEARCH_FUNCTIONS.names, { deterministic: true }, (orderJson: unknown) => {
    return searchKeysOf(patientOfOrderJson(orderJson)).names;
  });
  db.function(SEARCH_FUNCTIONS.nam, { deterministic: true }, (orderJson: unknown) => {
    return searchKeysOf(patientOfOrderJson(orderJson)).nam;
  });
}

/** `[['saint', 'st'], ['pierre']]` → `("saint"* OR "st"*) AND "pierre"*`: every term, any spelling, as a prefix. */
export function ftsMatchExpression(terms: string[][]): string {
  const groups = terms
    .map((spellings) =>
      spellings
        .filter((w) => /^[a-z0-9]+$/.test(w)) // the core only makes these; anything else is dropped
        .map((w) => `"${w}"*`),
    )
    .filter((g) => g.length > 0)
    .map((g) => (g.length === 1 ? g[0]! : `(${g.join(' OR ')})`));
  return groups.join(' AND ');
}

/** The lookups, exported so a test can check their query plans use the indexes. */
export const SEARCH_SQL = {
  byNam: `
    SELECT f.* FROM fax_search s JOIN faxes f ON f.id = s.fax_id
    WHERE s.nam = ? ORDER BY s.received_at DESC, s.fax_id DESC LIMIT ?`,
  // The matches are ordered on the small fax_search rows; only the page kept reads the faxes.
  byNames: `
    WITH hits AS (
      SELECT s.fax_id, s.received_at FROM fax_search_fts
      JOIN fax_search s ON s.id = fax_search_fts.rowid
      WHERE fax_search_fts MATCH ?
      ORDER BY s.received_at DESC, s.fax_id DESC LIMIT ?
    )
    SELECT f.* FROM hits JOIN faxes f ON f.id = hits.fax_id
    ORDER BY hits.received_at DESC, hits.fax_id DESC`,
} as const;

interface SearchRow {
  fax_id: string;
  received_at: string;
  names: string;
  nam: string | null;
}

export function searchStatements(db: Database.Database) {
  const insert = db.prepare<[SearchRow]>(
    'INSERT INTO fax_search (fax_id, received_at, names, nam) VALUES (@fax_id, @received_at, @names, @nam)',
  );
  const byId = db.prepare<[string], FaxRow>('SELECT * FROM faxes WHERE id = ?');
  const byNam = db.prepare<[string, number], FaxRow>(SEARCH_SQL.byNam);
  const byNames = db.prepare<[string, number], FaxRow>(SEARCH_SQL.byNames);

  return {
    /** Writes a fax's index entry; call inside the transaction that records the fax. */
    index(fax: FaxRecord): void {
      const keys: SearchKeys = searchKeysOf(fax.order?.patient ?? null);
      insert.run({ fax_id: fax.id, received_at: fax.receivedAt, names: keys.names, nam: keys.nam });
    },
    search(query: SearchQuery, limit: number): SearchHit[] {
      const n = Math.max(1, Math.min(100, Math.floor(limit)));
      let rows: FaxRow[];
      switch (query.kind) {
        case 'id': {
          const row = byId.get(query.id);
          rows = row ? [row] : [];
          break;
        }
        case 'nam':
          rows = byNam.all(query.nam, n);
          break;
        case 'name': {
          const match = ftsMatchExpression(query.terms);
          rows = match ? byNames.all(match, n) : [];
          break;
        }
      }
      return rows.map((row) => toSearchHit(rowToFax(row)));
    },
  };
}
