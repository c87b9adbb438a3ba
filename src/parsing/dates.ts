/**
 * Dates in the spellings Quebec orders use: 1985-03-15, 1985/03/15, 15/03/1985, 15-03-1985,
 * 15 mars 1985, le 1er avril 2026, March 15, 1985. Output ISO. Impossible dates are rejected.
 * Day/month order: Quebec writes dd/mm, so that is the first reading; when both readings are
 * valid the other one is kept as an alternative (a NAM can settle it, see patient.ts).
 */
import { digitFix, fold } from './normalise.ts';

export interface DateMatch {
  /** Preferred reading. */
  iso: string;
  /** Other valid readings of the same text (dd/mm vs mm/dd). */
  alternatives: string[];
  index: number;
  end: number;
}

const MONTHS: [RegExp, number][] = [
  [/^(janvier|janv|jan|january)$/, 1],
  [/^(fevrier|fevr|fev|february|feb)$/, 2],
  [/^(mars|mar|march)$/, 3],
  [/^(avril|avr|april|apr)$/, 4],
  [/^(mai|may)$/, 5],
  [/^(juin|june|jun)$/, 6],
  [/^(juillet|juil|july|jul)$/, 7],
  [/^(aout|august|aug)$/, 8],
  [/^(septembre|sept|sep|september)$/, 9],
  [/^(octobre|oct|october)$/, 10],
  [/^(novembre|nov|november)$/, 11],
  [/^(decembre|dec|december)$/, 12],
];
const MONTH_WORD =
  '(janvier|janv|jan|january|fevrier|fevr|fev|february|feb|mars|march|mar|avril|april|avr|apr|mai|may|juin|june|jun|juillet|july|juil|jul|aout|august|aug|septembre|september|sept|sep|octobre|october|oct|novembre|november|nov|decembre|december|dec)';

function monthOf(word: string): number | null {
  for (const [re, n] of MONTHS) if (re.test(word)) return n;
  return null;
}

export function isoIfValid(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Two-digit years: up to this year's two digits is 20xx, above is 19xx. */
function fullYear(y: string): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  const now = new Date().getUTCFullYear() % 100;
  return n <= now ? 2000 + n : 1900 + n;
}

interface Pattern {
  re: RegExp;
  read: (m: RegExpMatchArray) => string[];
}

const PATTERNS: Pattern[] = [
  // 1985-03-15, 1985/03/15, 1985.03.15 (year first is always y-m-d)
  {
    re: /(?<!\d)((?:19|20)\d\d)\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?(\d{1,2})(?!\d)/g,
    read: (m) => [isoIfValid(Number(m[1]), Number(m[2]), Number(m[3]))].filter((x): x is string => !!x),
  },
  // 15/03/1985, 15-03-1985, 15.03.85
  {
    re: /(?<![\d/.-])(\d{1,2})\s?[-/.]\s?(\d{1,2})\s?[-/.]\s?((?:19|20)\d\d|\d\d)(?![\d])/g,
    read: (m) => {
      const a = Number(m[1]);
      const b = Number(m[2]);
      const y = fullYear(m[3] ?? '');
      const dm = isoIfValid(y, b, a);
      const md = isoIfValid(y, a, b);
      return [dm, md].filter((x, i, all): x is string => !!x && all.indexOf(x) === i);
    },
  },
  // 15 mars 1985, 1er avril 2026, 15-mar-1985, 1 er avril
  {
    re: new RegExp(
      `(?<![\\da-z])(\\d{1,2}|[li1j]\\s?er)\\s?(?:er|re|e)?[\\s.\\-]*${MONTH_WORD}\\.?[\\s.,\\-]*((?:19|20)\\d\\d)(?!\\d)`,
      'g',
    ),
    read: (m) => {
      const day = /er$/.test(m[1] ?? '') ? 1 : Number(m[1]);
      const iso = isoIfValid(Number(m[3]), monthOf(m[2] ?? '') ?? 0, day);
      return iso ? [iso] : [];
    },
  },
  // March 15, 1985 / mars 15 1985
  {
    re: new RegExp(
      `(?<![a-z])${MONTH_WORD}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th|er)?,?\\s+((?:19|20)\\d\\d)(?!\\d)`,
      'g',
    ),
    read: (m) => {
      const iso = isoIfValid(Number(m[3]), monthOf(m[1] ?? '') ?? 0, Number(m[2]));
      return iso ? [iso] : [];
    },
  },
];

/**
 * Compact 19850315, only where a label says a date is expected; also with a separator lost or read
 * as a space by OCR ("1969 0730", "1969 07 30"): year first, two-digit month and day, as written.
 */
const COMPACT = /(?<!\d)((?:19|20)\d\d)[\s./-]?(\d\d)[\s./-]?(\d\d)(?!\d)/g;

/** Every date in `text`, in text order (indices refer to `text`). */
export function findDates(text: string, opts: { compact?: boolean } = {}): DateMatch[] {
  const t = digitFix(fold(text));
  const found: DateMatch[] = [];
  const taken: [number, number][] = [];
  const patterns = opts.compact ? [...PATTERNS, { re: COMPACT, read: PATTERNS[0]!.read }] : PATTERNS;
  for (const p of patterns) {
    for (const m of t.matchAll(p.re)) {
      const index = m.index ?? 0;
      const end = index + m[0].length;
      if (taken.some(([a, b]) => index < b && end > a)) continue;
      const readings = p.read(m);
      if (readings.length === 0) continue;
      taken.push([index, end]);
      found.push({ iso: readings[0]!, alternatives: readings.slice(1), index, end });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The first date in a labelled value. */
export function parseDate(text: string): DateMatch | null {
  return findDates(text, { compact: true })[0] ?? null;
}
