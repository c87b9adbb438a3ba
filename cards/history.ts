/**
 * What the card tells of a fax's event log: the staff actions in order, the current state
 * with who brought it about and when, and the problems reported. Intake's own events
 * (read, validated, posted, card_updated…) are bookkeeping, not history staff need; the
 * retention purge is shown, since it is why the card no longer shows the fax.
 */
import type { EventKind, FaxEvent, FaxRecord } from '../src/store/records.ts';
import { PROBLEM_CATEGORIES, type ProblemCategory } from './actions.ts';
import { formatInstant } from './format.ts';
import type { CardStrings, HistoryDetails } from './i18n/types.ts';
import type { HistoryEntry } from './model.ts';

const HISTORY_KINDS = [
  'accepted',
  'accept_undone',
  'auth_requested',
  'auth_authenticated',
  'auth_unreachable',
  'auth_refused',
  'rejected',
  'problem_reported',
  'purged',
] as const satisfies readonly EventKind[];
type HistoryKind = (typeof HISTORY_KINDS)[number];

function isHistoryKind(kind: EventKind): kind is HistoryKind {
  return (HISTORY_KINDS as readonly string[]).includes(kind);
}

/** Oldest first; the store's id breaks ties between events of the same millisecond. */
function chronological(events: readonly FaxEvent[]): FaxEvent[] {
  return [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function categoryLabel(value: unknown, strings: CardStrings): string | null {
  const raw = text(value);
  if (raw === null) return null;
  return (PROBLEM_CATEGORIES as readonly string[]).includes(raw)
    ? strings.problem.categories[raw as ProblemCategory]
    : raw;
}

export interface HistoryOptions {
  /**
   * Whether to quote what staff typed (reasons, problem descriptions); default true. The
   * retention card leaves it out: free text may name the patient, and that card exists to
   * stop showing anything about them.
   */
  freeText?: boolean;
}

/** The problem_reported event's mail error code, in words. */
export function mailErrorText(value: unknown, strings: CardStrings): string | null {
  const code = text(value);
  if (code === null) return null;
  return code in strings.problem.mailErrors
    ? strings.problem.mailErrors[code as keyof CardStrings['problem']['mailErrors']]
    : strings.problem.mailErrors.unknown;
}

function detailsOf(event: FaxEvent, strings: CardStrings, freeText: boolean): HistoryDetails {
  const days = event.details['retentionDays'];
  const mailed = event.details['mailed'];
  return {
    filed: event.details['disposition'] === 'filed',
    mailed: typeof mailed === 'boolean' ? mailed : null,
    mailError: mailErrorText(event.details['error'], strings),
    actor: event.actor.name,
    reason: freeText ? text(event.details['reason']) : null,
    category: categoryLabel(event.details['category'], strings),
    description: freeText ? text(event.details['description']) : null,
    retentionDays: typeof days === 'number' && Number.isInteger(days) && days > 0 ? days : null,
  };
}

/** The staff events of this fax (and its purge), oldest first, as history lines. */
export function historyEntries(
  faxId: string,
  events: readonly FaxEvent[],
  strings: CardStrings,
  opts: HistoryOptions = {},
): HistoryEntry[] {
  const freeText = opts.freeText ?? true;
  return chronological(events)
    .filter((e) => e.faxId === faxId)
    .flatMap((e) =>
      isHistoryKind(e.kind)
        ? [
            {
              at: formatInstant(e.at, strings),
              text: strings.history[e.kind](detailsOf(e, strings, freeText)),
            },
          ]
        : [],
    );
}

function lastOf(events: FaxEvent[], kinds: readonly EventKind[]): FaxEvent | undefined {
  return events.filter((e) => kinds.includes(e.kind)).at(-1);
}

/** Whether the fax was filed away (rejected with `disposition: 'filed'`) rather than refused. */
export function isFiled(fax: FaxRecord, events: readonly FaxEvent[]): boolean {
  if (fax.status !== 'rejected') return false;
  const last = lastOf(
    chronological(events).filter((e) => e.faxId === fax.id),
    ['rejected', 'auth_refused'],
  );
  return last?.details['disposition'] === 'filed';
}

/** The reason the person who decided gave (a rejection's, an acceptance's), if any. */
export function decisionReason(fax: FaxRecord, events: readonly FaxEvent[]): string | null {
  const mine = chronological(events).filter((e) => e.faxId === fax.id);
  const e =
    fax.status === 'accepted'
      ? lastOf(mine, ['accepted'])
      : fax.status === 'rejected'
        ? lastOf(mine, ['rejected', 'auth_refused'])
        : undefined;
  return e ? (text(e.details['reason']) ?? text(e.details['note'])) : null;
}

/** The current state in words: the status, who brought it about and when, and what happened since. */
export function stateLines(fax: FaxRecord, events: readonly FaxEvent[], strings: CardStrings): string[] {
  const mine = chronological(events).filter((e) => e.faxId === fax.id);
  const label = isFiled(fax, events) ? strings.filed : strings.status[fax.status];
  const since = (e: FaxEvent | undefined): string =>
    e ? strings.state.since(label, e.actor.name, formatInstant(e.at, strings)) : label;

  switch (fax.status) {
    case 'accepted':
      return [since(lastOf(mine, ['accepted']))];
    case 'rejected':
      return [since(lastOf(mine, ['rejected', 'auth_refused']))];
    case 'auth_requested': {
      const request = lastOf(mine, ['auth_requested']);
      const attempts = mine.filter((e) => e.kind === 'auth_unreachable' && (!request || e.at >= request.at));
      const lines = [since(request)];
      if (attempts.length > 0) lines.push(strings.state.unreachableAttempts(attempts.length));
      return lines;
    }
    case 'pending': {
      const authenticated = lastOf(mine, ['auth_authenticated']);
      const request = lastOf(mine, ['auth_requested']);
      const lines = [label];
      if (authenticated && (!request || authenticated.at >= request.at)) {
        lines.push(
          strings.state.authenticated(authenticated.actor.name, formatInstant(authenticated.at, strings)),
        );
      }
      return lines;
    }
  }
}

/** How many problems were reported on this fax. */
export function problemCount(faxId: string, events: readonly FaxEvent[]): number {
  return events.filter((e) => e.faxId === faxId && e.kind === 'problem_reported').length;
}
