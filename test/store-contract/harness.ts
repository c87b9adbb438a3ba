/**
 * The stores the contract suite runs against: SQLite in a temp dir, and PostgreSQL in a
 * fresh schema (`faxdesk_test_<random>`) of the server on this machine, dropped after each
 * test, so runs never collide. PostgreSQL unreachable: the PostgreSQL half fails with a clear
 * message when CI is set (the server is part of CI), and is skipped with a warning otherwise.
 *
 * Each test gets a `StoreUnderTest`: the store, a way to open more instances on the same
 * database (another process, another machine), and raw SQL for what the interface
 * deliberately cannot do (change an event, purge an order).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, type TestContext } from 'vitest';
import Database from 'better-sqlite3';
import * as postgresStore from '../../adapters/stores/postgres/index.ts';
import { FAX_COLUMNS, faxParams } from '../../adapters/stores/postgres/rows.ts';
import { openPostgresStore, type PostgresFaxStore } from '../../adapters/stores/postgres/index.ts';
import * as sqliteStore from '../../adapters/stores/sqlite/index.ts';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { faxToRow } from '../../adapters/stores/sqlite/rows.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import type { FaxStore } from '../../src/store/store.ts';

export const POSTGRES_URL =
  process.env.FAXDESK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A new, empty place for a database: a file path, or a schema name (created on first open). */
  newLocation(): string;
  open(location: string): Promise<FaxStore>;
  /** Raw SQL on the store's own connection; `?` placeholders. */
  sql(store: FaxStore, statement: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  drop(location: string): Promise<void>;
}

const sqlite: Backend = {
  name: 'sqlite',
  newLocation: () => join(mkdtempSync(join(tmpdir(), 'faxdesk-contract-')), 'faxdesk.sqlite'),
  open: async (location) => openSqliteStore(location),
  async sql(store, statement, params = []) {
    const stmt = (store as SqliteFaxStore).db.prepare(statement);
    if (stmt.reader) return stmt.all(...params) as Record<string, unknown>[];
    stmt.run(...params);
    return [];
  },
  async drop(location) {
    rmSync(dirname(location), { recursive: true, force: true });
  },
};

async function withAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const postgres: Backend = {
  name: 'postgres',
  newLocation: () => `faxdesk_test_${randomBytes(6).toString('hex')}`,
  open: (schema) => openPostgresStore(POSTGRES_URL, { schema, poolSize: 4 }),
  async sql(store, statement, params = []) {
    let n = 0;
    const text = statement.replace(/\?/g, () => `$${++n}`);
    return (await (store as PostgresFaxStore).pool.query(text, params)).rows as Record<string, unknown>[];
  },
  async drop(schema) {
    await withAdmin((c) => c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
  },
};

/** Why PostgreSQL cannot be used here, or null when it can. */
async function postgresUnreachable(): Promise<string | null> {
  try {
    await withAdmin((c) => c.query('SELECT 1'));
    return null;
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    return `PostgreSQL not reachable at ${POSTGRES_URL.replace(/\/\/[^@]*@/, '//…@')} (${code}); set FAXDESK_TEST_DATABASE_URL`;
  }
}

const unreachable = await postgresUnreachable();
if (unreachable && !process.env.CI) {
  console.warn(`store contract: SKIPPING the PostgreSQL store tests: ${unreachable}`);
}

/** For describe.each: [name, backend]. */
export const STORES: [string, Backend][] = [
  ['sqlite', sqlite],
  ['postgres', postgres],
];

export interface StoreUnderTest {
  readonly backend: Backend;
  /** The instance the test uses first. */
  readonly store: FaxStore;
  /** Another instance on the same database, closed after the test. */
  another(): Promise<FaxStore>;
  /** Raw SQL through the first instance's connection. */
  sql(statement: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  count(table: string, where?: string, params?: unknown[]): Promise<number>;
}

/**
 * Registers the hooks that give each test a fresh database on `backend`; the returned
 * function gives the current test's. For tests of opening itself: `location()` is the
 * current database, `fresh()` another empty one (dropped after the test), `track()` closes
 * a store opened by hand after the test.
 */
export function useStore(backend: Backend): {
  (): StoreUnderTest;
  location(): string;
  fresh(): string;
  track(store: FaxStore): FaxStore;
} {
  let current: StoreUnderTest | null = null;
  let location = '';
  const extra: string[] = [];
  let opened: FaxStore[] = [];

  beforeEach(async (ctx: TestContext) => {
    if (backend.name === 'postgres' && unreachable) {
      if (process.env.CI)
        throw new Error(`${unreachable} — CI is set, so the PostgreSQL store must be tested`);
      ctx.skip(unreachable);
      return;
    }
    location = backend.newLocation();
    opened = [];
    const store = track(await backend.open(location));
    current = {
      backend,
      store,
      another: async () => track(await backend.open(location)),
      sql: (statement, params) => backend.sql(store, statement, params),
      count: async (table, where, params) => {
        const rows = await backend.sql(
          store,
          `SELECT COUNT(*) AS n FROM ${table}${where ? ` WHERE ${where}` : ''}`,
          params,
        );
        return Number(rows[0]?.n);
      },
    };
  });

  afterEach(async () => {
    for (const s of opened.splice(0)) await s.close();
    for (const l of [location, ...extra.splice(0)]) if (l) await backend.drop(l);
    location = '';
    current = null;
  });

  function track(store: FaxStore): FaxStore {
    opened.push(store);
    return store;
  }

  const get = () => {
    if (!current) throw new Error('no store: the test was skipped or its set-up failed');
    return current;
  };
  const fresh = () => {
    const l = backend.newLocation();
    extra.push(l);
    return l;
  };
  return Object.assign(get, { location: () => location, fresh, track });
}

/** Raw SQL with `?` placeholders, on a database set up by hand. */
export type RawSql = (statement: string, params?: unknown[]) => Promise<void>;

/**
 * A database as an earlier Faxdesk left it, for migration tests: at `location`, the
 * backend's real migrations numbered below `version` only, then `write` fills it with raw
 * SQL (the store of that time is gone; its rows are not).
 */
export async function olderDatabase(
  backend: Backend,
  location: string,
  version: number,
  write: (sql: RawSql) => Promise<void>,
): Promise<void> {
  if (backend.name === 'sqlite') {
    const db = new Database(location);
    try {
      sqliteStore.migrate(
        db,
        sqliteStore.MIGRATIONS.filter((m) => m.version < version),
      );
      await write(async (statement, params = []) => {
        db.prepare(statement).run(...params);
      });
    } finally {
      db.close();
    }
    return;
  }
  const pool = new pg.Pool({ connectionString: POSTGRES_URL, options: `-c search_path=${location}` });
  try {
    const client = await pool.connect();
    try {
      await postgresStore.migrate(client, {
        schema: location,
        migrations: postgresStore.MIGRATIONS.filter((m) => m.version < version),
      });
      await write(async (statement, params = []) => {
        let n = 0;
        await client.query(
          statement.replace(/\?/g, () => `$${++n}`),
          params,
        );
      });
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}

/** `INSERT INTO faxes` of `f` as either store writes it (columns every version has had), for RawSql. */
export function insertFaxSql(backend: Backend, f: FaxRecord): [string, unknown[]] {
  const [allColumns, allValues]: [readonly string[], unknown[]] =
    backend.name === 'sqlite'
      ? [Object.keys(faxToRow(f)), Object.values(faxToRow(f))]
      : [FAX_COLUMNS, faxParams(f)];
  // origin_json is newer than the versions these tests start from (and null for these faxes).
  const kept = allColumns.flatMap((c, i) => (c === 'origin_json' ? [] : [i]));
  const columns = kept.map((i) => allColumns[i]);
  const values = kept.map((i) => allValues[i]);
  return [`INSERT INTO faxes (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, values];
}
