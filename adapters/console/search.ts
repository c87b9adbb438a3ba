/**
 * The console's search box: `GET /api/search?q=…` answers with the results model
 * (cards/search-results.ts) and, for each fax whose card is in the console's channel, that
 * card, so the page can show it and scroll to it even when it is not loaded yet. The console
 * is local and already restricted (loopback, or its token): whoever can see the channel may
 * search it. The query is never logged.
 */
import {
  buildSearchResults,
  type SearchFn,
  type SearchResultItem,
  type SearchResults,
} from '../../cards/search-results.ts';
import { searchFaxes } from '../../src/search/index.ts';
import { compareHits, toSearchHit } from '../../src/search/hit.ts';
import type { SearchOutcome } from '../../src/search/types.ts';
import { MAX_SEARCH_RESULTS } from '../../src/search/types.ts';
import type { Logger } from '../../src/log.ts';
import type { FaxStore } from '../../src/store/store.ts';
import { CONSOLE_PLATFORM, consoleCard, type ConsoleCard } from './feed.ts';

/** Longer than any name; the search core refuses long queries with its own message. */
const MAX_QUERY_PARAM = 1000;

/** How many of the most recent faxes a partial id is looked for in. */
const PARTIAL_ID_SCAN = 2000;

/**
 * A piece of a fax id as a clerk copies it from a card or a log, in any case: 6 to 25
 * characters of the ids' alphabet (Crockford base 32) with at least one digit, so that a
 * patient's name is never taken for one.
 */
export function partialFaxId(text: string): string | null {
  const compact = text.replace(/[\s.-]/g, '').toUpperCase();
  return /^[0-9A-HJKMNP-TV-Z]{6,25}$/.test(compact) && /\d/.test(compact) ? compact : null;
}

async function partialIdSearch(store: FaxStore, part: string): Promise<SearchOutcome> {
  const hits = [];
  let before: string | undefined;
  for (let scanned = 0; scanned < PARTIAL_ID_SCAN && hits.length < MAX_SEARCH_RESULTS;) {
    const batch = await store.listFaxes({ limit: 200, ...(before ? { before } : {}) });
    for (const fax of batch) if (fax.id.includes(part)) hits.push(toSearchHit(fax));
    scanned += batch.length;
    if (batch.length < 200) break;
    before = batch.at(-1)?.id;
  }
  return {
    ok: true,
    query: { kind: 'id', id: part },
    hits: hits.sort(compareHits).slice(0, MAX_SEARCH_RESULTS),
  };
}

/** The search core, and a piece of a fax id (lower-case too) when the core finds nothing. */
export function storeSearch(store: FaxStore): SearchFn {
  return async (text) => {
    const outcome = await searchFaxes(store, text, { limit: MAX_SEARCH_RESULTS });
    const part = partialFaxId(text);
    if (part === null || (outcome.ok && outcome.hits.length > 0)) return outcome;
    const partial = await partialIdSearch(store, part);
    return partial.ok && partial.hits.length > 0 ? partial : outcome;
  };
}

export interface ConsoleSearchAnswer extends Omit<SearchResults, 'items'> {
  items: (SearchResultItem & { card: ConsoleCard | null })[];
}

/** The page's anchor for a fax's card. */
export function cardAnchor(faxId: string): string {
  return `#fax-${faxId}`;
}

export async function consoleSearch(
  deps: { store: FaxStore; log: Logger; lang: 'fr' | 'en'; search: SearchFn },
  rawQuery: string,
): Promise<ConsoleSearchAnswer> {
  const { store, lang } = deps;
  const query = rawQuery.slice(0, MAX_QUERY_PARAM).trim();
  const outcome = query === '' ? null : await deps.search(query);
  const cards = new Map<string, ConsoleCard>();
  const links = new Map<string, string>();
  for (const hit of outcome?.ok ? outcome.hits : []) {
    const posted = (await store.listChatMessages(hit.id)).some((m) => m.platform === CONSOLE_PLATFORM);
    const fax = posted ? await store.getFax(hit.id) : null;
    if (fax === null) continue;
    cards.set(fax.id, consoleCard({ fax, events: await store.listEvents(fax.id) }, lang));
    links.set(fax.id, cardAnchor(fax.id));
  }
  const built = buildSearchResults(query, outcome, { lang, command: '', links });
  // The box sits in the page: its help names no command.
  const results =
    built.kind === 'help' ? { ...built, headline: searchBoxStrings(lang).help, note: null } : built;
  deps.log.info('console search', { kind: results.kind, count: results.items.length });
  return {
    ...results,
    items: results.items.map((item) => ({ ...item, card: cards.get(item.faxId) ?? null })),
  };
}

export interface SearchBoxStrings {
  label: string;
  placeholder: string;
  submit: string;
  close: string;
  panelTitle: string;
  help: string;
}

const fr: SearchBoxStrings = {
  label: 'Rechercher une télécopie',
  placeholder: 'Nom de l’usager, NAM ou n° de télécopie',
  submit: 'Rechercher',
  close: 'Fermer',
  panelTitle: 'Résultats de la recherche',
  help: 'Tapez le nom de l’usager (nom et/ou prénom, dans n’importe quel ordre ; le début du nom suffit), un NAM ou le numéro de la télécopie.',
};

const en: SearchBoxStrings = {
  label: 'Find a fax',
  placeholder: 'Patient name, health number or fax id',
  submit: 'Search',
  close: 'Close',
  panelTitle: 'Search results',
  help: 'Type the patient’s name (last and/or first, in any order; the start is enough), a health number or the fax id.',
};

export function searchBoxStrings(lang: 'fr' | 'en'): SearchBoxStrings {
  return lang === 'en' ? en : fr;
}
