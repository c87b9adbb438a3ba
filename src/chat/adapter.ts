/**
 * What every chat adapter (Slack, Teams, the local console) is to the rest of
 * Faxdesk: a channel the outbox posts cards to, plus whatever it needs to run
 * (a socket, an HTTP endpoint, a web page), started and stopped with Faxdesk.
 * Clicks on cards go to `handleAction`; the adapter acknowledges first, then
 * calls it, then tells the person the result.
 */
import type { FaxActionHandler } from '../actions/handle-action.ts';
import type { DigestModel } from '../digest/model.ts';
import type { Logger } from '../log.ts';
import type { FaxStore } from '../store/store.ts';
import type { ChatChannel } from './channel.ts';

export interface ChatAdapter extends ChatChannel {
  start(): Promise<void>;
  /** Stops taking clicks and closes connections; what is in flight finishes. */
  stop(): Promise<void>;
  /** Posts the daily digest to the channel; throws ChatDeliveryError on failure (optional). */
  postDigest?(digest: DigestModel): Promise<void>;
  /**
   * Posts a short plain-text notice to the channel (a fax source unreachable for too long);
   * optional: the console shows it in its header instead.
   */
  postNotice?(text: string): Promise<void>;
}

export interface ChatAdapterDeps {
  store: FaxStore;
  handleAction: FaxActionHandler;
  log: Logger;
  /** Language of the cards and messages (French by default). */
  lang: 'fr' | 'en';
}
