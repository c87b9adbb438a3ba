/**
 * The order workflow (shared/spec/workflow.md, "What staff can do" in
 * shared/spec/validation.md): accept, request authentication and record its
 * outcome, reject, report a problem to the service's support.
 *
 * Every status change goes through the store's compare-and-set, so a second
 * click on a stale card, or two people clicking at once, yields exactly one
 * transition: the other gets `stale`, naming who moved the fax and when.
 * Every action that happens is one event in the log: who (platform user id and
 * display name), when, and details (statuses, reason, outcome, category, codes),
 * never patient data. Refused actions (policy) are not events: the spec has no
 * kind for them, and they are logged instead, with ids and a reason code only.
 */
import { silentLogger, type Logger } from '../log.ts';
import { FAX_ID_PATTERN } from '../store/ids.ts';
import { isPurged } from '../purge/redact.ts';
import type { Actor, EventDetails, EventKind, FaxEvent, FaxRecord, FaxStatus } from '../store/records.ts';
import type { FaxStore } from '../store/store.ts';
import { mailErrorCode, type MailErrorCode, type ProblemReportMailer } from './mailer.ts';
import { WORKFLOW_MESSAGES } from './messages.ts';
import type { ActionPolicy } from './policy.ts';
import {
  buildProblemReport,
  cleanFreeText,
  DEFAULT_SUPPORT_ADDRESS,
  DEFAULT_SUPPORT_PHONE,
} from './problem-report.ts';
import { explainStatus } from './stale.ts';
import {
  AUTH_OUTCOMES,
  MAX_DESCRIPTION_CHARS,
  MAX_REASON_CHARS,
  PROBLEM_CATEGORIES,
  type AcceptInput,
  type ActionActor,
  type ActionInputBase,
  UNDO_ACCEPT_WINDOW_MS,
  type ActionFailure,
  type ActionFailureCode,
  type ActionName,
  type ActionResult,
  type AuthOutcome,
  type AuthOutcomeInput,
  type Lang,
  type ProblemReportInput,
  type RejectInput,
  type RequestAuthenticationInput,
} from './types.ts';

export interface WorkflowOptions {
  store: FaxStore;
  mailer: ProblemReportMailer;
  policy: ActionPolicy;
  /** Injected for tests; the real clock by default. */
  clock?: () => Date;
  /** Where problem reports go; soutienrqt@ssss.gouv.qc.ca by default. */
  supportAddress?: string;
  /** The support's phone, quoted to staff when a report cannot be mailed; 1 833 564-0404 by default. */
  supportPhone?: string;
  /** Language of the result messages and of the report e-mail; French by default. */
  lang?: Lang;
  /** Refusals, mail failures and successes are logged here, with ids and codes only. */
  logger?: Logger;
}

export interface Workflow {
  /** pending → accepted. An `incomplete` verdict requires a reason. */
  accept(faxId: string, actor: ActionActor, input?: AcceptInput): Promise<ActionResult>;
  /**
   * accepted → pending (`accept_undone`), only by the person who accepted and only within
   * UNDO_ACCEPT_WINDOW_MS of it: a misclick taken back, recorded as such.
   */
  undoAccept(faxId: string, actor: ActionActor, input?: ActionInputBase): Promise<ActionResult>;
  /** pending → auth_requested. */
  requestAuthentication(
    faxId: string,
    actor: ActionActor,
    input?: RequestAuthenticationInput,
  ): Promise<ActionResult>;
  /**
   * From auth_requested: authenticated → pending; unreachable → stays (attempt counted);
   * refused → rejected (one `auth_refused` event).
   */
  recordAuthOutcome(faxId: string, actor: ActionActor, input: AuthOutcomeInput): Promise<ActionResult>;
  /** pending → rejected, with a reason. */
  reject(faxId: string, actor: ActionActor, input: RejectInput): Promise<ActionResult>;
  /**
   * Mails the report to the support, then records `problem_reported` (any status; no status change).
   * If the mail fails, the attempt is still recorded (`mailed: false`, error code) and the result is
   * `mail_failed`, carrying the fax and that event: the caller keeps the form so the person can retry.
   */
  reportProblem(faxId: string, actor: ActionActor, input: ProblemReportInput): Promise<ActionResult>;
}

/** Which status each outcome leads to, and the event that records it. */
const OUTCOME_STEP: Record<AuthOutcome, { to: FaxStatus; kind: EventKind }> = {
  authenticated: { to: 'pending', kind: 'auth_authenticated' },
  unreachable: { to: 'auth_requested', kind: 'auth_unreachable' },
  refused: { to: 'rejected', kind: 'auth_refused' },
};

type Details = Record<string, EventDetails[string] | undefined>;

/** Drops absent values: details are flat, and `undefined` is not JSON. */
function compact(details: Details): EventDetails {
  const out: EventDetails = {};
  for (const [key, value] of Object.entries(details)) if (value !== undefined) out[key] = value;
  return out;
}

export function createWorkflow(options: WorkflowOptions): Workflow {
  const { store, mailer, policy } = options;
  const clock = options.clock ?? (() => new Date());
  const lang = options.lang ?? 'fr';
  const logger = options.logger ?? silentLogger;
  const supportAddress = options.supportAddress ?? DEFAULT_SUPPORT_ADDRESS;
  const supportPhone = options.supportPhone ?? DEFAULT_SUPPORT_PHONE;
  const t = WORKFLOW_MESSAGES[lang];

  const fail = (
    code: ActionFailureCode,
    message: string,
    extra: Partial<ActionFailure> = {},
  ): ActionFailure => ({
    ok: false,
    code,
    message,
    ...extra,
  });

  const eventActor = (actor: ActionActor): Actor => ({
    id: actor.id.trim(),
    name: actor.name.trim() || actor.id.trim(),
  });

  /** Policy first (so a stranger learns nothing, not even whether the fax exists), then the fax. */
  async function begin(
    action: ActionName,
    faxId: string,
    actor: ActionActor,
  ): Promise<{ fax: FaxRecord } | ActionFailure> {
    const refusal = actor.id.trim() === '' ? 'user_not_allowed' : await policy.check(actor, action);
    if (refusal !== null) {
      logger.warn('workflow action refused', {
        action,
        faxId: FAX_ID_PATTERN.test(faxId) ? faxId : 'invalid',
        actorId: actor.id,
        platform: actor.platform,
        channelId: actor.channelId,
        reason: refusal,
      });
      return fail('forbidden', t.forbidden[refusal]);
    }
    const fax = FAX_ID_PATTERN.test(faxId) ? await store.getFax(faxId) : null;
    if (fax === null) return fail('not_found', t.notFound);
    // An old card's button clicked after the purge: nobody can see the order any more.
    if (isPurged(fax)) return fail('invalid', t.purged, { fax });
    return { fax };
  }

  /** The fax is not (or no longer) where the action needs it: who moved it, or why it cannot be done. */
  async function tooLate(fax: FaxRecord): Promise<ActionFailure> {
    const events = await store.listEvents(fax.id);
    const why = explainStatus(fax.status, events, clock(), lang, t);
    if (why === null) return fail('invalid', t.notPossible(fax.status), { fax });
    return fail('stale', why.message, { by: why.by, at: why.at, fax });
  }

  function gate(fax: FaxRecord, from: FaxStatus, expected: FaxStatus | undefined): boolean {
    return fax.status === from && (expected === undefined || expected === fax.status);
  }

  /** Required free text: cleaned, non-empty, not too long. */
  function freeText(
    text: string | undefined,
    max: number,
    missing: string,
  ): { text: string } | { failure: ActionFailure } {
    const cleaned = cleanFreeText(typeof text === 'string' ? text : '');
    if (cleaned === '') return { failure: fail('reason_required', missing) };
    if (cleaned.length > max) return { failure: fail('invalid', t.tooLong(max)) };
    return { text: cleaned };
  }

  /** Optional free text: undefined when empty. */
  function optionalText(
    text: string | undefined,
    max: number,
  ): { text?: string } | { failure: ActionFailure } {
    const cleaned = cleanFreeText(typeof text === 'string' ? text : '');
    if (cleaned.length > max) return { failure: fail('invalid', t.tooLong(max)) };
    return cleaned === '' ? {} : { text: cleaned };
  }

  async function transition(
    action: ActionName,
    fax: FaxRecord,
    actor: ActionActor,
    step: { from: FaxStatus; to: FaxStatus; kind: EventKind; details: Details },
  ): Promise<ActionResult> {
    const who = eventActor(actor);
    const at = clock().toISOString();
    const details = compact({ from: step.from, to: step.to, platform: actor.platform, ...step.details });
    const applied = await store.transitionStatus(fax.id, step.from, step.to, {
      kind: step.kind,
      actor: who,
      at,
      details,
    });
    if (!applied) {
      // Someone else got there first (or the fax vanished) between our read and our write.
      const current = await store.getFax(fax.id);
      return current === null ? fail('not_found', t.notFound) : tooLate(current);
    }
    const [updated, events] = await Promise.all([store.getFax(fax.id), store.listEvents(fax.id)]);
    const event = [...events]
      .reverse()
      .find((e) => e.kind === step.kind && e.actor.id === who.id && e.at === at);
    if (updated === null || event === undefined)
      throw new Error(`workflow: fax ${fax.id} changed under ${action}`);
    logger.info('workflow action', {
      action,
      faxId: fax.id,
      event: step.kind,
      eventId: event.id,
      actorId: who.id,
    });
    return { ok: true, fax: updated, event };
  }

  return {
    async accept(faxId, actor, input = {}) {
      const started = await begin('accept', faxId, actor);
      if ('ok' in started) return started;
      const { fax } = started;
      if (!gate(fax, 'pending', input.expectedStatus)) return tooLate(fax);
      const reason =
        fax.verdict === 'incomplete'
          ? freeText(input.reason, MAX_REASON_CHARS, t.reasonRequiredIncomplete)
          : optionalText(input.reason, MAX_REASON_CHARS);
      if ('failure' in reason) return reason.failure;
      return transition('accept', fax, actor, {
        from: 'pending',
        to: 'accepted',
        kind: 'accepted',
        details: { verdict: fax.verdict, reason: reason.text },
      });
    },

    async undoAccept(faxId, actor, input = {}) {
      const started = await begin('undoAccept', faxId, actor);
      if ('ok' in started) return started;
      const { fax } = started;
      if (!gate(fax, 'accepted', input.expectedStatus)) return tooLate(fax);
      const accepted = (await store.listEvents(fax.id)).filter((e) => e.kind === 'accepted').at(-1);
      const age = accepted ? clock().getTime() - Date.parse(accepted.at) : Infinity;
      if (!accepted || accepted.actor.id !== eventActor(actor).id || age > UNDO_ACCEPT_WINDOW_MS)
        return fail('invalid', t.undoTooLate, { fax });
      return transition('undoAccept', fax, actor, {
        from: 'accepted',
        to: 'pending',
        kind: 'accept_undone',
        details: { acceptedEventId: accepted.id },
      });
    },

    async requestAuthentication(faxId, actor, input = {}) {
      const started = await begin('requestAuthentication', faxId, actor);
      if ('ok' in started) return started;
      const { fax } = started;
      if (!gate(fax, 'pending', input.expectedStatus)) return tooLate(fax);
      return transition('requestAuthentication', fax, actor, {
        from: 'pending',
        to: 'auth_requested',
        kind: 'auth_requested',
        details: {},
      });
    },

    async recordAuthOutcome(faxId, actor, input) {
      const started = await begin('recordAuthOutcome', faxId, actor);
      if ('ok' in started) return started;
      const { fax } = started;
      if (!gate(fax, 'auth_requested', input.expectedStatus)) return tooLate(fax);
      if (!(AUTH_OUTCOMES as readonly string[]).includes(input.outcome))
        return fail('invalid', t.unknownOutcome);
      const note = optionalText(input.note, MAX_REASON_CHARS);
      if ('failure' in note) return note.failure;
      // Attempts of the current request: calls that did not reach the prescriber since it was made, plus this one.
      const events = await store.listEvents(fax.id);
      const since = events.map((e) => e.kind).lastIndexOf('auth_requested');
      const attempt = events.slice(since + 1).filter((e) => e.kind === 'auth_unreachable').length + 1;
      const step = OUTCOME_STEP[input.outcome];
      // "Unreachable" changes no status, but still goes through compare-and-set (auth_requested →
      // auth_requested) so it is refused once someone else has recorded another outcome.
      return transition('recordAuthOutcome', fax, actor, {
        from: 'auth_requested',
        to: step.to,
        kind: step.kind,
        details: { outcome: input.outcome, attempt, note: note.text },
      });
    },

    async reject(faxId, actor, input) {
      const started = await begin('reject', faxId, actor);
      if ('ok' in started) return started;
      const { fax } = started;
      if (!gate(fax, 'pending', input.expectedStatus)) return tooLate(fax);
      const reason = input.filed
        ? optionalText(input.reason, MAX_REASON_CHARS)
        : freeText(input.reason, MAX_REASON_CHARS, t.reasonRequiredReject);
      if ('failure' in reason) return reason.failure;
      return transition('reject', fax, actor, {
        from: 'pending',
        to: 'rejected',
        kind: 'rejected',
        details: {
          reason: reason.text,
          disposition: input.filed ? 'filed' : undefined,
          verdict: fax.verdict,
        },
      });
    },

    async reportProblem(faxId, actor, input) {
      const started = await begin('reportProblem', faxId, actor);
      if ('ok' in started) return started;
      const { fax } = started;
      if (!(PROBLEM_CATEGORIES as readonly string[]).includes(input.category)) {
        return fail('invalid', t.unknownCategory);
      }
      const description = freeText(input.description, MAX_DESCRIPTION_CHARS, t.descriptionRequired);
      if ('failure' in description) return description.failure;

      const who = eventActor(actor);
      const message = buildProblemReport(
        fax,
        { category: input.category, description: description.text },
        { lang, to: supportAddress, supportPhone, reportedBy: who.name },
      );
      let messageId: string | null = null;
      let error: MailErrorCode | null = null;
      try {
        messageId = (await mailer.send(message)).messageId;
      } catch (err) {
        error = mailErrorCode(err);
      }
      // The description is NOT recorded: it is free text that may name the patient, and events
      // outlive the retention purge. The e-mail carries it; on failure the caller still holds it.
      let event: FaxEvent;
      try {
        event = await store.appendEvent({
          faxId: fax.id,
          kind: 'problem_reported',
          actor: who,
          at: clock().toISOString(),
          details: compact({
            category: input.category,
            mailed: error === null,
            to: supportAddress,
            messageId,
            error,
            platform: actor.platform,
          }),
        });
      } catch (err) {
        logger.error('problem report not recorded', { faxId: fax.id, mailed: error === null, messageId });
        throw err;
      }
      if (error !== null) {
        logger.warn('problem report not mailed', {
          faxId: fax.id,
          category: input.category,
          error,
          eventId: event.id,
        });
        return fail('mail_failed', t.mailFailed(error, supportAddress, supportPhone), { fax, event });
      }
      logger.info('problem report mailed', { faxId: fax.id, category: input.category, eventId: event.id });
      return { ok: true, fax, event };
    },
  };
}
