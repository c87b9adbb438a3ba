/**
 * Text helpers both renderers share: cutting a text to a length with a visible marker, and
 * choosing which history entries fit. What the limits are stays with each platform.
 */
import type { CardStrings } from '../i18n/types.ts';
import type { HistoryEntry, Mark, Truncation } from '../model.ts';

/** Status marks, the same in every language. */
export const MARK_SYMBOLS: Record<Mark, string> = { pass: '✓', warn: '⚠', fail: '✗', info: 'ℹ' };

/** How much of the card a renderer shows: each platform keeps its own levels, most generous first. */
export interface Detail {
  /** Any single fact value, check line, history line or callout text. */
  lineChars: number;
  /** The clinical note (read from the fax: cut with « … (suite dans la télécopie) »). */
  longTextChars: number;
  /** Most recent history entries shown; older ones are counted, not listed. */
  historyEntries: number;
  /** Dividers between sections (Slack counts them as blocks). */
  dividers: boolean;
}

/** Whether `i` falls between the two halves of a surrogate pair (never cut an emoji in two). */
function splitsPair(text: string, i: number): boolean {
  const code = text.charCodeAt(i - 1);
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * `text` if it fits in `max` characters (UTF-16 code units, as both platforms count), else its
 * beginning, cut at a word boundary when one is near, followed by the marker. Never longer than `max`.
 */
export function truncate(text: string, max: number, marker: string): string {
  if (text.length <= max) return text;
  const room = max - marker.length - 1;
  if (room <= 0) return marker.slice(0, max);
  let cut = room;
  const space = text.lastIndexOf(' ', room);
  const newline = text.lastIndexOf('\n', room);
  const boundary = Math.max(space, newline);
  if (boundary > room * 0.8) cut = boundary;
  if (splitsPair(text, cut)) cut -= 1;
  return `${text.slice(0, cut).trimEnd()} ${marker}`;
}

/**
 * `raw`, escaped, at most `max` characters once escaped: cut before escaping (so an escape is
 * never cut in half), and shorter again if escaping made it grow.
 */
export function truncateEscaped(
  raw: string,
  max: number,
  marker: string,
  escape: (text: string) => string,
): string {
  let room = max;
  for (;;) {
    const escaped = escape(truncate(raw, room, marker));
    if (escaped.length <= max) return escaped;
    if (room <= marker.length + 1) return escape(marker).slice(0, max);
    room -= Math.max(1, escaped.length - max);
  }
}

export function markerFor(truncation: Truncation, strings: CardStrings): string {
  return truncation === 'fax' ? strings.truncated.fax : strings.truncated.plain;
}

/** The `max` most recent entries (oldest first) and how many older ones were left out. */
export function recentHistory(
  entries: readonly HistoryEntry[],
  max: number,
): { olderCount: number; shown: HistoryEntry[] } {
  const shown = max > 0 ? entries.slice(-max) : [];
  return { olderCount: entries.length - shown.length, shown };
}
