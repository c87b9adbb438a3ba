/**
 * Looking up a fax from Teams, two ways:
 *
 * - the bot command `fax <nom>`, said to Faxdesk in a personal chat: the results come back in
 *   that chat, as one Adaptive Card. Said in a channel or a group chat (with an @mention),
 *   nothing is searched and no patient data is posted there: the reply says to ask in a
 *   personal chat, or with the messaging extension;
 * - the search-based messaging extension (`composeExtension/query`): the results are the
 *   invoke's answer, shown to the person searching only. A picked result inserts a card with
 *   no patient data (see cards/search-results-adaptive.ts).
 *
 * Who may search: see search-access.ts. The query is never logged.
 */
import {
  CardFactory,
  TurnContext,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
} from 'botbuilder';
import {
  buildSearchResults,
  searchStrings,
  teamsMessageLink,
  type SearchFn,
  type SearchResults,
} from '../../cards/search-results.ts';
import {
  renderSearchResultsCard,
  searchResultPreview,
  searchResultShareCard,
} from '../../cards/search-results-adaptive.ts';
import type { ChatAdapterDeps } from '../../src/chat/adapter.ts';
import { searchFaxes } from '../../src/search/index.ts';
import { MAX_SEARCH_RESULTS } from '../../src/search/types.ts';
import type { FaxStore } from '../../src/store/store.ts';
import type { StoredConversation } from './conversation-store.ts';
import { createSearchAccess, type SearchRefusal } from './search-access.ts';

/** The bot command, as listed in manifest/teams/manifest.json (`commandLists`). */
export const FAX_BOT_COMMAND = 'fax';
/** The messaging extension's command and its parameter (manifest `composeExtensions`). */
export const SEARCH_COMMAND_ID = 'searchFax';
export const SEARCH_PARAMETER = 'patient';

const THUMBNAIL_CARD = 'application/vnd.microsoft.card.thumbnail';

export function storeSearch(store: FaxStore): SearchFn {
  return (text) => searchFaxes(store, text, { limit: MAX_SEARCH_RESULTS });
}

interface TeamsSearchStrings {
  refused: Record<SearchRefusal, string>;
  /** Asked in a channel or group chat: where to ask instead (no results there). */
  personalOnly: string;
  /** The messaging extension before anything is typed. */
  extensionHelp: string;
}

const fr: TeamsSearchStrings = {
  refused: {
    wrong_tenant: 'La recherche de télécopies n’est offerte qu’aux membres de l’organisation.',
    wrong_team:
      'La recherche de télécopies n’est offerte que dans l’équipe du canal des télécopies, ou en conversation personnelle avec Faxdesk.',
    user_not_allowed:
      'Vous n’êtes pas autorisé·e à consulter les télécopies. Demandez à la personne qui administre Faxdesk de vous ajouter.',
    not_installed:
      'Faxdesk n’est pas encore installé dans l’équipe des télécopies : la recherche n’est pas disponible.',
    check_failed: 'Impossible de vérifier vos droits pour le moment : réessayez dans un instant.',
  },
  personalOnly:
    'Pour protéger les renseignements des usagers, la recherche ne répond pas dans un canal. ' +
    'Écrivez « fax » suivi du nom de l’usager à Faxdesk dans une conversation personnelle, ' +
    'ou utilisez la recherche Faxdesk sous la zone de rédaction.',
  extensionHelp:
    'Tapez le nom de l’usager (nom et/ou prénom, dans n’importe quel ordre), un NAM ou le numéro de la télécopie.',
};

const en: TeamsSearchStrings = {
  refused: {
    wrong_tenant: 'Fax look-up is only offered to members of the organisation.',
    wrong_team:
      'Fax look-up is only offered in the faxes channel’s team, or in a personal chat with Faxdesk.',
    user_not_allowed: 'You are not allowed to look up faxes. Ask whoever runs Faxdesk to add you.',
    not_installed: 'Faxdesk is not installed in the faxes’ team yet: look-up is not available.',
    check_failed: 'Your permissions cannot be checked right now: try again in a moment.',
  },
  personalOnly:
    'To protect patients’ information, look-up does not answer in a channel. ' +
    'Write “fax” followed by the patient’s name to Faxdesk in a personal chat, or use the Faxdesk search under the compose box.',
  extensionHelp:
    'Type the patient’s name (last and/or first name, in any order), a health insurance number or the fax id.',
};

/** `fax tremblay marie` (after the @mention is taken out) → `tremblay marie`; null when it is not the command. */
export function faxCommandQuery(text: string): string | null {
  const clean = text
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const match = /^\/?fax(?:\s+(.*))?$/i.exec(clean);
  return match ? (match[1] ?? '').trim() : null;
}

export interface TeamsSearchOptions {
  deps: ChatAdapterDeps;
  search: SearchFn;
  tenantId: string | null;
  allowedUsers: readonly string[];
  /** The bound team (team-binding.ts). */
  bound: () => Promise<StoredConversation | null>;
  clock: () => Date;
}

export interface TeamsSearch {
  /** Handles `fax …` messages; false when the message is something else (the bot's help answers it). */
  onMessage(context: TurnContext): Promise<boolean>;
  onQuery(context: TurnContext, query: MessagingExtensionQuery): Promise<MessagingExtensionResponse>;
}

export function createTeamsSearch(opts: TeamsSearchOptions): TeamsSearch {
  const { store, log, lang } = opts.deps;
  const t = lang === 'en' ? en : fr;
  const s = searchStrings(lang);
  const mayLookUp = createSearchAccess({
    tenantId: opts.tenantId,
    allowedUsers: opts.allowedUsers,
    bound: opts.bound,
    clock: opts.clock,
  });

  async function lookUp(query: string, command: string): Promise<SearchResults> {
    const outcome = query === '' ? null : await opts.search(query);
    const links = new Map<string, string>();
    for (const hit of outcome?.ok ? outcome.hits : []) {
      const ref = (await store.listChatMessages(hit.id)).find((m) => m.platform === 'teams');
      if (ref) links.set(hit.id, teamsMessageLink(ref.channelId, ref.messageId, opts.tenantId));
    }
    return buildSearchResults(query, outcome, { lang, command, links });
  }

  function userOf(context: TurnContext): string {
    return context.activity.from.aadObjectId || context.activity.from.id;
  }

  async function refusal(context: TurnContext, where: string): Promise<string | null> {
    const refused = await mayLookUp(context);
    if (refused === null) return null;
    log.warn('teams search refused', { where, userId: userOf(context), reason: refused });
    return t.refused[refused];
  }

  return {
    async onMessage(context) {
      const query = faxCommandQuery(TurnContext.removeRecipientMention(context.activity) ?? '');
      if (query === null) return false;
      if (context.activity.conversation?.conversationType !== 'personal') {
        log.info('teams search asked outside a personal chat', {
          scope: context.activity.conversation?.conversationType ?? 'unknown',
          userId: userOf(context),
        });
        await context.sendActivity(t.personalOnly);
        return true;
      }
      try {
        const refused = await refusal(context, 'bot');
        if (refused !== null) {
          await context.sendActivity(refused);
          return true;
        }
        const results = await lookUp(query, FAX_BOT_COMMAND);
        log.info('teams search', {
          where: 'bot',
          userId: userOf(context),
          kind: results.kind,
          count: results.items.length,
        });
        await context.sendActivity({
          type: 'message',
          text: results.kind === 'results' ? s.fallback(results.items.length) : results.headline,
          attachments: [CardFactory.adaptiveCard(renderSearchResultsCard(results, lang))],
        });
      } catch (error) {
        log.error('teams search failed', { where: 'bot', error: (error as Error).name });
        await context.sendActivity(s.failed);
      }
      return true;
    },

    async onQuery(context, query) {
      const message = (text: string): MessagingExtensionResponse => ({
        composeExtension: { type: 'message', text },
      });
      try {
        const refused = await refusal(context, 'extension');
        if (refused !== null) return message(refused);
        const params = query.parameters ?? [];
        const initialRun = params.some((p) => p.name === 'initialRun');
        const param = params.find((p) => p.name === SEARCH_PARAMETER) ?? params[0];
        const text = initialRun || typeof param?.value !== 'string' ? '' : param.value.trim();
        const results = await lookUp(text, FAX_BOT_COMMAND);
        log.info('teams search', {
          where: 'extension',
          userId: userOf(context),
          kind: results.kind,
          count: results.items.length,
        });
        if (results.kind === 'help') return message(t.extensionHelp);
        if (results.kind !== 'results') return message(results.headline);
        return {
          composeExtension: {
            type: 'result',
            attachmentLayout: 'list',
            attachments: results.items.map((item) => ({
              ...CardFactory.adaptiveCard(searchResultShareCard(item, results, lang)),
              preview: { contentType: THUMBNAIL_CARD, content: searchResultPreview(item) },
            })),
          },
        };
      } catch (error) {
        log.error('teams search failed', { where: 'extension', error: (error as Error).name });
        return message(s.failed);
      }
    },
  };
}
