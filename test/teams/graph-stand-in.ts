/**
 * A local stand-in for the Microsoft identity platform's token endpoint and for Microsoft
 * Graph's channel messages, for the tests of `findPosted`:
 *
 * - `POST /{tenant}/oauth2/v2.0/token` (client credentials): a bearer token for the one app it
 *   knows, 401 `invalid_client` for a wrong secret;
 * - `GET /v1.0/teams/{group}/channels/{channel}/messages?$top=` newest first, paged with an
 *   absolute `@odata.nextLink`, the bearer token checked.
 *
 * What it lists is what is in the channel: the cards the Bot Connector stand-in took (as Graph
 * shows a bot's message: `from.application.id`, each attachment's card as a JSON string, the
 * latest update applied) and the test's own messages (other apps, older cards). It fails on
 * demand (429 with Retry-After, 403 as when the consent is missing).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CannedFailure, ConnectorStandIn } from './connector-stand-in.ts';

export interface GraphMessage {
  id: string;
  messageType: 'message';
  createdDateTime: string;
  lastModifiedDateTime: string;
  deletedDateTime: string | null;
  from: {
    application: { id: string; displayName: string; applicationIdentityType: string } | null;
    user: null;
  };
  attachments: { id: string; contentType: string; content: string | null }[];
}

export interface GraphStandInOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  groupId: string;
  channelId: string;
  /** Its delivered posts are the app's messages in the channel. */
  connector?: ConnectorStandIn;
  /** Lifetime of the tokens it gives (seconds). */
  tokenLifetime?: number;
}

/** A message as Graph shows it, sent by `appId` (null: a person) with one Adaptive Card. */
export function graphMessage(opts: {
  id: string;
  at: Date;
  appId: string | null;
  card: unknown;
}): GraphMessage {
  return {
    id: opts.id,
    messageType: 'message',
    createdDateTime: opts.at.toISOString(),
    lastModifiedDateTime: opts.at.toISOString(),
    deletedDateTime: null,
    from: {
      application: opts.appId
        ? { id: opts.appId, displayName: 'Une application', applicationIdentityType: 'bot' }
        : null,
      user: null,
    },
    attachments: [
      {
        id: `${opts.id}-card`,
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: JSON.stringify(opts.card),
      },
    ],
  };
}

export async function startGraphStandIn(opts: GraphStandInOptions) {
  const tokenRequests: URLSearchParams[] = [];
  const listRequests: { url: string; authorization: string | undefined }[] = [];
  const issued = new Set<string>();
  /** The test's own messages, besides the connector's posts. */
  const extra: GraphMessage[] = [];
  const failures: CannedFailure[] = [];
  const state = { pageSize: 50 };
  let origin = '';

  /** What the Bot Connector stand-in put in the channel, as Graph would list it. */
  function fromConnector(): GraphMessage[] {
    const connector = opts.connector;
    if (!connector) return [];
    return connector
      .delivered()
      .filter((post) => post.conversationId === opts.channelId)
      .map((post) => {
        const updates = connector.puts().filter((put) => put.activityId === post.messageId);
        const latest = updates.at(-1) ?? post;
        const attachments = (latest.body.attachments ?? []) as { contentType: string; content: unknown }[];
        const message = graphMessage({ id: post.messageId!, at: post.at, appId: opts.clientId, card: null });
        return {
          ...message,
          lastModifiedDateTime: latest.at.toISOString(),
          attachments: attachments.map((a, i) => ({
            id: `${post.messageId}-${i}`,
            contentType: a.contentType,
            content: JSON.stringify(a.content),
          })),
        };
      });
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', origin);
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };

      const token = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname);
      if (token && req.method === 'POST') {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        tokenRequests.push(form);
        if (decodeURIComponent(token[1]!) !== opts.tenantId) {
          return json(400, { error: 'invalid_request', error_description: 'AADSTS90002: Tenant not found.' });
        }
        if (form.get('client_id') !== opts.clientId || form.get('client_secret') !== opts.clientSecret) {
          return json(401, {
            error: 'invalid_client',
            error_description: 'AADSTS7000215: Invalid client secret.',
          });
        }
        if (form.get('grant_type') !== 'client_credentials')
          return json(400, { error: 'unsupported_grant_type' });
        const value = `graph-token-${tokenRequests.length}`;
        issued.add(value);
        return json(200, {
          token_type: 'Bearer',
          expires_in: opts.tokenLifetime ?? 3599,
          access_token: value,
        });
      }

      const list = /^\/v1\.0\/teams\/([^/]+)\/channels\/([^/]+)\/messages$/.exec(url.pathname);
      if (list && req.method === 'GET') {
        const authorization = req.headers.authorization;
        listRequests.push({ url: url.toString(), authorization });
        const bearer = authorization?.replace(/^Bearer /, '') ?? '';
        if (!issued.has(bearer)) return json(401, { error: { code: 'InvalidAuthenticationToken' } });
        const failure = failures.shift();
        if (failure) {
          return json(failure.status, { error: { code: 'Forbidden', message: 'canned' } }, failure.headers);
        }
        if (
          decodeURIComponent(list[1]!) !== opts.groupId ||
          decodeURIComponent(list[2]!) !== opts.channelId
        ) {
          return json(404, { error: { code: 'NotFound', message: 'No team or channel found.' } });
        }
        const all = [...fromConnector(), ...extra].sort((a, b) =>
          b.createdDateTime.localeCompare(a.createdDateTime),
        );
        const top = Math.min(Number(url.searchParams.get('$top') ?? 20), state.pageSize);
        const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
        const page = all.slice(skip, skip + top);
        const nextUrl = new URL(url.toString());
        nextUrl.searchParams.set('$skiptoken', String(skip + top));
        return json(200, {
          '@odata.context': `${origin}/v1.0/$metadata#teams('${list[1]}')/channels('${list[2]}')/messages`,
          '@odata.count': page.length,
          ...(skip + top < all.length ? { '@odata.nextLink': nextUrl.toString() } : {}),
          value: page,
        });
      }
      json(404, { error: { code: 'NotFound', message: 'no such route' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    /** TEAMS_GRAPH_URL and TEAMS_LOGIN_URL for the adapter. */
    settings: { enabled: true, url: `${origin}/v1.0`, loginUrl: origin },
    origin,
    tokenRequests,
    listRequests,
    extra,
    failures,
    state,
    /** Tokens it no longer accepts (revoked before their time). */
    revokeTokens: () => issued.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
export type GraphStandIn = Awaited<ReturnType<typeof startGraphStandIn>>;
