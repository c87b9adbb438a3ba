/**
 * The HTTP client the Bot Connector client sends with. The SDK's own pipeline retries 429s
 * (waiting Retry-After) and 5xx by itself, up to three times, inside one `post` call: that
 * would stall the outbox worker for minutes and hide the platform's answer. Faxdesk's
 * outbox already retries with Retry-After and backoff, durably, so this client answers
 * failures at once with a `ConnectorHttpError` the adapter maps to a ChatDeliveryError.
 * (An error that is not a system error and carries no response is not retried by the
 * SDK's retry strategies.)
 */
import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { ChatDeliveryError } from '../../src/chat/channel.ts';

type ConnectorClientOptions = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]
>;
type CompatHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type CompatRequest = Parameters<CompatHttpClient['sendRequest']>[0];
type CompatResponse = Awaited<ReturnType<CompatHttpClient['sendRequest']>>;
type CompatHeaders = CompatResponse['headers'];

export class ConnectorHttpError extends Error {
  override name = 'ConnectorHttpError';
  constructor(
    /** HTTP status, or null when no answer came (refused, reset, timeout). */
    readonly status: number | null,
    readonly retryAfterMs: number | undefined,
    /** Short code for logs: 'http_429', 'network', 'timeout'. */
    readonly code: string,
  ) {
    super(status === null ? `Bot Connector unreachable (${code})` : `Bot Connector answered HTTP ${status}`);
  }
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

class Headers implements CompatHeaders {
  private readonly map = new Map<string, { name: string; value: string }>();
  constructor(entries: Iterable<[string, string]> = []) {
    for (const [name, value] of entries) this.set(name, value);
  }
  set(name: string, value: string | number): void {
    this.map.set(name.toLowerCase(), { name, value: String(value) });
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.value;
  }
  contains(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  remove(name: string): boolean {
    return this.map.delete(name.toLowerCase());
  }
  rawHeaders(): Record<string, string> {
    return this.toJson();
  }
  headersArray(): { name: string; value: string }[] {
    return [...this.map.values()];
  }
  headerNames(): string[] {
    return [...this.map.values()].map((h) => h.name);
  }
  headerValues(): string[] {
    return [...this.map.values()].map((h) => h.value);
  }
  clone(): Headers {
    return new Headers(this.headersArray().map((h) => [h.name, h.value]));
  }
  toJson(options: { preserveCase?: boolean } = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, h] of this.map) out[options.preserveCase ? h.name : key] = h.value;
    return out;
  }
}

function requestBody(body: CompatRequest['body']): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return body;
  throw new Error('Bot Connector request: only JSON bodies are sent');
}

/** One attempt, no retries; failures become ConnectorHttpError. */
export function createConnectorHttpClient(timeoutMs = 30_000): CompatHttpClient {
  return {
    async sendRequest(request: CompatRequest): Promise<CompatResponse> {
      let response: Response;
      try {
        response = await fetch(request.url, {
          method: request.method,
          headers: request.headers.rawHeaders(),
          body: requestBody(request.body),
          signal: AbortSignal.timeout(request.timeout || timeoutMs),
        });
      } catch (error) {
        const timeout = (error as Error).name === 'TimeoutError';
        throw new ConnectorHttpError(null, undefined, timeout ? 'timeout' : 'network');
      }
      const bodyAsText = await response.text();
      if (response.status >= 400) {
        throw new ConnectorHttpError(
          response.status,
          parseRetryAfter(response.headers.get('retry-after')),
          `http_${response.status}`,
        );
      }
      return { request, status: response.status, headers: new Headers(response.headers), bodyAsText };
    },
  };
}

/**
 * What the outbox should do: 429 → come back after Retry-After; 5xx, 408 and network
 * failures → retry with backoff; 401/403/404 (bad credentials, app removed, channel gone)
 * and other 4xx → permanent, kept visible for `faxdesk retry`.
 */
export function toDeliveryError(error: unknown): ChatDeliveryError {
  if (error instanceof ChatDeliveryError) return error;
  const found = findConnectorError(error);
  if (!found) {
    return new ChatDeliveryError('teams_error', (error as Error)?.message ?? String(error), { cause: error });
  }
  const { status, code } = found;
  if (status === null) return new ChatDeliveryError(code, found.message, { cause: error });
  if (status === 429) {
    return new ChatDeliveryError('rate_limited', found.message, {
      retryAfterMs: found.retryAfterMs,
      cause: error,
    });
  }
  if (status >= 500 || status === 408) return new ChatDeliveryError(code, found.message, { cause: error });
  const named: Record<number, string> = {
    401: 'not_authed',
    403: 'forbidden',
    404: 'conversation_not_found',
  };
  return new ChatDeliveryError(named[status] ?? code, found.message, { permanent: true, cause: error });
}

/** The SDK may wrap what the HTTP client threw; look down the cause chain. */
function findConnectorError(error: unknown): ConnectorHttpError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof ConnectorHttpError) return current;
    current = current.cause;
  }
  return null;
}
