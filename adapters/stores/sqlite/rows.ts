/**
 * Row ⇄ record mapping for the SQLite store. Everything read back goes through
 * the core's zod schemas: a row that does not parse is an error, not a guess.
 */
import { FaxEvent, FaxRecord, PageRecord } from '../../../src/store/records.ts';
import { rowToPage, type PageRow } from '../shared/page-row.ts';

export { rowToPage, type PageRow };

export interface FaxRow {
  id: string;
  sha256: string;
  original_name: string;
  size_bytes: number;
  archive_path: string | null;
  quarantine_path: string | null;
  received_at: string;
  file_kind: string | null;
  page_count: number;
  status: string;
  verdict: string;
  unreadable_code: string | null;
  unreadable_reason: string | null;
  ocr_used: number;
  ocr_confidence: number | null;
  order_json: string | null;
  report_json: string;
  origin_json: string | null;
}

export interface EventRow {
  id: number;
  fax_id: string | null;
  kind: string;
  actor_id: string;
  actor_name: string;
  at: string;
  details_json: string;
}

export function faxToRow(fax: FaxRecord): FaxRow {
  return {
    id: fax.id,
    sha256: fax.sha256,
    original_name: fax.originalName,
    size_bytes: fax.sizeBytes,
    archive_path: fax.archivePath,
    quarantine_path: fax.quarantinePath,
    received_at: fax.receivedAt,
    file_kind: fax.fileKind,
    page_count: fax.pageCount,
    status: fax.status,
    verdict: fax.verdict,
    unreadable_code: fax.unreadableCode,
    unreadable_reason: fax.unreadableReason,
    ocr_used: fax.ocrUsed ? 1 : 0,
    ocr_confidence: fax.ocrConfidence,
    order_json: fax.order === null ? null : JSON.stringify(fax.order),
    report_json: JSON.stringify(fax.report),
    origin_json: fax.origin ? JSON.stringify(fax.origin) : null,
  };
}

export function rowToFax(row: FaxRow): FaxRecord {
  return FaxRecord.parse({
    id: row.id,
    sha256: row.sha256,
    originalName: row.original_name,
    sizeBytes: row.size_bytes,
    archivePath: row.archive_path,
    quarantinePath: row.quarantine_path,
    receivedAt: row.received_at,
    fileKind: row.file_kind,
    pageCount: row.page_count,
    status: row.status,
    verdict: row.verdict,
    unreadableCode: row.unreadable_code,
    unreadableReason: row.unreadable_reason,
    ocrUsed: row.ocr_used === 1,
    ocrConfidence: row.ocr_confidence,
    order: row.order_json === null ? null : (JSON.parse(row.order_json) as unknown),
    report: JSON.parse(row.report_json) as unknown,
    ...(row.origin_json ? { origin: JSON.parse(row.origin_json) as unknown } : {}),
  });
}

export function pageToRow(faxId: string, page: PageRecord): PageRow {
  return {
    fax_id: faxId,
    page_index: page.index,
    text: page.text,
    source: page.source,
    confidence: page.confidence,
    rotation: page.rotation,
    skew: page.skew,
    grey_ratio: page.greyRatio,
    width: page.width,
    height: page.height,
  };
}

export function rowToEvent(row: EventRow): FaxEvent {
  return FaxEvent.parse({
    id: row.id,
    faxId: row.fax_id,
    kind: row.kind,
    actor: { id: row.actor_id, name: row.actor_name },
    at: row.at,
    details: JSON.parse(row.details_json) as unknown,
  });
}
