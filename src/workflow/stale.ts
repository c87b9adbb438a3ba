/**
 * Why a click came too late: the fax is no longer in the state the person's
 * card showed. The answer names who moved it and when, from the latest event
 * that put the fax in its current status ("Déjà acceptée par Marie Tremblay à 14 h 32").
 */
import type { Actor, EventKind, FaxEvent, FaxStatus } from '../store/records.ts';
import type { WorkflowMessages } from './messages.ts';
import { whenPhrase } from './time.ts';
import type { Lang } from './types.ts';

/** The staff events that leave a fax in each status (intake events do not count: no one to name). */
const ARRIVES_IN: Record<FaxStatus, readonly EventKind[]> = {
  accepted: ['accepted'],
  rejected: ['rejected', 'auth_refused'],
  auth_requested: ['auth_requested'],
  pending: ['auth_authenticated'],
};

export interface StaleExplanation {
  message: string;
  by: Actor;
  at: string;
}

/** Null when no staff event explains the status (e.g. a fresh fax): the action was simply not possible. */
export function explainStatus(
  status: FaxStatus,
  events: readonly FaxEvent[],
  now: Date,
  lang: Lang,
  messages: WorkflowMessages,
): StaleExplanation | null {
  const kinds = ARRIVES_IN[status];
  const event = [...events].reverse().find((e) => kinds.includes(e.kind));
  if (event === undefined) return null;
  const name = event.actor.name;
  const when = whenPhrase(new Date(event.at), now, lang);
  const message = {
    accepted: messages.staleAccepted(name, when),
    rejected:
      event.kind === 'auth_refused' ? messages.staleRefused(name, when) : messages.staleRejected(name, when),
    auth_requested: messages.staleAuthRequested(name, when),
    pending: messages.staleAuthenticated(name, when),
  }[status];
  return { message, by: event.actor, at: event.at };
}
