/**
 * Search results as Teams shows them: one Adaptive Card 1.5 listing the faxes (the bot's
 * personal reply), and, for the messaging extension, one entry per fax — a preview for the
 * person's result list, and the card inserted into their message when they pick one.
 *
 * The inserted card is posted wherever the person is writing, to whoever is there: it names
 * no patient and no exam, only the fax's date, state and a link to its card (which only the
 * channel's members can open). The patient's name is in the preview alone, which only the
 * person searching sees.
 */
import type { AdaptiveCardJson, JsonObject } from './render/adaptive.ts';
import { searchStrings, type SearchResultItem, type SearchResults } from './search-results.ts';
import type { Lang } from './model.ts';

const NAME_MAX = 200;
const EXAM_MAX = 300;

/** Plain runs: no markdown, so nothing read from a fax turns into a link or emphasis. */
function plain(text: string, extra: JsonObject = {}): JsonObject {
  return { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text, ...extra }] };
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function card(body: JsonObject[], fallbackText: string): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText,
    body,
    actions: [],
  };
}

function itemContainer(item: SearchResultItem, results: SearchResults, s: ReturnType<typeof searchStrings>) {
  const name = item.birth ? `${cut(item.patient, NAME_MAX)} · ${item.birth}` : cut(item.patient, NAME_MAX);
  const items: JsonObject[] = [
    plain(name, { weight: 'Bolder' }),
    {
      type: 'FactSet',
      spacing: 'Small',
      facts: [
        { title: s.labels.received, value: item.received },
        { title: s.labels.status, value: item.statusLabel },
        { title: s.labels.verdict, value: item.verdictLabel },
      ],
    },
    plain(`${s.labels.exam} : ${cut(item.exam, EXAM_MAX)}`, { isSubtle: false }),
  ];
  items.push(
    item.link
      ? {
          type: 'ActionSet',
          actions: [{ type: 'Action.OpenUrl', title: results.openLabel, url: item.link }],
        }
      : plain(results.notPostedLabel, { isSubtle: true, italic: true }),
  );
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** The whole answer, as one card (the bot's personal reply, the console's panel uses the model). */
export function renderSearchResultsCard(results: SearchResults, lang: Lang = 'fr'): AdaptiveCardJson {
  const s = searchStrings(lang);
  const body: JsonObject[] = [plain(results.headline, { weight: 'Bolder', size: 'Medium' })];
  if (results.note !== null) body.push(plain(results.note, { isSubtle: true }));
  for (const item of results.items) body.push(itemContainer(item, results, s));
  return card(body, s.fallback(results.items.length));
}

/** A thumbnail card: what the messaging extension's result list shows for a fax (only to the searcher). */
export interface ThumbnailCard {
  title: string;
  subtitle: string;
  text: string;
}

export function searchResultPreview(item: SearchResultItem): ThumbnailCard {
  return {
    title: cut(item.birth ? `${item.patient} · ${item.birth}` : item.patient, NAME_MAX),
    subtitle: cut(item.exam, EXAM_MAX),
    text: `${item.received} · ${item.statusLabel} · ${item.verdictLabel}`,
  };
}

/** What a picked result inserts into the person's message: no patient data, a link to the card. */
export function searchResultShareCard(
  item: SearchResultItem,
  results: SearchResults,
  lang: Lang = 'fr',
): AdaptiveCardJson {
  const s = shareStrings(lang);
  const body: JsonObject[] = [
    plain(s.title(item.received), { weight: 'Bolder' }),
    plain(`${item.statusLabel} · ${item.verdictLabel}`, { spacing: 'Small' }),
    plain(s.id(item.faxId), { isSubtle: true, spacing: 'Small' }),
  ];
  if (item.link) {
    body.push({
      type: 'ActionSet',
      actions: [{ type: 'Action.OpenUrl', title: results.openLabel, url: item.link }],
    });
  }
  return card(body, s.title(item.received));
}

function shareStrings(lang: Lang) {
  return lang === 'en'
    ? { title: (when: string) => `Fax received ${when}`, id: (id: string) => `Fax ${id}` }
    : { title: (when: string) => `Télécopie reçue le ${when}`, id: (id: string) => `Télécopie ${id}` };
}
