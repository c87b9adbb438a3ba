/**
 * The Slack adapter's settings, from the environment. Slack is configured when any of its
 * variables is set; then the bot token and the channel are required, plus either an app-level
 * token (Socket Mode: Faxdesk connects out to Slack, nothing to expose) or the signing secret
 * (HTTP mode: Slack calls Faxdesk's own endpoint, every request signed).
 */
import { z } from 'zod';
import { ConfigError } from '../../src/config.ts';
import type { ActionPolicyConfig } from '../../src/workflow/index.ts';

export const SLACK_ENV = {
  botToken: 'SLACK_BOT_TOKEN',
  signingSecret: 'SLACK_SIGNING_SECRET',
  appToken: 'SLACK_APP_TOKEN',
  channelId: 'SLACK_CHANNEL_ID',
  allowedUsers: 'SLACK_ALLOWED_USERS',
  port: 'SLACK_PORT',
  host: 'SLACK_HOST',
  path: 'SLACK_PATH',
  apiUrl: 'SLACK_API_URL',
} as const;

export const DEFAULT_SLACK_PORT = 3000;
export const DEFAULT_SLACK_PATH = '/slack/events';

export type SlackMode =
  | { kind: 'socket'; appToken: string }
  | {
      kind: 'http';
      signingSecret: string;
      /** 0 picks a free port (tests). */
      port: number;
      /** Interface to listen on; all of them when absent (Slack must reach it, usually through a proxy). */
      host?: string;
      path: string;
    };

export interface SlackSettings {
  botToken: string;
  /** Where the cards go; actions are accepted only from it. A channel id (C…/G…), not a name. */
  channelId: string;
  /** Slack user ids allowed to act; empty: anyone in the channel. */
  allowedUsers: string[];
  mode: SlackMode;
  /** Another Web API base URL (a stand-in in tests); Slack's own when absent. */
  apiUrl?: string;
}

const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;
const USER_ID = /^[UW][A-Z0-9]{6,}$/;

const Schema = z.object({
  botToken: z
    .string()
    .trim()
    .regex(/^xoxb-[\w-]+$/, 'jeton de robot attendu (xoxb-…)'),
  appToken: z
    .string()
    .trim()
    .regex(/^xapp-[\w-]+$/, 'jeton d’application attendu (xapp-…)')
    .optional(),
  signingSecret: z.string().trim().min(16, 'secret de signature trop court').optional(),
  channelId: z
    .string()
    .trim()
    .regex(CHANNEL_ID, 'identifiant de canal attendu (C0123ABCD), pas le nom du canal'),
  allowedUsers: z
    .string()
    .optional()
    .transform((v) =>
      (v ?? '')
        .split(',')
        .map((u) => u.trim())
        .filter((u) => u !== ''),
    )
    .pipe(
      z.array(
        z
          .string()
          .regex(USER_ID, 'identifiants d’utilisateurs attendus (U0123ABCD), séparés par des virgules'),
      ),
    ),
  port: z.coerce.number().int().min(0).max(65_535).default(DEFAULT_SLACK_PORT),
  host: z.string().trim().min(1).max(255).optional(),
  path: z
    .string()
    .trim()
    .regex(/^\/[\w\-./]*$/, 'chemin attendu, commençant par « / »')
    .default(DEFAULT_SLACK_PATH),
  apiUrl: z.url({ protocol: /^https?$/ }).optional(),
});

const KEY_TO_ENV: Record<string, string> = SLACK_ENV;

/**
 * Null when no Slack variable is set. Throws ConfigError, naming the variable, when Slack is
 * half-configured or a value is wrong.
 */
export function slackSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SlackSettings | null {
  const value = (name: string) => {
    const v = env[name]?.trim();
    return v === '' ? undefined : v;
  };
  const credentials = [SLACK_ENV.botToken, SLACK_ENV.appToken, SLACK_ENV.signingSecret, SLACK_ENV.channelId];
  if (credentials.every((name) => value(name) === undefined)) return null;

  const missing: string[] = [SLACK_ENV.botToken, SLACK_ENV.channelId].filter(
    (name) => value(name) === undefined,
  );
  if (value(SLACK_ENV.appToken) === undefined && value(SLACK_ENV.signingSecret) === undefined) {
    missing.push(`${SLACK_ENV.appToken} (Socket Mode) ou ${SLACK_ENV.signingSecret} (mode HTTP)`);
  }
  if (missing.length > 0) {
    throw new ConfigError(`Configuration Slack incomplète : il manque ${missing.join(', ')}.`);
  }

  const parsed = Schema.safeParse({
    botToken: value(SLACK_ENV.botToken),
    appToken: value(SLACK_ENV.appToken),
    signingSecret: value(SLACK_ENV.signingSecret),
    channelId: value(SLACK_ENV.channelId),
    allowedUsers: value(SLACK_ENV.allowedUsers),
    port: value(SLACK_ENV.port),
    host: value(SLACK_ENV.host),
    path: value(SLACK_ENV.path),
    apiUrl: value(SLACK_ENV.apiUrl),
  });
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (i) => `${KEY_TO_ENV[String(i.path[0])] ?? 'Slack'} : ${i.message}`,
    );
    throw new ConfigError(`Configuration Slack invalide — ${problems.join(' ; ')}.`);
  }
  const s = parsed.data;
  const mode: SlackMode =
    s.appToken !== undefined
      ? { kind: 'socket', appToken: s.appToken }
      : {
          kind: 'http',
          // Checked above: without an app token the signing secret is there.
          signingSecret: s.signingSecret ?? '',
          port: s.port,
          ...(s.host !== undefined ? { host: s.host } : {}),
          path: s.path,
        };
  return {
    botToken: s.botToken,
    channelId: s.channelId,
    allowedUsers: s.allowedUsers,
    mode,
    ...(s.apiUrl !== undefined ? { apiUrl: s.apiUrl } : {}),
  };
}

/** What the workflow's action policy needs from these settings (the lead wires it). */
export function slackPolicyConfig(settings: SlackSettings): ActionPolicyConfig {
  return { channelId: settings.channelId, platform: 'slack', userIds: settings.allowedUsers };
}
