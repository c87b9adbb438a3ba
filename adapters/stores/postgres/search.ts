/**
 * The search index on PostgreSQL: `fax_search` holds each fax's normalised patient names
 * and NAM (src/search/normalize.ts decides the normalisation, as for SQLite), and a
 * `tsvector` of those words with a GIN index. A name query is a `tsquery` of prefix terms
 * (`'saint':* | 'st':*`) built only from normalised words (a-z, 0-9), each quoted, and
 * passed as a parameter: nothing a person types reaches the query syntax as an operator.
 */
import type { Pool, PoolClient } from 'pg';
import type { FaxRecord } from '../../../src/store/records.ts';
import { searchKeysOf, toSearchHit } from '../../../src/search/index.ts';
import type { SearchHit, SearchQuery } from '../../../src/search/types.ts';
import { rowToFax, type FaxRow } from './rows.ts';

/** Anything that runs a query: the pool, or a client inside a transaction. */
export type Queryable = Pool | PoolClient;

/** `[['saint', 'st'], ['pierre']]` → `('saint':* | 'st':*) & 'pierre':*`: every term, any spelling, as a prefix. */
export function tsQueryExpression(terms: string[][]): string {
  return terms
    .map((spellings) =>
      spellings
        .filter((w) => /^[a-z0-9]+$/.test(w)) // the core only makes these; anything else is dropped
        .map((w) => `'${w}':*`),
    )
    .filter((g) => g.length > 0)
    .map((g) => (g.length === 1 ? g[0]! : `(${g.join(' | ')})`))
    .join(' & ');
}

/** The lookups, exported so a test can check their query plans use the indexes. */
export const SEARCH_SQL = {
  byId: 'SELECT * FROM faxes WHERE id = $1',
  byNam: `
    SELECT f.* FROM fax_search s JOIN faxes f ON f.id = s.fax_id
    WHERE s.nam = $1 ORDER BY s.received_at DESC, s.fax_id DESC LIMIT $2`,
  // The matches are ordered on the small fax_search rows; only the page kept reads the faxes.
  byNames: `
    WITH hits AS (
      SELECT s.fax_id, s.received_at FROM fax_search s
      WHERE s.names_tsv @@ $1::tsquery
      ORDER BY s.received_at DESC, s.fax_id DESC LIMIT $2
    )
    SELECT f.* FROM hits JOIN faxes f ON f.id = hits.fax_id
    ORDER BY hits.received_at DESC, hits.fax_id DESC`,
} as const;

/** Writes a fax's index entry; call inside the transaction that records the fax. */
export async function indexFax(client: PoolClient, fax: FaxRecord): Promise<void> {
  const keys = searchKeysOf(fax.order?.patient ?? null);
  await client.query('INSERT INTO fax_search (fax_id, received_at, names, nam) VALUES ($1, $2, $3, $4)', [
    fax.id,
    fax.receivedAt,
    keys.names,
    keys.nam,
  ]);
}

export async function searchFaxRows(db: Queryable, query: SearchQuery, limit: number): Promise<SearchHit[]> {
  const n = Math.max(1, Math.min(100, Math.floor(limit)));
  let rows: FaxRow[];
  switch (query.kind) {
    case 'id':
      rows = (await db.query<FaxRow>(SEARCH_SQL.byId, [query.id])).rows;
      break;
    case 'nam':
      rows = (await db.query<FaxRow>(SEARCH_SQL.byNam, [query.nam, n])).rows;
      break;
    case 'name': {
      const expression = tsQueryExpression(query.terms);
      rows = expression ? (await db.query<FaxRow>(SEARCH_SQL.byNames, [expression, n])).rows : [];
      break;
    }
  }
  return rows.map((row) => toSearchHit(rowToFax(row)));
}
