/** The look-up as the platforms' manifests declare it, matching what the adapters answer to. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAX_COMMAND } from '../../adapters/slack/search.ts';
import { fillManifest, MANIFEST_DIR } from '../../adapters/teams/package-app.ts';
import { CHANNEL_READ_PERMISSION } from '../../adapters/teams/posted.ts';
import { FAX_BOT_COMMAND, SEARCH_COMMAND_ID, SEARCH_PARAMETER } from '../../adapters/teams/search.ts';

const APP_ID = '0b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d';

describe('manifests', () => {
  it('Slack: declares /fax (unescaped text, French description) and asks the commands scope', () => {
    const manifest = JSON.parse(readFileSync(resolve('manifest/slack/manifest.json'), 'utf8')) as {
      features: {
        slash_commands: {
          command: string;
          description: string;
          usage_hint: string;
          should_escape: boolean;
        }[];
      };
      oauth_config: { scopes: { bot: string[] } };
    };
    expect(manifest.features.slash_commands).toHaveLength(1);
    const [command] = manifest.features.slash_commands;
    expect(command?.command).toBe(FAX_COMMAND);
    expect(command?.should_escape).toBe(false);
    expect(command?.description).toContain('télécopie');
    expect(command?.description.length).toBeLessThanOrEqual(100);
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'chat:write',
      'commands',
      'channels:history',
      'groups:history',
    ]);
  });

  it('Teams: lists the bot command and a search-based messaging extension, within Teams’ lengths', () => {
    const manifest = fillManifest(readFileSync(resolve(MANIFEST_DIR, 'manifest.json'), 'utf8'), {
      appId: APP_ID,
    }) as {
      bots: { commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[] }[];
      composeExtensions: {
        botId: string;
        commands: {
          id: string;
          type: string;
          title: string;
          description: string;
          context: string[];
          parameters: { name: string; title: string; description: string; inputType: string }[];
        }[];
      }[];
      webApplicationInfo: { id: string; resource: string };
      authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
    };
    const lists = manifest.bots[0]?.commandLists ?? [];
    expect(lists).toEqual([
      { scopes: ['personal'], commands: [expect.objectContaining({ title: FAX_BOT_COMMAND })] },
    ]);
    expect(lists[0]?.commands[0]?.description.length).toBeLessThanOrEqual(128);
    expect(manifest.composeExtensions).toHaveLength(1);
    const extension = manifest.composeExtensions[0]!;
    expect(extension.botId).toBe(APP_ID);
    expect(extension.commands).toHaveLength(1);
    const command = extension.commands[0]!;
    expect(command).toMatchObject({ id: SEARCH_COMMAND_ID, type: 'query' });
    expect(command.parameters.map((p) => p.name)).toEqual([SEARCH_PARAMETER]);
    for (const text of [command.title, command.parameters[0]!.title])
      expect(text.length).toBeLessThanOrEqual(32);
    for (const text of [command.description, command.parameters[0]!.description]) {
      expect(text.length).toBeLessThanOrEqual(128);
    }
    // Reading the channel back (a card posted but not recorded): the team grants it when adding the app.
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([
      { name: CHANNEL_READ_PERMISSION, type: 'Application' },
    ]);
    expect(manifest.webApplicationInfo.id).toBe(APP_ID);
    expect(manifest.webApplicationInfo.resource).not.toBe('');
  });
});
