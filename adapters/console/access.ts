/**
 * Who may talk to the console. Every request passes here first:
 * - on a loopback address, the Host header must name this computer (or the public address
 *   of FAXDESK_CONSOLE_PUBLIC_URL): a web page elsewhere cannot reach the console through DNS
 *   rebinding and read the cards;
 * - every request carries the token, on loopback too: a bearer header, or the cookie set by
 *   signing in (the sign-in form posting to /login, or a first visit with `?token=…`, then
 *   redirected without it so the token does not stay in the address bar);
 * - a request that changes anything is JSON from the console's own page (a cross-site form
 *   cannot send JSON without a preflight the console never grants). /login is the one form
 *   accepted from anywhere: what it carries is the token itself.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { isLoopbackHost } from './settings.ts';

export const TOKEN_COOKIE = 'faxdesk_console_token';
export const SIGN_IN_PATH = '/login';

export type AccessDecision =
  | { kind: 'allow' }
  /** `?token=` was right: set the cookie and go to the same address without it. */
  | { kind: 'login'; location: string; cookie: string }
  /** POST /login: the route reads the form and calls `signIn`. */
  | { kind: 'sign-in' }
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

function headerValue(req: IncomingMessage, name: string): string {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export interface AccessOptions {
  host: string;
  token: string;
  /** FAXDESK_CONSOLE_PUBLIC_URL: the reverse proxy's address, accepted as Host and Origin. */
  publicUrl?: string | null;
}

export function createAccessCheck(opts: AccessOptions) {
  const loopback = isLoopbackHost(opts.host);
  const token = opts.token;
  const publicUrl = opts.publicUrl ? new URL(opts.publicUrl) : null;

  /** Came through HTTPS: TLS here, or a reverse proxy that says so. */
  function overHttps(req: IncomingMessage): boolean {
    if ((req.socket as TLSSocket).encrypted) return true;
    const forwarded = headerValue(req, 'x-forwarded-proto').split(',')[0]?.trim().toLowerCase();
    if (forwarded === 'https') return true;
    if (/(?:^|[;,\s])proto=(?:"?)https\b/i.test(headerValue(req, 'forwarded'))) return true;
    return publicUrl?.protocol === 'https:' && headerValue(req, 'host') === publicUrl.host;
  }

  function sessionCookie(req: IncomingMessage): string {
    const secure = overHttps(req) ? '; Secure' : '';
    return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${secure}`;
  }

  function allowedOrigin(origin: string, hostHeader: string): boolean {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      return false;
    }
    if (parsed.host === hostHeader) return true;
    return publicUrl !== null && parsed.origin === publicUrl.origin;
  }

  function decide(req: IncomingMessage, url: URL): AccessDecision {
    const hostHeader = req.headers.host ?? '';
    if (loopback && !isLoopbackHost(hostName(hostHeader)) && hostHeader !== publicUrl?.host)
      return { kind: 'deny', status: 403, reason: 'host' };

    if (req.method === 'POST' && url.pathname === SIGN_IN_PATH) return { kind: 'sign-in' };

    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim();
    const cookie = cookieValue(req, TOKEN_COOKIE);
    const authorised =
      (bearer !== undefined && sameSecret(bearer, token)) || (cookie !== null && sameSecret(cookie, token));
    if (!authorised) {
      const query = url.searchParams.get('token');
      if (req.method === 'GET' && query !== null && sameSecret(query, token)) {
        const clean = new URL(url);
        clean.searchParams.delete('token');
        return { kind: 'login', location: clean.pathname + clean.search, cookie: sessionCookie(req) };
      }
      return { kind: 'deny', status: 401, reason: 'token' };
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedOrigin(origin, hostHeader))
        return { kind: 'deny', status: 403, reason: 'origin' };
      const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
      if (type !== 'application/json') return { kind: 'deny', status: 415, reason: 'content_type' };
    }
    return { kind: 'allow' };
  }

  return {
    decide,
    /** The cookie for a sign-in with `candidate`; null when it is not the token. */
    signIn(req: IncomingMessage, candidate: string): string | null {
      return sameSecret(candidate.trim(), token) ? sessionCookie(req) : null;
    },
  };
}
export type AccessCheck = ReturnType<typeof createAccessCheck>;
