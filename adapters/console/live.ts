/**
 * Server-Sent Events to the open console pages: when the outbox posts or updates a card,
 * every open tab gets it at once. A page that reconnects reloads its list, so nothing
 * missed while it was away stays stale.
 */
import type { ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './http.ts';

/** Comments every so often keep proxies and idle timers from closing the stream. */
const KEEPALIVE_MS = 20_000;

export interface LiveHub {
  attach(res: ServerResponse): void;
  broadcast(event: string, data: unknown): void;
  readonly size: number;
  close(): void;
}

export function createLiveHub(): LiveHub {
  const clients = new Set<ServerResponse>();
  const timer = setInterval(() => {
    for (const res of clients) res.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  timer.unref();

  return {
    attach(res) {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        Connection: 'keep-alive',
      });
      res.write('retry: 2000\n\n');
      clients.add(res);
      res.on('close', () => clients.delete(res));
    },
    broadcast(event, data) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const res of clients) res.write(frame);
    },
    get size() {
      return clients.size;
    },
    close() {
      clearInterval(timer);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
