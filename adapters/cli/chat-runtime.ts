/**
 * Chooses and wires the chat side of `faxdesk watch`: Slack or Teams when
 * configured, otherwise the local console; the workflow with its access
 * policy and problem-report mailer; the action handler; the outbox worker.
 */
import { createActionHandler } from '../../src/actions/handle-action.ts';
import type { ChatAdapter } from '../../src/chat/adapter.ts';
import { ConfigError, type Config } from '../../src/config.ts';
import type { Logger } from '../../src/log.ts';
import { createDeliverer, type Deliverer } from '../../src/posting/deliverer.ts';
import type { FaxStore } from '../../src/store/store.ts';
import { createActionPolicy, createWorkflow, type ActionPolicyConfig } from '../../src/workflow/index.ts';
import {
  CONSOLE_CHANNEL,
  CONSOLE_PLATFORM,
  consoleBanner,
  consoleSettingsFromEnv,
  createConsoleAdapter,
} from '../console/index.ts';
import { describeMailHealth, readMailHealth } from '../inbox/mail/health.ts';
import { mailSettings } from '../inbox/mail/settings.ts';
import { createSmtpMailer, smtpOptionsFromEnv } from '../mail/index.ts';
import { unconfiguredMailer } from '../mail/unconfigured.ts';
import { createSlackAdapter, slackPolicyConfig, slackSettingsFromEnv } from '../slack/index.ts';
import { createTeamsAdapter, teamsSearchSettingsFromEnv, teamsSettingsFromEnv } from '../teams/index.ts';

export interface ChatRuntime {
  adapter: ChatAdapter;
  deliverer: Deliverer;
  /** What to tell the person who started Faxdesk (the console's address, the Slack channel…). */
  banner: string;
  close(): Promise<void>;
}

/**
 * Reads every chat setting first (a configuration mistake stops start-up before anything runs).
 * Returns a function that builds the adapter once the store exists.
 */
export function planChat(config: Config, env: NodeJS.ProcessEnv = process.env) {
  const slack = slackSettingsFromEnv(env);
  const teams = teamsSettingsFromEnv(env, config.home);
  const teamsSearch = teams ? teamsSearchSettingsFromEnv(env) : null;
  const smtp = smtpOptionsFromEnv(env);
  let platform = config.chat;
  if (platform === 'auto') {
    if (slack && teams) {
      throw new ConfigError(
        'Slack et Teams sont tous deux configurés : choisissez avec FAXDESK_CHAT=slack ou teams.',
      );
    }
    platform = slack ? 'slack' : teams ? 'teams' : 'console';
  }
  if (platform === 'slack' && !slack)
    throw new ConfigError(
      'FAXDESK_CHAT=slack, mais Slack n’est pas configuré (SLACK_BOT_TOKEN, SLACK_CHANNEL_ID…).',
    );
  if (platform === 'teams' && !teams)
    throw new ConfigError('FAXDESK_CHAT=teams, mais Teams n’est pas configuré (TEAMS_APP_ID…).');
  const consoleSettings = platform === 'console' ? consoleSettingsFromEnv(env, config.home) : null;

  /**
   * `listen: false` builds the adapter without starting it (no port, no socket): enough to post
   * (a digest from `faxdesk digest --now`) while a `faxdesk watch` holds the listening side.
   */
  const start = async function startChat(
    store: FaxStore,
    log: Logger,
    options: { listen?: boolean } = {},
  ): Promise<ChatRuntime> {
    const listen = options.listen ?? true;
    const policy: ActionPolicyConfig =
      platform === 'slack'
        ? slackPolicyConfig(slack!)
        : platform === 'teams'
          ? { channelId: teams!.channelId, platform: 'teams', userIds: teamsSearch!.allowedUsers }
          : { channelId: CONSOLE_CHANNEL, platform: CONSOLE_PLATFORM };
    const mailer = smtp ? createSmtpMailer(smtp) : unconfiguredMailer;
    const workflow = createWorkflow({
      store,
      mailer,
      policy: createActionPolicy(policy),
      lang: config.language,
      logger: log,
      supportAddress: config.supportEmail,
    });
    let deliverer: Deliverer | null = null;
    const handleAction = createActionHandler({ workflow, store, onCardChanged: () => deliverer?.wake() });
    const deps = { store, handleAction, log, lang: config.language };
    let adapter: ChatAdapter;
    let banner: () => string;
    if (platform === 'slack') {
      adapter = createSlackAdapter(slack!, deps);
      banner = () => `Slack : cartes publiées dans le canal ${slack!.channelId}.`;
    } else if (platform === 'teams') {
      adapter = createTeamsAdapter(teams!, deps, { searchAllowedUsers: teamsSearch!.allowedUsers });
      banner = () => `Teams : point de terminaison du bot sur le port ${teams!.port} (/api/messages).`;
    } else {
      const mail = mailSettings(config);
      const sourceNotice = async () => {
        const health = mail ? await readMailHealth(mail.healthFile) : null;
        return health && !health.ok ? describeMailHealth(health, config.language) : null;
      };
      const local = createConsoleAdapter(consoleSettings!, { ...deps, inboxDir: config.inbox, sourceNotice });
      adapter = local;
      banner = () => consoleBanner(local);
    }
    if (listen) await adapter.start();
    // Slack allows about one message a second per channel; the console and Teams need no pacing.
    deliverer = createDeliverer({
      store,
      channel: adapter,
      log,
      minIntervalMs: platform === 'slack' ? 1100 : 0,
      paceKey: platform === 'slack' ? `slack:${slack!.channelId}` : platform,
      leaseMs: config.outboxLeaseSeconds * 1000,
    });
    const d = deliverer;
    return {
      adapter,
      deliverer: d,
      banner: banner(),
      async close() {
        await d.stop();
        if (listen) await adapter.stop();
        if ('close' in mailer && typeof mailer.close === 'function') await mailer.close();
      },
    };
  };
  return { platform, start };
}
