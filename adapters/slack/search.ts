/**
 * `/fax <nom>` in Slack: finds faxes by patient name (or NAM, or fax id) and answers the
 * person who asked, and them alone (an ephemeral response through the command's
 * response_url; nothing is posted to the channel). Only from the faxes' channel and, when a
 * list is configured, only for the allowed users — the same policy as the card buttons.
 * Anyone else gets a refusal that holds no patient data. The query is never logged.
 */
import type { App, RespondFn, SlashCommand } from '@slack/bolt';
import {
  buildSearchResults,
  searchStrings,
  slackMessageLink,
  type SearchFn,
} from '../../cards/search-results.ts';
import { renderSearchResultsSlack } from '../../cards/search-results-slack.ts';
import { searchFaxes } from '../../src/search/index.ts';
import { MAX_SEARCH_RESULTS } from '../../src/search/types.ts';
import type { ChatAdapterDeps } from '../../src/chat/adapter.ts';
import type { FaxStore } from '../../src/store/store.ts';
import { WORKFLOW_MESSAGES, type ActionPolicy, type RefusalReason } from '../../src/workflow/index.ts';
import { slackErrorCode } from './errors.ts';
import { PLATFORM, slackActor } from './interaction.ts';

/** The slash command, as declared in manifest/slack/manifest.json. */
export const FAX_COMMAND = '/fax';

/** The search core over the store: at most MAX_SEARCH_RESULTS, the most recent first. */
export function storeSearch(store: FaxStore): SearchFn {
  return (text) => searchFaxes(store, text, { limit: MAX_SEARCH_RESULTS });
}

export interface FaxCommandOptions {
  deps: ChatAdapterDeps;
  /** The faxes' channel: the only one the command answers in. */
  channelId: string;
  policy: ActionPolicy;
  search: SearchFn;
}

function refusalText(reason: RefusalReason, channelId: string, lang: 'fr' | 'en'): string {
  if (reason === 'group_check_failed') return WORKFLOW_MESSAGES[lang].forbidden.group_check_failed;
  if (reason === 'user_not_allowed') {
    return lang === 'en'
      ? 'You are not allowed to look up faxes. Ask whoever runs Faxdesk to add you.'
      : 'Vous n’êtes pas autorisé·e à consulter les télécopies. Demandez à la personne qui administre Faxdesk de vous ajouter.';
  }
  return lang === 'en'
    ? `Faxes are looked up in the faxes’ channel: type ${FAX_COMMAND} in <#${channelId}>.`
    : `La recherche de télécopies se fait dans le canal des télécopies : tapez ${FAX_COMMAND} dans <#${channelId}>.`;
}

/** Links to the faxes' cards in Slack, from where the outbox posted them. */
async function cardLinks(
  store: FaxStore,
  faxIds: readonly string[],
  teamDomain: string | null,
): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (const id of faxIds) {
    const ref = (await store.listChatMessages(id)).find((m) => m.platform === PLATFORM);
    if (ref) links.set(id, slackMessageLink(teamDomain, ref.channelId, ref.messageId));
  }
  return links;
}

export function registerFaxCommand(app: App, opts: FaxCommandOptions): void {
  const { store, log, lang } = opts.deps;

  async function ephemeral(respond: RespondFn, message: { text: string; blocks?: unknown[] }) {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...message,
    } as Parameters<RespondFn>[0]);
  }

  async function answer(command: SlashCommand, respond: RespondFn): Promise<void> {
    const actor = slackActor({ id: command.user_id, name: command.user_name }, command.channel_id);
    // The same rule as the card buttons: asking is as sensitive as acting.
    const refusal = await opts.policy.check(actor, 'accept');
    if (refusal !== null) {
      log.warn('slack search refused', { userId: actor.id, channelId: command.channel_id, reason: refusal });
      await ephemeral(respond, { text: refusalText(refusal, opts.channelId, lang) });
      return;
    }
    const query = (command.text ?? '').trim();
    const outcome = query === '' ? null : await opts.search(query);
    const hits = outcome?.ok ? outcome.hits : [];
    const links = await cardLinks(
      store,
      hits.map((h) => h.id),
      command.team_domain || null,
    );
    const results = buildSearchResults(query, outcome, { lang, command: FAX_COMMAND, links });
    log.info('slack search', { userId: actor.id, kind: results.kind, count: results.items.length });
    await ephemeral(respond, renderSearchResultsSlack(results, lang));
  }

  app.command(FAX_COMMAND, async ({ command, ack, respond }) => {
    // Slack waits 3 seconds for the acknowledgement; the answer follows through response_url.
    await ack();
    try {
      await answer(command, respond);
    } catch (error) {
      log.error('slack search failed', { userId: command.user_id, code: slackErrorCode(error) });
      try {
        await ephemeral(respond, { text: searchStrings(lang).failed });
      } catch (again) {
        log.warn('slack: response_url refused the message', { code: slackErrorCode(again) });
      }
    }
  });
}
