/** Slack's settings from the environment, and the app manifest handed to Slack. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HISTORY_SCOPES } from '../../adapters/slack/posted.ts';
import { slackPolicyConfig, slackSettingsFromEnv } from '../../adapters/slack/settings.ts';
import { ConfigError } from '../../src/config.ts';

const BOT = 'xoxb-1111-2222-abcdef';
const APP = 'xapp-1-A0FAX-3333-abcdef';
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';

describe('slackSettingsFromEnv', () => {
  it('is null when nothing about Slack is set', () => {
    expect(slackSettingsFromEnv({})).toBeNull();
    expect(slackSettingsFromEnv({ SLACK_PORT: '3001', SLACK_BOT_TOKEN: '' })).toBeNull();
  });

  it('chooses Socket Mode when an app token is set', () => {
    const s = slackSettingsFromEnv({
      SLACK_BOT_TOKEN: BOT,
      SLACK_APP_TOKEN: APP,
      SLACK_CHANNEL_ID: 'C0FAXDESK',
      SLACK_ALLOWED_USERS: ' U01MARIE, U02JULIEN ,',
    });
    expect(s).toEqual({
      botToken: BOT,
      channelId: 'C0FAXDESK',
      allowedUsers: ['U01MARIE', 'U02JULIEN'],
      mode: { kind: 'socket', appToken: APP },
    });
    expect(s && slackPolicyConfig(s)).toEqual({
      channelId: 'C0FAXDESK',
      platform: 'slack',
      userIds: ['U01MARIE', 'U02JULIEN'],
    });
  });

  it('chooses HTTP mode with the signing secret, on port 3000 and /slack/events by default', () => {
    const s = slackSettingsFromEnv({
      SLACK_BOT_TOKEN: BOT,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_CHANNEL_ID: 'G0PRIVATE1',
      SLACK_API_URL: 'http://127.0.0.1:9999/api/',
    });
    expect(s).toMatchObject({
      allowedUsers: [],
      mode: { kind: 'http', signingSecret: SECRET, port: 3000, path: '/slack/events' },
      apiUrl: 'http://127.0.0.1:9999/api/',
    });
  });

  it('names what is missing when Slack is half-configured', () => {
    expect(() => slackSettingsFromEnv({ SLACK_BOT_TOKEN: BOT })).toThrow(ConfigError);
    expect(() => slackSettingsFromEnv({ SLACK_BOT_TOKEN: BOT })).toThrow(/SLACK_CHANNEL_ID/);
    expect(() => slackSettingsFromEnv({ SLACK_BOT_TOKEN: BOT, SLACK_CHANNEL_ID: 'C0FAXDESK' })).toThrow(
      /SLACK_APP_TOKEN .*SLACK_SIGNING_SECRET/,
    );
    expect(() => slackSettingsFromEnv({ SLACK_APP_TOKEN: APP, SLACK_CHANNEL_ID: 'C0FAXDESK' })).toThrow(
      /SLACK_BOT_TOKEN/,
    );
  });

  it('refuses wrong values, naming the variable', () => {
    const base = { SLACK_BOT_TOKEN: BOT, SLACK_APP_TOKEN: APP, SLACK_CHANNEL_ID: 'C0FAXDESK' };
    expect(() => slackSettingsFromEnv({ ...base, SLACK_CHANNEL_ID: '#faxes' })).toThrow(
      /SLACK_CHANNEL_ID.*nom du canal/,
    );
    expect(() => slackSettingsFromEnv({ ...base, SLACK_BOT_TOKEN: APP })).toThrow(/SLACK_BOT_TOKEN/);
    expect(() => slackSettingsFromEnv({ ...base, SLACK_APP_TOKEN: BOT })).toThrow(/SLACK_APP_TOKEN/);
    expect(() => slackSettingsFromEnv({ ...base, SLACK_ALLOWED_USERS: 'marie' })).toThrow(
      /SLACK_ALLOWED_USERS/,
    );
    expect(() => slackSettingsFromEnv({ ...base, SLACK_PORT: 'http' })).toThrow(/SLACK_PORT/);
    expect(() => slackSettingsFromEnv({ ...base, SLACK_API_URL: 'ftp://x' })).toThrow(/SLACK_API_URL/);
  });
});

describe('the Slack app manifest', () => {
  const manifest = JSON.parse(readFileSync('manifest/slack/manifest.json', 'utf8')) as {
    display_information: { name: string; description: string; long_description: string };
    oauth_config: { scopes: { bot: string[] } };
    settings: { interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
  };

  it('asks only the scopes the adapter uses, with interactivity and Socket Mode on', () => {
    // Posting and /fax; reading the channel back (public or private) before posting a card again.
    expect(manifest.oauth_config.scopes.bot).toEqual(['chat:write', 'commands', ...HISTORY_SCOPES]);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it('describes the app in French, within Slack’s lengths', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(175);
    expect(manifest.display_information.long_description.length).toBeLessThanOrEqual(4000);
    expect(manifest.display_information.description).toMatch(/télécopie/);
  });
});
