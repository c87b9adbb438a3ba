/**
 * Every destination of the fax: "À :", "Destinataire", "To:" (fax numbers or place names), and
 * copies: "c.c.", "cc :", "copie conforme". A destination's name and its fax number given on
 * neighbouring lines are one destination.
 */
import type { FieldScan } from './fields.ts';
import { findPhones } from './phones.ts';
import { tidy } from './normalise.ts';

/** Stands for the fax's own destination when only copies are written. */
export const THIS_DESTINATION = 'destinataire de cette télécopie';

interface Recipient {
  value: string;
  line: number;
  isNumber: boolean;
  isCopy: boolean;
}

function split(value: string, line: number, isCopy: boolean): Recipient[] {
  const phones = findPhones(value);
  if (phones.length > 0) return phones.map((p) => ({ value: p.digits, line, isNumber: true, isCopy }));
  return value
    .split(/\s*;\s*|\s+et\s+|\s+and\s+/)
    .map((v) => tidy(v).slice(0, 80))
    .filter((v) => v.length > 1)
    .map((value) => ({ value, line, isNumber: false, isCopy }));
}

export function parseRecipients(scan: FieldScan): string[] {
  const out: Recipient[] = [];
  for (const f of scan.fields) {
    if (f.key === 'to' || f.key === 'cc') out.push(...split(f.value, f.line, f.key === 'cc'));
    if (f.key === 'toFax') {
      const digits = findPhones(f.value).map((p) => p.digits);
      // The number of a destination just named ("À : Radiologie X" then "Télécopieur : …") replaces the name.
      const named = out.findLast((r) => !r.isNumber && f.line - r.line <= 3 && f.line >= r.line);
      if (named && digits[0]) {
        named.value = digits[0];
        named.isNumber = true;
        digits.shift();
      }
      for (const d of digits) out.push({ value: d, line: f.line, isNumber: true, isCopy: false });
    }
  }
  // Copies named but no destination written: the fax's own destination is one recipient too.
  if (out.some((r) => r.isCopy) && !out.some((r) => !r.isCopy)) {
    out.unshift({ value: THIS_DESTINATION, line: -1, isNumber: false, isCopy: false });
  }
  const seen = new Set<string>();
  return out
    .map((r) => r.value)
    .filter((v) => {
      const k = v.toLowerCase();
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}
