/**
 * The fax text as lines, with what each line is: part of a page's transmission header, part of
 * the ministry's cover text, or order content ("body"), and the labels it holds.
 */
import type { PageLayout } from '../domain/layout.ts';
import { isBannerLine } from './banner.ts';
import { findLabels, type LabelHit } from './labels.ts';
import { fold } from './normalise.ts';
import { rowsFromLayout, rowsFromText, type PageRow } from './page-rows.ts';
import { findPhones, isServiceNumber } from './phones.ts';

/** A page as the parser takes it: its text, and its layout when the reader kept one. */
export type PageSource = string | { text: string; layout?: PageLayout | null };

export interface Line extends PageRow {
  page: number;
  /** Index in `Doc.lines`. */
  n: number;
  text: string;
  folded: string;
  /** In the header zone at the top of its page (first few lines, before the cover text). */
  inHeaderZone: boolean;
  /** A transmission header line (service number, "Page 1/2"…): not order content. */
  header: boolean;
  banner: boolean;
  labels: LabelHit[];
}

export interface Doc {
  lines: Line[];
  /** Typical character width of each page, in its units (1 for text-only pages). */
  charWidths: number[];
  /** All the text, cleaned (for whole-document searches like the banner). */
  text: string;
}

/** How many non-empty lines at the top of a page can belong to the transmission header. */
export const HEADER_ZONE_LINES = 5;

export const PAGE_MARK = /(?<![a-z])(?:page|pg|p)\.?\s*(\d{1,3})\s*(?:\/|de|sur|of)\s*(\d{1,3})(?!\d)/;
const BARE_PAGE_MARK = /(?<![\d/])(\d{1,3})\s*(?:\/|de|sur|of)\s*(\d{1,3})\s*$/;

/**
 * Could this top-of-page line belong to a transmission header? Numbers, dates, times, page marks,
 * fax words, a short name on its own — anything else (labels, sentences) is the body starting.
 */
function headerLike(text: string, folded: string): boolean {
  if (isHeaderLine(text, folded)) return true;
  if (/\d{1,2}[:h]\d{2}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}/.test(folded))
    return true;
  if (/(?<![a-z])(?:fax|telecop\w*|from|to|de|a|pour|destinataire|expediteur|recu)\s*[:;]/.test(folded))
    return true;
  // A number alone (the destination's fax number, a job number) with OCR specks around it.
  if (/^[^\p{L}\d]*\(?\d[\d\s().-]{6,}[^\p{L}\d]*$/u.test(text)) return true;
  const words = text.trim().split(/\s+/);
  return text.trim().length <= 3 || (words.length <= 4 && words.every((w) => /^[\p{L}'.-]+$/u.test(w)));
}

function isHeaderLine(text: string, folded: string): boolean {
  if (findPhones(text).some((p) => isServiceNumber(p.digits))) return true;
  return PAGE_MARK.test(folded) || BARE_PAGE_MARK.test(folded);
}

export function buildDoc(pages: readonly PageSource[]): Doc {
  const lines: Line[] = [];
  const charWidths: number[] = [];
  pages.forEach((source, page) => {
    const layout = typeof source === 'string' ? null : source.layout;
    const { rows, charWidth } =
      layout && layout.blocks.length > 0
        ? rowsFromLayout(layout)
        : rowsFromText(typeof source === 'string' ? source : source.text);
    charWidths.push(charWidth);
    let nonEmpty = 0;
    let zoneOpen = true;
    for (const row of rows) {
      const text = row.text;
      const folded = fold(text);
      const empty = text.trim().length === 0;
      const banner = !empty && isBannerLine(text);
      if (banner) zoneOpen = false;
      if (!empty) nonEmpty++;
      if (!empty && zoneOpen && !headerLike(text, folded)) zoneOpen = false;
      const inHeaderZone = zoneOpen && !empty && nonEmpty <= HEADER_ZONE_LINES;
      const header = inHeaderZone && isHeaderLine(text, folded);
      lines.push({
        ...row,
        page,
        n: lines.length,
        text,
        folded,
        inHeaderZone,
        header,
        banner,
        labels: banner || empty ? [] : findLabels(text, folded),
      });
    }
  });
  return { lines, charWidths, text: lines.map((l) => l.text).join('\n') };
}

/** Order content lines: not transmission header, not cover text. */
export function isBody(line: Line): boolean {
  return !line.header && !line.banner && line.text.trim().length > 0;
}
