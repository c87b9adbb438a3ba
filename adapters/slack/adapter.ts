/**
 * Faxdesk in Slack: the outbox posts and updates fax cards in the configured channel
 * (chat.postMessage / chat.update), and clicks on those cards come back through Bolt, in
 * Socket Mode (Faxdesk connects out with an app token) or in HTTP mode (Slack calls
 * Faxdesk's endpoint; Bolt refuses any request whose signature or timestamp is wrong).
 * Each card carries its fax id as message metadata, so that after a crash or a lost answer
 * the outbox finds the card in the channel's history instead of posting it twice (posted.ts).
 *
 * A click is acknowledged first (Slack gives 3 seconds), then handled; the result goes to
 * the person alone (an ephemeral message). Everyone else sees the card change when the
 * outbox updates it: the action handler queues that, the adapter never updates on a click.
 * Buttons that need a reason or a description open a modal; its submission runs the action
 * and, when the answer is wrong (empty, too long, refused mail), keeps the modal open with
 * the message under the field, so nothing the person typed is lost.
 */
import {
  App,
  webApi,
  type BlockAction,
  type ButtonAction,
  type RespondFn,
  type ViewSubmitAction,
} from '@slack/bolt';
import { buildActionForms, buildFaxCard, renderSlackMessage, renderSlackModal } from '../../cards/index.ts';
import type { SearchFn } from '../../cards/search-results.ts';
import type { FaxActionId } from '../../src/actions/fax-action.ts';
import { FAX_ACTION_IDS, type FaxAction } from '../../src/actions/fax-action.ts';
import type { ChatAdapter, ChatAdapterDeps } from '../../src/chat/adapter.ts';
import { ChatDeliveryError, type FaxView } from '../../src/chat/channel.ts';
import { ConfigError } from '../../src/config.ts';
import type { DigestModel } from '../../src/digest/model.ts';
import type { ChatMessageRef } from '../../src/store/deliveries.ts';
import {
  createActionPolicy,
  explainStatus,
  WORKFLOW_MESSAGES,
  type ActionActor,
  type ActionResult,
} from '../../src/workflow/index.ts';
import { boltLogger } from './bolt-logger.ts';
import { createSlackDigestPoster } from './digest.ts';
import { slackErrorCode, toDeliveryError } from './errors.ts';
import {
  actionName,
  errorFieldOf,
  FORM_CALLBACK_ID,
  formAnswers,
  missingFieldErrors,
  parseButton,
  parseFormMetadata,
  PLATFORM,
  slackActor,
  toFaxAction,
  type ButtonClick,
  type FormMetadata,
  type ViewValues,
} from './interaction.ts';
import { escapeMrkdwn, SLACK_ADAPTER_MESSAGES } from './messages.ts';
import { cardMetadata, createPostedFinder } from './posted.ts';
import { registerFaxCommand, storeSearch } from './search.ts';
import { SLACK_ENV, slackPolicyConfig, type SlackSettings } from './settings.ts';

export interface SlackAdapter extends ChatAdapter {
  readonly platform: 'slack';
  /** HTTP mode, once started: the address Slack's requests are received on. Null otherwise. */
  address(): { host: string; port: number } | null;
  /** The daily digest, posted to the channel (chat.postMessage). */
  postDigest(digest: DigestModel): Promise<void>;
}

export interface SlackAdapterOptions {
  /** Where staff see a fax's original pages (a link on the card); none when absent. */
  originalUrl?: (faxId: string) => string | undefined;
  /**
   * How long a form submission waits for its action before closing the modal and answering
   * by ephemeral message instead (Slack drops an answer after 3 seconds).
   */
  submitBudgetMs?: number;
  /** What `/fax` searches with; the search core over the store by default. */
  search?: SearchFn;
}

/** Codes whose message belongs under the form's field: the person can fix it and submit again. */
function isFieldError(result: ActionResult): boolean {
  if (result.ok) return false;
  if (result.code === 'reason_required' || result.code === 'mail_failed') return true;
  // 'invalid' is either "too long" (about the text) or "not possible now" (carries the fax).
  return result.code === 'invalid' && result.fax === undefined;
}

/** Bot-token errors that mean the configuration is wrong, not that Slack is away. */
const BAD_TOKEN = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

export function createSlackAdapter(
  settings: SlackSettings,
  deps: ChatAdapterDeps,
  options: SlackAdapterOptions = {},
): SlackAdapter {
  const { log, lang } = deps;
  const t = SLACK_ADAPTER_MESSAGES[lang];
  const wf = WORKFLOW_MESSAGES[lang];
  const forms = buildActionForms(lang);
  const submitBudgetMs = options.submitBudgetMs ?? 2000;
  // Only to refuse a form before the person types in it; the workflow checks again on submit.
  const policy = createActionPolicy(slackPolicyConfig(settings));
  const logger = boltLogger(log);
  const clientOptions = (): webApi.WebClientOptions => ({
    ...(settings.apiUrl !== undefined ? { slackApiUrl: settings.apiUrl } : {}),
    // The outbox owns retries (with its backoff and Retry-After): the client fails fast.
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 15_000,
    logger,
  });
  const client = new webApi.WebClient(settings.botToken, clientOptions());
  const posted = createPostedFinder(client, settings.channelId, log);

  const mode = settings.mode;
  const app = new App({
    // A single workspace with a known token: no auth.test per event, no OAuth.
    authorize: async () => ({ botToken: settings.botToken }),
    logger,
    clientOptions: clientOptions(),
    convoStore: false,
    ...(mode.kind === 'socket'
      ? { socketMode: true, appToken: mode.appToken }
      : { signingSecret: mode.signingSecret, endpoints: mode.path, port: mode.port }),
  });
  let started = false;
  let listening: { host: string; port: number } | null = null;

  const render = (view: FaxView) =>
    renderSlackMessage(
      buildFaxCard(view.fax, view.events, { lang, originalUrl: options.originalUrl?.(view.fax.id) }),
    );

  /** To the person alone; through the click's response_url when the channel refuses the bot. */
  async function tell(channelId: string | undefined, userId: string, text: string, respond?: RespondFn) {
    if (channelId !== undefined) {
      try {
        await client.chat.postEphemeral({ channel: channelId, user: userId, text });
        return;
      } catch (error) {
        log.warn('slack: ephemeral message not posted', { code: slackErrorCode(error), channelId });
      }
    }
    if (respond === undefined) return;
    try {
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    } catch (error) {
      log.warn('slack: response_url refused the message', { code: (error as Error).name });
    }
  }

  function resultText(action: FaxActionId, result: ActionResult, description?: string): string {
    if (result.ok) return t.done[action];
    const message = escapeMrkdwn(result.message);
    if (result.code === 'mail_failed' && description !== undefined && description.trim() !== '') {
      const quoted = escapeMrkdwn(description.trim())
        .split('\n')
        .map((line) => `>${line}`)
        .join('\n');
      return `${message}\n${t.keptDescription}\n${quoted}`;
    }
    return message;
  }

  async function run(action: FaxAction, actor: ActionActor): Promise<ActionResult> {
    const result = await deps.handleAction(action, actor);
    log.info('slack action', {
      action: action.action,
      faxId: action.faxId,
      userId: actor.id,
      channelId: actor.channelId,
      result: result.ok ? 'ok' : result.code,
    });
    return result;
  }

  /** Opens the button's form, unless the person may not act or the card is out of date. */
  async function openForm(
    click: ButtonClick,
    triggerId: string,
    actor: ActionActor,
    where: { channelId?: string; messageTs?: string },
    reply: (text: string) => Promise<void>,
  ): Promise<void> {
    const { payload } = click;
    const refusal = await policy.check(actor, actionName(click.action));
    if (refusal !== null) {
      log.warn('slack form refused', {
        action: click.action,
        userId: actor.id,
        channelId: actor.channelId,
        reason: refusal,
      });
      return reply(wf.forbidden[refusal]);
    }
    if (click.action !== 'fax.report_problem') {
      // Say now that the card is out of date, not after the person has typed a reason.
      const fax = await deps.store.getFax(payload.faxId);
      if (fax === null) return reply(wf.notFound);
      if (fax.status !== payload.expectedStatus) {
        const why = explainStatus(fax.status, await deps.store.listEvents(fax.id), new Date(), lang, wf);
        return reply(escapeMrkdwn(why?.message ?? wf.notPossible(fax.status)));
      }
    }
    if (payload.form === undefined || where.channelId === undefined) return reply(t.invalidButton);
    const meta: FormMetadata = {
      action: click.action,
      faxId: payload.faxId,
      expectedStatus: payload.expectedStatus,
      form: payload.form,
      channelId: where.channelId,
      ...(where.messageTs !== undefined ? { messageTs: where.messageTs } : {}),
    };
    const view = renderSlackModal(forms[payload.form], {
      callbackId: FORM_CALLBACK_ID,
      privateMetadata: JSON.stringify(meta),
    });
    await client.views.open({ trigger_id: triggerId, view });
  }

  async function onClick(body: BlockAction<ButtonAction>, button: ButtonAction, respond: RespondFn) {
    const channelId = body.channel?.id ?? (body.container.channel_id as string | undefined);
    const actor = slackActor(body.user, channelId);
    const reply = (text: string) => tell(channelId, body.user.id, text, respond);
    const click = parseButton(button.action_id, button.value);
    if (click === null) {
      log.warn('slack button not understood', { actionId: button.action_id.slice(0, 64), userId: actor.id });
      return reply(t.invalidButton);
    }
    if (click.payload.form !== undefined) {
      return openForm(click, body.trigger_id, actor, { channelId, messageTs: body.message?.ts }, reply);
    }
    const result = await run(
      { action: click.action, faxId: click.payload.faxId, expectedStatus: click.payload.expectedStatus },
      actor,
    );
    return reply(resultText(click.action, result));
  }

  for (const id of FAX_ACTION_IDS) {
    app.action<BlockAction<ButtonAction>>(id, async ({ ack, body, action, respond }) => {
      await ack();
      try {
        await onClick(body, action, respond);
      } catch (error) {
        log.error('slack click failed', { action: id, userId: body.user.id, code: slackErrorCode(error) });
        await tell(body.channel?.id, body.user.id, t.unexpected, respond);
      }
    });
  }

  app.view<ViewSubmitAction>(
    { callback_id: FORM_CALLBACK_ID, type: 'view_submission' },
    async ({ ack, body, view }) => {
      const meta = parseFormMetadata(view.private_metadata);
      if (meta === null) {
        await ack();
        log.warn('slack form not understood', { userId: body.user.id });
        return;
      }
      const answers = formAnswers(view.state.values as ViewValues);
      const missing = missingFieldErrors(forms[meta.form], answers);
      if (Object.keys(missing).length > 0) {
        await ack({ response_action: 'errors', errors: missing });
        return;
      }
      const actor = slackActor(body.user, meta.channelId);
      const running = run(toFaxAction(meta, answers), actor).then(
        (result) => ({ result }),
        (error: unknown) => ({ error }),
      );
      // Wait for the action while Slack still takes an answer: a refusal about the text stays in the form.
      let timer: NodeJS.Timeout | undefined;
      const early = await Promise.race([
        running,
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), submitBudgetMs);
        }),
      ]);
      clearTimeout(timer);
      if (early !== null && 'result' in early && isFieldError(early.result)) {
        const message = early.result.ok ? '' : early.result.message;
        await ack({ response_action: 'errors', errors: { [errorFieldOf(meta.form)]: message } });
        return;
      }
      await ack();
      const outcome = early ?? (await running);
      if ('error' in outcome) {
        log.error('slack form action failed', {
          action: meta.action,
          faxId: meta.faxId,
          code: slackErrorCode(outcome.error),
        });
        await tell(meta.channelId, body.user.id, t.unexpected);
        return;
      }
      await tell(meta.channelId, body.user.id, resultText(meta.action, outcome.result, answers.description));
    },
  );

  registerFaxCommand(app, {
    deps,
    channelId: settings.channelId,
    policy,
    search: options.search ?? storeSearch(deps.store),
  });

  app.error(async (error) => {
    log.error('slack: request failed', { code: error.code });
  });

  async function verifyToken(): Promise<void> {
    try {
      posted.remember(await client.auth.test());
    } catch (error) {
      const code = slackErrorCode(error);
      if (BAD_TOKEN.has(code)) {
        throw new ConfigError(
          `Slack refuse le jeton ${SLACK_ENV.botToken} (${code}) : copiez le « Bot User OAuth Token » ` +
            'de la page OAuth & Permissions de l’application Slack.',
        );
      }
      // Slack away for now: start anyway; the outbox keeps the cards until it answers.
      log.warn('slack: token not verified at start-up', { code });
    }
  }

  return {
    platform: PLATFORM,

    async post(view: FaxView): Promise<ChatMessageRef> {
      const message = render(view);
      try {
        const answer = await client.chat.postMessage({
          channel: settings.channelId,
          text: message.text,
          blocks: message.blocks,
          // The fax id, so that a card whose answer was lost is found, not posted twice.
          metadata: cardMetadata(view.fax.id),
          unfurl_links: false,
          unfurl_media: false,
        });
        if (typeof answer.ts !== 'string' || answer.ts === '') {
          throw new ChatDeliveryError('bad_response', 'Slack: chat.postMessage gave no message ts');
        }
        return { platform: PLATFORM, channelId: answer.channel ?? settings.channelId, messageId: answer.ts };
      } catch (error) {
        throw toDeliveryError(error);
      }
    },

    async update(ref: ChatMessageRef, view: FaxView): Promise<void> {
      const message = render(view);
      try {
        await client.chat.update({
          channel: ref.channelId,
          ts: ref.messageId,
          text: message.text,
          blocks: message.blocks,
          metadata: cardMetadata(view.fax.id),
        });
      } catch (error) {
        throw toDeliveryError(error);
      }
    },

    findPosted: posted.findPosted,

    async start(): Promise<void> {
      if (started) return;
      await verifyToken();
      if (mode.kind === 'http') {
        const server = await app.start({
          port: mode.port,
          ...(mode.host !== undefined ? { host: mode.host } : {}),
        });
        const address = server.address();
        listening =
          address !== null && typeof address === 'object'
            ? { host: address.address, port: address.port }
            : null;
      } else {
        await app.start();
      }
      started = true;
      log.info('slack adapter started', {
        mode: mode.kind,
        channelId: settings.channelId,
        port: listening?.port,
        path: mode.kind === 'http' ? mode.path : undefined,
      });
    },

    async stop(): Promise<void> {
      if (!started) return;
      started = false;
      listening = null;
      await app.stop();
    },

    address: () => listening,

    postDigest: createSlackDigestPoster(client, settings.channelId, lang),

    async postNotice(text: string): Promise<void> {
      await client.chat.postMessage({ channel: settings.channelId, text: `⚠ ${text}` });
    },
  };
}
