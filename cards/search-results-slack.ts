/**
 * Search results → a Slack message (`{ text, blocks }`) for an ephemeral response to `/fax`:
 * the headline, then one section per fax with a link to its card. Texts read from faxes
 * (names, exams) are escaped and cut to Block Kit's limits.
 */
import { escapedText, escapeMrkdwn, SLACK_LIMITS } from './render/slack-limits.ts';
import type { SlackBlock, SlackMessage } from './render/slack.ts';
import { searchStrings, type SearchResultItem, type SearchResults } from './search-results.ts';
import type { Lang } from './model.ts';

const NAME_MAX = 200;
const EXAM_MAX = 300;
const QUERY_MAX = 200;

function itemText(item: SearchResultItem, results: SearchResults): string {
  const name = `*${escapedText(item.patient, NAME_MAX, '…')}*`;
  const lines = [
    item.birth ? `${name} · ${escapeMrkdwn(item.birth)}` : name,
    `${escapeMrkdwn(item.received)} · ${escapeMrkdwn(item.statusLabel)} · ${escapeMrkdwn(item.verdictLabel)}`,
    escapedText(item.exam, EXAM_MAX, '…'),
    // Links are built by Faxdesk from ids (no `|` or `>` in them).
    item.link ? `<${item.link}|${results.openLabel}>` : `_${results.notPostedLabel}_`,
  ];
  return lines.join('\n');
}

export function renderSearchResultsSlack(results: SearchResults, lang: Lang = 'fr'): SlackMessage {
  const s = searchStrings(lang);
  // The headline quotes what the person typed: cut it, so a pasted novel cannot break the message.
  const headline =
    results.query.length > QUERY_MAX
      ? results.headline.replace(results.query, `${results.query.slice(0, QUERY_MAX)}…`)
      : results.headline;
  const blocks: SlackBlock[] = [
    {
      type: 'section',
      text: { type: 'mrkdwn', text: escapedText(headline, SLACK_LIMITS.sectionText, '…') },
    },
  ];
  if (results.note !== null) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: escapedText(results.note, SLACK_LIMITS.contextText, '…') }],
    });
  }
  if (results.items.length > 0) blocks.push({ type: 'divider' });
  for (const item of results.items) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: itemText(item, results) } });
  }
  // The fallback text names no patient: it is what previews and screen-reader summaries show.
  const text =
    results.kind === 'results' || results.kind === 'none'
      ? s.fallback(results.items.length)
      : escapedText(headline, SLACK_LIMITS.fallbackText, '…');
  return { text, blocks };
}
