/**
 * The FaxStore on SQLite (better-sqlite3). Its API is synchronous; each method
 * runs to completion inside one call, wrapped in a promise for the interface.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  FaxRecord,
  NewFaxEvent,
  type EventDetails,
  PageRecord,
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
import { deliveryStatements, rowToDelivery, rowToMessage } from './deliveries.ts';
import { DIGEST_ACTOR, type DigestClaim, type DigestRecord } from '../../../src/store/digests.ts';
import { digestStatements, rowToDigest } from './digests.ts';
import { claimStatements } from './claims.ts';
import { migrate } from './migrations.ts';
import { searchStatements } from './search.ts';
import type { SearchHit, SearchQuery } from '../../../src/search/types.ts';
import { isPurged, PURGE_ACTOR, purgedRecord, redactEventDetails } from '../../../src/purge/redact.ts';
import {
  faxToRow,
  pageToRow,
  rowToEvent,
  rowToFax,
  rowToPage,
  type EventRow,
  type FaxRow,
  type PageRow,
} from './rows.ts';

export interface SqliteStoreOptions {
  /** How long a writer waits for another process's lock before failing (ms). */
  busyTimeoutMs?: number;
}

export interface SqliteFaxStore extends FaxStore {
  /** The underlying connection, for tests and maintenance tools only. */
  readonly db: Database.Database;
}

function isUniqueViolation(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    (error.code === 'SQLITE_CONSTRAINT_UNIQUE' || error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY')
  );
}

/** Opens (creating if needed) the database at `path` and brings its schema up to date. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): SqliteFaxStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL'); // safe with WAL: a power cut may lose the last commit, never corrupt
    // Deleted and rewritten content is overwritten with zeros, not left in free space: a purge
    // must leave nothing of the patient in the file (the FTS5 index deletes securely too: migration 9).
    db.pragma('secure_delete = ON');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteStore(db);
}

class SqliteStore implements SqliteFaxStore {
  private readonly insertFax;
  private readonly insertPage;
  private readonly insertEvent;
  private readonly selectFax;
  private readonly selectBySha;
  private readonly selectPages;
  private readonly selectEvents;
  private readonly casStatus;
  private readonly purgeRow;
  private readonly redactEvent;
  private readonly deletePages;
  private readonly deliveries;
  private readonly search;
  private readonly digests;
  private readonly claims;

  constructor(readonly db: Database.Database) {
    this.insertFax = db.prepare<[FaxRow]>(`INSERT INTO faxes (
        id, sha256, original_name, size_bytes, archive_path, quarantine_path, received_at, file_kind,
        page_count, status, verdict, unreadable_code, unreadable_reason, ocr_used, ocr_confidence,
        order_json, report_json, origin_json
      ) VALUES (
        @id, @sha256, @original_name, @size_bytes, @archive_path, @quarantine_path, @received_at, @file_kind,
        @page_count, @status, @verdict, @unreadable_code, @unreadable_reason, @ocr_used, @ocr_confidence,
        @order_json, @report_json, @origin_json
      )`);
    this.insertPage = db.prepare<[PageRow]>(`INSERT INTO fax_pages (
        fax_id, page_index, text, source, confidence, rotation, skew, grey_ratio, width, height
      ) VALUES (
        @fax_id, @page_index, @text, @source, @confidence, @rotation, @skew, @grey_ratio, @width, @height
      )`);
    this.insertEvent = db.prepare<[Omit<EventRow, 'id'>]>(`INSERT INTO fax_events (
        fax_id, kind, actor_id, actor_name, at, details_json
      ) VALUES (@fax_id, @kind, @actor_id, @actor_name, @at, @details_json)`);
    this.selectFax = db.prepare<[string], FaxRow>('SELECT * FROM faxes WHERE id = ?');
    this.selectBySha = db.prepare<[string], FaxRow>('SELECT * FROM faxes WHERE sha256 = ?');
    this.selectPages = db.prepare<[string], PageRow>(
      'SELECT * FROM fax_pages WHERE fax_id = ? ORDER BY page_index',
    );
    this.selectEvents = db.prepare<[string], EventRow>(
      'SELECT * FROM fax_events WHERE fax_id = ? ORDER BY id',
    );
    this.casStatus = db.prepare<[string, string, string]>(
      'UPDATE faxes SET status = ? WHERE id = ? AND status = ?',
    );
    this.purgeRow = db.prepare<[FaxRow & { purged_at: string }]>(`UPDATE faxes SET
        sha256 = @sha256, original_name = @original_name, archive_path = @archive_path,
        quarantine_path = @quarantine_path, order_json = @order_json, report_json = @report_json,
        purged_at = @purged_at
      WHERE id = @id`);
    // The one update the event log allows (migration 8), on a purged fax's events only.
    this.redactEvent = db.prepare<[string, number]>('UPDATE fax_events SET details_json = ? WHERE id = ?');
    this.deletePages = db.prepare<[string]>('DELETE FROM fax_pages WHERE fax_id = ?');
    this.deliveries = deliveryStatements(db);
    this.search = searchStatements(db);
    this.digests = digestStatements(db);
    this.claims = claimStatements(db);
  }

  private addEvent(event: NewFaxEvent): FaxEvent {
    const e = NewFaxEvent.parse(event);
    const info = this.insertEvent.run({
      fax_id: e.faxId,
      kind: e.kind,
      actor_id: e.actor.id,
      actor_name: e.actor.name,
      at: e.at,
      details_json: JSON.stringify(e.details),
    });
    return { ...e, id: Number(info.lastInsertRowid) };
  }

  async findBySha256(sha256: string): Promise<FaxRecord | null> {
    const row = this.selectBySha.get(sha256);
    return row ? rowToFax(row) : null;
  }

  async recordFax(fax: FaxRecord, pages: PageRecord[], events: NewFaxEvent[]): Promise<void> {
    const record = FaxRecord.parse(fax);
    const pageRecords = pages.map((p) => PageRecord.parse(p));
    const write = this.db.transaction(() => {
      this.insertFax.run(faxToRow(record));
      this.search.index(record);
      for (const page of pageRecords) this.insertPage.run(pageToRow(record.id, page));
      for (const event of events) this.addEvent(event);
      this.deliveries.insert.run(record.id, 'post', record.receivedAt, record.receivedAt);
    });
    try {
      write.immediate();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateFaxError(record.sha256);
      throw error;
    }
  }

  async getFax(id: string): Promise<FaxRecord | null> {
    const row = this.selectFax.get(id);
    return row ? rowToFax(row) : null;
  }

  async getPages(id: string): Promise<PageRecord[]> {
    return this.selectPages.all(id).map(rowToPage);
  }

  async listFaxes(query: ListFaxesQuery = {}): Promise<FaxRecord[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.status !== undefined) {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.before !== undefined) {
      where.push('id < ?');
      params.push(query.before);
    }
    const limit = Math.max(1, Math.min(10_000, Math.floor(query.limit ?? 100)));
    const sql = `SELECT * FROM faxes ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`;
    return this.db
      .prepare<(string | number)[], FaxRow>(sql)
      .all(...params, limit)
      .map(rowToFax);
  }

  async searchFaxes(query: SearchQuery, limit: number): Promise<SearchHit[]> {
    return this.search.search(query, limit);
  }

  async purgeFax(id: string, at: Date, details: EventDetails = {}): Promise<boolean> {
    const purge = this.db.transaction((): boolean => {
      const row = this.selectFax.get(id);
      if (!row) return false;
      const fax = rowToFax(row);
      if (isPurged(fax)) return false;
      const pages = this.deletePages.run(id).changes;
      // order_json set NULL: the faxes_search_purge trigger blanks the search entry.
      // purged_at first: the event log accepts the redactions below only once it is set.
      this.purgeRow.run({ ...faxToRow(purgedRecord(fax)), purged_at: at.toISOString() });
      for (const event of this.selectEvents.all(id).map(rowToEvent)) {
        const details = redactEventDetails(event.details);
        if (details !== null) this.redactEvent.run(JSON.stringify(details), event.id);
      }
      this.addEvent({
        faxId: id,
        kind: 'purged',
        actor: PURGE_ACTOR,
        at: at.toISOString(),
        details: { ...details, pagesDeleted: pages },
      });
      return true;
    });
    return purge.immediate();
  }

  async appendEvent(event: NewFaxEvent): Promise<FaxEvent> {
    return this.addEvent(event);
  }

  async listEvents(faxId: string): Promise<FaxEvent[]> {
    return this.selectEvents.all(faxId).map(rowToEvent);
  }

  async transitionStatus(
    id: string,
    from: FaxStatus,
    to: FaxStatus,
    event: TransitionEvent,
  ): Promise<boolean> {
    const apply = this.db.transaction((): boolean => {
      const changed = this.casStatus.run(to, id, from).changes === 1;
      if (changed) this.addEvent({ ...event, faxId: id });
      return changed;
    });
    return apply.immediate();
  }

  async enqueueCardUpdate(faxId: string, at: Date): Promise<void> {
    const enqueue = this.db.transaction(() => {
      if (this.deliveries.pendingUpdate.get(faxId)) return;
      this.deliveries.insert.run(faxId, 'update', at.toISOString(), at.toISOString());
    });
    enqueue.immediate();
  }

  async claimDeliveries(now: Date, limit: number, leaseMs: number): Promise<Delivery[]> {
    const claim = this.db.transaction((): Delivery[] => {
      const at = now.toISOString();
      const rows = this.deliveries.due.all(at, at, Math.max(1, Math.floor(limit)));
      const until = new Date(now.getTime() + leaseMs).toISOString();
      return rows.map((row) => rowToDelivery(this.deliveries.lease.get(until, row.id)!));
    });
    return claim.immediate();
  }

  async completeDelivery(id: number, at: Date, message: ChatMessageRef | null): Promise<void> {
    const complete = this.db.transaction(() => {
      const row = this.deliveries.get.get(id);
      if (!row || row.done_at) return;
      this.deliveries.done.run(at.toISOString(), id);
      if (message) {
        this.deliveries.upsertMessage.run(
          row.fax_id,
          message.platform,
          message.channelId,
          message.messageId,
          at.toISOString(),
        );
      }
      this.addEvent({
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
    complete.immediate();
  }

  async failDelivery(id: number, error: string, nextAttemptAt: Date, giveUp: boolean): Promise<void> {
    this.deliveries.fail.run(
      error,
      nextAttemptAt.toISOString(),
      giveUp ? new Date().toISOString() : null,
      id,
    );
  }

  async listFailedDeliveries(): Promise<Delivery[]> {
    return this.deliveries.failed.all().map(rowToDelivery);
  }

  async retryFailedDeliveries(at: Date): Promise<number> {
    return this.deliveries.retryFailed.run(at.toISOString()).changes;
  }

  async listChatMessages(faxId: string): Promise<ChatMessageRef[]> {
    return this.deliveries.messages.all(faxId).map(rowToMessage);
  }

  async claimDigest(claim: DigestClaim): Promise<boolean> {
    const at = claim.at.toISOString();
    const until = new Date(claim.at.getTime() + Math.max(0, claim.leaseMs)).toISOString();
    const take = this.db.transaction(
      () => this.digests.claim.run(claim.day, claim.channel, at, until, claim.late ? 1 : 0).changes === 1,
    );
    return take.immediate();
  }

  async completeDigest(day: string, channel: string, at: Date, details: EventDetails): Promise<void> {
    const complete = this.db.transaction(() => {
      if (this.digests.posted.run(at.toISOString(), day, channel).changes !== 1) return;
      this.addEvent({
        faxId: null,
        kind: 'digest_posted',
        actor: DIGEST_ACTOR,
        at: at.toISOString(),
        details: { ...details, day, channel },
      });
    });
    complete.immediate();
  }

  async releaseDigest(day: string, channel: string): Promise<void> {
    this.digests.release.run(day, channel);
  }

  async getDigest(day: string, channel: string): Promise<DigestRecord | null> {
    const row = this.digests.get.get(day, channel);
    return row ? rowToDigest(row) : null;
  }

  async claimIntake(sha256: string, owner: string, now: Date, leaseMs: number): Promise<boolean> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + Math.max(0, leaseMs)).toISOString();
    const take = this.db.transaction(
      () => this.claims.claimIntake.run(sha256, owner, at, until).changes === 1,
    );
    return take.immediate();
  }

  async releaseIntake(sha256: string, owner: string): Promise<void> {
    this.claims.releaseIntake.run(sha256, owner);
  }

  async reserveSendSlot(channelKey: string, now: Date, intervalMs: number): Promise<Date> {
    // IMMEDIATE: the write lock is taken before the read, so another process reserving on
    // the same channel waits for this one's slot instead of reading the same next_at.
    const reserve = this.db.transaction((): Date => {
      const next = this.claims.nextSlot.get(channelKey);
      const slot = Math.max(now.getTime(), next ? Date.parse(next.next_at) : -Infinity);
      const after = new Date(slot + Math.max(0, Math.floor(intervalMs)));
      this.claims.setNextSlot.run(channelKey, after.toISOString());
      return new Date(slot);
    });
    return reserve.immediate();
  }

  async eraseFreedSpace(): Promise<void> {
    // The WAL still holds the pages as they were before the purge: copy the new ones into the
    // database and truncate it. A reader in the middle of a transaction (another process) can
    // hold it up; busy_timeout waits for it, and a few tries follow.
    for (let attempt = 0; attempt < 5; attempt++) {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
      if (!result || result.busy === 0) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the write-ahead log could not be checkpointed after the purge');
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
