/**
 * Everything Slack limits, in one place: Block Kit's documented maxima, our own budget for a
 * whole message, the detail levels tried in turn until a card fits, and the helpers that cut
 * a text to a field's limit without breaking its escaping.
 */
import type { Detail } from './text.ts';
import { truncate, truncateEscaped } from './text.ts';

export const SLACK_LIMITS = {
  /** Blocks in one message. */
  blocks: 50,
  /** A section's `text`. */
  sectionText: 3000,
  /** Items in a section's `fields`, and the length of each. */
  fields: 10,
  fieldText: 2000,
  /** A header block's plain text. */
  headerText: 150,
  /** Elements of a context block, and the length of each text. */
  contextElements: 10,
  contextText: 3000,
  /** Elements of an actions block; a button's text, action_id and value. */
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  buttonValue: 2000,
  /**
   * The whole message, serialized (`JSON.stringify({ text, blocks })`). Slack rejects or cuts
   * messages past ~13,000 characters of text; counting the JSON, markup included, keeps us well under.
   */
  messageChars: 12_000,
  /** A line of our own notices (the ministry's reminder, never cut in practice). */
  calloutLine: 1000,
  /** The message's top-level `text` (notifications): short by choice, Slack allows far more. */
  fallbackText: 300,
  /** Modal views: title, submit and close texts; an input's label, placeholder; an option's text and value. */
  modalTitle: 24,
  modalButton: 24,
  inputLabel: 2000,
  placeholder: 150,
  optionText: 75,
  optionValue: 150,
  privateMetadata: 3000,
} as const;

/**
 * Most generous first; the last level fits the worst card by construction (see the stress test).
 * No dividers: each is a block and a line of height, and the section titles already part the card.
 */
export const SLACK_DETAIL_LEVELS: readonly Detail[] = [
  { lineChars: 300, longTextChars: 2500, historyEntries: 15, dividers: false },
  { lineChars: 200, longTextChars: 1200, historyEntries: 8, dividers: false },
  { lineChars: 140, longTextChars: 500, historyEntries: 3, dividers: false },
  // Only for texts that swell when serialized (quotes, backslashes, control characters, '&').
  { lineChars: 80, longTextChars: 200, historyEntries: 1, dividers: false },
];

/** Slack's three control characters; everything else in mrkdwn is shown as typed. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** `raw`, escaped for mrkdwn, at most `max` characters once escaped. */
export function escapedText(raw: string, max: number, marker: string): string {
  return truncateEscaped(raw, max, marker, escapeMrkdwn);
}

/** Plain text (header, buttons, modal texts) cut to `max` with « … ». */
export function plainText(raw: string, max: number): string {
  return truncate(raw, max, '…');
}

/**
 * Joins mrkdwn chunks with newlines into as few texts as possible, each at most `max`
 * characters. Chunks are never split (each is already cut to fit); a chunk longer than `max`
 * is an error of the caller, cut here as a last resort.
 */
export function packChunks(chunks: readonly string[], max: number = SLACK_LIMITS.sectionText): string[] {
  const out: string[] = [];
  let current = '';
  for (const raw of chunks) {
    const chunk = raw.length > max ? truncate(raw, max, '…') : raw;
    if (current === '') current = chunk;
    else if (current.length + 1 + chunk.length <= max) current += `\n${chunk}`;
    else {
      out.push(current);
      current = chunk;
    }
  }
  if (current !== '') out.push(current);
  return out;
}

export function slackMessageChars(message: unknown): number {
  return JSON.stringify(message).length;
}

/** The first level whose message fits; the last level's message otherwise (it is built to fit). */
export function fitSlack<T extends { blocks: readonly unknown[] }>(render: (detail: Detail) => T): T {
  let message: T | undefined;
  for (const detail of SLACK_DETAIL_LEVELS) {
    message = render(detail);
    if (
      message.blocks.length <= SLACK_LIMITS.blocks &&
      slackMessageChars(message) <= SLACK_LIMITS.messageChars
    ) {
      return message;
    }
  }
  if (message === undefined) throw new Error('no Slack detail level');
  return message;
}
