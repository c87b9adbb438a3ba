/**
 * Slack Web API failures → ChatDeliveryError, so the outbox knows whether to come back (and
 * when) or to keep the delivery as failed until `faxdesk retry`. The WebClient is built not
 * to retry on its own (see client.ts): the outbox owns retries, with its backoff and budget.
 */
import { webApi } from '@slack/bolt';
import { ChatDeliveryError } from '../../src/chat/channel.ts';

/**
 * Errors no retry can fix: a bad or revoked token, a channel that is gone or the bot is not
 * in, a message that no longer exists, a card Slack refuses. Someone must act, then `faxdesk retry`.
 */
const PERMANENT = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'not_allowed_token_type',
  'team_access_not_granted',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'restricted_action',
  'message_not_found',
  'cant_update_message',
  'edit_window_closed',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'too_many_attachments',
  'invalid_arguments',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'metadata_too_large',
]);

/** The platform's error code of a Web API failure, for logs ('invalid_auth', 'ratelimited', 'http_503'…). */
export function slackErrorCode(error: unknown): string {
  if (error instanceof webApi.WebAPIPlatformError) return error.data.error;
  if (error instanceof webApi.WebAPIRateLimitedError) return 'rate_limited';
  if (error instanceof webApi.WebAPIHTTPError) return `http_${error.statusCode}`;
  if (error instanceof webApi.WebAPIRequestError) return 'network';
  return 'unexpected';
}

export function toDeliveryError(error: unknown): ChatDeliveryError {
  if (error instanceof ChatDeliveryError) return error;
  const code = slackErrorCode(error);
  const message = `Slack: ${code}`;
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new ChatDeliveryError(code, message, { retryAfterMs: error.retryAfter * 1000, cause: error });
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    // 'ratelimited' in the body (not a 429): come back later, when the backoff says.
    return new ChatDeliveryError(code, message, { permanent: PERMANENT.has(code), cause: error });
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    // Slack answers 200 or 429; a 5xx (or a proxy's 408) passes; another 4xx is a wrong URL.
    const transient = error.statusCode >= 500 || error.statusCode === 408;
    return new ChatDeliveryError(code, message, { permanent: !transient, cause: error });
  }
  return new ChatDeliveryError(code, message, { cause: error });
}
