/**
 * Finding a card Teams took but Faxdesk never recorded. No chat API posts idempotently: when
 * a worker dies between the Bot Connector accepting a card and its activity id being
 * committed, or the answer is lost (a timeout, a 500 after the message went out), the outbox
 * would post the card again. So before posting a card a second time it asks here (the
 * channel's `findPosted`). The Bot Connector cannot list a channel's messages; Microsoft
 * Graph can, with the app's resource-specific consent (graph.ts).
 *
 * Our card is a message from our app (`from.application.id`) whose Adaptive Card has an
 * `Action.Execute` carrying the fax id (the refresh and every button do: cards/render/adaptive.ts).
 * Its Graph id is the activity id the Bot Connector returned, so the reference is the one
 * `post` returns and the card is updated in place afterwards.
 *
 * When Graph cannot be used (TEAMS_GRAPH=off, no credentials in local mode, consent not
 * granted), the card is posted without checking, as before: a possible second card rather
 * than a card held back for good. That is said once in the log.
 */
import type { Logger } from '../../src/log.ts';
import type { ChatMessageRef } from '../../src/store/deliveries.ts';
import { GraphUnavailableError, type GraphClient } from './graph.ts';

/** The resource-specific consent that lets the app read its team's channels (manifest/teams/manifest.json). */
export const CHANNEL_READ_PERMISSION = 'ChannelMessage.Read.Group';
/** Machines' clocks differ: a card stamped a little before `since` by Teams' clock still counts. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Graph's largest page for channel messages. */
const PAGE_SIZE = 50;
/**
 * 500 messages: far more than a fax channel sees between a lost answer and the retry. Past
 * that the card is posted again rather than held back: a second card beats a missing one.
 */
const MAX_PAGES = 10;
const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

/** Why Graph is not even tried. */
export type GraphOff = 'graph_off' | 'no_credentials';

export interface PostedFinderOptions {
  /** Null when Graph is not to be used; `off` says why. */
  graph: GraphClient | null;
  off?: GraphOff;
  /** Our app's id: the cards are the messages Graph says come from it. */
  appId: string;
  platform: string;
  channelId: string;
  /** The team as Graph names it (its Microsoft 365 group id); null when the app is not in a team. */
  teamGroupId: () => Promise<string | null>;
  log: Logger;
}

interface GraphMessage {
  id?: unknown;
  createdDateTime?: unknown;
  lastModifiedDateTime?: unknown;
  deletedDateTime?: unknown;
  from?: { application?: { id?: unknown } | null } | null;
  attachments?: { contentType?: unknown; content?: unknown }[] | null;
}

interface GraphPage {
  value?: GraphMessage[];
  '@odata.nextLink'?: unknown;
}

function time(value: unknown): number {
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
}

/** Whether the card JSON has an Action.Execute whose data names this fax. */
function cardNamesFax(node: unknown, faxId: string, depth = 0): boolean {
  if (depth > 40 || typeof node !== 'object' || node === null) return false;
  if (Array.isArray(node)) return node.some((child) => cardNamesFax(child, faxId, depth + 1));
  const o = node as Record<string, unknown>;
  if (o.type === 'Action.Execute' && (o.data as { faxId?: unknown } | undefined)?.faxId === faxId)
    return true;
  return Object.values(o).some((child) => cardNamesFax(child, faxId, depth + 1));
}

function attachmentNamesFax(attachment: { contentType?: unknown; content?: unknown }, faxId: string) {
  if (attachment.contentType !== ADAPTIVE_CARD) return false;
  let card: unknown = attachment.content;
  if (typeof card === 'string') {
    // Graph gives the card as a JSON string; a quick look before parsing it.
    if (!card.includes(faxId)) return false;
    try {
      card = JSON.parse(card);
    } catch {
      return false;
    }
  }
  return cardNamesFax(card, faxId);
}

/** This fax's card, from our app, posted at or after `cutoff`, and not deleted since. */
export function isCardOf(message: GraphMessage, faxId: string, appId: string, cutoff: number): boolean {
  if (typeof message.id !== 'string' || message.id === '') return false;
  if (message.deletedDateTime !== null && message.deletedDateTime !== undefined) return false;
  const app = message.from?.application?.id;
  if (typeof app !== 'string' || app.toLowerCase() !== appId.toLowerCase()) return false;
  if (!(time(message.createdDateTime) >= cutoff)) return false;
  return (message.attachments ?? []).some((a) => attachmentNamesFax(a, faxId));
}

/** Older than the cutoff, edits included (a message's last change is never before its creation). */
function olderThan(message: GraphMessage, cutoff: number): boolean {
  const stamp = time(message.lastModifiedDateTime ?? message.createdDateTime);
  return stamp < cutoff;
}

export function createPostedFinder(opts: PostedFinderOptions) {
  const { log } = opts;
  const warned = new Set<string>();
  const warnOnce = (code: string, msg: string, faxId: string) => {
    if (warned.has(code)) return;
    warned.add(code);
    log.warn(msg, { code, faxId });
  };

  function unavailable(code: string, faxId: string): null {
    if (code === 'graph_off') {
      warnOnce(code, 'teams: TEAMS_GRAPH=off, a card is posted again without checking the channel', faxId);
    } else if (code === 'no_credentials') {
      warnOnce(
        code,
        'teams: no app credentials (local mode), a card is posted again without checking the channel',
        faxId,
      );
    } else if (code.startsWith('token_')) {
      warnOnce(
        code,
        'teams: the sign-in refused the app a Microsoft Graph token (TEAMS_APP_ID, TEAMS_APP_PASSWORD, TEAMS_TENANT_ID?); ' +
          'a card is posted again without checking the channel',
        faxId,
      );
    } else if (code === 'graph_401' || code === 'graph_403') {
      // The consent is declared in the app package and granted when the app is added or updated.
      warnOnce(
        code,
        `teams: Microsoft Graph cannot read the channel (resource-specific consent ${CHANNEL_READ_PERMISSION} ` +
          'not granted? update the app in the team); a card is posted again without checking, it may appear twice',
        faxId,
      );
    } else {
      warnOnce(
        code,
        'teams: Microsoft Graph did not list the channel; a card is posted again without checking',
        faxId,
      );
    }
    return null;
  }

  return async function findPosted(faxId: string, since: Date): Promise<ChatMessageRef | null> {
    if (opts.graph === null) return unavailable(opts.off ?? 'graph_off', faxId);
    const graph = opts.graph;
    const cutoff = since.getTime() - CLOCK_SKEW_MS;
    try {
      const groupId = await opts.teamGroupId();
      // Not in a team: nothing can have been posted (and posting waits for the installation).
      if (groupId === null) return null;
      let next: string =
        `teams/${encodeURIComponent(groupId)}/channels/${encodeURIComponent(opts.channelId)}` +
        `/messages?$top=${PAGE_SIZE}`;
      for (let page = 0; page < MAX_PAGES; page++) {
        const answer = (await graph.get(next)) as GraphPage;
        const messages = Array.isArray(answer.value) ? answer.value : [];
        const card = messages.find((m) => isCardOf(m, faxId, opts.appId, cutoff));
        if (card) return { platform: opts.platform, channelId: opts.channelId, messageId: card.id as string };
        // Newest first: once a page ends before the cutoff, later pages hold older messages only.
        // (The whole page is read: a thread brought up by a recent reply does not stop the search.)
        const last = messages.at(-1);
        const link = answer['@odata.nextLink'];
        if (last === undefined || olderThan(last, cutoff) || typeof link !== 'string' || link === '') {
          return null;
        }
        next = link;
      }
      log.warn('teams: channel too long to read whole; the card is posted again without checking further', {
        faxId,
        pages: MAX_PAGES,
      });
      return null;
    } catch (error) {
      if (error instanceof GraphUnavailableError) return unavailable(error.code, faxId);
      throw error;
    }
  };
}
