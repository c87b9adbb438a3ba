/**
 * SMTP settings from the environment, for whoever wires the mailer at start-up:
 *   FAXDESK_SMTP_HOST (required to enable mail), FAXDESK_SMTP_PORT (587),
 *   FAXDESK_SMTP_SECURE (false; true for port 465), FAXDESK_SMTP_REQUIRE_TLS (true, unless the
 *   host is this computer: a STARTTLS stripped on the way would send the password and the
 *   problem description in clear),
 *   FAXDESK_SMTP_USER / FAXDESK_SMTP_PASS (both or neither), FAXDESK_SMTP_FROM (required),
 *   FAXDESK_SMTP_TIMEOUT_MS (20000).
 */
import { z } from 'zod';
import { isLoopbackHost } from '../shared/loopback.ts';
import type { SmtpMailerOptions } from './smtp.ts';

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const SmtpEnv = z
  .object({
    FAXDESK_SMTP_HOST: z.string().min(1),
    FAXDESK_SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    FAXDESK_SMTP_SECURE: flag.default(false),
    FAXDESK_SMTP_REQUIRE_TLS: flag.optional(),
    FAXDESK_SMTP_USER: z.string().min(1).optional(),
    FAXDESK_SMTP_PASS: z.string().min(1).optional(),
    FAXDESK_SMTP_FROM: z.string().min(3),
    FAXDESK_SMTP_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  })
  .refine((e) => (e.FAXDESK_SMTP_USER === undefined) === (e.FAXDESK_SMTP_PASS === undefined), {
    message: 'FAXDESK_SMTP_USER and FAXDESK_SMTP_PASS go together',
  });

/** Null when FAXDESK_SMTP_HOST is unset (mail not configured); throws a readable error when set but invalid. */
export function smtpOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpMailerOptions | null {
  if (!env.FAXDESK_SMTP_HOST) return null;
  const parsed = SmtpEnv.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'SMTP'}: ${i.message}`).join('; ');
    throw new Error(`Configuration SMTP invalide : ${problems}`);
  }
  const e = parsed.data;
  return {
    host: e.FAXDESK_SMTP_HOST,
    port: e.FAXDESK_SMTP_PORT,
    secure: e.FAXDESK_SMTP_SECURE,
    requireTLS: e.FAXDESK_SMTP_REQUIRE_TLS ?? !isLoopbackHost(e.FAXDESK_SMTP_HOST),
    auth:
      e.FAXDESK_SMTP_USER !== undefined && e.FAXDESK_SMTP_PASS !== undefined
        ? { user: e.FAXDESK_SMTP_USER, pass: e.FAXDESK_SMTP_PASS }
        : undefined,
    from: e.FAXDESK_SMTP_FROM,
    timeoutMs: e.FAXDESK_SMTP_TIMEOUT_MS,
  };
}
