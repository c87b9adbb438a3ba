/**
 * The console's settings, from the environment. The console is the embedded default: with
 * nothing set it listens on 127.0.0.1:8640 for the person at this computer. Listening on
 * anything else exposes patient data to the network, so a login token is then required.
 */
import { userInfo } from 'node:os';
import { z } from 'zod';
import { ConfigError } from '../../src/config.ts';

export interface ConsoleSettings {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /** Required unless `host` is a loopback address; checked on every request. */
  token: string | null;
  /** Display name of the person using the console: shown in the cards' history. */
  userName: string;
}

export const CONSOLE_ENV = {
  host: 'FAXDESK_CONSOLE_HOST',
  port: 'FAXDESK_CONSOLE_PORT',
  token: 'FAXDESK_CONSOLE_TOKEN',
  user: 'FAXDESK_CONSOLE_USER',
} as const;

export const DEFAULT_CONSOLE_PORT = 8640;
const MIN_TOKEN_CHARS = 16;

const Schema = z.object({
  host: z.string().trim().min(1).max(255).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_CONSOLE_PORT),
  token: z.string().trim().min(MIN_TOKEN_CHARS).max(512).optional(),
  user: z.string().trim().min(1).max(100).optional(),
});

/** 127.0.0.0/8, ::1 and localhost: only this computer can connect. */
export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

function defaultUserName(): string {
  try {
    const name = userInfo().username.trim();
    return name.length > 0 ? name : 'console';
  } catch {
    return 'console';
  }
}

/**
 * Always returns settings (the console needs none to run). Throws ConfigError, naming the
 * variable, for a bad value or a network-facing address without a token.
 */
export function consoleSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ConsoleSettings {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  const parsed = Schema.safeParse({
    host: value(CONSOLE_ENV.host),
    port: value(CONSOLE_ENV.port),
    token: value(CONSOLE_ENV.token),
    user: value(CONSOLE_ENV.user),
  });
  if (!parsed.success) {
    const names: Record<string, string> = CONSOLE_ENV;
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      const hint =
        key === 'token'
          ? `au moins ${MIN_TOKEN_CHARS} caractères (par exemple : openssl rand -hex 24)`
          : key === 'port'
            ? 'un numéro de port entre 0 et 65535'
            : issue.message;
      return `- ${names[key] ?? key} : ${hint}`;
    });
    throw new ConfigError(`Configuration de la console invalide :\n${lines.join('\n')}`);
  }
  return checkConsoleSettings({
    host: parsed.data.host,
    port: parsed.data.port,
    token: parsed.data.token ?? null,
    userName: parsed.data.user ?? defaultUserName(),
  });
}

/** The rule that holds however the settings were made: no network-facing console without a token. */
export function checkConsoleSettings(settings: ConsoleSettings): ConsoleSettings {
  if (
    !isLoopbackHost(settings.host) &&
    (settings.token === null || settings.token.length < MIN_TOKEN_CHARS)
  ) {
    throw new ConfigError(
      `La console écoute sur ${settings.host}, une adresse accessible depuis le réseau : ` +
        `définissez ${CONSOLE_ENV.token} (au moins ${MIN_TOKEN_CHARS} caractères) pour en protéger l’accès, ` +
        `ou laissez ${CONSOLE_ENV.host} à 127.0.0.1.`,
    );
  }
  return settings;
}
