/**
 * The digest as an Adaptive Card 1.5 (Teams, and the local console): the counts, then each
 * group's lines, each linking to the order's card; kept under the card budget of
 * cards/render/adaptive-limits.ts (Teams refuses messages over 28 KB) by showing the oldest
 * lines and counting the rest.
 */
import type { DigestCard, DigestLine } from '../digest-card.ts';
import { digestStrings } from '../digest-strings.ts';
import { ADAPTIVE_LIMITS, adaptiveCardBytes } from './adaptive-limits.ts';
import type { AdaptiveCardJson, JsonObject } from './adaptive.ts';
import { DIGEST_VALUE_CHARS, fitDigest, shownSections } from './digest-fit.ts';
import { truncateEscaped } from './text.ts';

/** Text read from a fax must not turn into markdown (links, emphasis) on the card. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>()]/g, '\\$&');
}

const md = (raw: string, max = DIGEST_VALUE_CHARS) => truncateEscaped(raw, max, '…', escapeMarkdown);

function textBlock(text: string, extra: JsonObject = {}): JsonObject {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

function lineText(line: DigestLine): string {
  const age = escapeMarkdown(line.age);
  const parts = [
    line.link ? `[${age}](${line.link})` : age,
    `${line.verdictSymbol} ${escapeMarkdown(line.verdictLabel)}`,
    `**${md(line.patient)}**`,
    md(line.exam),
  ];
  const note = line.note ? ` _${escapeMarkdown(`(${line.note})`)}_` : '';
  return `${line.stale ? '⏰ ' : ''}${parts.join(' — ')}${note}`;
}

function render(card: DigestCard, maxLines: number): AdaptiveCardJson {
  const s = digestStrings(card.lang);
  const body: JsonObject[] = [
    textBlock(`📋 ${escapeMarkdown(card.title)}`, { size: 'Medium', weight: 'Bolder' }),
  ];
  if (card.late) {
    body.push({
      type: 'Container',
      style: 'attention',
      items: [textBlock(`⏰ **${escapeMarkdown(card.lateLabel)}** — ${escapeMarkdown(card.lateNote)}`)],
    });
  }
  body.push(textBlock(escapeMarkdown(card.empty ?? card.counts), { weight: 'Bolder' }));
  let hiddenTotal = 0;
  for (const shown of shownSections(card, maxLines)) {
    hiddenTotal += shown.hidden;
    body.push(
      textBlock(`${escapeMarkdown(shown.section.title)} (${shown.section.count})`, {
        weight: 'Bolder',
        spacing: 'Medium',
        separator: true,
      }),
      ...shown.lines.map((l) => textBlock(lineText(l), { spacing: 'Small' })),
      ...(shown.hidden > 0
        ? [textBlock(escapeMarkdown(s.more(shown.hidden)), { isSubtle: true, spacing: 'Small' })]
        : []),
    );
  }
  if (card.staleLegend)
    body.push(textBlock(escapeMarkdown(card.staleLegend), { isSubtle: true, size: 'Small' }));
  const actions: JsonObject[] = [];
  if (hiddenTotal > 0) {
    if (card.rest.link)
      actions.push({ type: 'Action.OpenUrl', title: card.rest.link.label, url: card.rest.link.url });
    else body.push(textBlock(escapeMarkdown(card.rest.hint), { isSubtle: true, size: 'Small' }));
  }
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: card.summary.slice(0, ADAPTIVE_LIMITS.fallbackText),
    msteams: { width: 'Full' },
    body,
    actions,
  };
}

/** The digest card, under Teams' size limit however many orders wait. */
export function renderDigestAdaptive(card: DigestCard): AdaptiveCardJson {
  return fitDigest(
    (maxLines) => render(card, maxLines),
    (c) => adaptiveCardBytes(c) <= ADAPTIVE_LIMITS.cardBytes,
  );
}
