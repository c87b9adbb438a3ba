/**
 * The mailbox source against a real IMAP server (Dovecot on a loopback port): messages as fax
 * servers write them, each fax recorded once with where it came from, each message moved only
 * once its faxes are safe, and nothing lost when something goes wrong in between.
 */
import { readFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/store.ts';
import type { Intake } from '../../src/intake/intake.ts';
import type { SourceHealth } from '../../src/intake/source.ts';
import { readMailHealth } from '../../adapters/inbox/mail/health.ts';
import { encodeG4, writeG4Tiff } from '../fixtures/tiff.ts';
import { startDovecot, freePort, type Dovecot } from './dovecot.ts';
import {
  DONE,
  REVIEW,
  append,
  count,
  emptyMailbox,
  filesUnder,
  imapClient,
  intakeFor,
  mailbox,
  makeDataDirs,
  type DataDirs,
} from './harness.ts';
import { FAX_SERVER, build, faxMessage, tinyPdf } from './messages.ts';

let server: Dovecot;
let client: ImapFlow;
const stores: SqliteFaxStore[] = [];

beforeAll(async () => {
  server = await startDovecot();
  client = await imapClient(server);
});
afterAll(async () => {
  await client?.logout().catch(() => {});
  await server?.stop();
});
beforeEach(async () => {
  await emptyMailbox(client);
});
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function setup(): { dirs: DataDirs; store: SqliteFaxStore; intake: Intake } {
  const dirs = makeDataDirs();
  const store = openSqliteStore(dirs.db);
  stores.push(store);
  return { dirs, store, intake: intakeFor(store, dirs) };
}

async function threePageTiff(): Promise<Buffer> {
  const page = { width: 64, height: 64, data: Buffer.alloc(64 * 64, 255), xRes: 204, yRes: 196 };
  const g4 = await encodeG4(page);
  return writeG4Tiff([g4, g4, g4]);
}

describe('mailbox intake (Dovecot)', () => {
  it('a PDF attachment becomes a fax with its origin; the message moves to Faxdesk/Traités', async () => {
    const { dirs, store, intake } = setup();
    const pdf = tinyPdf('Demande IRM genou', 2);
    await append(client, [await faxMessage([{ filename: 'fax000123.pdf', content: pdf }])]);

    const summary = await mailbox(server, dirs).runOnce(intake);

    expect(summary).toMatchObject({ processed: 1, errors: 0 });
    const [fax] = await store.listFaxes();
    expect(fax).toMatchObject({ originalName: 'fax000123.pdf', fileKind: 'pdf', pageCount: 2 });
    expect(fax!.origin).toMatchObject({
      via: 'mail',
      sender: FAX_SERVER,
      sentAt: '2026-03-02T14:05:00.000Z',
    });
    expect(fax!.origin!.messageId).toMatch(/@rightfax\.hopital\.example>$/);
    expect(fax!.origin!.ref).toMatch(/^INBOX;UIDVALIDITY=\d+;UID=\d+;PART=1$/);
    expect(readFileSync(fax!.archivePath!)).toEqual(pdf);
    expect(await count(client, 'INBOX')).toBe(0);
    expect(await count(client, DONE)).toBe(1);
  });

  it('a multi-page TIFF, by its content whatever its name and declared type', async () => {
    const { dirs, store, intake } = setup();
    const tiff = await threePageTiff();
    await append(client, [
      await faxMessage([{ filename: 'FAX.DAT', content: tiff, contentType: 'application/octet-stream' }]),
    ]);

    await mailbox(server, dirs).runOnce(intake);

    const [fax] = await store.listFaxes();
    expect(fax).toMatchObject({ fileKind: 'tiff', pageCount: 3, originalName: 'FAX.DAT' });
    expect(await count(client, DONE)).toBe(1);
  });

  it('two attachments: two faxes from one message, then one move', async () => {
    const { dirs, store, intake } = setup();
    await append(client, [
      await faxMessage([
        { filename: 'a.pdf', content: tinyPdf('Demande IRM A') },
        { filename: 'b.tif', content: await threePageTiff() },
      ]),
    ]);

    const summary = await mailbox(server, dirs).runOnce(intake);

    expect(summary.processed).toBe(2);
    const faxes = await store.listFaxes();
    expect(faxes.map((f) => f.originalName).sort()).toEqual(['a.pdf', 'b.tif']);
    expect(new Set(faxes.map((f) => f.origin!.messageId)).size).toBe(1);
    expect(await count(client, DONE)).toBe(1);
  });

  it('no attachment: recorded unreadable with the reason, moved to Faxdesk/À vérifier', async () => {
    const { dirs, store, intake } = setup();
    await append(client, [await faxMessage([], { subject: 'Bonjour', text: 'Rien de joint.' })]);

    const summary = await mailbox(server, dirs).runOnce(intake);

    expect(summary).toMatchObject({ quarantined: 1, errors: 0 });
    const [fax] = await store.listFaxes();
    expect(fax).toMatchObject({
      verdict: 'unreadable',
      unreadableCode: 'mail-no-fax',
      originalName: 'courriel.eml',
    });
    expect(fax!.unreadableReason).toContain('Faxdesk/À vérifier');
    expect(fax!.origin).toMatchObject({ via: 'mail', sender: FAX_SERVER });
    expect(readFileSync(fax!.quarantinePath!).toString()).toContain('Rien de joint.');
    expect(await count(client, REVIEW)).toBe(1);
    expect(await count(client, DONE)).toBe(0);
  });

  it('a forwarded message keeps its fax; a message attached inside a message goes for review', async () => {
    const { dirs, store, intake } = setup();
    const original = await faxMessage([{ filename: 'fax.pdf', content: tinyPdf('Demande IRM F') }]);
    const forwarded = await build({
      from: 'Commis <commis@clinique.example>',
      to: 'imagerie@hopital.example',
      subject: 'TR: Télécopie reçue',
      text: '---------- Message transféré ----------\nDe : Serveur de télécopie',
      attachments: [{ filename: 'fax.pdf', content: tinyPdf('Demande IRM F') }],
    });
    const nested = await build({
      from: 'Commis <commis@clinique.example>',
      to: 'imagerie@hopital.example',
      subject: 'TR: en pièce jointe',
      text: 'Voir le message joint.',
      attachments: [{ filename: 'original.eml', content: original, contentType: 'message/rfc822' }],
    });
    await append(client, [forwarded, nested]);

    await mailbox(server, dirs).runOnce(intake);

    const faxes = await store.listFaxes();
    const fax = faxes.find((f) => f.originalName === 'fax.pdf');
    expect(fax!.origin).toMatchObject({ sender: 'commis@clinique.example' });
    expect(faxes.find((f) => f.unreadableCode === 'mail-nested')).toBeDefined();
    expect(await count(client, DONE)).toBe(1);
    expect(await count(client, REVIEW)).toBe(1);
  });

  it('a zipped attachment, an oversized one and a sender not allowed go for review, each with a card', async () => {
    const { dirs, store, intake } = setup();
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100)]);
    await append(client, [
      await faxMessage([{ filename: 'fax.zip', content: zip }]),
      await faxMessage([
        { filename: 'big.pdf', content: Buffer.concat([tinyPdf('IRM'), Buffer.alloc(300_000)]) },
      ]),
      await faxMessage([{ filename: 'x.pdf', content: tinyPdf('Demande IRM X') }], {
        from: 'inconnu@ailleurs.example',
      }),
    ]);

    await mailbox(server, dirs, { maxBytes: 200_000, allowedSenders: ['@rightfax.hopital.example'] }).runOnce(
      intake,
    );

    const codes = (await store.listFaxes()).map((f) => f.unreadableCode).sort();
    expect(codes).toEqual(['mail-sender-not-allowed', 'mail-too-large', 'mail-zipped']);
    expect(await count(client, REVIEW)).toBe(3);
    expect(await count(client, 'INBOX')).toBe(0);
  });

  it('a crash between recording and moving: the message is read again, one record, then moved', async () => {
    const { dirs, store, intake } = setup();
    await append(client, [await faxMessage([{ filename: 'fax.pdf', content: tinyPdf('Demande IRM C') }])]);
    // Dies right after intake has the fax safe, before the message is moved.
    const crashing: Intake = {
      ...intake,
      processHeld: async (fax) => {
        await intake.processHeld(fax);
        throw new Error('killed');
      },
    };

    const first = await mailbox(server, dirs).runOnce(crashing);
    expect(first.errors).toBe(1);
    expect(await count(client, 'INBOX')).toBe(1);
    expect(await store.listFaxes()).toHaveLength(1);

    const second = await mailbox(server, dirs).runOnce(intake);

    expect(second).toMatchObject({ recovered: 1, processed: 0, errors: 0 });
    expect(await store.listFaxes()).toHaveLength(1);
    expect(filesUnder(dirs.archive)).toHaveLength(1);
    expect(await count(client, 'INBOX')).toBe(0);
    expect(await count(client, DONE)).toBe(1);
  });

  it('50 messages at once: 50 faxes, 50 messages moved', async () => {
    const { dirs, store, intake } = setup();
    const messages = [];
    for (let i = 0; i < 50; i++) {
      messages.push(await faxMessage([{ filename: `fax${i}.pdf`, content: tinyPdf(`Demande IRM ${i}`) }]));
    }
    await append(client, messages);

    const summary = await mailbox(server, dirs).runOnce(intake);

    expect(summary).toMatchObject({ processed: 50, errors: 0 });
    expect(await store.listFaxes({ limit: 100 })).toHaveLength(50);
    expect(await count(client, DONE)).toBe(50);
    expect(await count(client, 'INBOX')).toBe(0);
  });

  it('watching: a message that arrives is taken in (IDLE), and the source stops cleanly', async () => {
    const { dirs, store, intake } = setup();
    const source = mailbox(server, dirs);
    await source.start(intake);
    try {
      await append(client, [await faxMessage([{ filename: 'w.pdf', content: tinyPdf('Demande IRM W') }])]);
      for (let i = 0; i < 400 && (await store.listFaxes()).length === 0; i++)
        await new Promise((r) => setTimeout(r, 25));
      for (let i = 0; i < 400 && (await count(client, DONE)) === 0; i++)
        await new Promise((r) => setTimeout(r, 25));
    } finally {
      await source.stop();
    }
    expect(await store.listFaxes()).toHaveLength(1);
    expect(await count(client, DONE)).toBe(1);
    expect(source.health()).toMatchObject({ ok: true });
  });

  it('the server closing the connection mid-fetch: reconnects, each message recorded once', async () => {
    const { dirs, store, intake } = setup();
    const messages = [];
    for (let i = 0; i < 5; i++) {
      messages.push(await faxMessage([{ filename: `m${i}.pdf`, content: tinyPdf(`Demande IRM M${i}`) }]));
    }
    await append(client, messages);
    const proxy = await cuttingProxy(server.port);
    const source = mailbox({ ...server, port: proxy.port }, dirs);
    await source.start(intake);
    try {
      for (let i = 0; i < 400 && (await count(client, DONE)) < 5; i++)
        await new Promise((r) => setTimeout(r, 25));
    } finally {
      await source.stop();
      proxy.server.close();
    }
    expect(proxy.cuts).toBe(1);
    expect(proxy.connections).toBeGreaterThanOrEqual(2);
    expect(await store.listFaxes()).toHaveLength(5);
    expect(await count(client, DONE)).toBe(5);
  });

  it('an unreachable mailbox shows in the health file, and the channel hears of it once', async () => {
    const { dirs, intake } = setup();
    const alerts: SourceHealth[] = [];
    const deadPort = await freePort();
    const source = mailbox(
      { ...server, port: deadPort },
      dirs,
      { alertMs: 150, backoffMs: { first: 20, max: 40 } },
      { onAlert: (h) => void alerts.push(h) },
    );
    await source.start(intake);
    try {
      for (let i = 0; i < 200 && alerts.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 300)); // more retries: still one alert
    } finally {
      await source.stop();
    }
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ ok: false, problem: 'le serveur refuse la connexion (arrêté ?)' });
    const health = await readMailHealth(`${dirs.root}/mailbox-health.json`);
    expect(health).toMatchObject({ ok: false, source: 'mail' });
  });

  it('a wrong password is said as such', async () => {
    const { dirs, intake } = setup();
    const source = mailbox(server, dirs, {
      auth: { kind: 'password', user: server.user, password: 'wrong' },
    });
    const summary = await source.runOnce(intake);
    expect(summary.errors).toBe(1);
    expect(source.health()).toMatchObject({
      ok: false,
      problem: expect.stringContaining('identifiants refusés'),
    });
  });
});

/**
 * A TCP proxy to Dovecot that, on the first connection only, forwards the server's answer to
 * the first message fetch halfway and then closes both sides: the server going away mid-fetch.
 */
async function cuttingProxy(
  target: number,
): Promise<{ server: Server; port: number; cuts: number; connections: number }> {
  const state = { server: null as unknown as Server, port: 0, cuts: 0, connections: 0 };
  const sockets = new Set<Socket>();
  state.server = createServer((downstream) => {
    state.connections++;
    const cutThisOne = state.cuts === 0;
    const upstream = connect(target, '127.0.0.1');
    sockets.add(downstream).add(upstream);
    const closeBoth = () => {
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on('error', closeBoth).on('close', closeBoth);
    upstream.on('error', closeBoth).on('close', closeBoth);
    downstream.on('data', (d: Buffer) => upstream.write(d));
    upstream.on('data', (d: Buffer) => {
      const text = d.toString('latin1');
      if (cutThisOne && state.cuts === 0 && /BODY\[\] \{\d+\}/.test(text)) {
        state.cuts++;
        downstream.write(d.subarray(0, Math.floor(d.length / 2)), () => closeBoth());
        return;
      }
      downstream.write(d);
    });
  });
  await new Promise<void>((r) => state.server.listen(0, '127.0.0.1', () => r()));
  const address = state.server.address();
  state.port = typeof address === 'object' && address ? address.port : 0;
  state.server.on('close', () => sockets.forEach((s) => s.destroy()));
  return state;
}
