/**
 * A local stand-in for the Bot Connector service (the `serviceUrl` Teams gives a bot): it
 * records the activities the bot posts (`POST /v3/conversations/{id}/activities`) and updates
 * (`PUT /v3/conversations/{id}/activities/{activityId}`), answers with ids like the real one,
 * and fails on demand (429 with Retry-After, 5xx, 404).
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
}

export interface CannedFailure {
  status: number;
  headers?: Record<string, string>;
}

export async function startConnectorStandIn() {
  const requests: RecordedRequest[] = [];
  const failures: CannedFailure[] = [];
  let next = 1;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(url.pathname);
      const text = Buffer.concat(chunks).toString('utf8');
      const failure = failures.shift();
      if (match) {
        requests.push({
          method: req.method ?? '',
          path: url.pathname,
          conversationId: decodeURIComponent(match[1]!),
          activityId: match[2] ? decodeURIComponent(match[2]) : null,
          headers: req.headers,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
      }
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(body));
      };
      if (failure) {
        json(
          failure.status,
          { error: { code: 'StandInFailure', message: `canned ${failure.status}` } },
          failure.headers,
        );
        return;
      }
      if (!match) return json(404, { error: { code: 'NotFound', message: 'no such route' } });
      if (req.method === 'POST') return json(201, { id: `1700000000${String(next++).padStart(3, '0')}` });
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
    posts: () => requests.filter((r) => r.method === 'POST'),
    puts: () => requests.filter((r) => r.method === 'PUT'),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
export type ConnectorStandIn = Awaited<ReturnType<typeof startConnectorStandIn>>;
