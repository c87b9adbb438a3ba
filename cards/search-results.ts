/**
 * What a look-up by patient name shows, with no notion of Slack, Teams or the console: the
 * answer's headline and, for each fax found, its reception time, state, verdict, exam, the
 * patient's name and a link to its card. Results carry patient data: the adapters show them
 * only to the person who asked. French first.
 */
import { MAX_SEARCH_RESULTS, type SearchHit } from '../src/search/types.ts';
import { formatInstant, personName } from './format.ts';
import { cardStrings } from './i18n/index.ts';
import type { Lang } from './model.ts';

/** What asking the search core gives: the hits, most recent first, or why the query is refused (French). */
export type SearchOutcome = { ok: true; hits: SearchHit[] } | { ok: false; message: string };

/** The search core as the chat adapters see it: what the person typed → the outcome. */
export type SearchFn = (text: string) => Promise<SearchOutcome>;

export interface SearchResultItem {
  faxId: string;
  /** « Jeanne Tremblay-Côté », or « Usager non nommé ». */
  patient: string;
  /** « né(e) le 1985-05-15 », or null. */
  birth: string | null;
  receivedAt: string;
  /** « 15 mars 2025 à 10 h 03 ». */
  received: string;
  status: SearchHit['status'];
  statusLabel: string;
  verdict: SearchHit['verdict'];
  /** « ⚠️ À vérifier ». */
  verdictLabel: string;
  /** « Échographie abdominale », or « Examen non indiqué ». */
  exam: string;
  /** The card in the channel; null when it is not posted yet. */
  link: string | null;
}

export type SearchResultsKind = 'help' | 'invalid' | 'none' | 'results';

export interface SearchResults {
  kind: SearchResultsKind;
  /** What the person typed, trimmed (shown back in the headline). */
  query: string;
  /** One line: « 3 télécopies trouvées pour « cote » », « Aucune télécopie trouvée… », the help… */
  headline: string;
  /** A second line when there is more to say (how to narrow the search, the help's examples). */
  note: string | null;
  items: SearchResultItem[];
  /** The label of each item's link (« Voir la fiche »). */
  openLabel: string;
  /** What stands for the link when the card is not posted yet. */
  notPostedLabel: string;
}

export interface SearchStrings {
  help: (command: string) => { headline: string; note: string };
  none: (query: string) => string;
  found: (count: number, query: string) => string;
  /** When the list is full: there may be more. */
  capped: (max: number) => string;
  unnamed: string;
  born: (date: string) => string;
  noExam: string;
  open: string;
  notPosted: string;
  labels: { received: string; status: string; verdict: string; exam: string };
  /** Something broke on Faxdesk's side. */
  failed: string;
  /** The text notifications and fallbacks carry instead of the results (no patient data there). */
  fallback: (count: number) => string;
}

const fr: SearchStrings = {
  help: (command) => ({
    headline: `Recherche d’une télécopie : ${command} suivi du nom de l’usager.`,
    note:
      'Nom et/ou prénom, dans n’importe quel ordre ; accents et majuscules sans importance ; le début du nom suffit. ' +
      `Un NAM ou le numéro de la télécopie fonctionnent aussi. Exemples : ${command} tremblay marie · ${command} cote · ${command} trem`,
  }),
  none: (query) => `Aucune télécopie trouvée pour « ${query} ».`,
  found: (count, query) =>
    count === 1
      ? `1 télécopie trouvée pour « ${query} » :`
      : `${count} télécopies trouvées pour « ${query} », les plus récentes d’abord :`,
  capped: (max) => `Seules les ${max} plus récentes sont affichées : précisez la recherche (prénom, NAM).`,
  unnamed: 'Usager non nommé',
  born: (date) => `né(e) le ${date}`,
  noExam: 'Examen non indiqué',
  open: 'Voir la fiche',
  notPosted: 'Fiche pas encore publiée',
  labels: { received: 'Reçue le', status: 'État', verdict: 'Vérification', exam: 'Examen' },
  failed: 'La recherche n’a pas pu se faire. Réessayez dans un instant.',
  fallback: (count) =>
    count === 0
      ? 'Aucune télécopie trouvée.'
      : count === 1
        ? '1 télécopie trouvée.'
        : `${count} télécopies trouvées.`,
};

const en: SearchStrings = {
  help: (command) => ({
    headline: `Finding a fax: ${command} followed by the patient’s name.`,
    note:
      'Last and/or first name, in any order; accents and case do not matter; the start of a name is enough. ' +
      `A health insurance number or the fax id work too. Examples: ${command} tremblay marie · ${command} cote · ${command} trem`,
  }),
  none: (query) => `No fax found for “${query}”.`,
  found: (count, query) =>
    count === 1 ? `1 fax found for “${query}”:` : `${count} faxes found for “${query}”, most recent first:`,
  capped: (max) => `Only the ${max} most recent are shown: narrow the search (first name, health number).`,
  unnamed: 'Unnamed patient',
  born: (date) => `born ${date}`,
  noExam: 'Exam not given',
  open: 'Open the card',
  notPosted: 'Card not posted yet',
  labels: { received: 'Received', status: 'State', verdict: 'Check', exam: 'Exam' },
  failed: 'The search could not be done. Try again in a moment.',
  fallback: (count) =>
    count === 0 ? 'No fax found.' : count === 1 ? '1 fax found.' : `${count} faxes found.`,
};

export function searchStrings(lang: Lang = 'fr'): SearchStrings {
  return lang === 'en' ? en : fr;
}

export interface SearchResultsOptions {
  lang: Lang;
  /** How the person asks on this platform (« /fax », « fax »…), for the help. */
  command: string;
  /** The link to a fax's card, when it is posted; from the store's chat messages. */
  links?: ReadonlyMap<string, string>;
}

function toItem(hit: SearchHit, opts: SearchResultsOptions, s: SearchStrings): SearchResultItem {
  const cs = cardStrings(opts.lang);
  const verdict = cs.verdict[hit.verdict];
  return {
    faxId: hit.id,
    patient: personName(hit.patient) ?? s.unnamed,
    birth: hit.patient.birthDate ? s.born(hit.patient.birthDate) : null,
    receivedAt: hit.receivedAt,
    received: formatInstant(hit.receivedAt, cs),
    status: hit.status,
    statusLabel: cs.status[hit.status],
    verdict: hit.verdict,
    verdictLabel: `${verdict.symbol} ${verdict.label}`,
    exam: hit.exam?.trim() || s.noExam,
    link: opts.links?.get(hit.id) ?? null,
  };
}

/**
 * The answer to show for what the person typed. `outcome` is null when the query was empty
 * (nothing was searched): the help.
 */
export function buildSearchResults(
  query: string,
  outcome: SearchOutcome | null,
  opts: SearchResultsOptions,
): SearchResults {
  const s = searchStrings(opts.lang);
  const base = { query: query.trim(), openLabel: s.open, notPostedLabel: s.notPosted, items: [] };
  if (outcome === null || base.query === '') {
    const help = s.help(opts.command);
    return { ...base, kind: 'help', headline: help.headline, note: help.note };
  }
  if (!outcome.ok) return { ...base, kind: 'invalid', headline: outcome.message, note: null };
  const hits = outcome.hits.slice(0, MAX_SEARCH_RESULTS);
  if (hits.length === 0) return { ...base, kind: 'none', headline: s.none(base.query), note: null };
  return {
    ...base,
    kind: 'results',
    headline: s.found(hits.length, base.query),
    note: hits.length >= MAX_SEARCH_RESULTS ? s.capped(MAX_SEARCH_RESULTS) : null,
    items: hits.map((hit) => toItem(hit, opts, s)),
  };
}

/** Slack's link to a message: the permalink form `https://<domain>.slack.com/archives/<C>/p<ts without the dot>`. */
export function slackMessageLink(teamDomain: string | null, channelId: string, ts: string): string {
  if (teamDomain && /^[a-z0-9-]+$/i.test(teamDomain)) {
    return `https://${teamDomain}.slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
  }
  return `https://slack.com/app_redirect?channel=${encodeURIComponent(channelId)}&message_ts=${encodeURIComponent(ts)}`;
}

/** Teams' deep link to a channel message (the card). */
export function teamsMessageLink(channelId: string, messageId: string, tenantId: string | null): string {
  const id = encodeURIComponent(messageId);
  const query = new URLSearchParams({ ...(tenantId ? { tenantId } : {}), parentMessageId: messageId });
  return `https://teams.microsoft.com/l/message/${encodeURIComponent(channelId)}/${id}?${query.toString()}`;
}
