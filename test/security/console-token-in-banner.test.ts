/**
 * Finding: the console's token was printed in the start-up banner (it lands in journald and in
 * terminal scrollback); its cookie was never `Secure`; nothing warned when the console listened
 * beyond loopback in plain HTTP. Now the banner says where the token is (the sign-in file, the
 * token's file, or FAXDESK_CONSOLE_TOKEN), never the token; the cookie is `Secure` when the
 * console is reached over HTTPS (a reverse proxy's X-Forwarded-Proto, or FAXDESK_CONSOLE_PUBLIC_URL);
 * and start-up warns, on stdout and in the log, when the console is exposed in plain HTTP.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN } from '../e2e/cli.ts';
import { startHarness, type ConsoleHarness } from '../console/harness.ts';

const TOKEN = 'chosen-by-the-administrator-4f1e9c';

/** Runs `faxdesk watch` until its banner is out, then stops it (SIGTERM); its stdout and stderr. */
function watchBanner(env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const home = mkdtempSync(join(tmpdir(), 'faxdesk-sec-banner-'));
    const child = spawn(process.execPath, [BIN, 'watch'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        FAXDESK_HOME: home,
        FAXDESK_CONSOLE_PORT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('Ctrl+C')) child.kill('SIGTERM');
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', () => resolve({ stdout, stderr: `${stderr}\nHOME=${home}` }));
  });
}

let harness: ConsoleHarness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

describe('the console token stays out of the banner', () => {
  it('names the sign-in file and the token file, never the generated token', async () => {
    const { stdout, stderr } = await watchBanner({});
    const home = /HOME=(.*)$/.exec(stderr)![1]!;
    const token = (await readFile(join(home, 'console-token'), 'utf8')).trim();
    expect(stdout).toMatch(/Console : http:\/\/127\.0\.0\.1:\d+\//);
    expect(stdout).toContain(`file://${join(home, 'console-login.html')}`);
    expect(stdout).toContain(join(home, 'console-token'));
    expect(stdout).not.toContain(token);
    expect(stderr).not.toContain(token);
    expect(stdout).not.toContain('token=');
  });

  it('never prints FAXDESK_CONSOLE_TOKEN, and warns when the console is exposed in plain HTTP', async () => {
    const loopback = await watchBanner({ FAXDESK_CONSOLE_TOKEN: TOKEN });
    expect(loopback.stdout + loopback.stderr).not.toContain(TOKEN);
    expect(loopback.stdout).toContain('FAXDESK_CONSOLE_TOKEN');
    expect(loopback.stdout).not.toContain('HTTP non chiffré');

    const exposed = await watchBanner({ FAXDESK_CONSOLE_TOKEN: TOKEN, FAXDESK_CONSOLE_HOST: '0.0.0.0' });
    expect(exposed.stdout + exposed.stderr).not.toContain(TOKEN);
    expect(exposed.stdout).toContain('HTTP non chiffré');
    expect(exposed.stdout).toContain('mandataire inverse HTTPS');
    const warning = exposed.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: string; msg: string })
      .find((l) => l.level === 'warn' && /plain HTTP/.test(l.msg));
    expect(warning).toBeDefined();
  });
});

describe('the console cookie is Secure over HTTPS', () => {
  it('marks the cookie Secure behind an HTTPS reverse proxy, and only then', async () => {
    harness = await startHarness({ settings: { token: TOKEN } });
    const signIn = (headers: Record<string, string>) =>
      fetch(`${harness!.adapter.url}?token=${TOKEN}`, { redirect: 'manual', headers });

    const plain = await signIn({});
    expect(plain.status).toBe(303);
    expect(plain.headers.get('set-cookie')).not.toMatch(/Secure/i);

    const proxied = await signIn({ 'X-Forwarded-Proto': 'https' });
    expect(proxied.status).toBe(303);
    expect(proxied.headers.get('set-cookie')).toMatch(/;\s*Secure/);

    const forwarded = await signIn({ Forwarded: 'for=10.0.0.7;proto=https' });
    expect(forwarded.headers.get('set-cookie')).toMatch(/;\s*Secure/);
  });

  it('marks it Secure for requests through FAXDESK_CONSOLE_PUBLIC_URL in https, whose origin may act', async () => {
    harness = await startHarness({
      settings: { token: TOKEN, publicUrl: 'https://faxdesk.hopital.example/' },
    });
    const port = new URL(harness.adapter.url).port;
    const { request } = await import('node:http');
    const viaProxy = await new Promise<{ status: number; cookie: string }>((resolve, reject) => {
      const body = new URLSearchParams({ token: TOKEN }).toString();
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/login',
          method: 'POST',
          headers: {
            Host: 'faxdesk.hopital.example',
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie'] ?? '') });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.cookie).toMatch(/;\s*Secure/);

    // The page, loaded through the proxy, may post its changes (Origin: the public address).
    const samples = await fetch(`${harness.adapter.url}api/samples`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${TOKEN}`,
        'Content-Type': 'application/json',
        Origin: 'https://faxdesk.hopital.example',
      },
      body: '{}',
    });
    expect(samples.status).toBe(200);
  });
});
