/**
 * The daily digest in Teams: one Adaptive Card posted to the channel, each line a deep link
 * to its order's card (the message id the outbox recorded when the card was posted).
 */
import { CardFactory, type Activity } from 'botbuilder';
import { buildDigestCard, cardRef, renderDigestAdaptive, teamsMessageUrl } from '../../cards/index.ts';
import type { DigestModel } from '../../src/digest/model.ts';

export function digestActivity(
  digest: DigestModel,
  opts: { lang: 'fr' | 'en'; platform: string; tenantId: string | null },
): Partial<Activity> {
  const card = buildDigestCard(digest, {
    lang: opts.lang,
    link: (item) => {
      const ref = cardRef(item, opts.platform);
      return ref ? teamsMessageUrl(ref, opts.tenantId) : null;
    },
  });
  return {
    type: 'message',
    summary: card.summary,
    attachments: [CardFactory.adaptiveCard(renderDigestAdaptive(card))],
  };
}
