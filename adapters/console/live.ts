/**
 * Server-Sent Events to the open console pages: when the outbox posts or updates a card,
 * every open tab gets it at once. A page that reconnects reloads its list, so nothing
 * missed while it was away stays stale.
 *
 * Each stream holds a socket and a little memory for as long as the tab is open, so they
 * are counted: at most `maxStreams` in all and `maxStreamsPerClient` from one address. One
 * more is refused (the caller answers 429) rather than letting one client exhaust the server.
 */
import type { ServerResponse } from 'node:http';
import { SECURITY_HEADERS } from './http.ts';
import { DEFAULT_MAX_STREAMS, DEFAULT_MAX_STREAMS_PER_CLIENT } from './settings.ts';

/** Comments every so often keep proxies and idle timers from closing the stream. */
const KEEPALIVE_MS = 20_000;

export interface LiveLimits {
  maxStreams?: number;
  maxStreamsPerClient?: number;
}

export interface LiveHub {
  /** Opens the stream on `res`; false (nothing written) when `client` or the server is at its limit. */
  attach(res: ServerResponse, client: string): boolean;
  broadcast(event: string, data: unknown): void;
  readonly size: number;
  close(): void;
}

export function createLiveHub(limits: LiveLimits = {}): LiveHub {
  const maxStreams = limits.maxStreams ?? DEFAULT_MAX_STREAMS;
  const maxPerClient = limits.maxStreamsPerClient ?? DEFAULT_MAX_STREAMS_PER_CLIENT;
  const clients = new Set<ServerResponse>();
  const perClient = new Map<string, number>();
  const timer = setInterval(() => {
    for (const res of clients) res.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  timer.unref();

  return {
    attach(res, client) {
      const open = perClient.get(client) ?? 0;
      if (clients.size >= maxStreams || open >= maxPerClient) return false;
      perClient.set(client, open + 1);
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'Content-Type': 'text/event-stream; charset=utf-8',
        Connection: 'keep-alive',
      });
      res.write('retry: 2000\n\n');
      clients.add(res);
      res.on('close', () => {
        if (!clients.delete(res)) return;
        const left = (perClient.get(client) ?? 1) - 1;
        if (left > 0) perClient.set(client, left);
        else perClient.delete(client);
      });
      return true;
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
      perClient.clear();
    },
  };
}
