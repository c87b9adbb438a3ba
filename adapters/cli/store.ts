/**
 * The store the CLI commands use: PostgreSQL when DATABASE_URL is set (several
 * instances share it), otherwise the embedded SQLite file under FAXDESK_HOME.
 */
import type { Config } from '../../src/config.ts';
import type { FaxStore } from '../../src/store/store.ts';
import { openStore, storeKind } from '../stores/open-store.ts';

export function openConfiguredStore(config: Config): Promise<FaxStore> {
  return openStore({ databaseUrl: config.databaseUrl, sqlitePath: config.database });
}

/** Where the faxes are kept, for messages (never the URL itself: it may hold a password). */
export function describeStore(config: Config): string {
  return storeKind({ databaseUrl: config.databaseUrl }) === 'postgres'
    ? 'PostgreSQL (DATABASE_URL)'
    : config.database;
}
