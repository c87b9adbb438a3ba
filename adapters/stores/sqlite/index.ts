export { openSqliteStore, type SqliteFaxStore, type SqliteStoreOptions } from './store.ts';
export { MIGRATIONS, migrate, schemaVersion, SchemaTooNewError, type Migration } from './migrations.ts';
