/**
 * The problem report over real SMTP: nodemailer (through our adapter) talking to an
 * `smtp-server` listening on 127.0.0.1, started by the test.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer, type SmtpMailer, type SmtpMailerOptions } from '../../adapters/mail/smtp.ts';
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { MailSendError } from '../../src/workflow/mailer.ts';
import { createActionPolicy } from '../../src/workflow/policy.ts';
import { createWorkflow } from '../../src/workflow/workflow.ts';
import { CHANNEL, leakedPatientData, MARIE, NOW, openTempStore, storeFax } from '../workflow/helpers.ts';
import { readMessage } from './mime.ts';

interface Received {
  mailFrom: string | null;
  rcptTo: string[];
  raw: string;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startSmtpServer(
  options: SMTPServerOptions = {},
): Promise<{ port: number; received: Received[]; stop(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...options,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        received.push({
          mailFrom: from ? from.address : null,
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  const stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  cleanups.push(stop);
  return { port, received, stop };
}

function mailer(port: number, extra: Partial<SmtpMailerOptions> = {}): SmtpMailer {
  const m = createSmtpMailer({
    host: '127.0.0.1',
    port,
    from: 'Imagerie du Parc <faxdesk@imagerie-du-parc.test>',
    timeoutMs: 5000,
    ...extra,
  });
  cleanups.push(() => m.close());
  return m;
}

function store(): SqliteFaxStore {
  const s = openTempStore();
  cleanups.push(() => s.close());
  return s;
}

const MESSAGE = {
  to: 'soutienrqt@ssss.gouv.qc.ca',
  subject: 'Télécopie web – essai',
  text: 'Bonjour,\nessai.\n',
};

describe('problem report over SMTP', () => {
  it('reaches the support address with the expected subject and body, and no patient data', async () => {
    const smtp = await startSmtpServer();
    const faxes = store();
    const fax = await storeFax(faxes);
    const workflow = createWorkflow({
      store: faxes,
      mailer: mailer(smtp.port),
      policy: createActionPolicy({ channelId: CHANNEL }),
      clock: () => NOW,
    });

    const result = await workflow.reportProblem(fax.id, MARIE, {
      category: 'missing_pages',
      description: 'L’en-tête annonce 3 pages ; la page 3 est arrivée blanche.',
    });

    expect(result.ok).toBe(true);
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0];
    if (!got || !result.ok) return;
    expect(got.rcptTo).toEqual(['soutienrqt@ssss.gouv.qc.ca']);
    expect(got.mailFrom).toBe('faxdesk@imagerie-du-parc.test');
    const message = readMessage(got.raw);
    expect(message.headers.get('to')).toBe('soutienrqt@ssss.gouv.qc.ca');
    expect(message.subject).toBe(
      `Télécopie web – Pages manquantes – télécopie reçue le 15 mars 2025 à 10 h 03 (réf. ${fax.id})`,
    );
    expect(message.text).toContain('Problème : Pages manquantes');
    expect(message.text).toContain('L’en-tête annonce 3 pages ; la page 3 est arrivée blanche.');
    expect(message.text).toContain(`Référence Faxdesk : ${fax.id}`);
    expect(message.text).toContain('Reçue le 15 mars 2025 à 10 h 03');
    expect(message.text).toContain('Nombre de pages : 3');
    expect(message.text).toContain('Signalé par : Marie Lavoie');
    expect(message.text).toContain('1 833 564-0404');
    // The fax is full of patient data (name, birth date, NAM, address, phone, clinical text, file name):
    // none of it in the headers, the subject or the body.
    const headers = [...message.headers.values()].join('\n');
    expect(leakedPatientData(`${headers}\n${message.subject}\n${message.text}`)).toEqual([]);
    expect(leakedPatientData(got.raw)).toEqual([]);
    // The event names the message the server accepted.
    expect(result.event.details).toMatchObject({ mailed: true, category: 'missing_pages' });
    expect(message.headers.get('message-id')).toBe(result.event.details.messageId);
  });

  it('sends to a configured address instead', async () => {
    const smtp = await startSmtpServer();
    const faxes = store();
    const fax = await storeFax(faxes);
    const workflow = createWorkflow({
      store: faxes,
      mailer: mailer(smtp.port),
      policy: createActionPolicy({ channelId: CHANNEL }),
      supportAddress: 'soutien-interne@imagerie-du-parc.test',
    });
    expect(
      (await workflow.reportProblem(fax.id, MARIE, { category: 'other', description: 'Essai' })).ok,
    ).toBe(true);
    expect(smtp.received[0]?.rcptTo).toEqual(['soutien-interne@imagerie-du-parc.test']);
  });

  it('when the mail server is down: mail_failed, and the attempt is recorded with mailed: false', async () => {
    const smtp = await startSmtpServer();
    await smtp.stop(); // nothing listens on that port any more
    const faxes = store();
    const fax = await storeFax(faxes);
    const workflow = createWorkflow({
      store: faxes,
      mailer: mailer(smtp.port),
      policy: createActionPolicy({ channelId: CHANNEL }),
    });
    const result = await workflow.reportProblem(fax.id, MARIE, { category: 'other', description: 'Essai' });
    expect(result).toMatchObject({
      ok: false,
      code: 'mail_failed',
      event: { kind: 'problem_reported', details: { mailed: false, error: 'connection', category: 'other' } },
    });
    if (!result.ok) expect(result.message).toContain('injoignable');
    const events = await faxes.listEvents(fax.id);
    expect(events.filter((e) => e.kind === 'problem_reported')).toHaveLength(1);
  });

  it('gives up after the timeout when the server never answers', async () => {
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket)); // accepts, never greets
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const s of sockets) s.destroy();
          silent.close(() => resolve());
        }),
    );
    const started = Date.now();
    const error = await mailer((silent.address() as AddressInfo).port, { timeoutMs: 400 })
      .send(MESSAGE)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSendError);
    expect((error as MailSendError).code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('authenticates when credentials are configured, and reports bad ones as auth', async () => {
    const smtp = await startSmtpServer({
      authOptional: false,
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'faxdesk' && auth.password === 's3cret') callback(null, { user: 'faxdesk' });
        else callback(new Error('Invalid username or password'));
      },
    });
    const good = await mailer(smtp.port, { auth: { user: 'faxdesk', pass: 's3cret' } }).send(MESSAGE);
    expect(good.messageId).toMatch(/^<.+@.+>$/);
    expect(smtp.received).toHaveLength(1);
    const bad = await mailer(smtp.port, { auth: { user: 'faxdesk', pass: 'wrong' } })
      .send(MESSAGE)
      .catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(MailSendError);
    expect((bad as MailSendError).code).toBe('auth');
    expect(smtp.received).toHaveLength(1);
  });

  it('reports a recipient the server refuses as rejected', async () => {
    const smtp = await startSmtpServer({
      onRcptTo(address, _session, callback) {
        callback(address.address.endsWith('@ssss.gouv.qc.ca') ? new Error('mailbox unavailable') : undefined);
      },
    });
    const error = await mailer(smtp.port)
      .send(MESSAGE)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailSendError);
    expect((error as MailSendError).code).toBe('rejected');
  });
});
