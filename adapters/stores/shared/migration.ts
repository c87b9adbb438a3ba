/**
 * What a schema migration is, for every SQL store, and the refusal to open a
 * database written by a newer Faxdesk.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Thrown when the database was written by a newer Faxdesk: refuse rather than guess. */
export class SchemaTooNewError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`database schema version ${found} is newer than this Faxdesk knows (${known})`);
    this.name = 'SchemaTooNewError';
  }
}
