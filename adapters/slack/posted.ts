/**
 * Finding a card Slack took but Faxdesk never recorded. Slack has no idempotent post: when a
 * worker dies between Slack accepting chat.postMessage and the message ts being committed, or
 * the answer is lost (a timeout, a 500 after the message went in), the outbox would post the
 * card again. So every card carries its fax id in Slack message metadata, and before posting
 * a card a second time the outbox reads the channel's recent history for one posted by this
 * bot with that fax id (`findPosted`).
 *
 * Message metadata is readable by any app in the workspace: it holds the fax id only, never
 * anything about the patient.
 */
import type { webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.ts';
import type { ChatMessageRef } from '../../src/store/deliveries.ts';
import { slackErrorCode, toDeliveryError } from './errors.ts';
import { PLATFORM } from './interaction.ts';

/** The metadata event type of a fax card (Slack wants lower-case letters, digits and `_`). */
export const CARD_EVENT_TYPE = 'faxdesk_fax_card';
/** What reading a channel's history needs: public channels, private channels. */
export const HISTORY_SCOPES = ['channels:history', 'groups:history'] as const;
/** Machines' clocks differ: a card stamped a little before `since` by Slack's clock still counts. */
const CLOCK_SKEW_MS = 5 * 60_000;
const PAGE_SIZE = 200;
/**
 * 2,000 messages: far more than a fax channel sees between a lost answer and the retry. Past
 * that the card is posted again rather than held back: a second card beats a missing one.
 */
const MAX_PAGES = 10;

export interface CardMetadata {
  event_type: typeof CARD_EVENT_TYPE;
  event_payload: { fax_id: string };
}

/** The metadata a fax card is posted with: the fax id, nothing else. */
export function cardMetadata(faxId: string): CardMetadata {
  return { event_type: CARD_EVENT_TYPE, event_payload: { fax_id: faxId } };
}

/** A Slack timestamp (seconds, six decimals) for a time in milliseconds; no time: the beginning. */
export function slackTs(ms: number): string {
  return (Number.isFinite(ms) ? Math.max(0, ms) / 1000 : 0).toFixed(6);
}

interface HistoryMessage {
  ts?: string;
  bot_id?: string;
  metadata?: { event_type?: string; event_payload?: object };
}

/** This fax's card, posted by this bot (`botId`; any bot when Slack did not say which is ours). */
export function isCardOf(message: HistoryMessage, faxId: string, botId: string | null): boolean {
  if (botId !== null && message.bot_id !== botId) return false;
  if (message.metadata?.event_type !== CARD_EVENT_TYPE) return false;
  const payload = message.metadata.event_payload as Record<string, unknown> | undefined;
  return payload?.fax_id === faxId && typeof message.ts === 'string' && message.ts !== '';
}

export interface PostedFinder {
  /** Keeps what auth.test said (at start-up): which bot is ours, and whether history can be read. */
  remember(answer: webApi.AuthTestResponse): void;
  findPosted(faxId: string, since: Date): Promise<ChatMessageRef | null>;
}

export function createPostedFinder(client: webApi.WebClient, channelId: string, log: Logger): PostedFinder {
  /** Undefined until auth.test answered; null when it named no bot (then metadata alone decides). */
  let ourBot: string | null | undefined;

  function remember(answer: webApi.AuthTestResponse): void {
    ourBot = typeof answer.bot_id === 'string' && answer.bot_id !== '' ? answer.bot_id : null;
    const scopes = answer.response_metadata?.scopes;
    if (scopes === undefined) return;
    const missing = HISTORY_SCOPES.filter((scope) => !scopes.includes(scope));
    if (missing.length > 0) {
      // Cards still go out; only the check before posting a card again is lost.
      log.warn('slack: token lacks history scopes; after a crash a card may be posted twice', {
        missing: missing.join(','),
      });
    }
  }

  async function botId(): Promise<string | null> {
    if (ourBot !== undefined) return ourBot;
    try {
      remember(await client.auth.test());
    } catch (error) {
      throw toDeliveryError(error);
    }
    return ourBot ?? null;
  }

  async function findPosted(faxId: string, since: Date): Promise<ChatMessageRef | null> {
    const bot = await botId();
    const oldest = slackTs(since.getTime() - CLOCK_SKEW_MS);
    let cursor: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      let answer: webApi.ConversationsHistoryResponse;
      try {
        answer = await client.conversations.history({
          channel: channelId,
          oldest,
          inclusive: true,
          limit: PAGE_SIZE,
          include_all_metadata: true,
          ...(cursor !== undefined ? { cursor } : {}),
        });
      } catch (error) {
        if (slackErrorCode(error) === 'missing_scope') {
          // An app installed before the history scopes: post as before rather than hold the card.
          log.warn('slack: cannot read the channel history (missing_scope); card posted without checking', {
            faxId,
          });
          return null;
        }
        throw toDeliveryError(error);
      }
      const card = (answer.messages ?? []).find((message) => isCardOf(message, faxId, bot));
      if (card?.ts !== undefined) return { platform: PLATFORM, channelId, messageId: card.ts };
      cursor = answer.response_metadata?.next_cursor;
      if (answer.has_more !== true || cursor === undefined || cursor === '') return null;
    }
    log.warn('slack: channel history too long to read whole; card posted without checking further', {
      faxId,
      pages: MAX_PAGES,
    });
    return null;
  }

  return { remember, findPosted };
}
