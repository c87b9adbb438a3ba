/**
 * Requests as Slack sends them to an app's HTTP endpoint: interactivity payloads, form-encoded,
 * signed with the app's signing secret (HMAC-SHA256 of `v0:timestamp:body`, hex, `v0=` prefix).
 */
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackPost {
  status: number;
  text: string;
}

/**
 * POSTs a payload; `timestamp` and `signature` can be overridden to forge or replay one, and
 * `signal` gives up on an answer that is too slow (Slack's own 3 seconds).
 */
export async function postInteraction(
  url: string,
  secret: string,
  payload: unknown,
  opts: { timestamp?: number; signature?: string; signal?: AbortSignal } = {},
): Promise<SlackPost> {
  const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': opts.signature ?? slackSignature(secret, timestamp, body),
    },
    body,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  return { status: response.status, text: await response.text() };
}

export interface SlackUser {
  id: string;
  username: string;
}

const TEAM = { id: 'T0TEST', domain: 'faxdesk-test' };

/** A click on a card button, as Slack's block_actions payload. */
export function blockActionsPayload(input: {
  user: SlackUser;
  channelId: string;
  messageTs: string;
  actionId: string;
  blockId: string;
  value: string;
  responseUrl: string;
  triggerId?: string;
}): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: input.user.id, username: input.user.username, name: input.user.username, team_id: TEAM.id },
    api_app_id: 'A0FAXDESK',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: input.messageTs,
      channel_id: input.channelId,
      is_ephemeral: false,
    },
    trigger_id: input.triggerId ?? `${Date.now()}.1234.abcdef`,
    team: TEAM,
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: input.channelId, name: 'faxes' },
    message: { type: 'message', ts: input.messageTs, text: 'Télécopie', user: 'U0FAXBOT' },
    response_url: input.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId,
        value: input.value,
        text: { type: 'plain_text', text: 'bouton', emoji: true },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

/** A modal's submission, as Slack's view_submission payload. */
export function viewSubmissionPayload(input: {
  user: SlackUser;
  view: Record<string, unknown>;
  values: Record<string, Record<string, Record<string, unknown>>>;
}): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: TEAM,
    user: { id: input.user.id, username: input.user.username, name: input.user.username, team_id: TEAM.id },
    api_app_id: 'A0FAXDESK',
    token: 'legacy-verification-token',
    trigger_id: `${Date.now()}.5678.fedcba`,
    view: {
      id: input.view.id ?? 'V0VIEW',
      team_id: TEAM.id,
      type: 'modal',
      blocks: input.view.blocks,
      private_metadata: input.view.private_metadata,
      callback_id: input.view.callback_id,
      state: { values: input.values },
      hash: '1742060000.abcdef',
      title: input.view.title,
      submit: input.view.submit,
      close: input.view.close,
      app_id: 'A0FAXDESK',
      bot_id: 'B0FAXBOT',
      root_view_id: input.view.id ?? 'V0VIEW',
      previous_view_id: null,
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}

/** A text input's and a select's state, as Slack reports them in `view.state.values`. */
export const textValue = (value: string) => ({ type: 'plain_text_input', value });
export const selectValue = (value: string) => ({
  type: 'static_select',
  selected_option: { value, text: { type: 'plain_text', text: value } },
});
