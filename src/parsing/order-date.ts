/**
 * The order's date: "Date :", "Date de l'ordonnance", "Fait le", a dated signature line, a letter's
 * "Québec, le 20 novembre 2026", an e-mail's "Envoyé :". Never the birth date.
 *
 * Decision: the fax header's timestamp is NOT used as a fallback. It is the transmission date, not
 * the order's; using it would turn a missing order date (a `warn` for staff) into a silent pass.
 */
import { findDates, parseDate } from './dates.ts';
import { isBody, PAGE_MARK, type Doc, type Line } from './document.ts';
import { findPhones, isServiceNumber } from './phones.ts';
import type { Field, FieldScan } from './fields.ts';

const NAMES_THE_ORDER =
  /(?:ordonnance|demande|requete|requisition|prescription|signature|emission|request|order|referral|fait le|signe le)/;
const SENT = /(?:envoye|sent|envoi)/;

/** A fax cover sheet: its date is when the fax was sent, not the order's. */
const COVER_SHEET =
  /(?:bordereau de (?:transmission|telecopie)|page (?:couverture|de garde)|fax cover|cover sheet|nombre de pages|number of pages)/;

/**
 * The sheet a line is on: its page, or — where one image holds several sheets, each with its own
 * transmission header — the lines between the headers around it.
 */
function sheetOf(doc: Doc, n: number): Line[] {
  const page = doc.lines[n]?.page;
  // A transmission header inside the page: the service number with a page mark ("p. 2 de 2").
  const starts = (l: Line) =>
    l.header || (PAGE_MARK.test(l.folded) && findPhones(l.text).some((p) => isServiceNumber(p.digits)));
  let start = n;
  while (start > 0 && doc.lines[start - 1]!.page === page && !starts(doc.lines[start]!)) start--;
  let end = n;
  while (end + 1 < doc.lines.length && doc.lines[end + 1]!.page === page && !starts(doc.lines[end + 1]!))
    end++;
  return doc.lines.slice(start, end + 1);
}

/**
 * 0: the label names the order's date; 1: a bare "Date"; 2: when a message was sent; null: a bare
 * date on a cover sheet, which is no order date at all.
 */
function orderDateRank(doc: Doc, f: Field): number | null {
  const line = doc.lines[f.line];
  const hit = line?.labels.find((h) => h.key === 'orderDate');
  const label = line && hit ? line.folded.slice(hit.index, hit.labelEnd) : '';
  if (NAMES_THE_ORDER.test(label)) return 0;
  if (sheetOf(doc, f.line).some((l) => !l.banner && COVER_SHEET.test(l.folded))) return null;
  return SENT.test(label) ? 2 : 1;
}

export function parseOrderDate(
  doc: Doc,
  scan: FieldScan,
  birthDate: string | null,
  excluded: Set<number>,
): string | null {
  const notBirth = (iso: string | undefined) => (iso && iso !== birthDate ? iso : null);
  // A label that names the order's date outranks a bare "Date :" (an e-mail's or a cover page's) and
  // an e-mail's "Envoyé :" — the forwarded requisition's own date is the order's.
  const labelled = scan.fields
    .filter((f) => f.key === 'orderDate')
    .map((f) => ({ f, rank: orderDateRank(doc, f) }))
    .filter((x): x is { f: Field; rank: number } => x.rank !== null)
    .sort((a, b) => a.rank - b.rank);
  for (const { f } of labelled) {
    const d = notBirth(parseDate(f.value)?.iso);
    if (d) return d;
  }
  // A signature line that carries a date.
  for (const f of scan.fields) {
    if (f.key !== 'signature') continue;
    const d = notBirth(findDates(f.value)[0]?.iso);
    if (d) return d;
  }
  // "Montréal, le 20 novembre 2026" / "Le 20 novembre 2026" on a line of its own.
  for (const l of doc.lines) {
    if (!isBody(l) || excluded.has(l.n)) continue;
    const m = /^\s*(?:[a-z' .-]{2,40},\s*)?le\s+/.exec(l.folded);
    if (!m) continue;
    const d = findDates(l.text.slice(m[0].length))[0];
    if (d && d.index === 0) {
      const iso = notBirth(d.iso);
      if (iso) return iso;
    }
  }
  return null;
}
