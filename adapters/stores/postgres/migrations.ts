/**
 * Schema migrations of the PostgreSQL store, numbered from the first version on. Append
 * new ones at the end; never edit one that has shipped (databases out there already ran it).
 *
 * The tables mirror the SQLite store's (adapters/stores/sqlite/migrations.ts) with
 * PostgreSQL's types: instants are `timestamptz` (read back as `Date#toISOString`), JSON
 * documents `jsonb`, the search index a `tsvector` with a GIN index.
 */
import type { PoolClient } from 'pg';
import { SchemaTooNewError, type Migration } from '../shared/migration.ts';
import { REDACT_PURGED_EVENTS_SQL } from './redact-sql.ts';

export { SchemaTooNewError, type Migration };

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'faxes, pages and events',
    sql: `
      -- Fax ids (ULIDs) compare byte by byte, as in SQLite, whatever the database's collation:
      -- their order is the reception order.
      CREATE TABLE faxes (
        id text COLLATE "C" PRIMARY KEY,
        sha256 text NOT NULL UNIQUE,
        original_name text NOT NULL,
        size_bytes bigint NOT NULL,
        archive_path text,
        quarantine_path text,
        received_at timestamptz NOT NULL,
        file_kind text,
        page_count integer NOT NULL,
        status text NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'auth_requested', 'accepted', 'rejected')),
        verdict text NOT NULL,
        unreadable_code text,
        unreadable_reason text,
        ocr_used boolean NOT NULL,
        ocr_confidence double precision,
        order_json jsonb,
        report_json jsonb NOT NULL,
        CHECK ((archive_path IS NULL) <> (quarantine_path IS NULL))
      );
      CREATE INDEX faxes_by_status ON faxes (status, id);
      CREATE TABLE fax_pages (
        fax_id text COLLATE "C" NOT NULL REFERENCES faxes(id),
        page_index integer NOT NULL,
        text text NOT NULL,
        source text NOT NULL,
        confidence double precision,
        rotation double precision NOT NULL,
        skew double precision NOT NULL,
        grey_ratio double precision,
        width integer,
        height integer,
        PRIMARY KEY (fax_id, page_index)
      );
      CREATE TABLE fax_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        fax_id text COLLATE "C" REFERENCES faxes(id),
        kind text NOT NULL,
        actor_id text NOT NULL,
        actor_name text NOT NULL,
        at timestamptz NOT NULL,
        details_json jsonb NOT NULL
      );
      CREATE INDEX fax_events_by_fax ON fax_events (fax_id, id);
    `,
  },
  {
    version: 2,
    name: 'event log is append-only',
    // The interface offers no way to change an event; the database refuses it too (a
    // hand-written UPDATE, a future bug). TRUNCATE as well: it would skip the row triggers.
    // Version 7 lets the retention purge erase the staff-typed text of a purged fax's
    // events, and nothing else.
    sql: `
      CREATE FUNCTION fax_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'fax_events is append-only';
      END;
      $$;
      CREATE TRIGGER fax_events_no_update BEFORE UPDATE OR DELETE ON fax_events
        FOR EACH ROW EXECUTE FUNCTION fax_events_append_only();
      CREATE TRIGGER fax_events_no_truncate BEFORE TRUNCATE ON fax_events
        FOR EACH STATEMENT EXECUTE FUNCTION fax_events_append_only();
    `,
  },
  {
    version: 3,
    name: 'outbox of cards to post or update, and where each card was posted',
    sql: `
      CREATE TABLE deliveries (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        fax_id text COLLATE "C" NOT NULL REFERENCES faxes(id),
        kind text NOT NULL CHECK (kind IN ('post', 'update')),
        created_at timestamptz NOT NULL,
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        leased_until timestamptz,
        last_error text,
        done_at timestamptz,
        failed_at timestamptz
      );
      -- One post per fax, ever: a second one would be a double-posted card.
      CREATE UNIQUE INDEX deliveries_one_post ON deliveries (fax_id) WHERE kind = 'post';
      CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE done_at IS NULL AND failed_at IS NULL;
      CREATE TABLE chat_messages (
        fax_id text COLLATE "C" NOT NULL REFERENCES faxes(id),
        platform text NOT NULL,
        channel_id text NOT NULL,
        message_id text NOT NULL,
        posted_at timestamptz NOT NULL,
        PRIMARY KEY (fax_id, platform, channel_id)
      );
    `,
  },
  {
    version: 4,
    name: 'patient search index (names as a tsvector, NAM)',
    // `names` holds the words src/search/normalize.ts makes (a-z, 0-9, space-separated);
    // the tsvector is built from them as they are (array_to_tsvector: no parser, no
    // dictionary), so it holds exactly the words SQLite's FTS5 index holds.
    sql: `
      CREATE TABLE fax_search (
        fax_id text COLLATE "C" PRIMARY KEY REFERENCES faxes(id),
        received_at timestamptz NOT NULL,
        names text NOT NULL,
        nam text,
        names_tsv tsvector GENERATED ALWAYS AS (array_to_tsvector(string_to_array(names, ' '))) STORED
      );
      CREATE INDEX fax_search_names ON fax_search USING gin (names_tsv);
      CREATE INDEX fax_search_by_nam ON fax_search (nam, received_at, fax_id) WHERE nam IS NOT NULL;
      -- A retention purge that clears a fax's order clears its index entry too.
      CREATE FUNCTION faxes_search_purge() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE fax_search SET names = '', nam = NULL WHERE fax_id = NEW.id;
        RETURN NULL;
      END;
      $$;
      CREATE TRIGGER faxes_search_purge AFTER UPDATE OF order_json ON faxes
        FOR EACH ROW WHEN (NEW.order_json IS NULL) EXECUTE FUNCTION faxes_search_purge();
    `,
  },
  {
    version: 5,
    name: 'daily digest: one per local day and channel',
    // The primary key is the once-a-day guarantee across instances and restarts; a claim
    // not posted before lease_until (its holder died) may be taken over.
    sql: `
      CREATE TABLE digests (
        day text NOT NULL,
        channel text NOT NULL,
        claimed_at timestamptz NOT NULL,
        lease_until timestamptz NOT NULL,
        late boolean NOT NULL,
        posted_at timestamptz,
        PRIMARY KEY (day, channel)
      );
    `,
  },
  {
    version: 6,
    name: 'intake claims, send slots per channel, claim count of deliveries',
    // What several instances on one inbox and one chat channel need: a lease on each file
    // being read (so two do not OCR it both), the next free send slot of each channel (the
    // platform's rate limit is per channel, not per instance), and how many times a delivery
    // was claimed (above 1, an earlier holder may have posted without recording it).
    sql: `
      CREATE TABLE intake_claims (
        sha256 text PRIMARY KEY,
        owner text NOT NULL,
        claimed_at timestamptz NOT NULL,
        lease_until timestamptz NOT NULL
      );
      CREATE TABLE send_slots (
        channel_key text PRIMARY KEY,
        next_at timestamptz NOT NULL
      );
      ALTER TABLE deliveries ADD COLUMN claims integer NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 7,
    name: 'retention purge: events of a purged fax lose the text staff typed',
    // Reasons and notes staff type may name the patient, and events outlive the purge. The
    // one change the log now accepts: the details of an event whose fax is purged (purged_at,
    // set by purgeFax in the same transaction, before it rewrites them). Any other column,
    // any event of a fax not purged, any event about no fax, any DELETE or TRUNCATE: still
    // refused. The function reads faxes through the search_path it was created with, so a
    // session with another search_path cannot point it at another table. Faxes purged
    // before this version get purged_at from their `purged` event, and their events' free
    // text erased here, as purgeFax now does (redact-sql.ts: the core's rule as SQL).
    sql: `
      ALTER TABLE faxes ADD COLUMN purged_at timestamptz;
      UPDATE faxes f SET purged_at = p.at
        FROM (SELECT fax_id, max(at) AS at FROM fax_events WHERE kind = 'purged' AND fax_id IS NOT NULL
              GROUP BY fax_id) p
        WHERE p.fax_id = f.id;
      DROP TRIGGER IF EXISTS fax_events_no_update ON fax_events;
      CREATE TRIGGER fax_events_no_delete BEFORE DELETE ON fax_events
        FOR EACH ROW EXECUTE FUNCTION fax_events_append_only();
      CREATE FUNCTION fax_events_purge_only() RETURNS trigger LANGUAGE plpgsql
      SET search_path FROM CURRENT AS $$
      BEGIN
        IF (NEW.id, NEW.fax_id, NEW.kind, NEW.actor_id, NEW.actor_name, NEW.at)
             IS NOT DISTINCT FROM (OLD.id, OLD.fax_id, OLD.kind, OLD.actor_id, OLD.actor_name, OLD.at)
           AND EXISTS (SELECT 1 FROM faxes WHERE faxes.id = OLD.fax_id AND faxes.purged_at IS NOT NULL) THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'fax_events is append-only';
      END;
      $$;
      CREATE TRIGGER fax_events_no_update BEFORE UPDATE ON fax_events
        FOR EACH ROW EXECUTE FUNCTION fax_events_purge_only();
      ${REDACT_PURGED_EVENTS_SQL}
    `,
  },
  {
    version: 10,
    name: 'where a fax came from (mailbox, receive hook)',
    // Null for a file dropped in the inbox folder. 8 and 9 are other changes' numbers.
    sql: `ALTER TABLE faxes ADD COLUMN origin_json jsonb;`,
  },
];

/** Schema names this store creates and sets: plain identifiers, nothing to quote or inject. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The advisory lock every migrating instance takes (database-wide: migrations are rare). */
const MIGRATION_LOCK = "hashtext('faxdesk'), hashtext('migrate')";

export async function schemaVersion(client: PoolClient): Promise<number> {
  const exists = await client.query<{ t: string | null }>(
    "SELECT to_regclass('schema_migrations')::text AS t",
  );
  if (!exists.rows[0]?.t) return 0;
  const row = await client.query<{ v: number | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  return row.rows[0]?.v ?? 0;
}

/**
 * Applies the pending migrations in one transaction, under an advisory lock: two instances
 * starting together take turns, and the second finds nothing left to do. Creates `schema`
 * first when given (the connection's search_path names it). Returns the versions applied.
 */
export async function migrate(
  client: PoolClient,
  options: { schema?: string; migrations?: readonly Migration[]; now?: () => Date } = {},
): Promise<number[]> {
  const migrations = options.migrations ?? MIGRATIONS;
  const now = options.now ?? (() => new Date());
  await client.query('BEGIN');
  try {
    await client.query(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`);
    if (options.schema !== undefined) {
      if (!SCHEMA_NAME.test(options.schema)) throw new Error('invalid PostgreSQL schema name');
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`);
    }
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL
    )`);
    const current = await schemaVersion(client);
    const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
    if (current > known) throw new SchemaTooNewError(current, known);
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= current) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        now(),
      ]);
      applied.push(m.version);
    }
    await client.query('COMMIT');
    return applied;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}
