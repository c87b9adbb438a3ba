/**
 * The bot's messaging endpoint (`POST /api/messages`) on plain node:http. CloudAdapter's
 * `process(req, res, logic)` expects what Express/Restify give it: a parsed JSON `body`
 * on the request, and `status`/`header`/`send`/`end` on the response. This file provides
 * exactly that, with a body size limit, and nothing else.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder';
import type { Logger } from '../../src/log.ts';

export const MESSAGES_PATH = '/api/messages';
/** Activities are a few kilobytes; an invoke carries a card's inputs (a few thousand characters at most). */
const MAX_BODY_BYTES = 512 * 1024;

export type ActivityProcessor = (req: BotRequest, res: BotResponse) => Promise<void>;

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
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

/** The response object botbuilder writes its answer to (status, then the body as JSON or text). */
function botResponse(res: ServerResponse): BotResponse {
  let status = 200;
  let body: string | undefined;
  let contentType = 'application/json; charset=utf-8';
  return {
    socket: res.socket,
    status(code: unknown) {
      status = typeof code === 'number' ? code : 500;
    },
    header(name: unknown, value: unknown) {
      if (typeof name === 'string') res.setHeader(name, String(value));
    },
    send(payload: unknown) {
      if (payload === undefined || payload === null) return;
      if (typeof payload === 'string') {
        body = payload;
        contentType = 'text/plain; charset=utf-8';
      } else {
        body = JSON.stringify(payload);
      }
    },
    end() {
      if (res.writableEnded) return;
      if (body !== undefined) res.setHeader('Content-Type', contentType);
      res.statusCode = status;
      res.end(body);
    },
  };
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
    void (async () => {
      try {
        const body = await readJson(req);
        await process({ body, headers: req.headers, method: req.method }, botResponse(res));
      } catch (error) {
        const status = error instanceof BodyError ? error.status : 500;
        log.warn('teams request failed', { status, error: (error as Error).name });
        if (!res.headersSent) {
          res.statusCode = status;
          res.end();
        }
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
