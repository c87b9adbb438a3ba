/**
 * The shape of a card dictionary. fr.ts and en.ts each implement it whole, so a string
 * missing in one language is a compile error, not a blank on a card.
 */
import type { CheckId, Verdict } from '../../src/domain/report.ts';
import type { FaxStatus } from '../../src/store/records.ts';
import type { MailErrorCode } from '../../src/workflow/mailer.ts';
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
  /** `rejected` with `disposition: 'filed'`: filed away, not refused. */
  filed: boolean;
  /** `problem_reported`: false when the e-mail did not go; null when not said. */
  mailed: boolean | null;
  /** Why the e-mail did not go, in words. */
  mailError: string | null;
}

/** What an unreadable fax's card says came in. */
export interface ArrivalDetails {
  name: string;
  size: string;
  when: string;
  /** Kept in quarantine (the file could not be opened) rather than in the archive. */
  quarantined: boolean;
}

export interface CardStrings {
  /** BCP 47 locale for dates and times. */
  locale: string;

  verdict: Record<Verdict, { symbol: string; label: string; hint: string }>;
  status: Record<FaxStatus, string>;
  /** A `rejected` fax that was filed away rather than refused. */
  filed: string;

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
    /** The mark beside a value read with doubt, or corrected by the parser. */
    flags: { uncertain: string; repaired: string };
  };

  checks: {
    /** not_service: the rules are shown for information only. */
    informationalOnly: string;
    none: string;
    /** The folded line of passed checks. */
    passed: (passed: number, remarks: number) => string;
    /**
     * Messages by check id and status. Null for French: the rules' own messages are French
     * and more precise (they name what is missing), so they are shown as they are.
     */
    messages: Record<CheckId, Record<ShownCheckStatus, string>> | null;
    /**
     * With `messages` null: the rule's own message as the card shows it (one apostrophe style,
     * a garbled sentence put right).
     */
    rewrite: (id: CheckId, message: string) => string;
  };

  reminder: {
    title: string;
    /** `callback` is the order's number as displayed, or null when it gives none. */
    text: (serviceNumber: string, callback: string | null) => string;
  };

  unreadable: {
    title: string;
    text: string;
    /** What came in: file name, size, when. */
    arrival: (a: ArrivalDetails) => string;
    /** Where the file is kept, and that nothing is lost. */
    kept: (quarantined: boolean) => string;
    /** What to do. */
    todo: string;
    bytes: (n: number) => string;
    /** Reason by the reader's stable code; null for French (the stored reason is French). */
    reasons: Record<string, string> | null;
    unknownReason: string;
  };

  originalPages: (count: number) => string;
  /** Between a label and its value on one line: « Nom : X » in French, “Name: X” in English. */
  colon: string;
  /** « N° de télécopie : … » on one line. */
  faxIdLine: (id: string) => string;
  /**
   * How the fax came in when not through the inbox folder: `via` 'mail' (sender: the message's
   * From address) or a fax server's receive hook ('hylafax', 'asterisk'…).
   */
  receivedVia: (via: string, sender: string | null) => string;

  state: {
    /** The state's symbol in the header, once decided (Slack/Teams; the console draws its own). */
    symbols: Record<FaxStatus | 'filed', string>;
    /** Under the state, once decided: what the rules said. */
    verdict: (symbol: string, label: string) => string;
    /** The reason given by who decided. */
    reason: (reason: string) => string;
    since: (status: string, actor: string, when: string) => string;
    unreachableAttempts: (count: number) => string;
    authenticated: (actor: string, when: string) => string;
  };

  history: {
    title: string;
    none: string;
    olderEvents: (count: number) => string;
    accepted: (d: HistoryDetails) => string;
    accept_undone: (d: HistoryDetails) => string;
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
    /** The last report did not go out by e-mail. */
    unsentTitle: (phone: string) => string;
    unsentText: (reason: string) => string;
    mailErrors: Record<MailErrorCode, string>;
    supportPhoneLabel: string;
    supportEmailLabel: string;
    categories: Record<ProblemCategory, string>;
  };

  actions: Record<FaxActionId, string>;
  /** Labels that depend on the verdict or the state. */
  actionVariants: { fileNotOrder: string; requestResend: string; resendReport: string };
  refresh: string;

  forms: Record<FormId, { title: string; intro: string; submit: string }> & {
    cancel: string;
    reasonLabel: string;
    reasonPlaceholder: string;
    reasonRequired: string;
    /** The resend request's description, filled in. */
    resendDescription: string;
    rejectLabel: string;
    rejectPlaceholder: string;
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
