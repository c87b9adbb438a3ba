/**
 * A local stand-in for the Bot Connector service (the `serviceUrl` Teams gives a bot): it
 * records the activities the bot posts (`POST /v3/conversations/{id}/activities`) and updates
 * (`PUT /v3/conversations/{id}/activities/{activityId}`), answers with ids like the real one,
 * and fails on demand (429 with Retry-After, 5xx, 404) — or takes the post and loses the answer
 * (`accepted: true`: the card is in the channel, the bot gets a 500). It also answers
 * `GET /v3/teams/{team}` (the team's details, with its group id when given one) and
 * `GET /v3/teams/{team}/conversations` (the team's channels, from `channels`; 404 for a team
 * it does not know, as the Connector answers for a team the bot is not in).
 * The Graph stand-in (graph-stand-in.ts) serves what went into the channel here.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  conversationId: string;
  activityId: string | null;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  /** A post that went into the channel: the id it got there (also when the answer was a failure). */
  messageId: string | null;
  at: Date;
}

export interface CannedFailure {
  status: number;
  headers?: Record<string, string>;
  /** The post goes into the channel all the same; only the answer is lost. */
  accepted?: boolean;
}

export async function startConnectorStandIn(
  opts: { teamGroupId?: string; channels?: Record<string, string[]> } = {},
) {
  const requests: RecordedRequest[] = [];
  const failures: CannedFailure[] = [];
  const teamLookups: string[] = [];
  const channelLookups: string[] = [];
  let next = 1;
  const newId = () => `1700000000${String(next++).padStart(3, '0')}`;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
      const text = Buffer.concat(chunks).toString('utf8');
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      const channels = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(url.pathname);
      if (channels && req.method === 'GET') {
        const id = decodeURIComponent(channels[1]!);
        channelLookups.push(id);
        const list = opts.channels?.[id];
        if (!list) return json(404, { error: { code: 'NotFound', message: 'team not found' } });
        return json(200, {
          conversations: list.map((c, i) => ({ id: c, name: i === 0 ? null : `canal ${i}` })),
        });
      }
      const team = /^\/v3\/teams\/([^/]+)$/.exec(url.pathname);
      if (team && req.method === 'GET') {
        const id = decodeURIComponent(team[1]!);
        teamLookups.push(id);
        return json(200, {
          id,
          name: 'Imagerie',
          ...(opts.teamGroupId ? { aadGroupId: opts.teamGroupId } : {}),
        });
      }
      const failure = failures.shift();
      let posted: string | null = null;
      if (match) {
        const isNewPost = req.method === 'POST' && !match[2];
        posted = isNewPost && (!failure || failure.accepted) ? newId() : null;
        requests.push({
          method: req.method ?? '',
          path: url.pathname,
          conversationId: decodeURIComponent(match[1]!),
          activityId: match[2] ? decodeURIComponent(match[2]) : null,
          headers: req.headers,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
          messageId: posted,
          at: new Date(),
        });
      }
      if (failure) {
        json(
          failure.status,
          { error: { code: 'StandInFailure', message: `canned ${failure.status}` } },
          failure.headers,
        );
        return;
      }
      if (!match) return json(404, { error: { code: 'NotFound', message: 'no such route' } });
      if (req.method === 'POST') return json(201, { id: posted ?? newId() });
      if (req.method === 'PUT') return json(200, { id: decodeURIComponent(match[2] ?? '') });
      json(405, { error: { code: 'MethodNotAllowed', message: req.method } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    requests,
    failures,
    teamLookups,
    channelLookups,
    posts: () => requests.filter((r) => r.method === 'POST'),
    /** The cards that are in the channel: posts that went in, whatever the bot was answered. */
    delivered: () => requests.filter((r) => r.method === 'POST' && r.messageId !== null),
    puts: () => requests.filter((r) => r.method === 'PUT'),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
export type ConnectorStandIn = Awaited<ReturnType<typeof startConnectorStandIn>>;
