/**
 * What the store keeps: faxes, the text of their pages, and an append-only
 * event log (shared/spec/workflow.md). Plain data with zod schemas, so every
 * store implementation (SQLite now, PostgreSQL later) parses what it reads back.
 */
import { z } from 'zod';
import { ParsedOrder } from '../domain/order.ts';
import { FileKind, PageReading } from '../domain/reading.ts';
import { Report, Verdict } from '../domain/report.ts';
import { FAX_ID_PATTERN } from './ids.ts';

export const FaxId = z.string().regex(FAX_ID_PATTERN);
export type FaxId = z.infer<typeof FaxId>;

export const FaxStatus = z.enum(['pending', 'auth_requested', 'accepted', 'rejected']);
export type FaxStatus = z.infer<typeof FaxStatus>;

/** ISO 8601 instant with milliseconds, UTC (`Date#toISOString`). */
export const Instant = z.iso.datetime();

export const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * Where a fax came from, when it did not simply appear in the inbox folder: the source that
 * handed it over (`mail`, a fax server's receive hook through `faxdesk ingest --via hylafax`…),
 * its reference there (the mailbox and UID, the fax server's job id) and, for a message, its
 * Message-ID, sender address and date. No subject and no body: they may name the patient.
 */
export const FaxOrigin = z.object({
  via: z.string().min(1).max(64),
  ref: z.string().max(500).nullable(),
  messageId: z.string().max(500).nullable().optional(),
  sender: z.string().max(320).nullable().optional(),
  sentAt: Instant.nullable().optional(),
});
export type FaxOrigin = z.infer<typeof FaxOrigin>;

export const FaxRecord = z
  .object({
    id: FaxId,
    sha256: Sha256,
    /** The file's name as it arrived (may hold anything the sender's software put there: never log it). */
    originalName: z.string().min(1),
    sizeBytes: z.number().int().nonnegative(),
    /** Where the original lives now: exactly one of the two is set. */
    archivePath: z.string().min(1).nullable(),
    quarantinePath: z.string().min(1).nullable(),
    receivedAt: Instant,
    /** Null when the file could not be read and its kind could not be recognised either. */
    fileKind: FileKind.nullable(),
    pageCount: z.number().int().nonnegative(),
    status: FaxStatus,
    verdict: Verdict,
    /** Set when the fax is unreadable: stable code ('corrupt', 'no-text', 'internal-error'…) and French reason. */
    unreadableCode: z.string().nullable(),
    unreadableReason: z.string().nullable(),
    ocrUsed: z.boolean(),
    ocrConfidence: z.number().min(0).max(100).nullable(),
    /** Null when nothing could be read, so nothing was parsed. */
    order: ParsedOrder.nullable(),
    report: Report,
    /** Absent (or null) for a file dropped in the inbox folder by hand or by the fax server. */
    origin: FaxOrigin.nullable().optional(),
  })
  .refine((f) => (f.archivePath === null) !== (f.quarantinePath === null), {
    message: 'exactly one of archivePath and quarantinePath is set',
  });
export type FaxRecord = z.infer<typeof FaxRecord>;

/** A page's text as read (the reader's PageReading, kept whole so a fax can be validated again). */
export const PageRecord = PageReading;
export type PageRecord = z.infer<typeof PageRecord>;

export const EventKind = z.enum([
  'received',
  'read',
  'validated',
  'quarantined',
  'posted',
  'accepted',
  /** An acceptance taken back by the person who made it, within seconds (accepted → pending). */
  'accept_undone',
  'auth_requested',
  'auth_authenticated',
  'auth_unreachable',
  'auth_refused',
  'rejected',
  'problem_reported',
  'card_updated',
  'digest_posted',
  'purged',
]);
export type EventKind = z.infer<typeof EventKind>;

/** Who did it: a chat platform user (id and display name), or Faxdesk itself. */
export const Actor = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
});
export type Actor = z.infer<typeof Actor>;

export const SYSTEM_ACTOR: Actor = { id: 'system:intake', name: 'Faxdesk (réception)' };

const DetailValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.union([z.string(), z.number(), z.boolean()])),
]);
/**
 * Event details: flat values only (reason, outcome, category, counts, codes). Events
 * outlive the retention purge: never put patient data here. Text staff type (a reason, a
 * note) may name the patient all the same: its keys are listed in src/purge/redact.ts
 * (FREE_TEXT_DETAIL_KEYS), and the purge erases them; a new free-text key goes there.
 */
export const EventDetails = z.record(z.string(), DetailValue);
export type EventDetails = z.infer<typeof EventDetails>;

export const NewFaxEvent = z.object({
  /** Null only for events about no single fax (e.g. a digest). */
  faxId: FaxId.nullable(),
  kind: EventKind,
  actor: Actor,
  at: Instant,
  details: EventDetails,
});
export type NewFaxEvent = z.infer<typeof NewFaxEvent>;

/** A stored event: the store assigns an increasing id. */
export const FaxEvent = NewFaxEvent.extend({ id: z.number().int().positive() });
export type FaxEvent = z.infer<typeof FaxEvent>;
