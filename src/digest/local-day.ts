/** Local calendar dates in a time zone, the way the clerks' wall calendar reads them. */

const formatters = new Map<string, Intl.DateTimeFormat>();

/** "2025-03-10" for the instant `at` as seen in `timeZone`. */
export function localDay(at: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}

/** Whether `timeZone` is an IANA zone this Node knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    return true;
  } catch {
    return false;
  }
}
