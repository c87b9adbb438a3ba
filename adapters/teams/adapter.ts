/**
 * Faxdesk in Microsoft Teams: a bot (botbuilder's CloudAdapter) that posts each fax's
 * Adaptive Card to the configured channel and updates it in place, and answers clicks on
 * its cards (Universal Actions). Posting is proactive: it uses the conversation stored when
 * the app was installed in the team. The outbox calls `post`/`update`; failures are thrown
 * as ChatDeliveryError for it to retry as Teams asks. Before posting a card a second time
 * (after a crash or a lost answer) it calls `findPosted`, which reads the channel through
 * Microsoft Graph (posted.ts).
 */
import {
  CardFactory,
  ConfigurationBotFrameworkAuthentication,
  TeamsInfo,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { SearchFn } from '../../cards/search-results.ts';
import type { ChatAdapter, ChatAdapterDeps } from '../../src/chat/adapter.ts';
import { ChatDeliveryError, type FaxView } from '../../src/chat/channel.ts';
import type { DigestModel } from '../../src/digest/model.ts';
import type { ChatMessageRef } from '../../src/store/deliveries.ts';
import { createActivityProcessor, FaxdeskCloudAdapter } from './activity-processor.ts';
import { FaxdeskBot } from './bot.ts';
import { createCardActionHandler } from './card-action.ts';
import { createConnectorHttpClient, toDeliveryError } from './connector-http.ts';
import { digestActivity } from './digest.ts';
import { jsonConversationStore, type StoredConversation } from './conversation-store.ts';
import { createGraphClient, type GraphCredentials } from './graph.ts';
import { createMessagingEndpoint, MESSAGES_PATH } from './http-endpoint.ts';
import { createPostedFinder, type GraphOff } from './posted.ts';
import { statusOf } from './search-access.ts';
import { createTeamsSearch, storeSearch } from './search.ts';
import { createServiceUrlCheck } from './service-url.ts';
import { assertTeamsCredentials, DEFAULT_GRAPH, type TeamsSettings } from './settings.ts';
import { createTeamBinding } from './team-binding.ts';
import { renderTeamsCard, type TeamsCardOptions } from './teams-card.ts';

export const TEAMS_PLATFORM = 'teams';

export interface TeamsAdapterOptions {
  /** Link to the original pages shown on the card (e.g. the console's page for the fax). */
  originalUrl?: (faxId: string) => string | undefined;
  /** Answer a click within this time, even if the action is still running (default 4 s). */
  answerWithinMs?: number;
  /** Timeout of one call to the Bot Connector (default 30 s). */
  connectorTimeoutMs?: number;
  /** How long the outbox waits before trying again while the app is not installed (default 60 s). */
  notInstalledRetryMs?: number;
  clock?: () => Date;
  /** What `fax <nom>` and the messaging extension search with; the search core over the store by default. */
  search?: SearchFn;
  /** Who may search (TEAMS_ALLOWED_USERS, see search-settings.ts); empty: members of the installed team. */
  searchAllowedUsers?: readonly string[];
  /**
   * Who reads the channel through Microsoft Graph (`findPosted`); by default the bot's own app
   * (TEAMS_APP_ID, TEAMS_APP_PASSWORD, TEAMS_TENANT_ID). Given apart only to a bot in local
   * mode (tests), which has no credentials of its own.
   */
  graphCredentials?: GraphCredentials;
  /** Timeout of one call to Microsoft Graph or to its token endpoint (default 15 s). */
  graphTimeoutMs?: number;
}

export interface TeamsChatAdapter extends ChatAdapter {
  readonly platform: 'teams';
  /** The port `/api/messages` listens on, once started (useful with TEAMS_PORT=0). */
  port(): number | null;
  /** The daily digest, posted proactively to the channel. */
  postDigest(digest: DigestModel): Promise<void>;
}

/** The part of the Bot Connector client used here (botbuilder does not export its type). */
interface ConversationsApi {
  sendToConversation(conversationId: string, activity: Partial<Activity>): Promise<{ id?: string }>;
  updateActivity(conversationId: string, activityId: string, activity: Partial<Activity>): Promise<unknown>;
}

/** Graph is read as the bot's app unless told otherwise; null (and why) when it cannot be. */
function graphAccess(
  settings: TeamsSettings,
  given: GraphCredentials | undefined,
): { credentials: GraphCredentials } | { off: GraphOff } {
  if (!(settings.graph ?? DEFAULT_GRAPH).enabled) return { off: 'graph_off' };
  if (given) return { credentials: given };
  const { appId, appPassword, tenantId } = settings;
  if (!appId || !appPassword || !tenantId) return { off: 'no_credentials' };
  return { credentials: { clientId: appId, clientSecret: appPassword, tenantId } };
}

function conversationsOf(context: TurnContext): ConversationsApi {
  const client: unknown = context.turnState.get(context.adapter.ConnectorClientKey);
  const conversations = (client as { conversations?: ConversationsApi } | undefined)?.conversations;
  if (!conversations) throw new Error('botbuilder gave no connector client for the proactive turn');
  return conversations;
}

export function createTeamsAdapter(
  settings: TeamsSettings,
  deps: ChatAdapterDeps,
  options: TeamsAdapterOptions = {},
): TeamsChatAdapter {
  // Never run without authentication by accident: only the explicit local mode may.
  assertTeamsCredentials(settings);
  const { log } = deps;
  const clock = options.clock ?? (() => new Date());
  const appId = settings.appId ?? '';
  const conversations = jsonConversationStore(settings.conversationStorePath);
  const cardOptions: TeamsCardOptions = {
    lang: deps.lang,
    refreshUserIds: settings.refreshUserIds,
    ...(options.originalUrl ? { originalUrl: options.originalUrl } : {}),
  };

  const credentials = settings.appId
    ? {
        MicrosoftAppId: settings.appId,
        MicrosoftAppPassword: settings.appPassword ?? undefined,
        MicrosoftAppType: settings.tenantId ? 'SingleTenant' : 'MultiTenant',
        MicrosoftAppTenantId: settings.tenantId ?? undefined,
      }
    : {};
  const auth = new ConfigurationBotFrameworkAuthentication(credentials, undefined, undefined, undefined, {
    httpClient: createConnectorHttpClient(options.connectorTimeoutMs),
  });
  const cloud = new FaxdeskCloudAdapter(auth);
  cloud.onTurnError = async (context, error) => {
    log.error('teams turn failed', { type: context.activity.type, error: error.name });
  };
  const binding = createTeamBinding({
    channelId: settings.channelId,
    configuredTeamId: settings.teamId ?? null,
    conversations,
    // A binding stored before the check existed is checked with the Bot Connector, as the bot.
    channelsOf: async (teamId) => {
      const stored = conversations.load();
      if (!stored) return [];
      let ids: string[] = [];
      await proactive(stored, settings.channelId, async (_api, context) => {
        ids = (await TeamsInfo.getTeamChannels(context, teamId)).map((c) => c.id ?? '');
      });
      return ids;
    },
    log,
  });
  const bound = () => binding.bound();

  const bot = new FaxdeskBot({
    settings,
    deps,
    conversations,
    binding,
    clock,
    onCardAction: createCardActionHandler({
      deps,
      card: cardOptions,
      channelId: settings.channelId,
      tenantId: settings.tenantId,
      bound,
      answerWithinMs: options.answerWithinMs ?? 4000,
    }),
    search: createTeamsSearch({
      deps,
      search: options.search ?? storeSearch(deps.store),
      tenantId: settings.tenantId,
      allowedUsers: options.searchAllowedUsers ?? [],
      bound,
      clock,
    }),
  });
  const endpoint = createMessagingEndpoint(
    createActivityProcessor({
      cloud,
      serviceUrl: createServiceUrlCheck({
        tenantId: settings.tenantId,
        localMode: settings.localMode,
        allowed: settings.serviceUrls ?? [],
      }),
      run: (context) => bot.run(context),
      log,
    }),
    log,
  );
  let port: number | null = null;

  async function installed(faxId: string): Promise<StoredConversation> {
    const stored = await bound();
    if (stored) return stored;
    log.warn('teams card waiting: the Faxdesk app is not installed in the team yet', { faxId });
    throw new ChatDeliveryError('no_conversation', 'Faxdesk app not installed in the team yet', {
      retryAfterMs: options.notInstalledRetryMs ?? 60_000,
    });
  }

  /** Runs `work` against the Bot Connector of the team, as the bot, in `conversationId`. */
  async function proactive(
    stored: StoredConversation,
    conversationId: string,
    work: (api: ConversationsApi, context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: stored.serviceUrl,
      bot: { id: stored.bot.id, name: stored.bot.name ?? 'Faxdesk' },
      conversation: {
        id: conversationId,
        isGroup: true,
        conversationType: 'channel',
        name: '',
        ...(stored.tenantId ? { tenantId: stored.tenantId } : {}),
      },
    };
    // Caught inside the turn: an error escaping it would go to onTurnError and be swallowed.
    let failure: unknown = null;
    try {
      await cloud.continueConversationAsync(appId, reference, async (context) => {
        try {
          await work(conversationsOf(context), context);
        } catch (error) {
          failure = error ?? new Error('unknown failure');
        }
      });
    } catch (error) {
      failure = error;
    }
    if (failure !== null) throw toDeliveryError(failure);
  }

  /**
   * The team's group id for Graph: kept from the installation, or asked once of the Bot
   * Connector (`GET /v3/teams/{team}`) for a team stored before it was kept. Null when the
   * app is in no team, or the Connector will not say (then the card is posted without checking).
   */
  async function teamGroupId(): Promise<string | null> {
    const stored = await bound();
    if (!stored || stored.teamGroupId) return stored?.teamGroupId ?? null;
    const teamId = stored.teamId;
    if (teamId === null) return null;
    let groupId: string | null = null;
    await proactive(stored, settings.channelId, async (_api, context) => {
      try {
        groupId = (await TeamsInfo.getTeamDetails(context, teamId)).aadGroupId ?? null;
      } catch (error) {
        const status = statusOf(error);
        // 403/404: the Connector will not say; anything else is worth another try later.
        if (status === null || status === 408 || status === 429 || status >= 500) throw error;
        log.warn('teams: the team’s group id could not be read from the Bot Connector', { status });
      }
    });
    if (groupId !== null) conversations.save({ ...stored, teamGroupId: groupId });
    return groupId;
  }

  const access = graphAccess(settings, options.graphCredentials);
  const findPosted = createPostedFinder({
    graph:
      'credentials' in access
        ? createGraphClient(settings.graph ?? DEFAULT_GRAPH, access.credentials, {
            ...(options.graphTimeoutMs !== undefined ? { timeoutMs: options.graphTimeoutMs } : {}),
          })
        : null,
    ...('off' in access ? { off: access.off } : {}),
    appId: 'credentials' in access ? access.credentials.clientId : '',
    platform: TEAMS_PLATFORM,
    channelId: settings.channelId,
    teamGroupId,
    log,
  });

  function cardActivity(view: FaxView): Partial<Activity> {
    return {
      type: 'message',
      attachments: [CardFactory.adaptiveCard(renderTeamsCard(view, cardOptions))],
    };
  }

  return {
    platform: TEAMS_PLATFORM,
    port: () => port,

    async post(view: FaxView): Promise<ChatMessageRef> {
      const stored = await installed(view.fax.id);
      let messageId: string | undefined;
      await proactive(stored, settings.channelId, async (api) => {
        messageId = (await api.sendToConversation(settings.channelId, cardActivity(view))).id;
      });
      if (!messageId) {
        // Posted but unidentifiable: retrying would post it twice, and it could never be updated.
        throw new ChatDeliveryError('no_message_id', 'Teams returned no activity id', { permanent: true });
      }
      return { platform: TEAMS_PLATFORM, channelId: settings.channelId, messageId };
    },

    findPosted,

    async update(message: ChatMessageRef, view: FaxView): Promise<void> {
      const stored = await installed(view.fax.id);
      await proactive(stored, message.channelId, async (api) => {
        await api.updateActivity(message.channelId, message.messageId, {
          ...cardActivity(view),
          id: message.messageId,
        });
      });
    },

    async postDigest(digest: DigestModel): Promise<void> {
      const stored = await bound();
      if (!stored) {
        throw new ChatDeliveryError('no_conversation', 'Faxdesk app not installed in the team yet', {
          retryAfterMs: options.notInstalledRetryMs ?? 60_000,
        });
      }
      const activity = digestActivity(digest, {
        lang: deps.lang,
        platform: TEAMS_PLATFORM,
        tenantId: settings.tenantId,
      });
      await proactive(stored, settings.channelId, async (api) => {
        await api.sendToConversation(settings.channelId, activity);
      });
    },

    async postNotice(text: string): Promise<void> {
      const stored = await bound();
      if (!stored)
        throw new ChatDeliveryError('no_conversation', 'Faxdesk app not installed in the team yet');
      await proactive(stored, settings.channelId, async (api) => {
        await api.sendToConversation(settings.channelId, { type: 'message', text: `⚠ ${text}` });
      });
    },

    async start(): Promise<void> {
      port = await endpoint.listen(settings.port, settings.host);
      if (settings.localMode && !settings.appId) {
        log.warn('teams LOCAL MODE: no authentication, for local tests only', { port });
      }
      log.info('teams endpoint listening', {
        port,
        path: MESSAGES_PATH,
        installed: conversations.load() !== null,
      });
    },

    async stop(): Promise<void> {
      await endpoint.close();
      port = null;
    },
  };
}
