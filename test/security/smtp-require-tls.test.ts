/**
 * Finding: SMTP `requireTLS` defaulted to false, so whoever sat between Faxdesk and the mail
 * server could strip STARTTLS from its greeting: the SMTP password and the problem description
 * staff typed then went in clear. Now TLS is required by default unless the configured host is
 * this computer (a local relay); FAXDESK_SMTP_REQUIRE_TLS=false still turns it off, by choice.
 *
 * The "server" here is what a man in the middle presents: no STARTTLS, and glad to take a
 * password in clear. It listens on every interface and is named by this machine's host name,
 * which is not loopback by name.
 */
import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createSmtpMailer, smtpOptionsFromEnv } from '../../adapters/mail/index.ts';
import { MailSendError } from '../../src/workflow/mailer.ts';

const PASSWORD = 'mot-de-passe-smtp-du-labo';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function strippedServer() {
  const passwords: string[] = [];
  const messages: string[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      passwords.push(auth.password ?? '');
      callback(null, { user: auth.username });
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, passwords, messages };
}

const MESSAGE = {
  to: 'soutienrqt@ssss.gouv.qc.ca',
  subject: 'Télécopie web – Pages manquantes',
  text: 'La page 3 est arrivée blanche.\n',
};

function envFor(host: string, port: number, extra: Record<string, string> = {}) {
  return {
    FAXDESK_SMTP_HOST: host,
    FAXDESK_SMTP_PORT: String(port),
    FAXDESK_SMTP_USER: 'faxdesk',
    FAXDESK_SMTP_PASS: PASSWORD,
    FAXDESK_SMTP_FROM: 'faxdesk@imagerie-du-parc.test',
    FAXDESK_SMTP_TIMEOUT_MS: '5000',
    ...extra,
  };
}

describe('SMTP requires TLS unless the server is this computer', () => {
  it('refuses to send, password and report, to a server on the network that offers no STARTTLS', async () => {
    const server = await strippedServer();
    const options = smtpOptionsFromEnv(envFor(hostname(), server.port));
    const mailer = createSmtpMailer(options!);
    cleanups.push(() => mailer.close());

    const failure = await mailer.send(MESSAGE).catch((e: unknown) => e);
    expect(server.passwords).toEqual([]);
    expect(server.messages).toEqual([]);
    expect(failure).toBeInstanceOf(MailSendError);
    expect((failure as MailSendError).code).toBe('connection');
    expect(options?.requireTLS).toBe(true);
  });

  it('requires it from a mailer built in code too, and lets a local relay or an explicit choice go without', async () => {
    const server = await strippedServer();
    const inCode = createSmtpMailer({
      host: hostname(),
      port: server.port,
      auth: { user: 'faxdesk', pass: PASSWORD },
      from: 'faxdesk@imagerie-du-parc.test',
      timeoutMs: 5000,
    });
    cleanups.push(() => inCode.close());
    await expect(inCode.send(MESSAGE)).rejects.toBeInstanceOf(MailSendError);
    expect(server.passwords).toEqual([]);

    expect(smtpOptionsFromEnv(envFor('127.0.0.1', server.port))?.requireTLS).toBe(false);
    expect(smtpOptionsFromEnv(envFor('localhost', server.port))?.requireTLS).toBe(false);
    expect(smtpOptionsFromEnv(envFor('smtp.cisss.example', 25))?.requireTLS).toBe(true);
    const chosen = smtpOptionsFromEnv(envFor(hostname(), server.port, { FAXDESK_SMTP_REQUIRE_TLS: 'false' }));
    expect(chosen?.requireTLS).toBe(false);
    const relay = createSmtpMailer(smtpOptionsFromEnv(envFor('127.0.0.1', server.port))!);
    cleanups.push(() => relay.close());
    await relay.send(MESSAGE);
    expect(server.messages).toHaveLength(1);
  });
});
