/**
 * The daily digest in the local console: pushed to the open pages as one more message of
 * the channel, drawn like the cards (Adaptive Card). Its id sorts after every fax id (ULIDs
 * are upper-case), so the page puts it on top, newest digest first. Live only: a page opened
 * later does not list past digests (`faxdesk digest --print` shows the current one).
 */
import { buildDigestCard, consoleCardAnchor, renderDigestAdaptive } from '../../cards/index.ts';
import type { DigestModel } from '../../src/digest/model.ts';
import type { ConsoleCard } from './feed.ts';

export function consoleDigestEntry(digest: DigestModel, lang: 'fr' | 'en'): ConsoleCard {
  const card = buildDigestCard(digest, { lang, link: (item) => consoleCardAnchor(item.faxId) });
  return {
    faxId: `digest-${digest.day}`,
    receivedAt: digest.generatedAt,
    status: 'digest',
    verdict: 'digest',
    reported: false,
    heading: card.title,
    announcement: card.title,
    card: renderDigestAdaptive(card),
  };
}
