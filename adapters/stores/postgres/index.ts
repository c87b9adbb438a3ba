export { openPostgresStore, type PostgresFaxStore, type PostgresStoreOptions } from './store.ts';
export { MIGRATIONS, migrate, schemaVersion, SchemaTooNewError, type Migration } from './migrations.ts';
