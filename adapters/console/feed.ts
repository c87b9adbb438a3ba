/**
 * The console's channel: the cards it shows, newest first. A card is the very Adaptive Card
 * Teams gets (cards/), with the original pages linked to the console's own page.
 */
import { buildFaxCard, renderAdaptiveCard, type AdaptiveCardJson } from '../../cards/index.ts';
import type { FaxView } from '../../src/chat/channel.ts';
import type { FaxStore } from '../../src/store/store.ts';
import type { FaxId } from '../../src/store/records.ts';

export const CONSOLE_PLATFORM = 'console';
export const CONSOLE_CHANNEL = 'console';

/** What the page gets for one fax: enough to place the card and draw it. */
export interface ConsoleCard {
  faxId: string;
  receivedAt: string;
  status: string;
  verdict: string;
  /** A problem report was recorded (sent or not): the « signalé » filter. */
  reported: boolean;
  /** The card's heading for screen readers and the page's outline: state or verdict, sender, time. */
  heading: string;
  /** What a screen reader says when the card arrives: « Nouvelle télécopie d’Olivier Roy ». */
  announcement: string;
  card: AdaptiveCardJson;
}

export function originalPath(faxId: string): string {
  return `/faxes/${faxId}/original`;
}

export function consoleCard(view: FaxView, lang: 'fr' | 'en'): ConsoleCard {
  const card = buildFaxCard(view.fax, view.events, { lang, originalUrl: originalPath(view.fax.id) });
  const title = card.header.title;
  return {
    faxId: view.fax.id,
    receivedAt: view.fax.receivedAt,
    status: view.fax.status,
    verdict: view.fax.verdict,
    reported: view.events.some((e) => e.faxId === view.fax.id && e.kind === 'problem_reported'),
    heading: card.header.state.decided
      ? `${card.header.state.text} — ${title}`
      : `${card.header.verdictLabel} — ${title}`,
    // « Télécopie d’Olivier Roy » → « Nouvelle télécopie d’Olivier Roy »; « Fax from … » → « New fax from … ».
    announcement: `${lang === 'en' ? 'New' : 'Nouvelle'} ${title.charAt(0).toLowerCase()}${title.slice(1)}`,
    // No emoji: the clerk's machine may have no emoji font (the tone's colour and words say it).
    card: renderAdaptiveCard(card, { emoji: false }),
  };
}

export interface CardPage {
  cards: ConsoleCard[];
  /** Pass as `before` for the next (older) page; null at the end. */
  next: string | null;
}

/**
 * The cards posted to the console, newest first. Faxes not posted here yet (the outbox has
 * not reached them, or they went to another channel before) are left out: they arrive live
 * when the outbox posts them, as in a real channel.
 */
export async function listConsoleCards(
  store: FaxStore,
  lang: 'fr' | 'en',
  opts: { before?: FaxId; limit: number },
): Promise<CardPage> {
  const cards: ConsoleCard[] = [];
  const batchSize = opts.limit * 2;
  let before = opts.before;
  // Faxes are read in batches; a few rounds at most, so a page never scans the whole store.
  for (let round = 0; round < 5; round++) {
    const batch = await store.listFaxes({ limit: batchSize, ...(before ? { before } : {}) });
    for (const fax of batch) {
      before = fax.id;
      const messages = await store.listChatMessages(fax.id);
      if (!messages.some((m) => m.platform === CONSOLE_PLATFORM)) continue;
      cards.push(consoleCard({ fax, events: await store.listEvents(fax.id) }, lang));
      if (cards.length === opts.limit) return { cards, next: fax.id };
    }
    if (batch.length < batchSize) return { cards, next: null };
  }
  return { cards, next: before ?? null };
}
