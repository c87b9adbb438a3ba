/**
 * Card → Adaptive Card 1.5 (Teams, and the local console). Buttons are Universal Actions
 * (`Action.Execute`, verb = action id) and the card asks for a refresh (`fax.refresh`), so
 * every viewer sees the current state, not the one it was posted with. Forms open inside the
 * card (`Action.ShowCard`). Sizes are kept in cards/render/adaptive-limits.ts.
 */
import { REFRESH_VERB } from '../actions.ts';
import { cardStrings } from '../i18n/index.ts';
import type { CardStrings } from '../i18n/types.ts';
import type {
  ActionButton,
  ActionForm,
  Card,
  CardElement,
  Fact,
  Link,
  Mark,
  Section,
  StatusItem,
  Tone,
} from '../model.ts';
import { ADAPTIVE_LIMITS, fitAdaptive } from './adaptive-limits.ts';
import { MARK_SYMBOLS, markerFor, recentHistory, truncate, truncateEscaped, type Detail } from './text.ts';

export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** An Adaptive Card as JSON: what goes in an attachment of content type `application/vnd.microsoft.card.adaptive`. */
export interface AdaptiveCardJson extends JsonObject {
  type: 'AdaptiveCard';
  version: '1.5';
  body: JsonObject[];
  actions: JsonObject[];
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export interface AdaptiveRenderOptions {
  /**
   * Emoji in the header and the marks (default true: Teams has its own emoji font). The
   * console sets false: a machine without an emoji font would show empty boxes, so the tone's
   * colour and words carry the verdict, and marks are Latin-1 characters every font has.
   */
  emoji?: boolean;
  /**
   * Who refreshes automatically. Teams refreshes for everyone in chats of up to 60 people
   * when omitted; larger channels need the list (others get a manual refresh button).
   */
  refreshUserIds?: string[];
}

const CONTAINER_STYLE: Record<Tone, string> = {
  good: 'good',
  warning: 'warning',
  attention: 'attention',
  accent: 'accent',
  neutral: 'emphasis',
};

const MARK_COLOR: Record<Mark, string> = { pass: 'Good', warn: 'Warning', fail: 'Attention', info: 'Accent' };

/**
 * TextBlocks and facts are markdown: text read from a fax must not turn into links or
 * emphasis. Hosts that process markdown (Teams, markdown-it in the console) honour the escapes.
 */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, '\\$&');
}

const md = (raw: string, max: number, marker = '…'): string =>
  truncateEscaped(raw, max, marker, escapeMarkdown);

function textBlock(text: string, extra: JsonObject = {}): JsonObject {
  return { type: 'TextBlock', text, wrap: true, ...extra };
}

/** Plain runs (no markdown): safe for any text from a fax. */
function richText(inlines: JsonObject[], extra: JsonObject = {}): JsonObject {
  return { type: 'RichTextBlock', inlines, ...extra };
}

function run(text: string, extra: JsonObject = {}): JsonObject {
  return { type: 'TextRun', text, ...extra };
}

function openUrls(links: readonly Link[]): JsonObject {
  return {
    type: 'ActionSet',
    actions: links.map((l) => ({ type: 'Action.OpenUrl', title: l.label, url: l.url })),
  };
}

function factOf(fact: Fact, detail: Detail, s: CardStrings): JsonObject {
  const value = md(fact.value, detail.lineChars);
  const shown = fact.link ? `[${value}](${fact.link})` : fact.missing ? `_${value}_` : value;
  // The reading's mark, small and beside the value: « à vérifier », « corrigé ».
  const mark = fact.flag ? ` _(${escapeMarkdown(s.values.flags[fact.flag])})_` : '';
  return { title: md(fact.label, detail.lineChars), value: `${shown}${mark}` };
}

/** Marks every font draws (Latin-1), for hosts that may lack the symbols' fonts. */
const PLAIN_MARKS: Record<Mark, string> = { pass: '+', warn: '!', fail: '×', info: 'i' };

function statusLine(i: StatusItem, detail: Detail, marks: Record<Mark, string>): JsonObject {
  return richText(
    [
      run(`${marks[i.mark]} `, { color: MARK_COLOR[i.mark], weight: 'Bolder' }),
      run(truncate(i.text, detail.lineChars, '…')),
    ],
    { spacing: 'Small' },
  );
}

function elementItems(
  element: CardElement,
  detail: Detail,
  s: CardStrings,
  opts: { marks: Record<Mark, string>; idPrefix: string },
): JsonObject[] {
  switch (element.kind) {
    case 'facts':
      return [{ type: 'FactSet', spacing: 'Small', facts: element.facts.map((f) => factOf(f, detail, s)) }];
    case 'text': {
      const max = element.truncation === 'fax' ? detail.longTextChars : detail.lineChars;
      const text = truncate(element.text, max, markerFor(element.truncation, s));
      const style: JsonObject =
        element.style === 'strong'
          ? { weight: 'Bolder' }
          : element.style === 'muted'
            ? { isSubtle: true }
            : {};
      return [richText([run(text, style)])];
    }
    case 'status_list': {
      const shown = element.items.map((i) => statusLine(i, detail, opts.marks));
      if (!element.collapsed) return shown;
      // The passed checks fold under one button (Action.ToggleVisibility), hidden until asked for.
      const id = `${opts.idPrefix}-passed`;
      return [
        ...shown,
        {
          type: 'ActionSet',
          spacing: 'Small',
          actions: [
            {
              type: 'Action.ToggleVisibility',
              title: `${opts.marks.pass} ${element.collapsed.label}`,
              targetElements: [id],
            },
          ],
        },
        {
          type: 'Container',
          id,
          isVisible: false,
          spacing: 'Small',
          items: element.collapsed.items.map((i) => statusLine(i, detail, opts.marks)),
        },
      ];
    }
    case 'links':
      // Links as a line of text, not a row of buttons: the card's buttons are its actions.
      return [
        textBlock(
          element.links
            .map((l) => `[${escapeMarkdown(truncate(l.label, detail.lineChars, '…'))}](${l.url})`)
            .join(' · '),
          { spacing: 'Small' },
        ),
      ];
    case 'history': {
      const { olderCount, shown } = recentHistory(element.entries, detail.historyEntries);
      return [
        textBlock(md(s.history.title, detail.lineChars), { weight: 'Bolder', spacing: 'Medium' }),
        ...(olderCount > 0
          ? [richText([run(s.history.olderEvents(olderCount), { isSubtle: true, italic: true })])]
          : []),
        ...shown.map((e) =>
          richText([run(`${e.at} — `, { isSubtle: true }), run(truncate(e.text, detail.lineChars, '…'))], {
            spacing: 'Small',
          }),
        ),
      ];
    }
    case 'callout':
      return [
        {
          type: 'Container',
          style: CONTAINER_STYLE[element.tone],
          items: [
            textBlock(escapeMarkdown(element.title), { weight: 'Bolder' }),
            ...element.text.split('\n').map((line) => richText([run(line)], { spacing: 'Small' })),
            ...(element.links.length > 0 ? [openUrls(element.links)] : []),
          ],
        },
      ];
  }
}

type ItemOptions = { marks: Record<Mark, string>; idPrefix: string };

function sectionBody(section: Section, detail: Detail, s: CardStrings, opts: ItemOptions): JsonObject[] {
  const items = section.elements.flatMap((e) => elementItems(e, detail, s, opts));
  const title = section.title ? [textBlock(escapeMarkdown(section.title), { weight: 'Bolder' })] : [];
  return [...title, ...items];
}

function spaced(items: JsonObject[], detail: Detail): JsonObject[] {
  const [first, ...rest] = items;
  if (!first) return [];
  return [{ ...first, separator: detail.dividers }, ...rest];
}

/**
 * The sections in order; two 'half' sections in a row share one row (a ColumnSet) where the
 * card is wide enough (the console's style sheet stacks them on a phone).
 */
function sectionsItems(sections: readonly Section[], detail: Detail, s: CardStrings, opts: ItemOptions) {
  const out: JsonObject[] = [];
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i] as Section;
    const next = sections[i + 1];
    if (section.width === 'half' && next?.width === 'half') {
      out.push(
        ...spaced(
          [
            {
              type: 'ColumnSet',
              columns: [section, next].map((sec) => ({
                type: 'Column',
                width: 'stretch',
                items: sectionBody(sec, detail, s, opts),
              })),
            },
          ],
          detail,
        ),
      );
      i++;
    } else out.push(...spaced(sectionBody(section, detail, s, opts), detail));
  }
  return out;
}

function verdictBanner(card: Card, s: CardStrings, emoji: boolean): JsonObject {
  const h = card.header;
  const st = h.state;
  const symbol = (sym: string) => (emoji ? `${sym} ` : '');
  // Once someone decided, the state leads (who, when, why) and the verdict moves under it.
  const lead = st.decided
    ? [
        textBlock(escapeMarkdown(`${symbol(s.state.symbols[st.kind])}${st.text}`), {
          size: 'Large',
          weight: 'Bolder',
        }),
        ...st.details.map((d) => textBlock(md(d, 600), { spacing: 'None' })),
        textBlock(escapeMarkdown(s.state.verdict(emoji ? h.symbol : '', h.verdictLabel)), {
          isSubtle: true,
          spacing: 'Small',
        }),
      ]
    : [
        // The verdict and what it means on one line (it wraps on a narrow screen).
        richText([
          run(`${symbol(h.symbol)}${h.verdictLabel}`, { size: 'Large', weight: 'Bolder' }),
          run(` ${h.hint}`),
        ]),
        textBlock(escapeMarkdown([st.text, ...st.details].join(' · ')), {
          spacing: 'None',
          weight: 'Bolder',
        }),
      ];
  return {
    type: 'Container',
    style: CONTAINER_STYLE[st.decided ? st.tone : h.tone],
    bleed: true,
    items: [
      ...lead,
      textBlock(md(h.title, 300), { size: 'Medium', weight: 'Bolder', spacing: 'Small' }),
      textBlock(md(h.subtitle, 300), { isSubtle: true, spacing: 'None' }),
    ],
  };
}

function input(field: ActionForm['fields'][number]): JsonObject {
  const common: JsonObject = {
    id: field.id,
    label: field.label,
    isRequired: field.required,
    errorMessage: field.errorMessage,
    placeholder: field.placeholder,
  };
  if (field.value !== undefined) common['value'] = field.value;
  return field.kind === 'text'
    ? { type: 'Input.Text', ...common, isMultiline: field.multiline, maxLength: field.maxLength }
    : {
        type: 'Input.ChoiceSet',
        ...common,
        choices: field.choices.map((c) => ({ title: c.label, value: c.value })),
      };
}

function execute(button: ActionButton, title: string): JsonObject {
  return {
    type: 'Action.Execute',
    title,
    verb: button.id,
    data: { ...button.data },
    ...(button.style === 'primary'
      ? { style: 'positive' }
      : button.style === 'danger'
        ? { style: 'destructive' }
        : {}),
  };
}

/** A button: runs at once, or opens its form in the card and runs on the form's submit. */
function actionOf(button: ActionButton): JsonObject {
  if (!button.form) return execute(button, button.label);
  const form = button.form;
  return {
    type: 'Action.ShowCard',
    title: button.label,
    card: {
      type: 'AdaptiveCard',
      body: [
        textBlock(escapeMarkdown(form.title), { weight: 'Bolder' }),
        textBlock(escapeMarkdown(form.intro), { isSubtle: true, spacing: 'Small' }),
        ...form.fields.map(input),
      ],
      actions: [{ ...execute(button, form.submitLabel), associatedInputs: 'auto' }],
    },
  };
}

function render(card: Card, detail: Detail, opts: AdaptiveRenderOptions): AdaptiveCardJson {
  const s = cardStrings(card.lang);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    fallbackText: truncate(card.summary, ADAPTIVE_LIMITS.fallbackText, '…'),
    refresh: {
      action: {
        type: 'Action.Execute',
        title: s.refresh,
        verb: REFRESH_VERB,
        data: { faxId: card.faxId, expectedStatus: card.status },
      },
      ...(opts.refreshUserIds ? { userIds: [...opts.refreshUserIds] } : {}),
    },
    msteams: { width: 'Full' },
    body: [
      verdictBanner(card, s, opts.emoji !== false),
      ...sectionsItems(card.sections, detail, s, {
        marks: opts.emoji === false ? PLAIN_MARKS : MARK_SYMBOLS,
        idPrefix: `fax-${card.faxId}`,
      }),
    ],
    actions: card.actions.map(actionOf),
  };
}

/** The Adaptive Card for Teams: under Teams' size limit whatever the fax holds. */
export function renderAdaptiveCard(card: Card, opts: AdaptiveRenderOptions = {}): AdaptiveCardJson {
  return fitAdaptive((detail) => render(card, detail, opts));
}
