/**
 * Everything Teams limits, in one place: a message (card and activity envelope together) must
 * stay under 28 KB, so the card alone gets a smaller budget; the detail levels are tried in
 * turn until the card fits.
 */
import type { Detail } from './text.ts';

export const ADAPTIVE_LIMITS = {
  /** Teams refuses messages over 28 KB; the activity around the card needs a few KB of its own. */
  cardBytes: 24_000,
  /** Teams' hard limit, for reference (tests assert the card stays under it with room to spare). */
  teamsMessageBytes: 28 * 1024,
  /** Our own cap for the notification fallback text. */
  fallbackText: 300,
} as const;

/** Most generous first; the last level fits the worst card by construction (see the stress test). */
export const ADAPTIVE_DETAIL_LEVELS: readonly Detail[] = [
  { lineChars: 500, longTextChars: 4000, historyEntries: 20, dividers: true },
  { lineChars: 300, longTextChars: 2000, historyEntries: 10, dividers: true },
  { lineChars: 160, longTextChars: 800, historyEntries: 5, dividers: false },
  // Only for texts that swell when serialized (quotes, backslashes, control characters, non-Latin scripts).
  { lineChars: 80, longTextChars: 300, historyEntries: 2, dividers: false },
];

/** Size as sent: UTF-8 bytes of the JSON. */
export function adaptiveCardBytes(card: unknown): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** The first level whose card fits; the last level's card otherwise (it is built to fit). */
export function fitAdaptive<T>(render: (detail: Detail) => T): T {
  let card: T | undefined;
  for (const detail of ADAPTIVE_DETAIL_LEVELS) {
    card = render(detail);
    if (adaptiveCardBytes(card) <= ADAPTIVE_LIMITS.cardBytes) return card;
  }
  if (card === undefined) throw new Error('no Adaptive Card detail level');
  return card;
}
