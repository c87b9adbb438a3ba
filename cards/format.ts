/**
 * How values look on a card: phone numbers the way Quebec writes them, NAMs in groups of
 * four, instants in Quebec's local time. Pure functions of the value and the language.
 */
import type { CardStrings } from './i18n/types.ts';

/** Where the clerks are: every time on a card is local time there. */
export const CARD_TIME_ZONE = 'America/Toronto';

/** "5145551234" → "514 555-1234"; anything not 10 digits is returned as it is. */
export function formatPhone(digits: string): string {
  const d = digits.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  if (d.length !== 10) return digits;
  return `${d.slice(0, 3)} ${d.slice(3, 6)}-${d.slice(6)}`;
}

/** "5145551234" → "tel:+15145551234" (RFC 3966, as Slack, Teams and phones expect), or null. */
export function telUri(digits: string): string | null {
  const d = digits.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  return /^\d{10}$/.test(d) ? `tel:+1${d}` : null;
}

/** "TREJ85031512" → "TREJ 8503 1512". */
export function formatNam(nam: string): string {
  const n = nam.replace(/[\s-]/g, '').toUpperCase();
  return n.length === 12 ? `${n.slice(0, 4)} ${n.slice(4, 8)} ${n.slice(8)}` : nam;
}

/** "2025-03-12T18:05:00.000Z" → "12 mars 2025 à 14 h 05" (fr) / "March 12, 2025 at 2:05 p.m." (en). */
export function formatInstant(iso: string, strings: CardStrings): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(strings.locale, {
    timeZone: CARD_TIME_ZONE,
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(date);
}

/** A person's name, first name first, from whichever parts are known; null when none. */
export function personName(p: { firstName: string | null; lastName: string | null } | null): string | null {
  if (!p) return null;
  const parts = [p.firstName, p.lastName].map((s) => s?.trim()).filter((s): s is string => Boolean(s));
  return parts.length > 0 ? parts.join(' ') : null;
}
