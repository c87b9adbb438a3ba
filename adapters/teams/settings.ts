/**
 * The Teams adapter's settings, from the environment. Without an app id and password the
 * bot would run WITHOUT authentication (anyone could post activities to it and it would
 * trust them): that is only allowed in the explicit local mode used by the tests and the
 * Bot Framework Emulator, never by accident — and then on loopback only, since whoever can
 * post an activity names the `serviceUrl` the bot then sends cards to.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../../src/config.ts';
import { isLoopbackHost } from '../shared/loopback.ts';

export interface TeamsSettings {
  /** The bot's Microsoft app id (Entra app registration); null only in local mode. */
  appId: string | null;
  appPassword: string | null;
  /** Single-tenant bots: the organisation's tenant; installs and clicks from other tenants are ignored. */
  tenantId: string | null;
  /** The channel the cards go to and the only one actions are accepted from (`19:…@thread.tacv2`). */
  channelId: string;
  /**
   * TEAMS_TEAM_ID: the team Faxdesk belongs to. Absent or null: the team that holds `channelId`,
   * checked with the Bot Connector when the app is installed (team-binding.ts).
   */
  teamId?: string | null;
  /**
   * TEAMS_SERVICE_URLS: Bot Connector addresses accepted besides Microsoft's own (service-url.ts),
   * e.g. a sovereign cloud's. Absent: Microsoft's known hosts only (and loopback in local mode).
   */
  serviceUrls?: string[];
  port: number;
  /** Interface to listen on for `/api/messages` (a reverse proxy or tunnel brings Teams' requests). */
  host: string;
  /** Where the channel's conversation reference (service URL, tenant) is kept between runs. */
  conversationStorePath: string;
  /** Explicit: no credentials, no authentication. Tests and local tries only. */
  localMode: boolean;
  /** Teams user ids (`29:…`) whose cards refresh automatically; others get a refresh button. */
  refreshUserIds: string[];
  /** Microsoft Graph, read to find a card posted but never recorded (graph.ts); the defaults when absent. */
  graph?: TeamsGraphSettings;
}

/**
 * Reading the channel back through Microsoft Graph (with the app's resource-specific consent):
 * after a crash or a lost answer the outbox looks there for the card before posting it again.
 */
export interface TeamsGraphSettings {
  /** TEAMS_GRAPH=off: never read the channel (a card may then be posted twice after a crash). */
  enabled: boolean;
  /** TEAMS_GRAPH_URL: Graph's root, version included. */
  url: string;
  /** TEAMS_LOGIN_URL: the Microsoft identity platform, where the app gets its Graph token. */
  loginUrl: string;
}

export const DEFAULT_GRAPH: TeamsGraphSettings = {
  enabled: true,
  url: 'https://graph.microsoft.com/v1.0',
  loginUrl: 'https://login.microsoftonline.com',
};

/** `19:…@thread.tacv2` / `@thread.skype`, as Teams names a channel's conversation. */
const CHANNEL_ID = /^19:[^;\s/]+@thread\.[a-z0-9]+$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Accepts the channel id, or the link Teams gives ("Obtenir le lien du canal"), which
 * carries it URL-encoded: `https://teams.microsoft.com/l/channel/19%3A…%40thread.tacv2/…`.
 */
export function parseChannelId(value: string): string | null {
  const trimmed = value.trim();
  if (CHANNEL_ID.test(trimmed)) return trimmed;
  const fromLink = /\/l\/channel\/([^/?#]+)/.exec(trimmed);
  if (!fromLink?.[1]) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(fromLink[1]);
  } catch {
    return null;
  }
  return CHANNEL_ID.test(decoded) ? decoded : null;
}

/** The app's secret and tokens go there: HTTPS, or plain HTTP to this machine (tests, a local stand-in). */
function safeEndpoint(value: string): boolean {
  if (!URL.canParse(value)) return true; // z.url() already says what is wrong
  const url = new URL(value);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

const Endpoint = (fallback: string) =>
  z
    .url('une adresse http(s) est attendue')
    .refine(safeEndpoint, 'https est requis (http seulement vers cette machine)')
    .default(fallback)
    .transform((url) => url.replace(/\/+$/, ''));

const truthy = (v: string | undefined) =>
  v !== undefined && ['1', 'true', 'yes', 'oui'].includes(v.toLowerCase());

const EnvSchema = z.object({
  TEAMS_APP_ID: z.string().regex(GUID, 'un identifiant d’application (GUID) est attendu').optional(),
  TEAMS_APP_PASSWORD: z.string().min(1).optional(),
  TEAMS_TENANT_ID: z.string().regex(GUID, 'un identifiant de locataire (GUID) est attendu').optional(),
  TEAMS_PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  TEAMS_HOST: z.string().min(1).optional(),
  TEAMS_TEAM_ID: z.string().min(1).optional(),
  TEAMS_SERVICE_URLS: z.string().min(1).optional(),
  TEAMS_REFRESH_USER_IDS: z.string().optional(),
  TEAMS_GRAPH: z
    .preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
      z.enum(['on', 'off'], 'on ou off est attendu'),
    )
    .default('on'),
  TEAMS_GRAPH_URL: Endpoint(DEFAULT_GRAPH.url),
  TEAMS_LOGIN_URL: Endpoint(DEFAULT_GRAPH.loginUrl),
});

/**
 * Accepts the team's id (`19:…@thread.tacv2`, the id of its General channel too), or the link
 * Teams gives (« Obtenir le lien de l’équipe »): `https://teams.microsoft.com/l/team/19%3A…/conversations?…`.
 */
export function parseTeamId(value: string): string | null {
  const trimmed = value.trim();
  if (CHANNEL_ID.test(trimmed)) return trimmed;
  const fromLink = /\/l\/team\/([^/?#]+)/.exec(trimmed);
  if (!fromLink?.[1]) return null;
  try {
    const decoded = decodeURIComponent(fromLink[1]);
    return CHANNEL_ID.test(decoded) ? decoded : null;
  } catch {
    return null;
  }
}

/** TEAMS_SERVICE_URLS: comma-separated https addresses (http only to this machine). */
function parseServiceUrls(value: string | undefined): { urls: string[]; wrong: number } {
  const items = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const urls = items.filter((u) => URL.canParse(u) && safeEndpoint(u) && /^https?:/i.test(u));
  return { urls: urls.map((u) => new URL(u).href), wrong: items.length - urls.length };
}

const TEAMS_VARIABLES = [
  'TEAMS_APP_ID',
  'TEAMS_APP_PASSWORD',
  'TEAMS_TENANT_ID',
  'TEAMS_CHANNEL_ID',
  'TEAMS_LOCAL_MODE',
] as const;

/**
 * Null when Teams is not configured at all (none of its variables set). ConfigError, in
 * French and naming the variable, when it is half-configured or wrong — in particular when
 * credentials are missing and TEAMS_LOCAL_MODE is not explicitly set.
 */
export function teamsSettingsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  home: string = resolve(env.FAXDESK_HOME || './data'),
): TeamsSettings | null {
  const set = (name: string) => env[name] !== undefined && env[name] !== '';
  if (!TEAMS_VARIABLES.some(set)) return null;
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(clean);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `- ${String(i.path[0] ?? '')} : ${i.message}`);
    throw new ConfigError(`Configuration Teams invalide :\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const localMode = truthy(env.TEAMS_LOCAL_MODE);
  const problems: string[] = [];
  if (!localMode) {
    if (!e.TEAMS_APP_ID || !e.TEAMS_APP_PASSWORD) {
      problems.push(
        '- TEAMS_APP_ID et TEAMS_APP_PASSWORD sont requis : sans eux, le robot accepterait des requêtes ' +
          'non authentifiées. (TEAMS_LOCAL_MODE=1 seulement pour un essai local, jamais en production.)',
      );
    }
    if (!e.TEAMS_TENANT_ID) {
      problems.push(
        '- TEAMS_TENANT_ID est requis (robot à locataire unique : l’identifiant du locataire Entra).',
      );
    }
  } else if (e.TEAMS_APP_ID && !e.TEAMS_APP_PASSWORD) {
    problems.push('- TEAMS_APP_PASSWORD est requis quand TEAMS_APP_ID est fourni.');
  }
  // Local mode authenticates nobody: it listens to this computer only.
  const host = e.TEAMS_HOST ?? (localMode ? '127.0.0.1' : '0.0.0.0');
  if (localMode && !isLoopbackHost(host)) {
    problems.push(
      `- TEAMS_HOST=${host} : le mode local (TEAMS_LOCAL_MODE) n’authentifie personne et n’écoute que ` +
        'cet ordinateur : laissez TEAMS_HOST vide ou mettez 127.0.0.1.',
    );
  }
  const teamId = e.TEAMS_TEAM_ID ? parseTeamId(e.TEAMS_TEAM_ID) : null;
  if (e.TEAMS_TEAM_ID && !teamId) {
    problems.push(
      '- TEAMS_TEAM_ID : identifiant d’équipe Teams (19:…@thread.tacv2) ou lien « Obtenir le lien de l’équipe » attendu.',
    );
  }
  const serviceUrls = parseServiceUrls(e.TEAMS_SERVICE_URLS);
  if (serviceUrls.wrong > 0) {
    problems.push(
      '- TEAMS_SERVICE_URLS : adresses https://… séparées par des virgules (http seulement vers cette machine).',
    );
  }
  const channelId = env.TEAMS_CHANNEL_ID ? parseChannelId(env.TEAMS_CHANNEL_ID) : null;
  if (!env.TEAMS_CHANNEL_ID) {
    problems.push(
      '- TEAMS_CHANNEL_ID est requis : le canal où publier les fiches (son identifiant 19:…@thread.tacv2, ' +
        'ou le lien « Obtenir le lien du canal »).',
    );
  } else if (!channelId) {
    problems.push(
      '- TEAMS_CHANNEL_ID : identifiant de canal Teams (19:…@thread.tacv2) ou lien de canal attendu.',
    );
  }
  if (problems.length > 0 || !channelId) {
    throw new ConfigError(`Configuration Teams incomplète :\n${problems.join('\n')}`);
  }
  const refreshUserIds = (e.TEAMS_REFRESH_USER_IDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (refreshUserIds.length > 60) {
    throw new ConfigError('TEAMS_REFRESH_USER_IDS : 60 utilisateurs au plus (limite de Teams).');
  }
  return {
    appId: e.TEAMS_APP_ID ?? null,
    appPassword: e.TEAMS_APP_PASSWORD ?? null,
    tenantId: e.TEAMS_TENANT_ID ?? null,
    channelId,
    teamId,
    serviceUrls: serviceUrls.urls,
    port: e.TEAMS_PORT,
    host,
    conversationStorePath: resolve(home, 'teams-conversation.json'),
    localMode,
    refreshUserIds,
    graph: { enabled: e.TEAMS_GRAPH === 'on', url: e.TEAMS_GRAPH_URL, loginUrl: e.TEAMS_LOGIN_URL },
  };
}

/**
 * The same refusals, for settings built in code: no credentials without local mode, and local
 * mode on loopback only.
 */
export function assertTeamsCredentials(settings: TeamsSettings): void {
  if (settings.localMode) {
    if (!isLoopbackHost(settings.host)) {
      throw new ConfigError(
        `Teams : le mode local (sans authentification) refuse d’écouter sur ${settings.host} : ` +
          'seulement sur 127.0.0.1 (TEAMS_HOST).',
      );
    }
    return;
  }
  if (!settings.appId || !settings.appPassword || !settings.tenantId) {
    throw new ConfigError(
      'Teams : TEAMS_APP_ID, TEAMS_APP_PASSWORD et TEAMS_TENANT_ID sont requis hors du mode local ' +
        '(TEAMS_LOCAL_MODE=1, pour les essais seulement).',
    );
  }
}
