/**
 * What a newcomer does first: `npm start` with nothing configured (here, the
 * same `faxdesk watch` it runs), the console's address printed with the sign-in
 * file to open (never the token), that file opened in the browser, a fax dropped
 * into the inbox, its card in the browser within seconds, Accepter clicked.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, renderFixture } from '../fixtures/index.ts';
import { launchChromium, openConsole } from '../console/harness.ts';
import { BIN } from './cli.ts';

let home: string;
let child: ChildProcess;
let browser: Browser;
let signInUrl: string;
let banner: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'faxdesk-start-'));
  await mkdir(join(home, 'inbox'), { recursive: true });
  child = spawn(process.execPath, [BIN, 'watch'], {
    // Nothing configured but where to keep things, a free port, and a quick inbox.
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      FAXDESK_HOME: home,
      FAXDESK_CONSOLE_PORT: '0',
      FAXDESK_CONSOLE_USER: 'Julie Tremblay',
      FAXDESK_SETTLE_MS: '300',
      FAXDESK_POLL_SECONDS: '0.5',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  signInUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /Console : http:\/\/127\.0\.0\.1:\d+\/\n.*navigateur : (file:\/\/\S+)/.exec(out);
      if (match) {
        banner = out;
        resolve(match[1]!);
      }
    });
    child.on('exit', (code) => reject(new Error(`watch exited with ${code}: ${out}`)));
  });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  await rm(home, { recursive: true, force: true });
}, 60_000);

describe('npm start on a fresh machine', () => {
  it('prints the console address and its sign-in file, shows a dropped fax as a card, and accepts it from the card', async () => {
    const token = (await readFile(join(home, 'console-token'), 'utf8')).trim();
    expect(banner).not.toContain(token);
    expect(signInUrl).toBe(pathToFileURL(join(home, 'console-login.html')).href);
    const { page, errors } = await openConsole(browser, signInUrl);
    const [entry] = buildCorpus({ seed: 41, count: 1, formats: ['pdf-text'], scenarios: ['valid'] });
    await writeFile(join(home, 'inbox', 'ordonnance.pdf'), await renderFixture(entry!));

    const card = page.locator('article[data-fax-id]').first();
    await card.waitFor({ timeout: 30_000 });
    await card.locator('button.ac-pushButton', { hasText: 'Accepter' }).first().click();
    await card.filter({ hasText: 'Acceptée par Julie Tremblay' }).waitFor({ timeout: 15_000 });
    expect(await card.getAttribute('data-status')).toBe('accepted');
    expect(errors).toEqual([]);
  }, 90_000);
});
