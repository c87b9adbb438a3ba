/**
 * Clicks on one fax's card as Slack and Teams send them to Faxdesk over HTTP, each timed and
 * given up past Slack's 3 seconds (Teams waits a little longer; both are held to Slack's bound).
 * Slack: a signed block_actions payload to the Bolt receiver, the button taken from the card as
 * the stand-in holds it now (the outbox updates it after each click). Teams: an
 * adaptiveCard/action invoke to /api/messages, the Action.Execute taken from the card Teams
 * last got (the post, then each click's answer, as in Universal Actions).
 */
import { expect, vi } from 'vitest';
import type { TeamsChatAdapter } from '../../adapters/teams/adapter.ts';
import type { FaxActionId } from '../../src/actions/fax-action.ts';
import { blockActionsPayload, postInteraction, type SlackUser } from '../slack/signed.ts';
import type { SlackStandIn } from '../slack/stand-in.ts';
import { sendActivity } from '../teams/send-activity.ts';
import { cardAction, type TeamsUser } from '../teams/teams-activities.ts';

/** Slack shows the person an error when an app has not answered a click within 3 seconds. */
export const ACK_WITHIN_MS = 3000;

export interface CardClicker {
  /** Clicks the card's `action` button; the time its answer took (ms), which must be a 200 within the bound. */
  click(action: FaxActionId): Promise<number>;
}

async function timed(send: (signal: AbortSignal) => Promise<void>): Promise<number> {
  const started = performance.now();
  await send(AbortSignal.timeout(ACK_WITHIN_MS));
  // Also measured: a blocked event loop would fire the abort late, after the answer came in.
  const ms = performance.now() - started;
  expect(ms).toBeLessThan(ACK_WITHIN_MS);
  return ms;
}

interface SlackButton {
  action_id: string;
  value: string;
}

export function slackClicker(opts: {
  standIn: SlackStandIn;
  /** The adapter's Request URL (…/slack/events). */
  events: string;
  secret: string;
  channel: string;
  messageTs: string;
  user: SlackUser;
}): CardClicker {
  const buttonOnCard = (action: FaxActionId) => {
    const message = opts.standIn.messagesIn(opts.channel).find((m) => m.ts === opts.messageTs);
    const blocks = (message?.blocks ?? []) as { type: string; block_id?: string; elements?: SlackButton[] }[];
    const actions = blocks.find((b) => b.type === 'actions');
    const button = actions?.elements?.find((e) => e.action_id === action);
    if (!actions?.block_id || !button) throw new Error(`the card has no ${action} button (yet)`);
    return { blockId: actions.block_id, value: button.value };
  };
  return {
    async click(action) {
      // The card shows this button once the outbox has updated it after the last click.
      const { blockId, value } = await vi.waitFor(() => buttonOnCard(action), {
        timeout: 5000,
        interval: 50,
      });
      const payload = blockActionsPayload({
        user: opts.user,
        channelId: opts.channel,
        messageTs: opts.messageTs,
        actionId: action,
        blockId,
        value,
        responseUrl: opts.standIn.responseUrl(`click-${Date.now()}`),
      });
      return timed(async (signal) => {
        const answer = await postInteraction(opts.events, opts.secret, payload, { signal });
        expect(answer.status).toBe(200);
      });
    },
  };
}

type Json = Record<string, unknown>;

/** The Action.Execute with this verb anywhere in an Adaptive Card (buttons, and forms' submits). */
function executeOn(card: unknown, verb: string): { verb: string; data: Json } {
  const stack = [card];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    const o = node as Json;
    if (o.type === 'Action.Execute' && o.verb === verb) return { verb, data: o.data as Json };
    stack.push(...(Array.isArray(node) ? node : Object.values(o)));
  }
  throw new Error(`the card has no Action.Execute ${verb}`);
}

export function teamsClicker(opts: {
  adapter: Pick<TeamsChatAdapter, 'port'>;
  serviceUrl: string;
  messageId: string;
  user: TeamsUser;
  /** The card as posted to the channel. */
  card: unknown;
}): CardClicker {
  let card = opts.card;
  return {
    async click(action) {
      const activity = cardAction(opts.serviceUrl, {
        user: opts.user,
        ...executeOn(card, action),
        messageId: opts.messageId,
      });
      return timed(async (signal) => {
        const res = await sendActivity(opts.adapter, activity, { signal });
        expect(res.status).toBe(200);
        // The refreshed card, shown to the clicker at once: the next click is taken from it.
        expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
        card = res.body!.value;
      });
    },
  };
}
