/**
 * The FaxStore on PostgreSQL (`pg`): the department's existing database, and the way to
 * run several Faxdesk instances against one store. Same tables and rules as the SQLite
 * store; what several instances need is done by the database: row locks for the outbox
 * (FOR UPDATE SKIP LOCKED), compare-and-set updates for statuses, ON CONFLICT for the
 * digest's once-a-day claim, the intake claims and the send slots, an advisory lock around
 * migrations.
 */
import pg from 'pg';
import {
  FaxRecord,
  NewFaxEvent,
  PageRecord,
  type EventDetails,
  type FaxEvent,
  type FaxStatus,
} from '../../../src/store/records.ts';
import {
  DuplicateFaxError,
  type FaxStore,
  type ListFaxesQuery,
  type TransitionEvent,
} from '../../../src/store/store.ts';
import { DELIVERY_ACTOR, type ChatMessageRef, type Delivery } from '../../../src/store/deliveries.ts';
import { DIGEST_ACTOR, type DigestClaim, type DigestRecord } from '../../../src/store/digests.ts';
import type { SearchHit, SearchQuery } from '../../../src/search/types.ts';
import { claimOrder, DELIVERY_SQL, rowToDelivery, rowToMessage, type DeliveryRow } from './deliveries.ts';
import { DIGEST_SQL, rowToDigest, type DigestRow } from './digests.ts';
import { CLAIM_SQL } from './claims.ts';
import { migrate, SCHEMA_NAME } from './migrations.ts';
import {
  FAX_COLUMNS,
  PAGE_COLUMNS,
  faxParams,
  pageParams,
  pgJson,
  pgParams,
  placeholders,
  rowToEvent,
  rowToFax,
  rowToPage,
  type EventRow,
  type FaxRow,
  type PageRow,
} from './rows.ts';
import { indexFax, searchFaxRows } from './search.ts';
import { isPurged, PURGE_ACTOR, purgedRecord, redactEventDetails } from '../../../src/purge/redact.ts';

export interface PostgresStoreOptions {
  /**
   * The schema to keep Faxdesk's tables in (created if missing); default: the connection's
   * search_path (usually `public`). Plain lower-case identifier.
   */
  schema?: string;
  /** Connections in the pool (default 5: Faxdesk's work is a few short transactions). */
  poolSize?: number;
  /** How long to wait for a connection to the server before failing (ms, default 10 s). */
  connectTimeoutMs?: number;
}

export interface PostgresFaxStore extends FaxStore {
  /** The connection pool, for tests and maintenance tools only. */
  readonly pool: pg.Pool;
}

const INSERT_FAX = `INSERT INTO faxes (${FAX_COLUMNS.join(', ')}) VALUES (${placeholders(FAX_COLUMNS.length)})`;
const INSERT_PAGE = `INSERT INTO fax_pages (${PAGE_COLUMNS.join(', ')}) VALUES (${placeholders(PAGE_COLUMNS.length)})`;
const INSERT_EVENT = `INSERT INTO fax_events (fax_id, kind, actor_id, actor_name, at, details_json)
  VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === '23505';
}

/**
 * Connects to the database at `url` (postgres://…) and brings its schema up to date.
 * Several instances may open the same database at once: one migrates, the others wait.
 */
export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<PostgresFaxStore> {
  if (options.schema !== undefined && !SCHEMA_NAME.test(options.schema)) {
    throw new Error('invalid PostgreSQL schema name (lower-case letters, digits and _ only)');
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: Math.max(1, Math.floor(options.poolSize ?? 5)),
    connectionTimeoutMillis: Math.max(1, Math.floor(options.connectTimeoutMs ?? 10_000)),
    application_name: 'faxdesk',
    keepAlive: true, // a server or network gone away is noticed, not waited on forever
    ...(options.schema !== undefined ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle connection the server drops (restart, failover) is reported here; the pool
  // discards it and the next query opens another. Without a listener it would crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    try {
      await migrate(client, options.schema !== undefined ? { schema: options.schema } : {});
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(pool);
}

class PostgresStore implements PostgresFaxStore {
  private closed = false;

  constructor(readonly pool: pg.Pool) {}

  private query<R extends pg.QueryResultRow>(
    db: pg.Pool | pg.PoolClient,
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<pg.QueryResult<R>> {
    return db.query<R>(sql, pgParams(params));
  }

  /** Runs `work` in one transaction on one connection: committed if it returns, rolled back if it throws. */
  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      try {
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          broken = rollbackError; // the connection is unusable: do not hand it back to the pool
        });
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }

  private async addEvent(db: pg.Pool | pg.PoolClient, event: NewFaxEvent): Promise<FaxEvent> {
    const e = NewFaxEvent.parse(event);
    const { rows } = await this.query<{ id: string }>(db, INSERT_EVENT, [
      e.faxId,
      e.kind,
      e.actor.id,
      e.actor.name,
      e.at,
      pgJson(e.details),
    ]);
    return { ...e, id: Number(rows[0]!.id) };
  }

  async findBySha256(sha256: string): Promise<FaxRecord | null> {
    const { rows } = await this.query<FaxRow>(this.pool, 'SELECT * FROM faxes WHERE sha256 = $1', [sha256]);
    return rows[0] ? rowToFax(rows[0]) : null;
  }

  async recordFax(fax: FaxRecord, pages: PageRecord[], events: NewFaxEvent[]): Promise<void> {
    const record = FaxRecord.parse(fax);
    const pageRecords = pages.map((p) => PageRecord.parse(p));
    try {
      await this.transaction(async (client) => {
        await this.query(client, INSERT_FAX, faxParams(record));
        await indexFax(client, record);
        for (const page of pageRecords) await this.query(client, INSERT_PAGE, pageParams(record.id, page));
        for (const event of events) await this.addEvent(client, event);
        await this.query(client, DELIVERY_SQL.insert, [
          record.id,
          'post',
          record.receivedAt,
          record.receivedAt,
        ]);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateFaxError(record.sha256);
      throw error;
    }
  }

  async getFax(id: string): Promise<FaxRecord | null> {
    const { rows } = await this.query<FaxRow>(this.pool, 'SELECT * FROM faxes WHERE id = $1', [id]);
    return rows[0] ? rowToFax(rows[0]) : null;
  }

  async getPages(id: string): Promise<PageRecord[]> {
    const { rows } = await this.query<PageRow>(
      this.pool,
      'SELECT * FROM fax_pages WHERE fax_id = $1 ORDER BY page_index',
      [id],
    );
    return rows.map(rowToPage);
  }

  async listFaxes(query: ListFaxesQuery = {}): Promise<FaxRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.status !== undefined) {
      params.push(query.status);
      where.push(`status = $${params.length}`);
    }
    if (query.before !== undefined) {
      params.push(query.before);
      where.push(`id < $${params.length}`);
    }
    params.push(Math.max(1, Math.min(10_000, Math.floor(query.limit ?? 100))));
    const sql = `SELECT * FROM faxes ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY id DESC LIMIT $${params.length}`;
    const { rows } = await this.query<FaxRow>(this.pool, sql, params);
    return rows.map(rowToFax);
  }

  async searchFaxes(query: SearchQuery, limit: number): Promise<SearchHit[]> {
    return searchFaxRows(this.pool, query, limit);
  }

  async purgeFax(id: string, at: Date, details: EventDetails = {}): Promise<boolean> {
    return this.transaction(async (client) => {
      const row = (await this.query<FaxRow>(client, 'SELECT * FROM faxes WHERE id = $1 FOR UPDATE', [id]))
        .rows[0];
      if (!row) return false;
      const fax = rowToFax(row);
      if (isPurged(fax)) return false;
      const pages = (await this.query(client, 'DELETE FROM fax_pages WHERE fax_id = $1', [id])).rowCount ?? 0;
      const purged = purgedRecord(fax);
      // order_json set NULL: the faxes_search_purge trigger blanks the search entry.
      // purged_at first: the event log accepts the redactions below only once it is set.
      await this.query(
        client,
        `UPDATE faxes SET sha256 = $2, original_name = $3, archive_path = $4, quarantine_path = $5,
           order_json = $6, report_json = $7, purged_at = $8 WHERE id = $1`,
        [
          id,
          purged.sha256,
          purged.originalName,
          purged.archivePath,
          purged.quarantinePath,
          purged.order === null ? null : pgJson(purged.order),
          pgJson(purged.report),
          at,
        ],
      );
      const events = await this.query<EventRow>(
        client,
        'SELECT * FROM fax_events WHERE fax_id = $1 ORDER BY id',
        [id],
      );
      // The one update the event log allows (migration 7), on a purged fax's events only.
      for (const event of events.rows.map(rowToEvent)) {
        const details = redactEventDetails(event.details);
        if (details === null) continue;
        await this.query(client, 'UPDATE fax_events SET details_json = $2 WHERE id = $1', [
          event.id,
          pgJson(details),
        ]);
      }
      await this.addEvent(client, {
        faxId: id,
        kind: 'purged',
        actor: PURGE_ACTOR,
        at: at.toISOString(),
        details: { ...details, pagesDeleted: pages },
      });
      return true;
    });
  }

  async appendEvent(event: NewFaxEvent): Promise<FaxEvent> {
    return this.addEvent(this.pool, event);
  }

  async listEvents(faxId: string): Promise<FaxEvent[]> {
    const { rows } = await this.query<EventRow>(
      this.pool,
      'SELECT * FROM fax_events WHERE fax_id = $1 ORDER BY id',
      [faxId],
    );
    return rows.map(rowToEvent);
  }

  async transitionStatus(
    id: string,
    from: FaxStatus,
    to: FaxStatus,
    event: TransitionEvent,
  ): Promise<boolean> {
    // The row lock the UPDATE takes makes a concurrent transition wait, then find the status
    // changed (READ COMMITTED re-reads the row): exactly one of them applies.
    return this.transaction(async (client) => {
      const { rowCount } = await this.query(
        client,
        'UPDATE faxes SET status = $1 WHERE id = $2 AND status = $3',
        [to, id, from],
      );
      if (rowCount !== 1) return false;
      await this.addEvent(client, { ...event, faxId: id });
      return true;
    });
  }

  async enqueueCardUpdate(faxId: string, at: Date): Promise<void> {
    await this.transaction(async (client) => {
      await this.query(client, DELIVERY_SQL.lockFax, [faxId]);
      if ((await this.query(client, DELIVERY_SQL.pendingUpdate, [faxId])).rows.length > 0) return;
      await this.query(client, DELIVERY_SQL.insert, [faxId, 'update', at, at]);
    });
  }

  async claimDeliveries(now: Date, limit: number, leaseMs: number): Promise<Delivery[]> {
    const until = new Date(now.getTime() + leaseMs);
    const { rows } = await this.query<DeliveryRow>(this.pool, DELIVERY_SQL.claim, [
      now,
      Math.max(1, Math.floor(limit)),
      until,
    ]);
    return rows.map(rowToDelivery).sort(claimOrder);
  }

  async completeDelivery(id: number, at: Date, message: ChatMessageRef | null): Promise<void> {
    await this.transaction(async (client) => {
      const row = (await this.query<DeliveryRow>(client, DELIVERY_SQL.getForUpdate, [id])).rows[0];
      if (!row || row.done_at) return;
      await this.query(client, DELIVERY_SQL.done, [at, id]);
      if (message) {
        await this.query(client, DELIVERY_SQL.upsertMessage, [
          row.fax_id,
          message.platform,
          message.channelId,
          message.messageId,
          at,
        ]);
      }
      await this.addEvent(client, {
        faxId: row.fax_id,
        kind: row.kind === 'post' ? 'posted' : 'card_updated',
        actor: DELIVERY_ACTOR,
        at: at.toISOString(),
        details: {
          delivery: id,
          attempts: row.attempts + 1,
          ...(message ? { platform: message.platform, channelId: message.channelId } : {}),
        },
      });
    });
  }

  async failDelivery(id: number, error: string, nextAttemptAt: Date, giveUp: boolean): Promise<void> {
    await this.query(this.pool, DELIVERY_SQL.fail, [error, nextAttemptAt, giveUp ? new Date() : null, id]);
  }

  async listFailedDeliveries(): Promise<Delivery[]> {
    const { rows } = await this.query<DeliveryRow>(this.pool, DELIVERY_SQL.failed);
    return rows.map(rowToDelivery);
  }

  async retryFailedDeliveries(at: Date): Promise<number> {
    return (await this.query(this.pool, DELIVERY_SQL.retryFailed, [at])).rowCount ?? 0;
  }

  async listChatMessages(faxId: string): Promise<ChatMessageRef[]> {
    const { rows } = await this.query<{ platform: string; channel_id: string; message_id: string }>(
      this.pool,
      DELIVERY_SQL.messages,
      [faxId],
    );
    return rows.map(rowToMessage);
  }

  async claimDigest(claim: DigestClaim): Promise<boolean> {
    const until = new Date(claim.at.getTime() + Math.max(0, claim.leaseMs));
    const { rowCount } = await this.query(this.pool, DIGEST_SQL.claim, [
      claim.day,
      claim.channel,
      claim.at,
      until,
      claim.late,
    ]);
    return rowCount === 1;
  }

  async completeDigest(day: string, channel: string, at: Date, details: EventDetails): Promise<void> {
    await this.transaction(async (client) => {
      if ((await this.query(client, DIGEST_SQL.posted, [at, day, channel])).rowCount !== 1) return;
      await this.addEvent(client, {
        faxId: null,
        kind: 'digest_posted',
        actor: DIGEST_ACTOR,
        at: at.toISOString(),
        details: { ...details, day, channel },
      });
    });
  }

  async releaseDigest(day: string, channel: string): Promise<void> {
    await this.query(this.pool, DIGEST_SQL.release, [day, channel]);
  }

  async getDigest(day: string, channel: string): Promise<DigestRecord | null> {
    const { rows } = await this.query<DigestRow>(this.pool, DIGEST_SQL.get, [day, channel]);
    return rows[0] ? rowToDigest(rows[0]) : null;
  }

  async claimIntake(sha256: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const until = new Date(now.getTime() + Math.max(0, leaseMs));
    const { rows } = await this.query(this.pool, CLAIM_SQL.claimIntake, [sha256, owner, now, until]);
    return rows.length === 1;
  }

  async releaseIntake(sha256: string, owner: string): Promise<void> {
    await this.query(this.pool, CLAIM_SQL.releaseIntake, [sha256, owner]);
  }

  async reserveSendSlot(channelKey: string, now: Date, intervalMs: number): Promise<Date> {
    const { rows } = await this.query<{ slot: Date }>(this.pool, CLAIM_SQL.reserveSendSlot, [
      channelKey,
      now,
      Math.max(0, Math.floor(intervalMs)),
    ]);
    return rows[0]!.slot;
  }

  /**
   * Nothing: PostgreSQL keeps an updated or deleted row's old version until VACUUM reclaims its
   * space, and even then does not overwrite it; WAL segments and base backups keep their copies
   * for as long as they are kept. SECURITY.md says what to run and what it does not erase.
   */
  async eraseFreedSpace(): Promise<void> {}

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end(); // waits for the queries in flight, then closes every connection
  }
}
