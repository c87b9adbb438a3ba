/**
 * The Adaptive Card a fax gets in Teams, and its variants for the person who clicked: the
 * current card with a notice on top (a refusal, "already accepted by…"), or a notice alone
 * when there is no fax to show (not found, wrong channel) — never patient data there.
 */
import {
  buildFaxCard,
  renderAdaptiveCard,
  type AdaptiveCardJson,
  type FaxCardOptions,
} from '../../cards/index.ts';
import type { FaxView } from '../../src/chat/channel.ts';
import type { Lang } from '../../src/workflow/index.ts';

export interface TeamsCardOptions {
  lang: Lang;
  refreshUserIds: string[];
  /** Where staff see the original pages (the console's address), if anywhere. */
  originalUrl?: (faxId: string) => string | undefined;
}

export function renderTeamsCard(view: FaxView, opts: TeamsCardOptions): AdaptiveCardJson {
  const cardOpts: FaxCardOptions = { lang: opts.lang };
  const url = opts.originalUrl?.(view.fax.id);
  if (url) cardOpts.originalUrl = url;
  return renderAdaptiveCard(buildFaxCard(view.fax, view.events, cardOpts), {
    ...(opts.refreshUserIds.length > 0 ? { refreshUserIds: opts.refreshUserIds } : {}),
  });
}

/** Longest notice shown on a card: the workflow's sentences are far shorter. */
const NOTICE_MAX_CHARS = 600;

function noticeBlock(message: string, tone: 'attention' | 'accent') {
  const text = message.length > NOTICE_MAX_CHARS ? `${message.slice(0, NOTICE_MAX_CHARS - 1)}…` : message;
  return {
    type: 'Container',
    style: tone,
    items: [{ type: 'TextBlock', text: text.replace(/[\\`*_[\]<>]/g, '\\$&'), wrap: true, weight: 'Bolder' }],
  };
}

/** The card with a notice for the clicker on top; the card below is the fax's current state. */
export function withNotice(
  card: AdaptiveCardJson,
  message: string,
  tone: 'attention' | 'accent' = 'attention',
): AdaptiveCardJson {
  return { ...card, body: [noticeBlock(message, tone), ...card.body] };
}

/** A card holding only a notice (no fax content): for clicks that may not see the fax. */
export function noticeCard(message: string): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [noticeBlock(message, 'attention')],
    actions: [],
  };
}
