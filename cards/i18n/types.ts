/**
 * The shape of a card dictionary. fr.ts and en.ts each implement it whole, so a string
 * missing in one language is a compile error, not a blank on a card.
 */
import type { CheckId, Verdict } from '../../src/domain/report.ts';
import type { FaxStatus } from '../../src/store/records.ts';
import type { FaxActionId, ProblemCategory } from '../actions.ts';
import type { FormId } from '../model.ts';

export type ShownCheckStatus = 'pass' | 'warn' | 'fail' | 'info';

/** What the history shows of an event: who, and the flat details the workflow recorded. */
export interface HistoryDetails {
  actor: string;
  reason: string | null;
  /** A problem category label, already translated (or the raw value if unknown). */
  category: string | null;
  description: string | null;
  /** The retention period a `purged` event records, in days. */
  retentionDays: number | null;
}

export interface CardStrings {
  /** BCP 47 locale for dates and times. */
  locale: string;

  verdict: Record<Verdict, { symbol: string; label: string; hint: string }>;
  status: Record<FaxStatus, string>;

  header: {
    from: (sender: string) => string;
    unknownSender: string;
    unreadable: string;
    received: (when: string) => string;
    pages: (count: number) => string;
  };

  sections: {
    prescriber: string;
    patient: string;
    order: string;
    checks: string;
    reception: string;
    state: string;
  };

  labels: {
    name: string;
    callback: string;
    permit: string;
    sender: string;
    birthDate: string;
    nam: string;
    altId: string;
    exam: string;
    clinicalInfo: string;
    orderDate: string;
    recipients: string;
    receivedAt: string;
    pageCount: string;
    faxId: string;
    currentState: string;
  };

  values: {
    missing: string;
    /** After the service's number when an order gives it as the callback number. */
    serviceNumberNotCallable: string;
    namMalformed: (raw: string) => string;
    /** A zero-page fax (the file could not be opened). */
    noPages: string;
  };

  checks: {
    /** not_service: the rules are shown for information only. */
    informationalOnly: string;
    none: string;
    /**
     * Messages by check id and status. Null for French: the rules' own messages are French
     * and more precise (they name what is missing), so they are shown as they are.
     */
    messages: Record<CheckId, Record<ShownCheckStatus, string>> | null;
  };

  reminder: {
    title: string;
    /** `callback` is the order's number as displayed, or null when it gives none. */
    text: (serviceNumber: string, callback: string | null) => string;
  };

  unreadable: {
    title: string;
    text: string;
    /** Reason by the reader's stable code; null for French (the stored reason is French). */
    reasons: Record<string, string> | null;
    unknownReason: string;
  };

  originalPages: (count: number) => string;
  /**
   * How the fax came in when not through the inbox folder: `via` 'mail' (sender: the message's
   * From address) or a fax server's receive hook ('hylafax', 'asterisk'…).
   */
  receivedVia: (via: string, sender: string | null) => string;

  state: {
    since: (status: string, actor: string, when: string) => string;
    unreachableAttempts: (count: number) => string;
    authenticated: (actor: string, when: string) => string;
  };

  history: {
    title: string;
    none: string;
    olderEvents: (count: number) => string;
    accepted: (d: HistoryDetails) => string;
    auth_requested: (d: HistoryDetails) => string;
    auth_authenticated: (d: HistoryDetails) => string;
    auth_unreachable: (d: HistoryDetails) => string;
    auth_refused: (d: HistoryDetails) => string;
    rejected: (d: HistoryDetails) => string;
    problem_reported: (d: HistoryDetails) => string;
    purged: (d: HistoryDetails) => string;
  };

  /** The card of a fax whose content the retention purge erased (cards/retention-card.ts). */
  retention: {
    symbol: string;
    /** Takes the verdict's place in the header. */
    label: string;
    hint: string;
    /** The header's title, with when the content was erased. */
    erasedOn: (when: string) => string;
    /** The title when no `purged` event says when. */
    erased: string;
    /** The status the fax was left in, said as past: nothing can change it any more. */
    lastState: (state: string) => string;
  };

  problem: {
    title: string;
    text: (count: number) => string;
    supportPhoneLabel: string;
    supportEmailLabel: string;
    categories: Record<ProblemCategory, string>;
  };

  actions: Record<FaxActionId, string>;
  refresh: string;

  forms: Record<FormId, { title: string; intro: string; submit: string }> & {
    cancel: string;
    reasonLabel: string;
    reasonPlaceholder: string;
    reasonRequired: string;
    refusalLabel: string;
    refusalPlaceholder: string;
    refusalRequired: string;
    categoryLabel: string;
    categoryPlaceholder: string;
    categoryRequired: string;
    descriptionLabel: string;
    descriptionPlaceholder: string;
    descriptionRequired: string;
  };

  /** Appended where a renderer had to cut a text. */
  truncated: { fax: string; plain: string };
}
