import { describe, expect, it } from 'vitest';
import { smtpOptionsFromEnv } from '../../adapters/mail/env.ts';

describe('smtpOptionsFromEnv', () => {
  it('is null when no SMTP host is configured', () => {
    expect(smtpOptionsFromEnv({})).toBeNull();
  });

  it('reads host, port, TLS, credentials, sender and timeout', () => {
    expect(
      smtpOptionsFromEnv({
        FAXDESK_SMTP_HOST: 'smtp.example.org',
        FAXDESK_SMTP_PORT: '465',
        FAXDESK_SMTP_SECURE: 'true',
        FAXDESK_SMTP_USER: 'faxdesk',
        FAXDESK_SMTP_PASS: 's3cret',
        FAXDESK_SMTP_FROM: 'faxdesk@example.org',
      }),
    ).toEqual({
      host: 'smtp.example.org',
      port: 465,
      secure: true,
      requireTLS: true,
      auth: { user: 'faxdesk', pass: 's3cret' },
      from: 'faxdesk@example.org',
      timeoutMs: 20_000,
    });
  });

  it('refuses a half-configured or malformed setting with a readable error', () => {
    const base = { FAXDESK_SMTP_HOST: 'smtp.example.org', FAXDESK_SMTP_FROM: 'faxdesk@example.org' };
    expect(() => smtpOptionsFromEnv({ ...base, FAXDESK_SMTP_USER: 'faxdesk' })).toThrow(/USER.*PASS/);
    expect(() => smtpOptionsFromEnv({ ...base, FAXDESK_SMTP_PORT: 'abc' })).toThrow(/FAXDESK_SMTP_PORT/);
    expect(() => smtpOptionsFromEnv({ FAXDESK_SMTP_HOST: 'smtp.example.org' })).toThrow(/FAXDESK_SMTP_FROM/);
  });
});
