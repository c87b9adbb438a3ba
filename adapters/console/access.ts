/**
 * Who may talk to the console. Every request passes here first:
 * - on a loopback address, the Host header must name this computer too: a web page elsewhere
 *   cannot reach the console through DNS rebinding and read the cards;
 * - when a token is set (required off loopback), the request carries it: a bearer header, or
 *   the cookie set by a first visit with `?token=…` (then redirected without it, so the token
 *   does not stay in the address bar or the history);
 * - a request that changes anything is JSON from the console's own page (a cross-site form
 *   cannot send JSON without a preflight the console never grants).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from './settings.ts';

export const TOKEN_COOKIE = 'faxdesk_console_token';

export type AccessDecision =
  | { kind: 'allow' }
  | { kind: 'login'; location: string; cookie: string }
  | { kind: 'deny'; status: 401 | 403 | 415; reason: 'host' | 'token' | 'origin' | 'content_type' };

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

function hostName(hostHeader: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(hostHeader) ?? /^([^:]+)(?::\d+)?$/.exec(hostHeader);
  return m?.[1] ?? '';
}

export interface AccessOptions {
  host: string;
  token: string | null;
}

export function createAccessCheck(opts: AccessOptions) {
  const loopback = isLoopbackHost(opts.host);
  const token = opts.token;

  return function decide(req: IncomingMessage, url: URL): AccessDecision {
    const hostHeader = req.headers.host ?? '';
    if (loopback && !isLoopbackHost(hostName(hostHeader)))
      return { kind: 'deny', status: 403, reason: 'host' };

    if (token !== null) {
      const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
      const cookie = cookieValue(req, TOKEN_COOKIE);
      const query = url.searchParams.get('token');
      const authorised =
        (bearer !== undefined && sameSecret(bearer, token)) || (cookie !== null && sameSecret(cookie, token));
      if (!authorised) {
        if (req.method === 'GET' && query !== null && sameSecret(query, token)) {
          const clean = new URL(url);
          clean.searchParams.delete('token');
          return {
            kind: 'login',
            location: clean.pathname + clean.search,
            cookie: `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
          };
        }
        return { kind: 'deny', status: 401, reason: 'token' };
      }
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const origin = req.headers.origin;
      if (origin !== undefined) {
        let originHost = '';
        try {
          originHost = new URL(origin).host;
        } catch {
          // unparsable Origin: refused below
        }
        if (originHost !== hostHeader) return { kind: 'deny', status: 403, reason: 'origin' };
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') return { kind: 'deny', status: 415, reason: 'content_type' };
    }
    return { kind: 'allow' };
  };
}
