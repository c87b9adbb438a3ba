/**
 * The digest's card, platform-neutral: titles, counts and one line per waiting order
 * (age, verdict, patient, exam, link to its card), worded in the card's language. The
 * renderers (cards/render/digest-*.ts) decide how many lines fit on their platform.
 */
import type { DigestGroupId, DigestItem, DigestModel } from '../src/digest/model.ts';
import { digestStrings, type DigestStrings } from './digest-strings.ts';
import { personName } from './format.ts';
import { cardStrings } from './i18n/index.ts';
import type { Lang, Link } from './model.ts';

export interface DigestLine {
  faxId: string;
  /** « il y a 3 h ». */
  age: string;
  stale: boolean;
  verdictSymbol: string;
  verdictLabel: string;
  patient: string;
  exam: string;
  /** In the problem group: the order's status (« rappel demandé »); null elsewhere. */
  note: string | null;
  /** The fax's card on this platform; null when it was not posted there (yet). */
  link: string | null;
}

export interface DigestSection {
  id: DigestGroupId;
  title: string;
  count: number;
  /** Oldest first: when a platform has no room, the oldest are the ones kept. */
  lines: DigestLine[];
}

export interface DigestCard {
  lang: Lang;
  day: string;
  title: string;
  late: boolean;
  lateLabel: string;
  lateNote: string;
  /** « 12 ordonnances en attente · 3 en attente de rappel · 4 depuis plus de 24 h ». */
  counts: string;
  /** Set when nothing is waiting: the whole digest is this one line. */
  empty: string | null;
  /** Non-empty groups only, in display order. */
  sections: DigestSection[];
  staleLegend: string | null;
  /** Notification / fallback text: counts only, never a patient. */
  summary: string;
  /** Where the whole list is, for a message that had to be cut. */
  rest: { hint: string; link: Link | null };
}

export interface DigestCardOptions {
  lang?: Lang;
  /** The link to an order's card on the platform the digest goes to. */
  link?: (item: DigestItem) => string | null;
  /** A page holding the whole list (the console's); without it, the terminal command is named. */
  restUrl?: string;
}

/** « il y a 45 min » under an hour, hours under two days, then days. */
export function formatAge(ageMs: number, s: DigestStrings): string {
  const minutes = Math.floor(ageMs / 60_000);
  if (minutes < 60) return s.age.minutes(Math.max(0, minutes));
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return s.age.hours(hours);
  return s.age.days(Math.floor(hours / 24));
}

function formatDay(digest: DigestModel, s: DigestStrings): string {
  return new Intl.DateTimeFormat(s.locale, { timeZone: digest.timeZone, dateStyle: 'full' }).format(
    new Date(digest.generatedAt),
  );
}

function lineOf(item: DigestItem, group: DigestGroupId, lang: Lang, opts: DigestCardOptions): DigestLine {
  const s = digestStrings(lang);
  const verdict = cardStrings(lang).verdict[item.verdict];
  return {
    faxId: item.faxId,
    age: formatAge(item.ageMs, s),
    stale: item.stale,
    verdictSymbol: verdict.symbol,
    verdictLabel: verdict.label,
    patient: personName(item.patient) ?? s.unknownPatient,
    exam: item.exam?.trim() || s.unknownExam,
    note:
      [
        ...(item.unsentReport ? [s.unsentNote] : []),
        ...(group === 'problem_reported' && (item.status === 'pending' || item.status === 'auth_requested')
          ? [s.statusNote[item.status]]
          : []),
      ].join(' · ') || null,
    link: opts.link?.(item) ?? null,
  };
}

export function buildDigestCard(digest: DigestModel, opts: DigestCardOptions = {}): DigestCard {
  const lang = opts.lang ?? 'fr';
  const s = digestStrings(lang);
  const date = formatDay(digest, s);
  const counts = [
    s.counts.total(digest.total),
    ...digest.groups.filter((g) => g.items.length > 0).map((g) => s.counts.group[g.id](g.items.length)),
    ...(digest.staleTotal > 0 ? [s.counts.stale(digest.staleTotal, digest.staleHours)] : []),
  ];
  return {
    lang,
    day: digest.day,
    title: s.title(date),
    late: digest.late,
    lateLabel: s.late,
    lateNote: s.lateNote,
    counts: counts.join(' · '),
    empty: digest.total === 0 ? s.empty : null,
    sections: digest.groups
      .filter((g) => g.items.length > 0)
      .map((g) => ({
        id: g.id,
        title: s.groups[g.id],
        count: g.items.length,
        lines: g.items.map((i) => lineOf(i, g.id, lang, opts)),
      })),
    staleLegend: digest.staleTotal > 0 ? s.staleLegend(digest.staleHours) : null,
    summary: digest.total === 0 ? s.emptySummary(date) : s.summary(digest.total, date),
    rest: { hint: s.restHint, link: opts.restUrl ? { label: s.restLink, url: opts.restUrl } : null },
  };
}
