/**
 * North American phone numbers in any usual spelling: "514 555-1234", "(514) 555-1234",
 * "514.555.1234", "1-514-555-1234", "14184256508", "514-555-1234 poste 123" (extension dropped).
 */
import { digitFix } from './normalise.ts';

/** The web fax service's own number (1 418 425-6508), as 10 digits. */
export const SERVICE_NUMBER = '4184256508';

export interface PhoneMatch {
  digits: string;
  index: number;
  end: number;
}

const SEP = '[\\s.\\-]{0,3}';
const PHONE = new RegExp(
  `(?<![\\d])(?:\\+?1${SEP})?(?:\\(\\s*(\\d{3})\\s*\\)|(\\d{3}))${SEP}(\\d{3})${SEP}(\\d{4})(?!\\d)` +
    `(?:\\s*,?\\s*(?:poste|post\\.?|p\\.|ext\\.?|x|#)\\s*\\d{1,6})?`,
  'gi',
);

/** Every phone number in `text` (indices refer to `text`). Letters OCR swaps for digits are tolerated. */
export function findPhones(text: string): PhoneMatch[] {
  const fixed = digitFix(text);
  const out: PhoneMatch[] = [];
  for (const m of fixed.matchAll(PHONE)) {
    const area = m[1] ?? m[2] ?? '';
    const digits = area + (m[3] ?? '') + (m[4] ?? '');
    // NANP: area code and exchange never start with 0 or 1.
    if (!/^[2-9]\d\d[2-9]\d{6}$/.test(digits)) continue;
    out.push({ digits, index: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** The first phone number in `text`, as 10 digits. */
export function parsePhone(text: string): string | null {
  return findPhones(text)[0]?.digits ?? null;
}

export function isServiceNumber(digits: string): boolean {
  return digits === SERVICE_NUMBER;
}
