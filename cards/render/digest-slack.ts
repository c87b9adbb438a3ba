/**
 * The digest for Slack (chat.postMessage `{ text, blocks }`): a header, the counts, then each
 * group's lines packed into as few sections as fit (3,000 characters each), within 50 blocks
 * and the message budget of cards/render/slack-limits.ts; past that, the oldest lines stay
 * and the rest are counted (« … et 140 autres ») with where to see them all.
 */
import type { DigestCard, DigestLine } from '../digest-card.ts';
import { digestStrings } from '../digest-strings.ts';
import type { SlackBlock, SlackMessage } from './slack.ts';
import {
  escapedText,
  escapeMrkdwn,
  packChunks,
  plainText,
  slackMessageChars,
  SLACK_LIMITS,
} from './slack-limits.ts';
import { DIGEST_VALUE_CHARS, fitDigest, shownSections } from './digest-fit.ts';

const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });

function lineText(line: DigestLine): string {
  const age = escapeMrkdwn(line.age);
  const parts = [
    line.link ? `<${line.link}|${age}>` : age,
    `${line.verdictSymbol} ${escapeMrkdwn(line.verdictLabel)}`,
    `*${escapedText(line.patient, DIGEST_VALUE_CHARS, '…')}*`,
    escapedText(line.exam, DIGEST_VALUE_CHARS, '…'),
  ];
  const note = line.note ? ` _(${escapeMrkdwn(line.note)})_` : '';
  return `• ${line.stale ? '⏰ ' : ''}${parts.join(' — ')}${note}`;
}

function render(card: DigestCard, maxLines: number): SlackMessage {
  const s = digestStrings(card.lang);
  const title = card.late ? `${card.title} (${card.lateLabel})` : card.title;
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: plainText(`📋 ${title}`, SLACK_LIMITS.headerText), emoji: true },
    },
  ];
  if (card.late) {
    blocks.push({
      type: 'context',
      elements: [mrkdwn(`⏰ *${escapeMrkdwn(card.lateLabel)}* — ${escapeMrkdwn(card.lateNote)}`)],
    });
  }
  blocks.push({ type: 'section', text: mrkdwn(`*${escapeMrkdwn(card.empty ?? card.counts)}*`) });
  let hiddenTotal = 0;
  for (const shown of shownSections(card, maxLines)) {
    hiddenTotal += shown.hidden;
    const chunks = [
      `*${escapeMrkdwn(shown.section.title)}* (${shown.section.count})`,
      ...shown.lines.map(lineText),
      ...(shown.hidden > 0 ? [`_${escapeMrkdwn(s.more(shown.hidden))}_`] : []),
    ];
    for (const text of packChunks(chunks)) blocks.push({ type: 'section', text: mrkdwn(text) });
  }
  const footer: string[] = [];
  if (card.staleLegend) footer.push(escapeMrkdwn(card.staleLegend));
  if (hiddenTotal > 0) {
    footer.push(
      card.rest.link
        ? `<${card.rest.link.url}|${escapeMrkdwn(card.rest.link.label)}>`
        : escapeMrkdwn(card.rest.hint),
    );
  }
  if (footer.length > 0) blocks.push({ type: 'context', elements: footer.map(mrkdwn) });
  return { text: escapedText(card.summary, SLACK_LIMITS.fallbackText, '…'), blocks };
}

/** The digest message, within Block Kit's limits however many orders wait. */
export function renderDigestSlack(card: DigestCard): SlackMessage {
  return fitDigest(
    (maxLines) => render(card, maxLines),
    (m) => m.blocks.length <= SLACK_LIMITS.blocks && slackMessageChars(m) <= SLACK_LIMITS.messageChars,
  );
}
