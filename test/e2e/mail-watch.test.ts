/**
 * The promise, end to end: `faxdesk watch` with the local console and a mailbox; a fax
 * e-mailed to the mailbox becomes a card in the console (IDLE: no waiting for the next poll),
 * and `faxdesk watch` stops cleanly on SIGTERM.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSpec, renderPages, textPdf } from '../fixtures/index.ts';
import { freePort, startDovecot, type Dovecot } from '../mailbox/dovecot.ts';
import { append, count, DONE, imapClient } from '../mailbox/harness.ts';
import { faxMessage } from '../mailbox/messages.ts';
import { BIN } from './cli.ts';

let server: Dovecot;
beforeAll(async () => {
  server = await startDovecot();
});
afterAll(async () => {
  await server?.stop();
});

function postedCards(home: string): number {
  try {
    const db = new Database(join(home, 'faxdesk.sqlite'), { readonly: true });
    try {
      return (db.prepare('SELECT COUNT(*) AS n FROM chat_messages').get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet
  }
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  // A bound only so that a broken build fails instead of hanging; IDLE makes it a second or two.
  for (let i = 0; i < 1200; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('faxdesk watch with a mailbox', () => {
  it('an e-mailed fax becomes a card in the console, with the poll set to an hour', async () => {
    const home = mkdtempSync(join(tmpdir(), 'faxdesk-mail-watch-'));
    const child = spawn(process.execPath, [BIN, 'watch'], {
      env: {
        ...process.env,
        FAXDESK_HOME: home,
        FAXDESK_MAIL_URL: server.url,
        FAXDESK_MAIL_PASSWORD: server.password,
        FAXDESK_MAIL_POLL_SECONDS: '3600',
        FAXDESK_CHAT: 'console',
        FAXDESK_CONSOLE_PORT: String(await freePort()),
        FAXDESK_OCR_WORKERS: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const client = await imapClient(server);
    try {
      await until(() => output.includes('"mail.connected"'), 'the mailbox connection');
      expect(output).toContain('Faxdesk lit aussi la boîte aux lettres');
      const pdf = await textPdf(
        renderPages(generateSpec(77, { scenario: 'valid', layout: 'form', coverPage: false })),
      );
      await append(client, [await faxMessage([{ filename: 'fax.pdf', content: pdf }])]);

      await until(() => postedCards(home) === 1, 'the card in the console');
      await until(async () => (await count(client, DONE)) === 1, 'the message in Faxdesk/Traités');
    } finally {
      child.kill('SIGTERM');
      await client.logout().catch(() => {});
    }
    expect(await exited).toBe(0);
  });
});
