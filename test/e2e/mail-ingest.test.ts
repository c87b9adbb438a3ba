/**
 * Faxes that do not come through the inbox folder, end to end through the real command:
 * e-mailed to a mailbox (Dovecot) and read by `faxdesk watch --once`, or handed over by a
 * fax server's receive hook with `faxdesk ingest`. Each becomes a fax whose card says how it
 * came in; `faxdesk status` says whether the mailbox can be reached.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/stores/sqlite/store.ts';
import { buildFaxCard } from '../../cards/fax-card.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { generateSpec, renderPages, textPdf } from '../fixtures/index.ts';
import { freePort, startDovecot, type Dovecot } from '../mailbox/dovecot.ts';
import { append, imapClient } from '../mailbox/harness.ts';
import { FAX_SERVER, faxMessage } from '../mailbox/messages.ts';
import { runFaxdesk } from './cli.ts';

let server: Dovecot;
beforeAll(async () => {
  server = await startDovecot();
});
afterAll(async () => {
  await server?.stop();
});

async function orderPdf(seed: number): Promise<Buffer> {
  return textPdf(renderPages(generateSpec(seed, { scenario: 'valid', layout: 'form', coverPage: false })));
}

async function storedFaxes(home: string): Promise<{ fax: FaxRecord; receptionText: string }[]> {
  const store = openSqliteStore(join(home, 'faxdesk.sqlite'));
  try {
    const out = [];
    for (const fax of await store.listFaxes()) {
      const card = buildFaxCard(fax, await store.listEvents(fax.id));
      const reception = card.sections.find((s) => s.id === 'reception')!;
      const receptionText = reception.elements.flatMap((e) => (e.kind === 'text' ? [e.text] : [])).join('\n');
      out.push({ fax, receptionText });
    }
    return out;
  } finally {
    await store.close();
  }
}

describe('faxes by e-mail and from the receive hook', () => {
  it('watch --once reads the mailbox: the card says « Reçue par courriel de … »', async () => {
    const home = mkdtempSync(join(tmpdir(), 'faxdesk-mail-e2e-'));
    const client = await imapClient(server);
    await append(client, [await faxMessage([{ filename: 'fax000451.pdf', content: await orderPdf(4501) }])]);
    await client.logout();
    const env = {
      FAXDESK_HOME: home,
      FAXDESK_MAIL_URL: server.url,
      FAXDESK_MAIL_PASSWORD: server.password,
      FAXDESK_OCR_WORKERS: '1',
    };

    const run = await runFaxdesk(['watch', '--once'], env);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Traitées : 1');
    const [stored] = await storedFaxes(home);
    expect(stored!.fax.origin).toMatchObject({ via: 'mail', sender: FAX_SERVER });
    expect(stored!.fax.verdict).not.toBe('unreadable');
    expect(stored!.receptionText.split('\n')).toContain(`Reçue par courriel de ${FAX_SERVER}`);

    const status = await runFaxdesk(['status'], env);
    expect(status.stdout).toContain('Boîte aux lettres : joignable.');
  });

  it('watch --once with the mailbox unreachable: exit 1, and said plainly', async () => {
    const home = mkdtempSync(join(tmpdir(), 'faxdesk-mail-e2e-'));
    const env = {
      FAXDESK_HOME: home,
      FAXDESK_MAIL_URL: `imap://fax@127.0.0.1:${await freePort()}/INBOX`,
      FAXDESK_MAIL_PASSWORD: 'x',
    };
    const run = await runFaxdesk(['watch', '--once'], env);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Boîte aux lettres injoignable depuis');
    const status = await runFaxdesk(['status'], env);
    expect(status.stdout).toContain('le serveur refuse la connexion');
  });

  it('ingest stores the file durably in the inbox; watch then records it with its origin', async () => {
    const home = mkdtempSync(join(tmpdir(), 'faxdesk-ingest-e2e-'));
    const spool = mkdtempSync(join(tmpdir(), 'faxdesk-spool-'));
    const file = join(spool, 'fax000123.pdf');
    writeFileSync(file, await orderPdf(4502));
    const env = { FAXDESK_HOME: home, FAXDESK_OCR_WORKERS: '1' };

    const ingest = await runFaxdesk(['ingest', file, '--via', 'hylafax', '--ref', '000123'], env);

    expect(ingest.code).toBe(0);
    expect(readdirSync(join(home, 'inbox')).sort()).toEqual(['.fax000123.pdf.origin.json', 'fax000123.pdf']);
    const watch = await runFaxdesk(['watch', '--once'], { ...env, FAXDESK_SETTLE_MS: '0' });
    expect(watch.code).toBe(0);
    const [stored] = await storedFaxes(home);
    expect(stored!.fax.origin).toEqual({ via: 'hylafax', ref: '000123' });
    expect(stored!.receptionText.split('\n')).toContain('Reçue du serveur de télécopie (hylafax)');
    expect(readdirSync(join(home, 'inbox'))).toEqual([]); // the origin note went with the fax
  });

  it('ingest that cannot store the file says so and exits non-zero (the fax server keeps its copy)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'faxdesk-ingest-e2e-'));
    const notADir = join(home, 'plain-file');
    writeFileSync(notADir, '');
    const file = join(home, 'fax.pdf');
    writeFileSync(file, '%PDF-1.4\n');

    const run = await runFaxdesk(['ingest', file], {
      FAXDESK_HOME: home,
      FAXDESK_INBOX: join(notADir, 'inbox'),
    });

    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('faxdesk');
    expect(existsSync(file)).toBe(true);
    const missing = await runFaxdesk(['ingest', join(home, 'nope.pdf')], { FAXDESK_HOME: home });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('rien n’a été reçu');
  });
});
