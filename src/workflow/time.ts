/**
 * Times shown to staff: in Quebec's time zone, whatever the server's, because
 * "accepted at 14 h 32" must match the clock on the wall of the lab.
 */
import type { Lang } from './types.ts';

export const STAFF_TIME_ZONE = 'America/Toronto';

const LOCALES: Record<Lang, string> = { fr: 'fr-CA', en: 'en-CA' };

function parts(at: Date, lang: Lang, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  const format = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: STAFF_TIME_ZONE, ...options });
  for (const p of format.formatToParts(at)) out[p.type] = p.value;
  return out;
}

/** "14 h 32" (fr) or "14:32" (en), 24-hour clock, built by hand so no ICU version changes it. */
export function clockTime(at: Date, lang: Lang): string {
  const p = parts(at, lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return lang === 'fr' ? `${p.hour} h ${p.minute}` : `${p.hour}:${p.minute}`;
}

/** "15 mars 2025" (fr) or "March 15, 2025" (en). */
export function calendarDate(at: Date, lang: Lang): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: STAFF_TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(at);
}

/** YYYY-MM-DD of the instant in the staff time zone, to compare days. */
export function localDay(at: Date): string {
  const p = parts(at, 'en', { year: 'numeric', month: '2-digit', day: '2-digit' });
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * When something happened, relative to now: "à 14 h 32" today, "le 15 mars 2025 à 14 h 32" otherwise
 * (en: "at 14:32", "on March 15, 2025 at 14:32").
 */
export function whenPhrase(at: Date, now: Date, lang: Lang): string {
  const time = clockTime(at, lang);
  if (localDay(at) === localDay(now)) return lang === 'fr' ? `à ${time}` : `at ${time}`;
  const date = calendarDate(at, lang);
  return lang === 'fr' ? `le ${date} à ${time}` : `on ${date} at ${time}`;
}
