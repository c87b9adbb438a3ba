/**
 * The fax_pages row, the same columns in every SQL store (SQLite, PostgreSQL),
 * and its mapping back to a PageRecord.
 */
import { PageRecord } from '../../../src/store/records.ts';

export interface PageRow {
  fax_id: string;
  page_index: number;
  text: string;
  source: string;
  confidence: number | null;
  rotation: number;
  skew: number;
  grey_ratio: number | null;
  width: number | null;
  height: number | null;
}

export function rowToPage(row: PageRow): PageRecord {
  return PageRecord.parse({
    index: row.page_index,
    text: row.text,
    source: row.source,
    confidence: row.confidence,
    rotation: row.rotation,
    skew: row.skew,
    greyRatio: row.grey_ratio,
    width: row.width,
    height: row.height,
  });
}
