/**
 * The bot's messaging endpoint (`POST /api/messages`) on plain node:http: reads the JSON
 * activity (with a size limit) and hands it with its Authorization header to the processor
 * (adapter.ts), which answers a status and a body. A processor's failure never reaches the
 * caller as text: the log gets one line (the error's name, no message, no activity), the caller
 * a generic JSON error.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../src/log.ts';

export const MESSAGES_PATH = '/api/messages';
/** Activities are a few kilobytes; an invoke carries a card's inputs (a few thousand characters at most). */
const MAX_BODY_BYTES = 512 * 1024;

export interface ProcessorAnswer {
  status: number;
  /** Sent as JSON; nothing when undefined. */
  body?: unknown;
}

export type ActivityProcessor = (
  body: Record<string, unknown>,
  headers: IncomingHttpHeaders,
) => Promise<ProcessorAnswer>;

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: AsyncIterable<unknown>): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  let data: unknown;
  try {
    data = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'body is not JSON');
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new BodyError(400, 'body is not a JSON object');
  }
  return data as Record<string, unknown>;
}

/** What a caller is told when something failed: the status's generic name, nothing of the cause. */
export function genericError(status: number): { error: { code: string; message: string } } {
  const names: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    413: 'PayloadTooLarge',
  };
  const code = names[status] ?? 'InternalError';
  return { error: { code, message: code } };
}

export interface MessagingEndpoint {
  server: Server;
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

export function createMessagingEndpoint(process: ActivityProcessor, log: Logger): MessagingEndpoint {
  const server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== MESSAGES_PATH) {
      res.statusCode = 404;
      res.end();
      return;
    }
    if (req.method !== 'POST') {
      res.statusCode = 405;
      res.setHeader('Allow', 'POST');
      res.end();
      return;
    }
    const answer = (status: number, body: unknown) => {
      if (res.headersSent) return;
      res.statusCode = status;
      if (body === undefined) {
        res.end();
        return;
      }
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.end(JSON.stringify(body));
    };
    void (async () => {
      let body: Record<string, unknown>;
      try {
        body = await readJson(req);
      } catch (error) {
        const status = error instanceof BodyError ? error.status : 400;
        log.warn('teams request refused', { status });
        answer(status, genericError(status));
        return;
      }
      try {
        const result = await process(body, req.headers);
        answer(result.status, result.body);
      } catch (error) {
        log.error('teams request failed', { status: 500, error: (error as Error)?.name ?? 'unknown' });
        answer(500, genericError(500));
      }
    })();
  });
  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          resolve((server.address() as AddressInfo).port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
