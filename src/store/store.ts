/**
 * The store interface the core depends on. Async even though the SQLite
 * implementation is synchronous, so a networked store (PostgreSQL) fits later.
 * Events are append-only: there is deliberately no method to change or remove one. The
 * one exception is the retention purge (purgeFax), which erases the staff-typed text of a
 * purged fax's events and nothing else.
 */
import type { IntakeClaimStore, SendSlotStore } from './claims.ts';
import type { DeliveryStore } from './deliveries.ts';
import type { DigestStore } from './digests.ts';
import type {
  EventDetails,
  FaxEvent,
  FaxId,
  FaxRecord,
  FaxStatus,
  NewFaxEvent,
  PageRecord,
} from './records.ts';
import type { SearchHit, SearchQuery } from '../search/types.ts';

/** An event attached to a status change: the store fills in the fax id. */
export type TransitionEvent = Omit<NewFaxEvent, 'faxId'>;

export interface ListFaxesQuery {
  status?: FaxStatus;
  /** Newest first; default 100. */
  limit?: number;
  /** Only faxes with an id (hence a reception time) before this one: paging. */
  before?: FaxId;
}

export interface FaxStore extends DeliveryStore, DigestStore, IntakeClaimStore, SendSlotStore {
  findBySha256(sha256: string): Promise<FaxRecord | null>;
  /**
   * Stores a fax, its pages and its first events in ONE transaction: all or nothing.
   * The same transaction queues the fax's card for posting (the outbox): every fax is posted.
   * Throws DuplicateFaxError if a fax with the same id or sha256 exists.
   */
  recordFax(fax: FaxRecord, pages: PageRecord[], events: NewFaxEvent[]): Promise<void>;
  getFax(id: FaxId): Promise<FaxRecord | null>;
  /** In page order. */
  getPages(id: FaxId): Promise<PageRecord[]>;
  listFaxes(query?: ListFaxesQuery): Promise<FaxRecord[]>;
  appendEvent(event: NewFaxEvent): Promise<FaxEvent>;
  /** Oldest first. */
  listEvents(faxId: FaxId): Promise<FaxEvent[]>;
  /**
   * Compare-and-set: moves the fax from `from` to `to` and appends `event`, in one
   * transaction, only if its status is still `from`. Returns whether it applied
   * (false on a stale status, e.g. the second of two clicks on the same button, or an unknown fax).
   */
  transitionStatus(id: FaxId, from: FaxStatus, to: FaxStatus, event: TransitionEvent): Promise<boolean>;
  /**
   * Faxes matching a search (src/search builds the query), the most recent first, at most
   * `limit`. Indexed: the index is written in recordFax's transaction.
   */
  searchFaxes(query: SearchQuery, limit: number): Promise<SearchHit[]>;
  /**
   * Retention purge of one fax, in ONE transaction: deletes its pages (their text),
   * rewrites the fax row as src/purge/redact.ts `purgedRecord` says (order gone, so its
   * search entry is blanked too; check messages, original name, file path and sha256
   * replaced), marks the row purged (the store's own `purged_at`, which the event log's
   * guard checks), erases the free text of the fax's events as src/purge/redact.ts
   * `redactEventDetails` says (reasons and notes staff typed: they may name the patient),
   * and appends a `purged` event (actor PURGE_ACTOR, at `at`, with `details`: counts and
   * codes only). Every event stays, with its id, order, kind, actor, time and every other
   * detail as it was. Deliveries and chat message refs stay (they hold no patient data).
   * Returns false, changing nothing, when the fax is unknown or already purged
   * (`isPurged`). The original files are the caller's job.
   */
  purgeFax(id: FaxId, at: Date, details?: EventDetails): Promise<boolean>;
  /**
   * Called once a purge has purged faxes: makes what it erased unreadable in the database's own
   * files, as far as the store can. SQLite (which overwrites deleted content, secure_delete):
   * checkpoints the write-ahead log into the database and truncates it, so the old copies of
   * the purged rows in the WAL are gone too. PostgreSQL: nothing here (see SECURITY.md: VACUUM).
   */
  eraseFreedSpace(): Promise<void>;
  close(): Promise<void>;
}

/** Another fax with this sha256 (or id) is already stored. */
export class DuplicateFaxError extends Error {
  constructor(readonly sha256: string) {
    super('a fax with this content is already stored');
    this.name = 'DuplicateFaxError';
  }
}
