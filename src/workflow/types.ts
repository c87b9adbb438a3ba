/**
 * What the workflow's actions take and return. Every action answers with a
 * discriminated result rather than throwing: a refusal (stale card, missing
 * reason, not allowed…) is an expected outcome the chat adapter shows to the
 * person who clicked, in their language. Only infrastructure failures (the
 * database is gone) are thrown.
 */
import type { Actor, FaxEvent, FaxRecord, FaxStatus } from '../store/records.ts';

export type Lang = 'fr' | 'en';

/** Who clicked, as the chat platform tells it. */
export interface ActionActor {
  /** The platform's user id (Slack `U…`, Teams AAD object id, console user). */
  id: string;
  /** Display name, shown in the card's history ("acceptée par Marie Tremblay"). */
  name: string;
  /** 'slack' | 'teams' | 'console'…; recorded in the event details. */
  platform?: string;
  /** Where the click came from: actions are accepted only from the configured channel. */
  channelId?: string;
  /** Other ids the platform gives the same person (Teams: the `29:` id besides the Entra one), for allow-lists. */
  otherIds?: readonly string[];
}

export type ActionName =
  'accept' | 'undoAccept' | 'requestAuthentication' | 'recordAuthOutcome' | 'reject' | 'reportProblem';

/** How long after accepting its author may take it back (a misclick), in milliseconds. */
export const UNDO_ACCEPT_WINDOW_MS = 30_000;

export type ActionFailureCode =
  | 'not_found'
  | 'forbidden'
  | 'stale'
  | 'reason_required'
  | 'invalid'
  /** reportProblem only: the e-mail could not be sent; the attempt IS recorded (`mailed: false`). */
  | 'mail_failed';

export interface ActionSuccess {
  ok: true;
  /** The fax as it is now (after the transition). */
  fax: FaxRecord;
  /** The event this action recorded. */
  event: FaxEvent;
}

export interface ActionFailure {
  ok: false;
  code: ActionFailureCode;
  /** For the person who clicked, in the workflow's language (French by default). */
  message: string;
  /** `stale`: who moved the fax to its current state, and when (ISO instant). */
  by?: Actor;
  at?: string;
  /** `stale` and `mail_failed`: the fax as it is now, so the card can be refreshed. */
  fax?: FaxRecord;
  /** `mail_failed`: the `problem_reported` event recorded with `mailed: false`. */
  event?: FaxEvent;
}

export type ActionResult = ActionSuccess | ActionFailure;

/**
 * Every input may carry the status the person's card showed: if the fax has moved on
 * since, the action is refused as `stale` even when it would still be possible.
 */
export interface ActionInputBase {
  expectedStatus?: FaxStatus;
}

export interface AcceptInput extends ActionInputBase {
  /** Required (non-empty) when the verdict is `incomplete`. */
  reason?: string;
}

export type RequestAuthenticationInput = ActionInputBase;

export const AUTH_OUTCOMES = ['authenticated', 'unreachable', 'refused'] as const;
export type AuthOutcome = (typeof AUTH_OUTCOMES)[number];

export interface AuthOutcomeInput extends ActionInputBase {
  outcome: AuthOutcome;
  note?: string;
}

export interface RejectInput extends ActionInputBase {
  /** Required unless `filed`. */
  reason: string;
  /**
   * Filed away rather than refused: the fax is not an order (a lab result, a misdirected
   * document) or could not be read. Same transition (pending → rejected, spec: "staff rejected
   * it with a reason"), recorded with `disposition: 'filed'` so the card says « Classée ».
   */
  filed?: boolean;
}

export const PROBLEM_CATEGORIES = [
  'missing_header',
  'unknown_sender',
  'unreadable_pages',
  'missing_pages',
  'other',
] as const;
export type ProblemCategory = (typeof PROBLEM_CATEGORIES)[number];

/** No expected status: a problem can be reported whatever the fax's status, even from an old card. */
export interface ProblemReportInput {
  category: ProblemCategory;
  /** What the person typed. It goes into the e-mail as typed, never into the event log. */
  description: string;
}

/** Limits on free text, so an event or an e-mail stays a sensible size. */
export const MAX_REASON_CHARS = 500;
export const MAX_DESCRIPTION_CHARS = 4000;
