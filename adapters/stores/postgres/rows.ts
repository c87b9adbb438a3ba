/**
 * Row ⇄ record mapping for the PostgreSQL store. Everything read back goes through the
 * core's zod schemas, as in the SQLite store: a row that does not parse is an error.
 *
 * PostgreSQL cannot hold the character U+0000 in text or jsonb, and a hostile or broken
 * PDF can put one in a page's text (hence in the parsed order). Rather than refusing the
 * fax, the store writes U+FFFD (the replacement character) in its place: the one way a
 * value read back from PostgreSQL can differ from SQLite's.
 */
import { FaxEvent, FaxRecord, PageRecord } from '../../../src/store/records.ts';
import { rowToPage, type PageRow } from '../shared/page-row.ts';

export { rowToPage, type PageRow };

const NUL = /\u0000/g;
const REPLACEMENT = '\uFFFD';

/** A string PostgreSQL accepts. */
export function pgText(text: string): string {
  return text.replace(NUL, REPLACEMENT);
}

/** A JSON value as text for a `jsonb` column, its strings (and keys) made acceptable. */
export function pgJson(value: unknown): string {
  const clean = (v: unknown): unknown => {
    if (typeof v === 'string') return pgText(v);
    if (Array.isArray(v)) return v.map(clean);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [pgText(k), clean(x)]));
    }
    return v;
  };
  return JSON.stringify(clean(value));
}

/** Query parameters with every string made acceptable (dates, numbers, null pass through). */
export function pgParams(params: readonly unknown[]): unknown[] {
  return params.map((p) => (typeof p === 'string' ? pgText(p) : p));
}

/** `timestamptz` comes back as a Date (pg's default parser); the records hold ISO strings. */
export function iso(value: Date): string;
export function iso(value: Date | null): string | null;
export function iso(value: Date | null): string | null {
  return value === null ? null : value.toISOString();
}

export interface FaxRow {
  id: string;
  sha256: string;
  original_name: string;
  size_bytes: string; // bigint
  archive_path: string | null;
  quarantine_path: string | null;
  received_at: Date;
  file_kind: string | null;
  page_count: number;
  status: string;
  verdict: string;
  unreadable_code: string | null;
  unreadable_reason: string | null;
  ocr_used: boolean;
  ocr_confidence: number | null;
  order_json: unknown;
  report_json: unknown;
  origin_json: unknown;
}

export interface EventRow {
  id: string; // bigint
  fax_id: string | null;
  kind: string;
  actor_id: string;
  actor_name: string;
  at: Date;
  details_json: unknown;
}

/** The columns of `INSERT INTO faxes`, in the order of `faxParams`. */
export const FAX_COLUMNS = [
  'id',
  'sha256',
  'original_name',
  'size_bytes',
  'archive_path',
  'quarantine_path',
  'received_at',
  'file_kind',
  'page_count',
  'status',
  'verdict',
  'unreadable_code',
  'unreadable_reason',
  'ocr_used',
  'ocr_confidence',
  'order_json',
  'report_json',
  'origin_json',
] as const;

export function faxParams(fax: FaxRecord): unknown[] {
  return [
    fax.id,
    fax.sha256,
    fax.originalName,
    fax.sizeBytes,
    fax.archivePath,
    fax.quarantinePath,
    fax.receivedAt,
    fax.fileKind,
    fax.pageCount,
    fax.status,
    fax.verdict,
    fax.unreadableCode,
    fax.unreadableReason,
    fax.ocrUsed,
    fax.ocrConfidence,
    fax.order === null ? null : pgJson(fax.order),
    pgJson(fax.report),
    fax.origin ? pgJson(fax.origin) : null,
  ];
}

export function rowToFax(row: FaxRow): FaxRecord {
  return FaxRecord.parse({
    id: row.id,
    sha256: row.sha256,
    originalName: row.original_name,
    sizeBytes: Number(row.size_bytes),
    archivePath: row.archive_path,
    quarantinePath: row.quarantine_path,
    receivedAt: iso(row.received_at),
    fileKind: row.file_kind,
    pageCount: row.page_count,
    status: row.status,
    verdict: row.verdict,
    unreadableCode: row.unreadable_code,
    unreadableReason: row.unreadable_reason,
    ocrUsed: row.ocr_used,
    ocrConfidence: row.ocr_confidence,
    order: row.order_json,
    report: row.report_json,
    ...(row.origin_json ? { origin: row.origin_json } : {}),
  });
}

export const PAGE_COLUMNS = [
  'fax_id',
  'page_index',
  'text',
  'source',
  'confidence',
  'rotation',
  'skew',
  'grey_ratio',
  'width',
  'height',
] as const;

export function pageParams(faxId: string, page: PageRecord): unknown[] {
  return [
    faxId,
    page.index,
    page.text,
    page.source,
    page.confidence,
    page.rotation,
    page.skew,
    page.greyRatio,
    page.width,
    page.height,
  ];
}

export function rowToEvent(row: EventRow): FaxEvent {
  return FaxEvent.parse({
    id: Number(row.id),
    faxId: row.fax_id,
    kind: row.kind,
    actor: { id: row.actor_id, name: row.actor_name },
    at: iso(row.at),
    details: row.details_json,
  });
}

/** `$1, $2, …, $n` for an INSERT of `n` columns. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
}
