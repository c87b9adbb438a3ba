/**
 * Who may reach the console: settings from the environment, no network-facing console without
 * a token, the token on every request (bearer or the cookie of a first `?token=` visit), the
 * Host header on loopback (DNS rebinding), JSON-only changes (cross-site forms).
 */
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleSettingsFromEnv, createConsoleAdapter } from '../../adapters/console/index.ts';
import { ConfigError } from '../../src/config.ts';
import { startHarness, type ConsoleHarness } from './harness.ts';

/** fetch() will not send another Host header: node:http does. */
function statusWithHost(url: string, host: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { ...headers, Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

const TOKEN = 'a-long-enough-console-token-1234';

describe('console settings', () => {
  it('listens on 127.0.0.1:8640 by default, as the OS user', () => {
    const s = consoleSettingsFromEnv({});
    expect(s).toMatchObject({ host: '127.0.0.1', port: 8640, token: null });
    expect(s.userName.length).toBeGreaterThan(0);
    expect(
      consoleSettingsFromEnv({ FAXDESK_CONSOLE_USER: 'Marie Lavoie', FAXDESK_CONSOLE_PORT: '0' }),
    ).toMatchObject({ userName: 'Marie Lavoie', port: 0 });
  });

  it('refuses a network-facing address without a token, naming the variable', () => {
    expect(() => consoleSettingsFromEnv({ FAXDESK_CONSOLE_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => consoleSettingsFromEnv({ FAXDESK_CONSOLE_HOST: '0.0.0.0' })).toThrow(
      /FAXDESK_CONSOLE_TOKEN/,
    );
    expect(() =>
      consoleSettingsFromEnv({ FAXDESK_CONSOLE_HOST: '0.0.0.0', FAXDESK_CONSOLE_TOKEN: 'short' }),
    ).toThrow(/FAXDESK_CONSOLE_TOKEN/);
    expect(
      consoleSettingsFromEnv({ FAXDESK_CONSOLE_HOST: '0.0.0.0', FAXDESK_CONSOLE_TOKEN: TOKEN }).token,
    ).toBe(TOKEN);
    expect(() => consoleSettingsFromEnv({ FAXDESK_CONSOLE_PORT: '99999' })).toThrow(/FAXDESK_CONSOLE_PORT/);
  });

  it('refuses at start-up to build a network-facing console without a token', () => {
    const deps = {
      store: {} as never,
      handleAction: (() => Promise.reject(new Error('unused'))) as never,
      log: { error() {}, warn() {}, info() {}, debug() {} },
      lang: 'fr' as const,
      inboxDir: '/nonexistent',
    };
    expect(() =>
      createConsoleAdapter(
        { host: '0.0.0.0', port: 0, token: null, stateDir: '/nonexistent', userName: 'x' },
        deps,
      ),
    ).toThrow(ConfigError);
  });
});

describe('console access', () => {
  let harness: ConsoleHarness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it('with a token, answers 401 without it, and lets in its bearer or the cookie of a ?token= visit', async () => {
    harness = await startHarness({ settings: { token: TOKEN } });
    const url = harness.adapter.url;
    expect(harness.adapter.loginUrl).toBe(`${url}?token=${TOKEN}`);

    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(`${url}api/cards`)).status).toBe(401);
    expect(
      (await fetch(`${url}api/cards`, { headers: { Authorization: 'Bearer wrong-token-wrong-token' } }))
        .status,
    ).toBe(401);
    expect((await fetch(`${url}?token=wrong-token-wrong-token`, { redirect: 'manual' })).status).toBe(401);

    const bearer = await fetch(`${url}api/cards`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(bearer.status).toBe(200);
    expect(await bearer.json()).toEqual({ cards: [], next: null });

    const login = await fetch(harness.adapter.loginUrl, { redirect: 'manual' });
    expect(login.status).toBe(303);
    expect(login.headers.get('location')).toBe('/');
    const cookie = login.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(url, { headers: { Cookie: cookie.split(';')[0] as string } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Faxdesk — canal des ordonnances');
  });

  it('on loopback, refuses another Host (DNS rebinding) and changes that are not JSON from its page', async () => {
    harness = await startHarness();
    const url = harness.adapter.url;
    const port = new URL(url).port;
    const auth = harness.authorization;
    expect((await fetch(url, { headers: auth })).status).toBe(200);
    expect(await statusWithHost(url, `evil.example:${port}`, auth)).toBe(403);
    expect(await statusWithHost(url, `localhost:${port}`, auth)).toBe(200);
    const form = await fetch(`${url}api/samples`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'x=1',
    });
    expect(form.status).toBe(415);
    const crossSite = await fetch(`${url}api/samples`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    const bad = await fetch(`${url}api/actions`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        verb: 'fax.delete_everything',
        data: { faxId: '01J0000000000000000000000', expectedStatus: 'pending' },
      }),
    });
    expect(bad.status).toBe(400);
  });
});
