/**
 * Card → Slack Block Kit (`{ text, blocks }` for chat.postMessage / chat.update), and an
 * action's form → a modal view. Every length is cut in cards/render/slack-limits.ts.
 */
import { cardStrings } from '../i18n/index.ts';
import type { CardStrings } from '../i18n/types.ts';
import type { ActionButton, ActionForm, Card, CardElement, Fact, Link, Section, Tone } from '../model.ts';
import { escapedText, escapeMrkdwn, fitSlack, packChunks, plainText, SLACK_LIMITS } from './slack-limits.ts';
import { MARK_SYMBOLS, markerFor, recentHistory, type Detail } from './text.ts';

export interface SlackPlainText {
  type: 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface SlackMrkdwn {
  type: 'mrkdwn';
  text: string;
}
export type SlackText = SlackPlainText | SlackMrkdwn;

export interface SlackButton {
  type: 'button';
  text: SlackPlainText;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}

export type SlackBlock =
  | { type: 'header'; text: SlackPlainText }
  | { type: 'section'; text?: SlackMrkdwn; fields?: SlackMrkdwn[] }
  | { type: 'context'; elements: SlackText[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id: string; elements: SlackButton[] };

export interface SlackMessage {
  /** Notification and fallback text: verdict, sender, time; never patient data. */
  text: string;
  blocks: SlackBlock[];
}

/** What a button's `value` holds (JSON): the action data, and the form to ask first if any. */
export interface SlackButtonValue {
  faxId: string;
  expectedStatus: string;
  form?: string;
}

const TONE_SYMBOL: Record<Tone, string> = {
  good: '✅',
  warning: '⚠️',
  attention: '❗',
  accent: 'ℹ️',
  neutral: '',
};

const mrkdwn = (text: string): SlackMrkdwn => ({ type: 'mrkdwn', text });
const plain = (text: string, max: number): SlackPlainText => ({
  type: 'plain_text',
  text: plainText(text, max),
  emoji: true,
});

/** `<url|label>`: the label is ours (a phone number, a page count), escaped all the same. */
function linkMarkup(link: Link): string {
  return `<${link.url}|${escapeMrkdwn(link.label.replace(/\|/g, '¦'))}>`;
}

function factField(fact: Fact, detail: Detail, s: CardStrings): SlackMrkdwn {
  const label = `*${escapedText(fact.label, detail.lineChars, '…')}*`;
  const value = escapedText(fact.value, detail.lineChars, '…');
  const shown = fact.link
    ? linkMarkup({ label: value, url: fact.link })
    : fact.missing
      ? `_${value}_`
      : value;
  const mark = fact.flag ? ` _(${escapeMrkdwn(s.values.flags[fact.flag])})_` : '';
  return mrkdwn(`${label}\n${shown}${mark}`);
}

/**
 * Two half-width sections (prescriber, patient) as one block of two columns, each fact on one
 * line (« *Nom* : Andrée Nguyen »): half the height of a field per fact. Null when a section
 * holds anything but facts (then each goes as usual).
 */
function halvesBlock(pair: readonly Section[], detail: Detail, s: CardStrings): SlackBlock | null {
  if (!pair.every((sec) => sec.elements.every((e) => e.kind === 'facts'))) return null;
  const column = (sec: Section) =>
    [
      `*${escapeMrkdwn(sec.title)}*`,
      ...sec.elements.flatMap((e) =>
        e.kind === 'facts'
          ? e.facts.map((f) => {
              const text = factField(f, detail, s).text;
              const cut = text.indexOf('\n');
              return `${text.slice(0, cut)}${s.colon}${text.slice(cut + 1).replace(/\n/g, ' ')}`;
            })
          : [],
      ),
    ].join('\n');
  const fields = pair.map((sec) => mrkdwn(column(sec)));
  return fields.every((f) => f.text.length <= SLACK_LIMITS.fieldText) ? { type: 'section', fields } : null;
}

function quoted(lines: readonly string[]): string {
  return lines.map((l) => `>${l}`).join('\n');
}

/** The mrkdwn chunks an element becomes; facts are fields, not chunks. */
function chunksOf(
  element: Exclude<CardElement, { kind: 'facts' }>,
  detail: Detail,
  s: CardStrings,
): string[] {
  switch (element.kind) {
    case 'text': {
      const max = element.truncation === 'fax' ? detail.longTextChars : detail.lineChars;
      const text = escapedText(element.text, max, markerFor(element.truncation, s));
      if (element.style === 'strong') return [`*${text}*`];
      if (element.style === 'muted') return [`_${text}_`];
      return [text];
    }
    case 'status_list':
      // The passed checks fold into one context-like line (Slack has no toggle in a message).
      return [
        ...element.items.map((i) => `${MARK_SYMBOLS[i.mark]} ${escapedText(i.text, detail.lineChars, '…')}`),
        ...(element.collapsed ? [`_${MARK_SYMBOLS.pass} ${escapeMrkdwn(element.collapsed.label)}_`] : []),
      ];
    case 'links':
      return [element.links.map(linkMarkup).join('   ·   ')];
    case 'history': {
      const { olderCount, shown } = recentHistory(element.entries, detail.historyEntries);
      return [
        `*${escapeMrkdwn(s.history.title)}*`,
        ...(olderCount > 0 ? [`_${escapeMrkdwn(s.history.olderEvents(olderCount))}_`] : []),
        ...shown.map((e) => `• _${escapeMrkdwn(e.at)}_ — ${escapedText(e.text, detail.lineChars, '…')}`),
      ];
    }
    case 'callout': {
      const symbol = TONE_SYMBOL[element.tone];
      const lines = [
        `${symbol ? `${symbol} ` : ''}*${escapeMrkdwn(element.title)}*`,
        ...element.text.split('\n').map((l) => escapedText(l, SLACK_LIMITS.calloutLine, '…')),
      ];
      if (element.links.length > 0) lines.push(element.links.map(linkMarkup).join('   ·   '));
      return [quoted(lines)];
    }
  }
}

function sectionBlocks(section: Section, detail: Detail, s: CardStrings): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let chunks: string[] = section.title ? [`*${escapeMrkdwn(section.title)}*`] : [];
  const flush = (fields: SlackMrkdwn[] = []) => {
    const texts = packChunks(chunks);
    chunks = [];
    // The last text goes with the fields, as their heading.
    const heading = fields.length > 0 ? texts.pop() : undefined;
    for (const t of texts) blocks.push({ type: 'section', text: mrkdwn(t) });
    for (let i = 0; i < fields.length; i += SLACK_LIMITS.fields) {
      blocks.push({
        type: 'section',
        ...(i === 0 && heading !== undefined ? { text: mrkdwn(heading) } : {}),
        fields: fields.slice(i, i + SLACK_LIMITS.fields),
      });
    }
  };
  for (const element of section.elements) {
    if (element.kind === 'facts') flush(element.facts.map((f) => factField(f, detail, s)));
    else chunks.push(...chunksOf(element, detail, s));
  }
  flush();
  return blocks;
}

function buttonValue(button: ActionButton): string {
  const value: SlackButtonValue = { ...button.data, ...(button.form ? { form: button.form.id } : {}) };
  return JSON.stringify(value);
}

function actionsBlock(card: Card): SlackBlock {
  return {
    type: 'actions',
    block_id: `fax_actions:${card.faxId}`,
    elements: card.actions.slice(0, SLACK_LIMITS.actionsElements).map((b) => ({
      type: 'button',
      text: plain(b.label, SLACK_LIMITS.buttonText),
      action_id: b.id,
      value: buttonValue(b),
      ...(b.style === 'default' ? {} : { style: b.style }),
    })),
  };
}

function render(card: Card, detail: Detail): SlackMessage {
  const s = cardStrings(card.lang);
  const h = card.header;
  // Once someone decided, the state leads (who, when, why) and the verdict goes under it.
  const st = h.state;
  const stateSymbol = s.state.symbols[st.kind];
  const lead = st.decided ? `${stateSymbol} ${st.text}` : `${h.symbol} ${h.verdictLabel} · ${h.title}`;
  const blocks: SlackBlock[] = [
    { type: 'header', text: plain(lead, SLACK_LIMITS.headerText) },
    ...(st.decided || st.details.length > 0
      ? [
          {
            type: 'section' as const,
            text: mrkdwn(
              [
                ...st.details.map((d) => escapedText(d, SLACK_LIMITS.calloutLine, '…')),
                ...(st.decided ? [`*${escapeMrkdwn(h.title)}*`] : []),
              ].join('\n') || ' ',
            ),
          },
        ]
      : []),
    {
      type: 'context',
      elements: [
        mrkdwn(
          st.decided
            ? escapeMrkdwn(s.state.verdict(h.symbol, h.verdictLabel))
            : `*${escapeMrkdwn(h.verdictLabel)}* — ${escapedText(h.hint, SLACK_LIMITS.calloutLine, '…')} · *${escapeMrkdwn(st.text)}*`,
        ),
        mrkdwn(escapedText(h.subtitle, detail.lineChars, '…')),
      ],
    },
  ];
  for (let i = 0; i < card.sections.length; i++) {
    const section = card.sections[i] as Section;
    const next = card.sections[i + 1];
    if (detail.dividers) blocks.push({ type: 'divider' });
    const halves =
      section.width === 'half' && next?.width === 'half' ? halvesBlock([section, next], detail, s) : null;
    if (halves) {
      blocks.push(halves);
      i++;
    } else blocks.push(...sectionBlocks(section, detail, s));
  }
  if (card.actions.length > 0) blocks.push(actionsBlock(card));
  return { text: escapedText(card.summary, SLACK_LIMITS.fallbackText, '…'), blocks };
}

/** The message for chat.postMessage / chat.update: within every Block Kit limit, whatever the fax holds. */
export function renderSlackMessage(card: Card): SlackMessage {
  return fitSlack((detail) => render(card, detail));
}

export interface SlackModalView {
  type: 'modal';
  callback_id: string;
  private_metadata: string;
  title: SlackPlainText;
  submit: SlackPlainText;
  close: SlackPlainText;
  blocks: SlackModalBlock[];
}

export type SlackModalBlock =
  | { type: 'section'; text: SlackMrkdwn }
  | {
      type: 'input';
      block_id: string;
      optional: boolean;
      label: SlackPlainText;
      element:
        | {
            type: 'plain_text_input';
            action_id: string;
            multiline: boolean;
            max_length: number;
            placeholder: SlackPlainText;
            initial_value?: string;
          }
        | {
            type: 'static_select';
            action_id: string;
            placeholder: SlackPlainText;
            options: { text: SlackPlainText; value: string }[];
            initial_option?: { text: SlackPlainText; value: string };
          };
    };

function initialOption(f: Extract<ActionForm['fields'][number], { kind: 'choice' }>) {
  const chosen = f.choices.find((c) => c.value === f.value);
  return chosen
    ? {
        initial_option: {
          text: plain(chosen.label, SLACK_LIMITS.optionText),
          value: chosen.value.slice(0, SLACK_LIMITS.optionValue),
        },
      }
    : {};
}

/**
 * An action's form as a modal (views.open). Each input's block_id and action_id are the
 * field's id, so `view.state.values[id][id]` holds its answer. `privateMetadata` carries what
 * the adapter needs back on submit (the action data, where the message is).
 */
export function renderSlackModal(
  form: ActionForm,
  opts: { callbackId: string; privateMetadata: string },
): SlackModalView {
  if (opts.privateMetadata.length > SLACK_LIMITS.privateMetadata) {
    throw new RangeError(`private_metadata is longer than ${SLACK_LIMITS.privateMetadata} characters`);
  }
  return {
    type: 'modal',
    callback_id: opts.callbackId,
    private_metadata: opts.privateMetadata,
    title: plain(form.title, SLACK_LIMITS.modalTitle),
    submit: plain(form.submitLabel, SLACK_LIMITS.modalButton),
    close: plain(form.cancelLabel, SLACK_LIMITS.modalButton),
    blocks: [
      { type: 'section', text: mrkdwn(`*${escapeMrkdwn(form.title)}*\n${escapeMrkdwn(form.intro)}`) },
      ...form.fields.map((f): SlackModalBlock => ({
        type: 'input',
        block_id: f.id,
        optional: !f.required,
        label: plain(f.label, SLACK_LIMITS.inputLabel),
        element:
          f.kind === 'text'
            ? {
                type: 'plain_text_input',
                action_id: f.id,
                multiline: f.multiline,
                max_length: f.maxLength,
                placeholder: plain(f.placeholder, SLACK_LIMITS.placeholder),
                ...(f.value !== undefined ? { initial_value: f.value.slice(0, f.maxLength) } : {}),
              }
            : {
                type: 'static_select',
                action_id: f.id,
                placeholder: plain(f.placeholder, SLACK_LIMITS.placeholder),
                options: f.choices.map((c) => ({
                  text: plain(c.label, SLACK_LIMITS.optionText),
                  value: c.value.slice(0, SLACK_LIMITS.optionValue),
                })),
                ...initialOption(f),
              },
      })),
    ],
  };
}
