/**
 * The console's settings, from the environment. The console is the embedded default: with
 * nothing set it listens on 127.0.0.1:8640 for the person at this computer. Every request
 * needs the access token, on loopback too (on a shared workstation or a terminal server any
 * local user could otherwise read every fax and act in the console user's name): without
 * FAXDESK_CONSOLE_TOKEN one is generated at first start and kept under FAXDESK_HOME
 * (console-token.ts). Listening beyond loopback exposes the console to the network, so a
 * token chosen by the administrator is then required.
 */
import { userInfo } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../src/config.ts';
import { isLoopbackHost } from '../shared/loopback.ts';

export interface ConsoleSettings {
  host: string;
  /** 0 picks a free port (tests). */
  port: number;
  /**
   * FAXDESK_CONSOLE_TOKEN; required unless `host` is a loopback address. Null: the token
   * generated at first start and kept in `stateDir` (console-token.ts).
   */
  token: string | null;
  /** Where the generated token and the clerk's sign-in file are kept (FAXDESK_HOME). */
  stateDir: string;
  /** Display name of the person using the console: shown in the cards' history. */
  userName: string;
  /**
   * The address clerks open through a reverse proxy (`https://faxdesk.hopital.example/`): its
   * host is accepted in the Host header, its origin for changes, and `https` makes the login
   * cookie `Secure`. Null or absent: the console's own address only.
   */
  publicUrl?: string | null;
  /** Live streams (Server-Sent Events) open at once: in all, and from one client address. */
  maxStreams?: number;
  maxStreamsPerClient?: number;
}

export const CONSOLE_ENV = {
  host: 'FAXDESK_CONSOLE_HOST',
  port: 'FAXDESK_CONSOLE_PORT',
  token: 'FAXDESK_CONSOLE_TOKEN',
  user: 'FAXDESK_CONSOLE_USER',
  publicUrl: 'FAXDESK_CONSOLE_PUBLIC_URL',
  maxStreams: 'FAXDESK_CONSOLE_MAX_STREAMS',
  maxStreamsPerClient: 'FAXDESK_CONSOLE_MAX_STREAMS_PER_CLIENT',
} as const;

export const DEFAULT_CONSOLE_PORT = 8640;
export const MIN_TOKEN_CHARS = 16;
/** A clerk keeps a few tabs open; a whole ward behind one proxy address needs more (raise it then). */
export const DEFAULT_MAX_STREAMS = 100;
export const DEFAULT_MAX_STREAMS_PER_CLIENT = 10;

const Schema = z.object({
  host: z.string().trim().min(1).max(255).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_CONSOLE_PORT),
  token: z.string().trim().min(MIN_TOKEN_CHARS).max(512).optional(),
  user: z.string().trim().min(1).max(100).optional(),
  publicUrl: z
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'http(s) attendu')
    .optional(),
  maxStreams: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_MAX_STREAMS),
  maxStreamsPerClient: z.coerce.number().int().min(1).max(10_000).default(DEFAULT_MAX_STREAMS_PER_CLIENT),
});

export { isLoopbackHost };

function defaultUserName(): string {
  try {
    const name = userInfo().username.trim();
    return name.length > 0 ? name : 'console';
  } catch {
    return 'console';
  }
}

const HINTS: Record<string, string> = {
  token: `au moins ${MIN_TOKEN_CHARS} caractères (par exemple : openssl rand -hex 24)`,
  port: 'un numéro de port entre 0 et 65535',
  publicUrl: 'l’adresse https://… que les commis ouvrent (celle du mandataire inverse)',
  maxStreams: 'un nombre entier entre 1 et 10000',
  maxStreamsPerClient: 'un nombre entier entre 1 et 10000',
};

/**
 * Always returns settings (the console needs none to run). Throws ConfigError, naming the
 * variable, for a bad value or a network-facing address without a token. `home` is
 * FAXDESK_HOME, where a generated token is kept.
 */
export function consoleSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  home: string = resolve(env.FAXDESK_HOME || './data'),
): ConsoleSettings {
  const value = (name: string) => (env[name] === '' ? undefined : env[name]);
  const parsed = Schema.safeParse({
    host: value(CONSOLE_ENV.host),
    port: value(CONSOLE_ENV.port),
    token: value(CONSOLE_ENV.token),
    user: value(CONSOLE_ENV.user),
    publicUrl: value(CONSOLE_ENV.publicUrl),
    maxStreams: value(CONSOLE_ENV.maxStreams),
    maxStreamsPerClient: value(CONSOLE_ENV.maxStreamsPerClient),
  });
  if (!parsed.success) {
    const names: Record<string, string> = CONSOLE_ENV;
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '');
      return `- ${names[key] ?? key} : ${HINTS[key] ?? issue.message}`;
    });
    throw new ConfigError(`Configuration de la console invalide :\n${lines.join('\n')}`);
  }
  const d = parsed.data;
  return checkConsoleSettings({
    host: d.host,
    port: d.port,
    token: d.token ?? null,
    stateDir: resolve(home),
    userName: d.user ?? defaultUserName(),
    publicUrl: d.publicUrl ?? null,
    maxStreams: d.maxStreams,
    maxStreamsPerClient: Math.min(d.maxStreamsPerClient, d.maxStreams),
  });
}

/** The rule that holds however the settings were made: no network-facing console without a chosen token. */
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

/** Where the token generated at first start is kept (mode 0600). */
export function consoleTokenFile(settings: Pick<ConsoleSettings, 'stateDir'>): string {
  return join(settings.stateDir, 'console-token');
}

/** The page that signs the clerk in (mode 0600, rewritten at each start: it names the port). */
export function consoleSignInFile(settings: Pick<ConsoleSettings, 'stateDir'>): string {
  return join(settings.stateDir, 'console-login.html');
}
