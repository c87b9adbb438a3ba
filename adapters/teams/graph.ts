/**
 * Microsoft Graph, as the Teams app itself (no user): an app-only token by client credentials
 * (the bot's app id and secret, in the bot's tenant), kept until shortly before it expires,
 * and GETs of JSON. Reading the team's channel is allowed by the app's resource-specific
 * consent (`ChannelMessage.Read.Group`, declared in manifest/teams/manifest.json and granted
 * when the app is added to the team).
 *
 * Failures come in two kinds. Worth retrying (429, 5xx, 408, no answer): a ChatDeliveryError,
 * so the outbox comes back later instead of posting blind. Not available (the consent is
 * missing, the secret is refused, the team is not found): a GraphUnavailableError, after
 * which the card is posted without checking, as before this check existed.
 *
 * Plain fetch rather than @azure/msal-node (which botbuilder brings): MSAL accepts only an
 * https authority and looks it up at login.microsoftonline.com first, so it could not be
 * pointed at the local stand-ins the tests use; the token request itself is one form POST.
 */
import { ChatDeliveryError } from '../../src/chat/channel.ts';
import { parseRetryAfter } from './connector-http.ts';
import type { TeamsGraphSettings } from './settings.ts';

export interface GraphCredentials {
  tenantId: string;
  /** The Teams app's (the bot's) Entra app id: the id Graph shows as `from.application.id`. */
  clientId: string;
  clientSecret: string;
}

/** Graph cannot be used (consent missing, credentials refused…): not worth retrying. */
export class GraphUnavailableError extends Error {
  override name = 'GraphUnavailableError';
  constructor(
    /** Short code for logs: 'graph_403', 'token_invalid_client'… */
    readonly code: string,
    readonly status: number | null,
  ) {
    super(`Microsoft Graph not available (${code})`);
  }
}

export interface GraphClient {
  /** The root every path is relative to (TEAMS_GRAPH_URL). */
  readonly baseUrl: string;
  /** GET of a path under the root, or of an `@odata.nextLink` Graph returned (same origin only). */
  get(pathOrUrl: string): Promise<unknown>;
}

/** A token is renewed this long before Graph would refuse it (clocks differ, requests take time). */
const RENEW_BEFORE_MS = 5 * 60_000;

interface CachedToken {
  value: string;
  expiresAt: number;
}

function retryable(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

function retryError(status: number, headers: Headers, what: string): ChatDeliveryError {
  const retryAfterMs = parseRetryAfter(headers.get('retry-after'));
  return new ChatDeliveryError(
    status === 429 ? 'rate_limited' : `${what}_${status}`,
    `${what} answered HTTP ${status}`,
    retryAfterMs !== undefined ? { retryAfterMs } : {},
  );
}

export function createGraphClient(
  settings: TeamsGraphSettings,
  credentials: GraphCredentials,
  opts: { timeoutMs?: number; now?: () => number } = {},
): GraphClient {
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const now = opts.now ?? Date.now;
  const baseUrl = settings.url.replace(/\/+$/, '');
  const origin = new URL(baseUrl).origin;
  let cached: CachedToken | null = null;
  let pending: Promise<string> | null = null;

  async function send(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const timeout = (error as Error).name === 'TimeoutError';
      throw new ChatDeliveryError(timeout ? `${what}_timeout` : `${what}_network`, `${what} unreachable`, {
        cause: error,
      });
    }
  }

  async function requestToken(): Promise<string> {
    const url = `${settings.loginUrl.replace(/\/+$/, '')}/${encodeURIComponent(credentials.tenantId)}/oauth2/v2.0/token`;
    const res = await send(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
          // Graph's own resource (`https://graph.microsoft.com/.default`): the app's granted permissions.
          scope: `${origin}/.default`,
        }).toString(),
      },
      'token',
    );
    const body = (await res.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
      error?: unknown;
    };
    if (retryable(res.status)) throw retryError(res.status, res.headers, 'token');
    if (!res.ok || typeof body.access_token !== 'string') {
      // invalid_client (wrong secret), unauthorized_client…: the error code only, never the description.
      const code = typeof body.error === 'string' ? body.error.replace(/[^a-z_]/gi, '').slice(0, 40) : '';
      throw new GraphUnavailableError(`token_${code || res.status}`, res.status);
    }
    const seconds = Number(body.expires_in);
    const lifetimeMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
    cached = { value: body.access_token, expiresAt: now() + lifetimeMs };
    return body.access_token;
  }

  async function token(): Promise<string> {
    if (cached && cached.expiresAt - RENEW_BEFORE_MS > now()) return cached.value;
    // Two look-ups at once share one token request.
    pending ??= requestToken().finally(() => {
      pending = null;
    });
    return pending;
  }

  async function get(pathOrUrl: string): Promise<unknown> {
    const url = /^https?:\/\//i.test(pathOrUrl) ? pathOrUrl : `${baseUrl}/${pathOrUrl.replace(/^\/+/, '')}`;
    // The token goes to Graph only, whatever a nextLink says.
    if (new URL(url).origin !== origin) throw new GraphUnavailableError('graph_foreign_link', null);
    for (let attempt = 1; ; attempt++) {
      const bearer = await token();
      const res = await send(
        url,
        { headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json' } },
        'graph',
      );
      if (res.ok) return res.json();
      await res.body?.cancel();
      if (retryable(res.status)) throw retryError(res.status, res.headers, 'graph');
      if (res.status === 401 && attempt === 1) {
        // A token refused before its time (revoked, clocks apart): one more try with a new one.
        cached = null;
        continue;
      }
      throw new GraphUnavailableError(`graph_${res.status}`, res.status);
    }
  }

  return { baseUrl, get };
}
