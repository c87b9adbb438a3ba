/** The mailbox settings: a half-configured mailbox is a clear error at start-up. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { mailSettings, senderAllowed } from '../../adapters/inbox/mail/settings.ts';

const base = { FAXDESK_HOME: '/tmp/faxdesk-settings-test' };

describe('mailbox settings', () => {
  it('none without FAXDESK_MAIL_URL', () => {
    expect(mailSettings(loadConfig(base))).toBeNull();
  });

  it('imaps with a password: TLS, INBOX, the default folders', () => {
    const s = mailSettings(
      loadConfig({
        ...base,
        FAXDESK_MAIL_URL: 'imaps://fax@hopital.example@mail.hopital.example/INBOX',
        FAXDESK_MAIL_PASSWORD: 'p',
      }),
    )!;
    expect(s).toMatchObject({
      host: 'mail.hopital.example',
      port: 993,
      secure: true,
      mailbox: 'INBOX',
      auth: { kind: 'password', user: 'fax@hopital.example' },
      doneFolder: ['Faxdesk', 'Traités'],
      reviewFolder: ['Faxdesk', 'À vérifier'],
      pollMs: 60_000,
      alertMs: 15 * 60_000,
    });
  });

  it('imap:// to another machine requires STARTTLS; on this machine it may be plain', () => {
    const remote = mailSettings(
      loadConfig({ ...base, FAXDESK_MAIL_URL: 'imap://fax@mail.example/INBOX', FAXDESK_MAIL_PASSWORD: 'p' }),
    )!;
    const local = mailSettings(
      loadConfig({
        ...base,
        FAXDESK_MAIL_URL: 'imap://fax@127.0.0.1:1143/INBOX',
        FAXDESK_MAIL_PASSWORD: 'p',
      }),
    )!;
    expect(remote).toMatchObject({ secure: false, requireStartTls: true, port: 143 });
    expect(local).toMatchObject({ secure: false, requireStartTls: false, port: 1143 });
  });

  it('Microsoft 365: the three OAuth settings together, or an error naming them', () => {
    const url = 'imaps://fax@hopital.example@outlook.office365.com/INBOX';
    const s = mailSettings(
      loadConfig({
        ...base,
        FAXDESK_MAIL_URL: url,
        FAXDESK_MAIL_TENANT_ID: 't',
        FAXDESK_MAIL_CLIENT_ID: 'c',
        FAXDESK_MAIL_CLIENT_SECRET: 's',
      }),
    )!;
    expect(s.auth).toEqual({
      kind: 'oauth',
      user: 'fax@hopital.example',
      tenantId: 't',
      clientId: 'c',
      clientSecret: 's',
    });
    expect(() =>
      mailSettings(loadConfig({ ...base, FAXDESK_MAIL_URL: url, FAXDESK_MAIL_TENANT_ID: 't' })),
    ).toThrow(/FAXDESK_MAIL_CLIENT_ID/);
    expect(() => mailSettings(loadConfig({ ...base, FAXDESK_MAIL_URL: url }))).toThrow(ConfigError);
  });

  it('refuses a password in the address, and addresses that are not IMAP', () => {
    expect(() =>
      mailSettings(
        loadConfig({
          ...base,
          FAXDESK_MAIL_URL: 'imaps://fax:secret@mail.example/INBOX',
          FAXDESK_MAIL_PASSWORD: 'p',
        }),
      ),
    ).toThrow(/FAXDESK_MAIL_PASSWORD/);
    expect(() => loadConfig({ ...base, FAXDESK_MAIL_URL: 'https://mail.example/' })).toThrow(
      /FAXDESK_MAIL_URL/,
    );
  });

  it('allowed senders: addresses and @domains, case-insensitive', () => {
    const s = { allowedSenders: ['fax@rightfax.example', '@xmedius.example'] };
    expect(senderAllowed(s, 'FAX@RightFax.example')).toBe(true);
    expect(senderAllowed(s, 'out@xmedius.example')).toBe(true);
    expect(senderAllowed(s, 'someone@else.example')).toBe(false);
    expect(senderAllowed(s, null)).toBe(false);
    expect(senderAllowed({ allowedSenders: [] }, null)).toBe(true);
  });
});
