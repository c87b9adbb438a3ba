/**
 * The platform-neutral card: what a fax card says, with no notion of Slack or Teams.
 * `buildFaxCard` fills it in; each renderer (cards/render/) turns it into its platform's
 * format and alone decides how much fits there. Plain data, so it can be printed, diffed
 * and tested without a chat platform.
 */
import type { Verdict } from '../src/domain/report.ts';
import type { FaxStatus } from '../src/store/records.ts';
import type { FaxActionId } from './actions.ts';

export type Lang = 'fr' | 'en';

/** Colour intent, named after Adaptive Cards' container styles (Slack shows the symbol only). */
export type Tone = 'good' | 'warning' | 'attention' | 'accent' | 'neutral';

/** A line's status mark: ✓ pass, ⚠ warn, ✗ fail, ℹ info. */
export type Mark = 'pass' | 'warn' | 'fail' | 'info';

export interface Link {
  label: string;
  /** https:, mailto: or tel: (`tel:+1XXXXXXXXXX`). */
  url: string;
}

/**
 * A label and its value. When `link` is set, the value is shown as a link to it (the
 * prescriber's callback number as `tel:+1…`).
 */
export interface Fact {
  label: string;
  value: string;
  link?: string;
  /** The value says something is missing: shown subdued. */
  missing?: boolean;
  /**
   * How the value was read (the parser's provenance): 'uncertain', a person should check it
   * (« à vérifier »); 'repaired', the parser corrected what the fax said (« corrigé »). A small
   * mark beside the value.
   */
  flag?: FieldFlag;
}

export type FieldFlag = 'uncertain' | 'repaired';

/**
 * How a text may be shortened when a platform has no room: 'fax' texts were read from the
 * fax (the clinical note) and end with « … (suite dans la télécopie) »; 'plain' with « … ».
 */
export type Truncation = 'fax' | 'plain';

export interface FactsElement {
  kind: 'facts';
  facts: Fact[];
}

export interface TextElement {
  kind: 'text';
  text: string;
  style: 'plain' | 'muted' | 'strong';
  truncation: Truncation;
}

export interface StatusItem {
  mark: Mark;
  text: string;
}

export interface StatusListElement {
  kind: 'status_list';
  /** Shown: what failed or warns (what staff must look at). */
  items: StatusItem[];
  /**
   * What passed, folded under one line (« 14 vérifications réussies »): a toggle in Adaptive
   * Cards, a context line in Slack. Null when nothing passed.
   */
  collapsed: { label: string; items: StatusItem[] } | null;
}

export interface LinksElement {
  kind: 'links';
  links: Link[];
}

export interface HistoryEntry {
  /** Already formatted for the card's language and time zone. */
  at: string;
  text: string;
}

/** Oldest first. Renderers show the most recent entries that fit and summarise the rest. */
export interface HistoryElement {
  kind: 'history';
  entries: HistoryEntry[];
}

/** A boxed notice: the ministry's reminder, a reported problem, an unreadable fax. */
export interface CalloutElement {
  kind: 'callout';
  tone: Tone;
  title: string;
  text: string;
  links: Link[];
}

export type CardElement =
  FactsElement | TextElement | StatusListElement | LinksElement | HistoryElement | CalloutElement;

/** Stable section ids, so adapters and tests can find a part of the card. */
export type SectionId =
  | 'unreadable'
  | 'reminder'
  | 'prescriber'
  | 'patient'
  | 'order'
  | 'checks'
  | 'reception'
  | 'problem'
  | 'state';

/** How a section may be laid out: 'half' sections side by side where there is room. */
export type SectionWidth = 'full' | 'half';

export interface Section {
  id: SectionId;
  /** Empty for callout-only sections, whose callout carries the title. */
  title: string;
  /** Default 'full'. */
  width?: SectionWidth;
  elements: CardElement[];
}

/** Where the fax stands, said first once a person has decided. */
export interface CardState {
  /** « Acceptée par Marie Lavoie le 5 déc. à 14 h 02 », « En attente d’une décision ». */
  text: string;
  /** Further lines: the reason given, calls without answer, an earlier authentication. */
  details: string[];
  tone: Tone;
  /** The status, with a filed fax told apart from a refused one. */
  kind: FaxStatus | 'filed';
  /** Someone moved the fax (accepted, refused, filed, authentication requested): the state leads the card. */
  decided: boolean;
}

export interface CardHeader {
  verdict: Verdict;
  state: CardState;
  /** ✅, ⚠, ❌… */
  symbol: string;
  /** « Conforme », « À vérifier »… (« Télécopie effacée… » once the retention purge erased it). */
  verdictLabel: string;
  /** One sentence under the label: what it means for staff. */
  hint: string;
  tone: Tone;
  /** Names the sender: « Télécopie de Marie Tremblay ». */
  title: string;
  /** Received when, how many pages. */
  subtitle: string;
}

export interface ActionData {
  faxId: string;
  /** The status the card showed when clicked: the workflow refuses a stale click. */
  expectedStatus: FaxStatus;
}

export const FORM_IDS = [
  'accept_reason',
  'report_problem',
  'refusal_reason',
  'reject_reason',
  'request_resend',
] as const;
export type FormId = (typeof FORM_IDS)[number];

export interface ChoiceField {
  kind: 'choice';
  id: string;
  label: string;
  required: boolean;
  /** Shown when a required field is left empty. */
  errorMessage: string;
  placeholder: string;
  choices: { value: string; label: string }[];
  /** Chosen when the form opens. */
  value?: string;
}

export interface TextField {
  kind: 'text';
  id: string;
  label: string;
  required: boolean;
  errorMessage: string;
  placeholder: string;
  multiline: boolean;
  maxLength: number;
  /** Filled in when the form opens (the person may change it). */
  value?: string;
}

export type FormField = ChoiceField | TextField;

/** A small form asked before an action runs (a Teams show-card, a Slack modal). */
export interface ActionForm {
  id: FormId;
  title: string;
  /** Text above the fields. */
  intro: string;
  submitLabel: string;
  cancelLabel: string;
  fields: FormField[];
}

export interface ActionButton {
  id: FaxActionId;
  label: string;
  style: 'primary' | 'danger' | 'default';
  data: ActionData;
  /** Asked first, when set; its answers travel with `data` under the fields' ids. */
  form?: ActionForm;
}

export interface Card {
  lang: Lang;
  faxId: string;
  status: FaxStatus;
  header: CardHeader;
  /** One line for notifications and fallbacks: verdict, sender, time. Never patient data. */
  summary: string;
  sections: Section[];
  /** Workflow buttons, in display order. Empty when the card is read-only. */
  actions: ActionButton[];
}
