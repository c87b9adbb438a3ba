/**
 * Schema migrations, numbered from the first version on. Append new ones at
 * the end; never edit one that has shipped (databases out there already ran it).
 */
import type Database from 'better-sqlite3';
import { registerPurgeFunctions } from './purge-functions.ts';
import { registerSearchFunctions } from './search.ts';
import { SchemaTooNewError, type Migration } from '../shared/migration.ts';

export { SchemaTooNewError, type Migration };

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'faxes, pages and events',
    sql: `
      CREATE TABLE faxes (
        id TEXT PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        original_name TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        archive_path TEXT,
        quarantine_path TEXT,
        received_at TEXT NOT NULL,
        file_kind TEXT,
        page_count INTEGER NOT NULL,
        status TEXT NOT NULL DEFAULT 'pending'
          CHECK (status IN ('pending', 'auth_requested', 'accepted', 'rejected')),
        verdict TEXT NOT NULL,
        unreadable_code TEXT,
        unreadable_reason TEXT,
        ocr_used INTEGER NOT NULL,
        ocr_confidence REAL,
        order_json TEXT,
        report_json TEXT NOT NULL,
        CHECK ((archive_path IS NULL) <> (quarantine_path IS NULL))
      );
      CREATE TABLE fax_pages (
        fax_id TEXT NOT NULL REFERENCES faxes(id),
        page_index INTEGER NOT NULL,
        text TEXT NOT NULL,
        source TEXT NOT NULL,
        confidence REAL,
        rotation REAL NOT NULL,
        skew REAL NOT NULL,
        grey_ratio REAL,
        width INTEGER,
        height INTEGER,
        PRIMARY KEY (fax_id, page_index)
      );
      CREATE TABLE fax_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        fax_id TEXT REFERENCES faxes(id),
        kind TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        at TEXT NOT NULL,
        details_json TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'event log is append-only',
    // The interface offers no way to change an event; these make the database refuse it too
    // (a hand-written UPDATE, a future bug). Version 8 lets the retention purge erase the
    // staff-typed text of a purged fax's events, and nothing else.
    sql: `
      CREATE TRIGGER fax_events_no_update BEFORE UPDATE ON fax_events
      BEGIN SELECT RAISE(ABORT, 'fax_events is append-only'); END;
      CREATE TRIGGER fax_events_no_delete BEFORE DELETE ON fax_events
      BEGIN SELECT RAISE(ABORT, 'fax_events is append-only'); END;
    `,
  },
  {
    version: 3,
    name: 'indexes for the lists staff see',
    sql: `
      CREATE INDEX faxes_by_status ON faxes (status, id);
      CREATE INDEX fax_events_by_fax ON fax_events (fax_id, id);
    `,
  },
  {
    version: 4,
    name: 'outbox of cards to post or update, and where each card was posted',
    sql: `
      CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        fax_id TEXT NOT NULL REFERENCES faxes(id),
        kind TEXT NOT NULL CHECK (kind IN ('post', 'update')),
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        leased_until TEXT,
        last_error TEXT,
        done_at TEXT,
        failed_at TEXT
      );
      -- One post per fax, ever: a second one would be a double-posted card.
      CREATE UNIQUE INDEX deliveries_one_post ON deliveries (fax_id) WHERE kind = 'post';
      CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE done_at IS NULL AND failed_at IS NULL;
      CREATE TABLE chat_messages (
        fax_id TEXT NOT NULL REFERENCES faxes(id),
        platform TEXT NOT NULL,
        channel_id TEXT NOT NULL,
        message_id TEXT NOT NULL,
        posted_at TEXT NOT NULL,
        PRIMARY KEY (fax_id, platform, channel_id)
      );
      -- Faxes recorded before this version are queued too: every fax is posted.
      INSERT INTO deliveries (fax_id, kind, created_at, next_attempt_at)
        SELECT id, 'post', received_at, received_at FROM faxes;
    `,
  },
  {
    version: 5,
    name: 'patient search index (names in FTS5, NAM)',
    // Names are indexed as src/search/normalize.ts folds them (accents, case, saint/st); the
    // backfill calls that code through the SQL functions of search.ts, registered by migrate().
    sql: `
      CREATE TABLE fax_search (
        id INTEGER PRIMARY KEY,
        fax_id TEXT NOT NULL UNIQUE REFERENCES faxes(id),
        received_at TEXT NOT NULL,
        names TEXT NOT NULL,
        nam TEXT
      );
      CREATE INDEX fax_search_by_nam ON fax_search (nam, received_at, fax_id) WHERE nam IS NOT NULL;
      -- prefix='2 3': the short prefixes people type ("tr", "cot") read a ready-made index.
      CREATE VIRTUAL TABLE fax_search_fts USING fts5(
        names, content='fax_search', content_rowid='id', tokenize='unicode61', prefix='2 3'
      );
      CREATE TRIGGER fax_search_ai AFTER INSERT ON fax_search BEGIN
        INSERT INTO fax_search_fts (rowid, names) VALUES (new.id, new.names);
      END;
      CREATE TRIGGER fax_search_ad AFTER DELETE ON fax_search BEGIN
        INSERT INTO fax_search_fts (fax_search_fts, rowid, names) VALUES ('delete', old.id, old.names);
      END;
      CREATE TRIGGER fax_search_au AFTER UPDATE ON fax_search BEGIN
        INSERT INTO fax_search_fts (fax_search_fts, rowid, names) VALUES ('delete', old.id, old.names);
        INSERT INTO fax_search_fts (rowid, names) VALUES (new.id, new.names);
      END;
      -- A retention purge that clears a fax's order clears its index entry too.
      CREATE TRIGGER faxes_search_purge AFTER UPDATE OF order_json ON faxes WHEN new.order_json IS NULL BEGIN
        UPDATE fax_search SET names = '', nam = NULL WHERE fax_id = new.id;
      END;
      INSERT INTO fax_search (fax_id, received_at, names, nam)
        SELECT id, received_at, faxdesk_search_names(order_json), faxdesk_search_nam(order_json)
        FROM faxes ORDER BY id;
    `,
  },
  {
    version: 6,
    name: 'daily digest: one per local day and channel',
    // The primary key is the once-a-day guarantee across instances and restarts; a claim
    // not posted before `lease_until` (its holder died) may be taken over.
    sql: `
      CREATE TABLE digests (
        day TEXT NOT NULL,
        channel TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        lease_until TEXT NOT NULL,
        late INTEGER NOT NULL,
        posted_at TEXT,
        PRIMARY KEY (day, channel)
      );
    `,
  },
  {
    version: 7,
    name: 'intake claims, send slots per channel, claim count of deliveries',
    // What several instances on one inbox and one chat channel need: a lease on each file
    // being read (so two do not OCR it both), the next free send slot of each channel (the
    // platform's rate limit is per channel, not per instance), and how many times a delivery
    // was claimed (above 1, an earlier holder may have posted without recording it).
    sql: `
      CREATE TABLE intake_claims (
        sha256 TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        lease_until TEXT NOT NULL
      );
      CREATE TABLE send_slots (
        channel_key TEXT PRIMARY KEY,
        next_at TEXT NOT NULL
      );
      ALTER TABLE deliveries ADD COLUMN claims INTEGER NOT NULL DEFAULT 0;
    `,
  },
  {
    version: 8,
    name: 'retention purge: events of a purged fax lose the text staff typed',
    // Reasons and notes staff type may name the patient, and events outlive the purge. The
    // one change the log now accepts: the details of an event whose fax is purged (purged_at,
    // set by purgeFax in the same transaction, before it rewrites them). Any other column,
    // any event of a fax not purged, any event about no fax, any DELETE: still refused.
    // Faxes purged before this version get purged_at from their `purged` event, and their
    // events' free text erased here, as purgeFax now does (faxdesk_redact_details runs the
    // core's rule, src/purge/redact.ts).
    sql: `
      ALTER TABLE faxes ADD COLUMN purged_at TEXT;
      UPDATE faxes SET purged_at = (
          SELECT MAX(at) FROM fax_events WHERE fax_events.fax_id = faxes.id AND kind = 'purged'
        )
        WHERE id IN (SELECT fax_id FROM fax_events WHERE kind = 'purged' AND fax_id IS NOT NULL);
      DROP TRIGGER IF EXISTS fax_events_no_update;
      CREATE TRIGGER fax_events_no_update BEFORE UPDATE ON fax_events
      WHEN NOT (
        new.id IS old.id AND new.fax_id IS old.fax_id AND new.kind IS old.kind
        AND new.actor_id IS old.actor_id AND new.actor_name IS old.actor_name AND new.at IS old.at
        AND EXISTS (SELECT 1 FROM faxes WHERE faxes.id = old.fax_id AND faxes.purged_at IS NOT NULL)
      )
      BEGIN SELECT RAISE(ABORT, 'fax_events is append-only'); END;
      UPDATE fax_events SET details_json = faxdesk_redact_details(details_json)
        WHERE fax_id IN (SELECT id FROM faxes WHERE purged_at IS NOT NULL)
          AND details_json IS NOT faxdesk_redact_details(details_json);
    `,
  },
  {
    version: 9,
    name: 'search index deletes securely',
    // FTS5 keeps a deleted entry's words in its index until segments merge: a purged patient's
    // names stayed in the file. With 'secure-delete' they are removed at once (SQLite 3.42+);
    // 'rebuild' rewrites the index from fax_search, leaving out what earlier purges blanked, and
    // with secure_delete on (store.ts), the old segments' pages are zeroed as they are freed.
    sql: `
      INSERT INTO fax_search_fts (fax_search_fts, rank) VALUES ('secure-delete', 1);
      INSERT INTO fax_search_fts (fax_search_fts) VALUES ('rebuild');
    `,
  },
  {
    version: 11,
    name: 'where a fax came from (mailbox, receive hook)',
    // Null for a file dropped in the inbox folder. 10 is another change's number.
    sql: `ALTER TABLE faxes ADD COLUMN origin_json TEXT;`,
  },
];

export function schemaVersion(db: Database.Database): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies the pending migrations in one IMMEDIATE transaction (takes the write lock first,
 * so two processes opening the same new database do not both migrate it). Returns the
 * versions applied.
 */
export function migrate(
  db: Database.Database,
  migrations: readonly Migration[] = MIGRATIONS,
  now: () => Date = () => new Date(),
): number[] {
  registerSearchFunctions(db); // SQL functions a migration's statements may call
  registerPurgeFunctions(db);
  const run = db.transaction((): number[] => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const current = schemaVersion(db);
    const known = migrations.reduce((max, m) => Math.max(max, m.version), 0);
    if (current > known) throw new SchemaTooNewError(current, known);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    const applied: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, now().toISOString());
      applied.push(m.version);
    }
    return applied;
  });
  return run.immediate();
}
