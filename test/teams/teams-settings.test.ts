/**
 * Teams settings and start-up: never without authentication unless local mode is asked for,
 * explicitly; and with credentials, an unauthenticated request to /api/messages is refused.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../adapters/teams/adapter.ts';
import { parseChannelId, teamsSettingsFromEnv } from '../../adapters/teams/settings.ts';
import { ConfigError } from '../../src/config.ts';
import { silentLogger } from '../../src/log.ts';
import { openTempStore } from '../workflow/helpers.ts';
import { CHANNEL, TENANT, teamInstall } from './teams-activities.ts';

const APP_ID = '0b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d';
const LINK =
  'https://teams.microsoft.com/l/channel/19%3Aimagerie-general%40thread.tacv2/G%C3%A9n%C3%A9ral' +
  `?groupId=11111111-2222-3333-4444-555555555555&tenantId=${TENANT}`;

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('teamsSettingsFromEnv', () => {
  it('is null when Teams is not configured', () => {
    expect(teamsSettingsFromEnv({})).toBeNull();
  });

  it('refuses a configuration without credentials unless local mode is explicitly set', () => {
    expect(() => teamsSettingsFromEnv({ TEAMS_CHANNEL_ID: CHANNEL })).toThrow(ConfigError);
    expect(() => teamsSettingsFromEnv({ TEAMS_CHANNEL_ID: CHANNEL })).toThrow(/TEAMS_APP_ID/);
    expect(() =>
      teamsSettingsFromEnv({ TEAMS_CHANNEL_ID: CHANNEL, TEAMS_APP_ID: APP_ID, TEAMS_TENANT_ID: TENANT }),
    ).toThrow(/TEAMS_APP_PASSWORD/);
    expect(() => teamsSettingsFromEnv({ TEAMS_CHANNEL_ID: CHANNEL, TEAMS_LOCAL_MODE: '0' })).toThrow(
      ConfigError,
    );
    const local = teamsSettingsFromEnv({ TEAMS_CHANNEL_ID: CHANNEL, TEAMS_LOCAL_MODE: '1' }, '/srv/faxdesk');
    expect(local).toMatchObject({
      localMode: true,
      appId: null,
      port: 3978,
      channelId: CHANNEL,
      conversationStorePath: '/srv/faxdesk/teams-conversation.json',
    });
  });

  it('reads a production configuration, and takes the channel link Teams gives', () => {
    const settings = teamsSettingsFromEnv({
      TEAMS_APP_ID: APP_ID,
      TEAMS_APP_PASSWORD: 'secret',
      TEAMS_TENANT_ID: TENANT,
      TEAMS_CHANNEL_ID: LINK,
      TEAMS_PORT: '8080',
    });
    expect(settings).toMatchObject({
      appId: APP_ID,
      tenantId: TENANT,
      channelId: CHANNEL,
      port: 8080,
      localMode: false,
    });
  });

  it('names the variable that is wrong', () => {
    const env = { TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'x', TEAMS_TENANT_ID: TENANT };
    expect(() => teamsSettingsFromEnv(env)).toThrow(/TEAMS_CHANNEL_ID est requis/);
    expect(() => teamsSettingsFromEnv({ ...env, TEAMS_CHANNEL_ID: 'général' })).toThrow(/TEAMS_CHANNEL_ID/);
    expect(() =>
      teamsSettingsFromEnv({ ...env, TEAMS_CHANNEL_ID: CHANNEL, TEAMS_APP_ID: 'faxdesk' }),
    ).toThrow(/TEAMS_APP_ID/);
    expect(() => teamsSettingsFromEnv({ ...env, TEAMS_CHANNEL_ID: CHANNEL, TEAMS_PORT: 'http' })).toThrow(
      /TEAMS_PORT/,
    );
  });

  it('reads Microsoft Graph on by default, at Microsoft’s endpoints; TEAMS_GRAPH=off turns it off', () => {
    const env = { TEAMS_CHANNEL_ID: CHANNEL, TEAMS_LOCAL_MODE: '1' };
    expect(teamsSettingsFromEnv(env)?.graph).toEqual({
      enabled: true,
      url: 'https://graph.microsoft.com/v1.0',
      loginUrl: 'https://login.microsoftonline.com',
    });
    expect(
      teamsSettingsFromEnv({
        ...env,
        TEAMS_GRAPH: 'OFF',
        TEAMS_GRAPH_URL: 'http://127.0.0.1:8081/v1.0/',
        TEAMS_LOGIN_URL: 'https://login.microsoftonline.us',
      })?.graph,
    ).toEqual({
      enabled: false,
      url: 'http://127.0.0.1:8081/v1.0',
      loginUrl: 'https://login.microsoftonline.us',
    });
    expect(() => teamsSettingsFromEnv({ ...env, TEAMS_GRAPH: 'peut-être' })).toThrow(/TEAMS_GRAPH/);
    // The app's secret goes to the login URL: never in clear over the network.
    expect(() => teamsSettingsFromEnv({ ...env, TEAMS_LOGIN_URL: 'http://login.example.org' })).toThrow(
      /TEAMS_LOGIN_URL : https est requis/,
    );
    expect(() => teamsSettingsFromEnv({ ...env, TEAMS_GRAPH_URL: 'graph' })).toThrow(/TEAMS_GRAPH_URL/);
  });

  it('parses channel ids and links', () => {
    expect(parseChannelId(CHANNEL)).toBe(CHANNEL);
    expect(parseChannelId(LINK)).toBe(CHANNEL);
    expect(parseChannelId('19:abc@thread.tacv2;messageid=123')).toBeNull();
    expect(parseChannelId('https://example.org/')).toBeNull();
  });
});

describe('Teams adapter start-up', () => {
  const deps = () => ({
    store: openTempStore(),
    handleAction: async () => ({ ok: false as const, code: 'invalid' as const, message: 'non' }),
    log: silentLogger,
    lang: 'fr' as const,
  });
  const dir = () => mkdtempSync(join(tmpdir(), 'faxdesk-teams-'));
  const base = () => ({
    appId: null,
    appPassword: null,
    tenantId: null,
    channelId: CHANNEL,
    port: 0,
    host: '127.0.0.1',
    conversationStorePath: join(dir(), 'teams-conversation.json'),
    localMode: false,
    refreshUserIds: [],
  });

  it('refuses to start without credentials outside local mode', () => {
    expect(() => createTeamsAdapter(base(), deps())).toThrow(ConfigError);
  });

  it('with credentials, refuses requests that carry no Bot Framework token', async () => {
    const adapter = createTeamsAdapter(
      { ...base(), appId: APP_ID, appPassword: 'secret', tenantId: TENANT },
      deps(),
    );
    await adapter.start();
    stops.push(() => adapter.stop());
    const res = await fetch(`http://127.0.0.1:${adapter.port()}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(teamInstall('http://127.0.0.1:9/')),
    });
    expect(res.status).toBe(401);
  });

  it('answers only POST /api/messages', async () => {
    const adapter = createTeamsAdapter({ ...base(), localMode: true }, deps());
    await adapter.start();
    stops.push(() => adapter.stop());
    const url = `http://127.0.0.1:${adapter.port()}`;
    expect((await fetch(`${url}/api/messages`)).status).toBe(405);
    expect((await fetch(`${url}/`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await fetch(`${url}/api/messages`, { method: 'POST', body: 'not json' })).status).toBe(400);
  });
});
