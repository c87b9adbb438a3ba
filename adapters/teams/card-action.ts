/**
 * A click on a Teams card (Universal Actions: an `adaptiveCard/action` invoke, verb = the
 * action id, data = the ActionPayload with the form's inputs merged in) and the answer Teams
 * shows the clicker at once:
 *
 * - done → the refreshed card (200, `application/vnd.microsoft.card.adaptive`); the outbox's
 *   `updateActivity` then updates it for everyone in the channel;
 * - refused (stale, reason_required, not allowed…) → the fax's current card with the
 *   workflow's sentence on top; from outside the configured channel, the sentence alone
 *   (no fax content leaves the channel); from another team than the bound one
 *   (team-binding.ts), refused before anything runs, whoever clicks;
 * - `fax.refresh` (the card's refresh, run by Teams for each viewer) → the current card.
 *
 * Teams waits only a few seconds for the answer: an action still running by then (the
 * problem report's e-mail) is answered with the current card and "in progress"; it carries
 * on, and the outbox updates the card when it is done.
 */
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from 'botbuilder';
import { ActionPayload, ADAPTIVE_CARD_CONTENT_TYPE, isFaxActionId, REFRESH_VERB } from '../../cards/index.ts';
import { FaxAction } from '../../src/actions/fax-action.ts';
import type { ChatAdapterDeps } from '../../src/chat/adapter.ts';
import { WORKFLOW_MESSAGES, type ActionActor, type ActionResult } from '../../src/workflow/index.ts';
import type { AdaptiveCardJson } from '../../cards/index.ts';
import { teamsStrings } from './strings.ts';
import { noticeCard, renderTeamsCard, withNotice, type TeamsCardOptions } from './teams-card.ts';
import type { StoredConversation } from './conversation-store.ts';
import { activityChannelId, activityTeamId, activityTenantId } from './teams-ids.ts';

export interface CardActionOptions {
  deps: ChatAdapterDeps;
  card: TeamsCardOptions;
  /** The configured channel: the only place cards (and their content) are answered in full. */
  channelId: string;
  tenantId: string | null;
  /** The bound team (team-binding.ts): a click from any other team is refused. */
  bound: () => Promise<StoredConversation | null>;
  /** How long to wait for the workflow before answering "in progress" (Teams gives up after a few seconds). */
  answerWithinMs: number;
}

function cardResponse(card: AdaptiveCardJson): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card };
}

function errorResponse(statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse {
  return { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } };
}

/** Who clicked, as the workflow's policy sees it: AAD object id (stable across teams), name, channel. */
export function actorOf(context: TurnContext): ActionActor {
  const from = context.activity.from;
  const id = from.aadObjectId || from.id;
  return {
    id,
    name: from.name || id,
    platform: 'teams',
    channelId: activityChannelId(context.activity),
    // TEAMS_ALLOWED_USERS may list either id.
    ...(from.id && from.id !== id ? { otherIds: [from.id] } : {}),
  };
}

type Outcome = { done: true; result: ActionResult } | { done: false };

export function createCardActionHandler(opts: CardActionOptions) {
  const { deps } = opts;
  const { store, log, lang } = deps;
  const s = teamsStrings(lang);
  const wf = WORKFLOW_MESSAGES[lang];

  async function currentCard(faxId: string): Promise<AdaptiveCardJson | null> {
    const fax = await store.getFax(faxId);
    if (!fax) return null;
    return renderTeamsCard({ fax, events: await store.listEvents(faxId) }, opts.card);
  }

  /** The current card with a notice, or the notice alone when the fax is gone. */
  async function refusal(faxId: string, message: string, tone: 'attention' | 'accent' = 'attention') {
    const card = await currentCard(faxId);
    return cardResponse(card ? withNotice(card, message, tone) : noticeCard(message));
  }

  async function run(action: FaxAction, actor: ActionActor): Promise<Outcome> {
    const work = deps.handleAction(action, actor).then((result): Outcome => ({ done: true, result }));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<Outcome>((resolve) => {
      timer = setTimeout(() => resolve({ done: false }), opts.answerWithinMs);
    });
    try {
      const outcome = await Promise.race([work, late]);
      if (!outcome.done) {
        // The clicker has their answer; the result is logged, the outbox updates the card.
        work.then(
          (late) => {
            if (late.done) logResult(action, late.result, true);
          },
          (error: unknown) =>
            log.error('teams action failed', {
              faxId: action.faxId,
              action: action.action,
              error: (error as Error).name,
            }),
        );
      }
      return outcome;
    } finally {
      clearTimeout(timer);
    }
  }

  function logResult(action: FaxAction, result: ActionResult, late = false) {
    const fields = { faxId: action.faxId, action: action.action, late };
    if (result.ok) log.info('teams action done', fields);
    else
      log[result.code === 'forbidden' ? 'warn' : 'info']('teams action refused', {
        ...fields,
        code: result.code,
      });
  }

  return async function onCardAction(
    context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const verb = value.action?.verb ?? '';
    const payload = ActionPayload.safeParse(value.action?.data ?? {});
    if (!payload.success) {
      log.warn('teams action unreadable', { verb: verb.slice(0, 40) });
      return errorResponse(400, 'BadRequest', s.invalidAction);
    }
    const { faxId } = payload.data;
    const actor = actorOf(context);
    const tenant = activityTenantId(context.activity);
    const clickedIn = activityTeamId(context.activity);
    if (clickedIn !== null && clickedIn !== (await opts.bound())?.teamId) {
      log.warn('teams action from another team refused', { faxId, teamId: clickedIn });
      return cardResponse(noticeCard(wf.forbidden.wrong_channel));
    }
    const inChannel =
      actor.channelId === opts.channelId && (opts.tenantId === null || tenant === opts.tenantId);

    if (verb === REFRESH_VERB) {
      if (!inChannel) {
        log.warn('teams refresh outside the channel refused', { faxId });
        return cardResponse(noticeCard(wf.forbidden.wrong_channel));
      }
      const card = await currentCard(faxId);
      return cardResponse(card ?? noticeCard(wf.notFound));
    }
    if (!isFaxActionId(verb)) {
      log.warn('teams action unknown', { faxId, verb: verb.slice(0, 40) });
      return errorResponse(400, 'BadRequest', s.invalidAction);
    }
    const parsed = FaxAction.safeParse({ ...payload.data, action: verb });
    if (!parsed.success) {
      log.warn('teams action invalid', { faxId, action: verb });
      return inChannel ? refusal(faxId, s.invalidAction) : cardResponse(noticeCard(s.invalidAction));
    }
    const action = parsed.data;

    let outcome: Outcome;
    try {
      outcome = await run(action, actor);
    } catch (error) {
      log.error('teams action failed', { faxId, action: verb, error: (error as Error).name });
      return errorResponse(500, 'InternalError', s.failed);
    }
    if (!outcome.done) return refusal(faxId, s.stillRunning, 'accent');
    const { result } = outcome;
    logResult(action, result);
    if (!inChannel) {
      // Refused by the policy (wrong channel or tenant): say so, show nothing of the fax.
      return cardResponse(noticeCard(result.ok ? wf.forbidden.wrong_channel : result.message));
    }
    if (result.ok) {
      const card = await currentCard(faxId);
      return cardResponse(card ?? noticeCard(wf.notFound));
    }
    return refusal(faxId, result.message);
  };
}
