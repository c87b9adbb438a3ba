/**
 * What only the PostgreSQL store has: its migration runner (one transaction under an
 * advisory lock), the search lookups reading their indexes, the schema option.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  MIGRATIONS,
  migrate,
  openPostgresStore,
  type PostgresFaxStore,
} from '../../adapters/stores/postgres/index.ts';
import { SEARCH_SQL, tsQueryExpression } from '../../adapters/stores/postgres/search.ts';
import { stored } from './fixtures.ts';
import { POSTGRES_URL, STORES, useStore } from './harness.ts';

const postgres = STORES.find(([name]) => name === 'postgres')![1];

describe('PostgreSQL store', () => {
  const t = useStore(postgres);

  it('rolls back a failing migration entirely', async () => {
    const schema = t.fresh();
    const pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${schema}` });
    try {
      const client = await pool.connect();
      try {
        const broken = [
          ...MIGRATIONS,
          { version: 100, name: 'broken', sql: 'CREATE TABLE t (x int); NOT SQL' },
        ];
        await expect(migrate(client, { schema, migrations: broken })).rejects.toThrow();
        const { rows } = await client.query(
          'SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1',
          [schema],
        );
        expect(rows[0].n).toBe(0); // not even the schema: nothing of it was kept
        expect(await migrate(client, { schema })).toEqual(MIGRATIONS.map((m) => m.version));
        expect(await migrate(client, { schema })).toEqual([]);
      } finally {
        client.release();
      }
    } finally {
      await pool.end();
    }
  });

  it('keeps its tables in the schema it is given', async () => {
    const s = t();
    const { rows } = await (s.store as PostgresFaxStore).pool.query(
      "SELECT table_schema FROM information_schema.tables WHERE table_name = 'faxes' AND table_schema = $1",
      [t.location()],
    );
    expect(rows).toHaveLength(1);
    await expect(openPostgresStore(POSTGRES_URL, { schema: 'x; DROP SCHEMA public' })).rejects.toThrow(
      /schema name/,
    );
  });

  it('looks names and NAMs up through their indexes', async () => {
    const s = t();
    for (let i = 0; i < 30; i++)
      await stored(s.store, { patient: { firstName: `P${i}`, lastName: 'Tremblay' } });
    const client = await (s.store as PostgresFaxStore).pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off'); // a tiny table: make the planner show what it can use
      const plan = async (sql: string, params: unknown[]) =>
        (await client.query(`EXPLAIN ${sql}`, params)).rows
          .map((r: Record<string, string>) => r['QUERY PLAN'])
          .join('\n');
      expect(await plan(SEARCH_SQL.byNames, [tsQueryExpression([['saint', 'st'], ['trem']]), 10])).toMatch(
        /Bitmap Index Scan on fax_search_names/,
      );
      expect(await plan(SEARCH_SQL.byNam, ['COTJ85551512', 10])).toMatch(/fax_search_by_nam/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
  });

  it('builds a tsquery only from normalised words, each quoted, as prefixes', () => {
    expect(tsQueryExpression([['saint', 'st'], ['pierre']])).toBe("('saint':* | 'st':*) & 'pierre':*");
    expect(tsQueryExpression([["o'neil", 'x!'], ['cote']])).toBe("'cote':*");
    expect(tsQueryExpression([["'"]])).toBe('');
  });
});
