/**
 * Finding: the console on loopback asked for nothing, so on a shared workstation or a terminal
 * server any local user could read every fax and act in the console user's name. Now a token is
 * generated at first start under FAXDESK_HOME (mode 0600), reused at every start, and required
 * on loopback too; the clerk signs in with the sign-in file (also 0600) or by pasting the token.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  consoleSettingsFromEnv,
  createConsoleAdapter,
  type ConsoleAdapter,
} from '../../adapters/console/index.ts';
import { silentLogger } from '../../src/log.ts';
import { openTempStore, storeFax } from '../workflow/helpers.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The console exactly as `faxdesk watch` builds it with nothing configured but FAXDESK_HOME. */
async function startConsole(home: string) {
  const store = openTempStore(join(home, 'faxdesk.sqlite'));
  const adapter = createConsoleAdapter(
    consoleSettingsFromEnv(
      { FAXDESK_HOME: home, FAXDESK_CONSOLE_PORT: '0', FAXDESK_CONSOLE_USER: 'Marie Lavoie' },
      home,
    ),
    {
      store,
      handleAction: () => Promise.reject(new Error('no action in this test')),
      log: silentLogger,
      lang: 'fr',
      inboxDir: join(home, 'inbox'),
    },
  );
  await adapter.start();
  cleanups.push(async () => {
    await adapter.stop();
    await store.close();
  });
  return { adapter, store };
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

async function tokenOf(adapter: ConsoleAdapter): Promise<string> {
  expect(adapter.tokenFile).not.toBeNull();
  return (await readFile(adapter.tokenFile!, 'utf8')).trim();
}

describe('the console on loopback asks for its token', () => {
  it('refuses pages, data, the live stream and the originals to a local user without the token', async () => {
    const home = mkdtempSync(join(tmpdir(), 'faxdesk-sec-token-'));
    const { adapter, store } = await startConsole(home);
    const fax = await storeFax(store);
    const url = adapter.url;
    expect(new URL(url).hostname).toBe('127.0.0.1');

    for (const path of [
      '',
      'api/cards',
      'api/search?q=tremblay',
      `faxes/${fax.id}/original`,
      `faxes/${fax.id}/original/file`,
    ]) {
      const res = await fetch(url + path);
      expect(res.status, path).toBe(401);
      expect(await res.text(), path).not.toMatch(/Tremblay|TREJ/i);
    }
    const stream = await fetch(`${url}api/stream`);
    expect(stream.status).toBe(401);
    const act = await fetch(`${url}api/actions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ verb: 'fax.accept', data: { faxId: fax.id, expectedStatus: 'pending' } }),
    });
    expect(act.status).toBe(401);
    expect((await store.getFax(fax.id))!.status).toBe('pending');

    // The page a browser gets instead: the sign-in form, which names the token's file, not the token.
    const page = await (await fetch(url)).text();
    expect(page).toContain('action="/login"');
    expect(page).toContain(adapter.tokenFile!);
    expect(page).not.toContain(await tokenOf(adapter));
  });

  it('generates the token at first start under FAXDESK_HOME, mode 0600, and keeps it across restarts', async () => {
    const home = mkdtempSync(join(tmpdir(), 'faxdesk-sec-token-'));
    const first = await startConsole(home);
    expect(first.adapter.tokenFile).toBe(join(home, 'console-token'));
    const token = await tokenOf(first.adapter);
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(mode(join(home, 'console-token'))).toBe(0o600);
    expect(first.adapter.signInFile).toBe(join(home, 'console-login.html'));
    expect(mode(join(home, 'console-login.html'))).toBe(0o600);
    await cleanups.pop()!();

    const second = await startConsole(home);
    expect(await tokenOf(second.adapter)).toBe(token);
    const res = await fetch(`${second.adapter.url}api/cards`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  it('lets the clerk in by pasting the token into the sign-in form, and not with a wrong one', async () => {
    const home = mkdtempSync(join(tmpdir(), 'faxdesk-sec-token-'));
    const { adapter } = await startConsole(home);
    const token = await tokenOf(adapter);
    const form = (value: string) =>
      fetch(`${adapter.url}login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token: value }).toString(),
        redirect: 'manual',
      });
    const wrong = await form('not-the-token-not-the-token');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();

    const right = await form(token);
    expect(right.status).toBe(200);
    const cookie = right.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const page = await fetch(adapter.url, { headers: { Cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Faxdesk — canal des ordonnances');

    // The sign-in file posts that same token to /login: what the banner tells the clerk to open.
    const signIn = await readFile(adapter.signInFile!, 'utf8');
    expect(signIn).toContain(`action="${adapter.url}login"`);
    expect(signIn).toContain(`value="${token}"`);
  });
});
