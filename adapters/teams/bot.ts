/**
 * The bot's side of the conversation with Teams: remembers where the team is when the app
 * is installed in Faxdesk's team (so cards can be posted proactively; team-binding.ts says
 * which team that is — an installation in any other team is refused, logged and told so
 * there), forgets it when the app is removed from that team, answers card actions (Universal
 * Actions invokes) and says what it does to anyone who writes to it. Everything else Teams
 * sends is ignored.
 */
import {
  TeamsActivityHandler,
  TeamsInfo,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type TurnContext,
} from 'botbuilder';
import type { ChatAdapterDeps } from '../../src/chat/adapter.ts';
import type { ConversationStore, StoredConversation } from './conversation-store.ts';
import type { TeamsSearch } from './search.ts';
import type { TeamsSettings } from './settings.ts';
import { teamsStrings } from './strings.ts';
import type { TeamBinding } from './team-binding.ts';
import { activityChannelId, activityTeamGroupId, activityTeamId, activityTenantId } from './teams-ids.ts';

export interface FaxdeskBotOptions {
  settings: TeamsSettings;
  deps: ChatAdapterDeps;
  conversations: ConversationStore;
  binding: TeamBinding;
  onCardAction: (context: TurnContext, value: AdaptiveCardInvokeValue) => Promise<AdaptiveCardInvokeResponse>;
  clock: () => Date;
  /** `fax <nom>` messages and the messaging extension's queries. */
  search?: TeamsSearch;
}

export class FaxdeskBot extends TeamsActivityHandler {
  constructor(private readonly opts: FaxdeskBotOptions) {
    super();
    const { deps } = opts;

    this.onTurn(async (context, next) => {
      this.followServiceUrl(context);
      await next();
    });

    this.onInstallationUpdateAdd(async (context, next) => {
      await this.remember(context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      this.forget(context);
      await next();
    });
    this.onConversationUpdate(async (context, next) => {
      const botId = context.activity.recipient?.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await this.remember(context);
      if (context.activity.membersRemoved?.some((m) => m.id === botId)) this.forget(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      const searched = (await opts.search?.onMessage(context)) ?? false;
      if (!searched) await context.sendActivity(teamsStrings(deps.lang).help);
      await next();
    });
  }

  protected override onAdaptiveCardInvoke(
    context: TurnContext,
    value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    return this.opts.onCardAction(context, value);
  }

  protected override handleTeamsMessagingExtensionQuery(
    context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    if (!this.opts.search) return super.handleTeamsMessagingExtensionQuery(context, query);
    return this.opts.search.onQuery(context, query);
  }

  private fromOurTenant(context: TurnContext): boolean {
    const expected = this.opts.settings.tenantId;
    return expected === null || activityTenantId(context.activity) === expected;
  }

  /** Teams told their installation is refused (it sends two events per installation: say it once). */
  private readonly told = new Set<string>();

  /** Says, in the refused team's channel, that Faxdesk belongs to another team and sends it nothing. */
  private async refuse(context: TurnContext, teamId: string | null, reason: 'other_team' | 'unverified') {
    const { log, lang } = this.opts.deps;
    log.warn('teams installation refused: not the team of the faxes channel', {
      teamId,
      installedFrom: activityChannelId(context.activity),
      reason,
    });
    const key = `${teamId ?? '?'}|${reason}`;
    if (this.told.has(key)) return;
    this.told.add(key);
    const s = teamsStrings(lang);
    try {
      await context.sendActivity(reason === 'other_team' ? s.installRefused : s.installUnverified);
    } catch (error) {
      log.warn('teams: the refused team could not be told', { error: (error as Error).name });
    }
  }

  /** Stores where the team is: installing the app in Faxdesk's team is what lets it post there. */
  private async remember(context: TurnContext): Promise<void> {
    const { log, store } = this.opts.deps;
    const activity = context.activity;
    if (!this.fromOurTenant(context)) {
      log.warn('teams install from another tenant ignored', { tenant: activityTenantId(activity) });
      return;
    }
    if (activity.conversation?.conversationType !== 'channel') {
      log.info('teams app added outside a team: nothing to store', {
        scope: activity.conversation?.conversationType ?? 'unknown',
      });
      return;
    }
    const installedFrom = activityChannelId(activity);
    const teamId = activityTeamId(activity);
    const verdict =
      teamId === null
        ? 'not_held'
        : await this.opts.binding.check(teamId, async (id) =>
            (await TeamsInfo.getTeamChannels(context, id)).map((c) => c.id ?? ''),
          );
    if (verdict !== 'holds') {
      await this.refuse(context, teamId, verdict === 'unknown' ? 'unverified' : 'other_team');
      return;
    }
    const earlier = this.opts.conversations.load();
    // Not every installation event names the group (an app update may not): keep the one known.
    const teamGroupId =
      activityTeamGroupId(activity) ?? (earlier?.teamId === teamId ? (earlier?.teamGroupId ?? null) : null);
    const conversation: StoredConversation = {
      version: 1,
      serviceUrl: activity.serviceUrl,
      tenantId: activityTenantId(activity),
      bot: {
        id: activity.recipient.id,
        ...(activity.recipient.name ? { name: activity.recipient.name } : {}),
      },
      teamId,
      teamGroupId,
      installedFrom,
      savedAt: this.opts.clock().toISOString(),
      verifiedFor: this.opts.binding.rule,
    };
    this.opts.conversations.save(conversation);
    log.info('teams app installed in a team: conversation stored', {
      teamId: conversation.teamId,
      installedFrom,
      cardsGoTo: this.opts.settings.channelId,
    });
    // Cards that waited for the installation (kept as failed after their retries) go now.
    const requeued = await store.retryFailedDeliveries(this.opts.clock());
    if (requeued > 0) log.info('teams cards requeued after installation', { count: requeued });
  }

  /** Only the bound team's removal unbinds (another team's, or a personal chat's, changes nothing). */
  private forget(context: TurnContext): void {
    const stored = this.opts.conversations.load();
    const teamId = activityTeamId(context.activity);
    if (!stored || teamId === null || stored.teamId !== teamId || !this.fromOurTenant(context)) {
      this.opts.deps.log.info('teams app removed elsewhere than the team of the faxes: nothing changes', {
        teamId,
        scope: context.activity.conversation?.conversationType ?? 'unknown',
      });
      return;
    }
    this.opts.conversations.clear();
    this.opts.deps.log.warn('teams app removed from the team: cards wait until it is installed again', {
      teamId,
    });
  }

  /** Teams may move a team to another Bot Connector endpoint; follow it (an allowed one: service-url.ts). */
  private followServiceUrl(context: TurnContext): void {
    const stored = this.opts.conversations.load();
    const activity = context.activity;
    if (!stored || !activity.serviceUrl || activity.serviceUrl === stored.serviceUrl) return;
    if (!this.fromOurTenant(context) || activityChannelId(activity) !== this.opts.settings.channelId) return;
    if (activityTeamId(activity) !== stored.teamId) return;
    this.opts.conversations.save({
      ...stored,
      serviceUrl: activity.serviceUrl,
      savedAt: this.opts.clock().toISOString(),
    });
    this.opts.deps.log.info('teams service URL changed', { teamId: stored.teamId });
  }
}
