/**
 * Which store a Faxdesk instance uses: SQLite in the data folder by default, PostgreSQL
 * when `DATABASE_URL` is a postgres:// URL (the department's database; the way to run
 * several instances on one store). Any other DATABASE_URL is refused rather than ignored:
 * an instance that quietly fell back to its own SQLite file would post faxes its
 * siblings post too.
 */
import type { FaxStore } from '../../src/store/store.ts';
import { openPostgresStore, type PostgresStoreOptions } from './postgres/index.ts';
import { openSqliteStore } from './sqlite/index.ts';

export interface StoreConfig {
  /** DATABASE_URL as configured; unset or empty means SQLite. */
  databaseUrl?: string | undefined;
  /** The SQLite file, used when there is no DATABASE_URL. */
  sqlitePath: string;
  /** PostgreSQL only: schema and pool (tests, unusual set-ups). */
  postgres?: PostgresStoreOptions;
}

export type StoreKind = 'sqlite' | 'postgres';

/** DATABASE_URL is not one Faxdesk can use. The message is French, for whoever set it; it never repeats the URL (it may hold a password). */
export class UnsupportedDatabaseUrlError extends Error {
  constructor() {
    super(
      'DATABASE_URL doit être une adresse PostgreSQL (postgres://utilisateur@hôte:5432/base) ; ' +
        'laissez-la vide pour utiliser SQLite.',
    );
    this.name = 'UnsupportedDatabaseUrlError';
  }
}

/** Which store `config` selects, without opening it (for `faxdesk status` and logs). */
export function storeKind(config: Pick<StoreConfig, 'databaseUrl'>): StoreKind {
  const url = config.databaseUrl?.trim() ?? '';
  if (url === '') return 'sqlite';
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgres';
  throw new UnsupportedDatabaseUrlError();
}

export async function openStore(config: StoreConfig): Promise<FaxStore> {
  if (storeKind(config) === 'postgres') {
    return openPostgresStore(config.databaseUrl!.trim(), config.postgres ?? {});
  }
  return openSqliteStore(config.sqlitePath);
}
