/**
 * The transmission header the web fax service stamps at the top of each page:
 * "25/11/2026 14:32  14184256508 Marie Tremblay  Page 1/2" (or spread over the first lines),
 * then the standard cover text.
 */
import type { Repair, TransmissionHeader } from '../domain/order.ts';
import { findBanner } from './banner.ts';
import { PAGE_MARK, type Doc, type Line } from './document.ts';
import { splitName, nameWords } from './names.ts';
import { findPhones, isServiceNumber, SERVICE_NUMBER } from './phones.ts';
import { fold } from './normalise.ts';

/** A comma between digits is OCR's reading of a dot ("418.425,6508"): same length, offsets hold. */
function commasAsDots(text: string): string {
  return text.replace(/(?<=\d),(?=\d)/g, '.');
}

function serviceNumberIn(line: Line): { end: number } | null {
  const hit = findPhones(commasAsDots(line.text)).find((p) => isServiceNumber(p.digits));
  return hit ? { end: hit.end } : null;
}

/**
 * The service number with one digit misread ("14184256568"): in the header zone of a fax that
 * carries the service's standard cover text, that is the service number read badly, not another
 * sender (which would differ by more than one digit and would not carry the cover text).
 */
function misreadServiceNumberIn(line: Line): { end: number; digits: string } | null {
  // A digit OCR read as a letter inside the number ("1 418 42h 6508") counts as one misread digit:
  // the letter stands in for a digit (same length, so offsets hold).
  const digitsOnly = commasAsDots(line.text).replace(
    /(?<=\d)\p{L}(?=[\d\s.-])|(?<=\d[\s.-]?)\p{L}(?=\d)/gu,
    '0',
  );
  const hit = findPhones(digitsOnly).find(
    (p) => [...p.digits].filter((d, i) => d !== SERVICE_NUMBER[i]).length === 1,
  );
  return hit ? { end: hit.end, digits: hit.digits } : null;
}

/**
 * OCR reads a letter as the digit that looks like it inside a name ("0'Neil", "Pe1letier"): a digit
 * touching letters becomes that letter, so the name is not cut at a "digit". Digits standing alone
 * (the date, "Page 1/2") are left as they are.
 */
function lettersForDigits(text: string): string {
  return text
    .replace(/(?<![\p{L}\d])0(?=['’]\p{L})/gu, 'O')
    .replace(/(?<=\p{Ll})[01](?=\p{Ll})|(?<![\p{L}\d])[01](?=\p{Ll}{2})/gu, (d) => (d === '0' ? 'o' : 'l'));
}

/** Name words right after the number: stops at a column gap, "Page", a date or a digit. */
function senderAfter(text: string): { firstName: string | null; lastName: string | null } | null {
  const rest = lettersForDigits(text.replace(/^[\s:,-]+/, ''))
    // "ANDRÉE - ANNE": a compound first name spaced out by the header's font.
    .replace(/(?<=\p{L})\s+-\s+(?=\p{L})/gu, '-')
    // "paye 1/1", "pge 1 de 2": a page mark OCR misread still ends the name.
    .replace(/\s\p{Ll}{2,5}\.?\s*\d{1,3}\s*(?:\/|de|of|sur)\s*\d.*$/u, '')
    .split(/\s{2,}|(?<![\p{L}])(?:page|pg|p\.)\s*\d|\d/iu)[0];
  if (!rest) return null;
  const words = nameWords(rest);
  if (words.length < 2 || words.length > 5) return null;
  const name = splitName(words.join(' '));
  return name.firstName && name.lastName ? name : null;
}

function pageCountIn(folded: string): number | null {
  const m = PAGE_MARK.exec(folded) ?? /(?<![\d/])(\d{1,3})\s*(?:\/|de|sur|of)\s*(\d{1,3})\s*$/.exec(folded);
  if (!m) return null;
  const of = Number(m[2]);
  return of >= 1 && of <= 500 && Number(m[1]) <= of ? of : null;
}

export function parseHeader(
  doc: Doc,
  coverPageCount: number | null,
): { header: TransmissionHeader; repairs: Repair[] } {
  const zone = doc.lines.filter((l) => l.page === 0 && l.inHeaderZone);
  const banner = findBanner(doc.text);
  const repairs: Repair[] = [];
  let serviceNumberInHeader = false;
  let sender: TransmissionHeader['sender'] = null;
  const exact = zone.some((l) => serviceNumberIn(l) !== null);
  for (const l of zone) {
    let hit = serviceNumberIn(l);
    if (!hit && !exact && (banner.transit || banner.doNotReply)) {
      const misread = misreadServiceNumberIn(l);
      if (misread) {
        hit = misread;
        repairs.push({
          field: 'header.serviceNumber',
          from: misread.digits,
          to: SERVICE_NUMBER,
          reason:
            "Lecture OCR corrigée : un chiffre du numéro du service mal lu, avec l'avis standard du service",
        });
      }
    }
    if (!hit) continue;
    serviceNumberInHeader = true;
    sender = senderAfter(l.text.slice(hit.end));
    if (!sender) {
      // Number on its own line, name on the next header line.
      const next = zone.find((z) => z.n > l.n);
      if (next) sender = senderAfter(next.text);
    }
    break;
  }
  const serviceNumberAnywhere = serviceNumberInHeader || doc.lines.some((l) => serviceNumberIn(l) !== null);

  let pageCount: number | null = null;
  for (const l of zone) pageCount ??= pageCountIn(l.folded);
  // Later pages repeat the header: "Page 2/3".
  for (const l of doc.lines) if (l.header) pageCount ??= pageCountIn(l.folded);
  pageCount ??= coverPageCount;

  return {
    header: { serviceNumberInHeader, serviceNumberAnywhere, sender, pageCount, banner },
    repairs,
  };
}

/** "Nombre de pages : 3" on a cover page. */
export function pageCountFromValue(value: string): number | null {
  const m =
    /^\s*(\d{1,3})\b/.exec(fold(value)) ?? /\b(?:\d{1,3})\s*(?:\/|de|sur|of)\s*(\d{1,3})\b/.exec(value);
  const n = m ? Number(m[1]) : NaN;
  return Number.isInteger(n) && n > 0 && n <= 500 ? n : null;
}
