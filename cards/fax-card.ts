/**
 * The card of one fax: what staff need to decide, in the order they read it. The verdict
 * (or, once someone decided, the state: who, when, why) and the sender first, then who to
 * call and for whom, the exam, the checks that failed or warn (the passed ones folded), the
 * original pages, the history, and the buttons that fit the verdict and the status. A fax
 * the retention purge erased gets the retention card instead (cards/retention-card.ts).
 */
import type { FieldPath, ParsedOrder } from '../src/domain/order.ts';
import type { Check, Verdict } from '../src/domain/report.ts';
import { isPurged } from '../src/purge/redact.ts';
import type { FaxEvent, FaxRecord, FaxStatus } from '../src/store/records.ts';
import { SERVICE_NUMBER, SERVICE_NUMBER_DISPLAY } from '../src/validation/service.ts';
import type { FaxActionId } from './actions.ts';
import { buildActionForms } from './forms.ts';
import { receptionLine } from './reception.ts';
import { formatInstant, formatNam, formatPhone, personName, telUri } from './format.ts';
import { decisionReason, historyEntries, isFiled, mailErrorText, stateLines } from './history.ts';
import { cardStrings } from './i18n/index.ts';
import type { CardStrings, ShownCheckStatus } from './i18n/types.ts';
import { buildRetentionCard } from './retention-card.ts';
import type {
  ActionButton,
  ActionForm,
  Card,
  CardHeader,
  CardState,
  Fact,
  FieldFlag,
  Lang,
  Mark,
  Section,
  Tone,
} from './model.ts';

export { buildActionForms, type ActionForms } from './forms.ts';

export interface FaxCardOptions {
  /** French unless configured otherwise. */
  lang?: Lang;
  /** Where staff see the original pages (the console's or a shared link); no link without it. */
  originalUrl?: string;
  /** Workflow buttons (default true); false for previews and read-only copies. */
  actions?: boolean;
}

const SUPPORT_PHONE = '18335640404';
const SUPPORT_PHONE_DISPLAY = '1 833 564-0404';
const SUPPORT_EMAIL = 'soutienrqt@ssss.gouv.qc.ca';

const VERDICT_TONE: Record<Verdict, Tone> = {
  ok: 'good',
  review: 'warning',
  incomplete: 'attention',
  not_service: 'attention',
  not_order: 'accent',
  unreadable: 'warning',
};

/**
 * Accepting asks for a reason when required information is missing (the spec's incomplete
 * order) and, the same way, when the fax may not be an order from the service at all.
 */
const ACCEPT_NEEDS_REASON: ReadonlySet<Verdict> = new Set<Verdict>([
  'incomplete',
  'not_service',
  'not_order',
  'unreadable',
]);

/** The ministry's reminder comes up wherever authentication does: before and during it. */
const REMINDER_STATUSES: ReadonlySet<FaxStatus> = new Set<FaxStatus>(['pending', 'auth_requested']);

const STATUS_TONE: Record<FaxStatus, Tone> = {
  pending: 'neutral',
  auth_requested: 'accent',
  accepted: 'good',
  rejected: 'attention',
};

function cardState(fax: FaxRecord, events: readonly FaxEvent[], s: CardStrings): CardState {
  const [first, ...rest] = stateLines(fax, events, s);
  const reason = decisionReason(fax, events);
  const filed = isFiled(fax, events);
  return {
    text: first ?? s.status[fax.status],
    details: [...(reason !== null ? [s.state.reason(reason)] : []), ...rest],
    tone: filed ? 'neutral' : STATUS_TONE[fax.status],
    kind: filed ? 'filed' : fax.status,
    decided: fax.status !== 'pending',
  };
}

function header(fax: FaxRecord, events: readonly FaxEvent[], s: CardStrings): CardHeader {
  const v = s.verdict[fax.verdict];
  const sender = personName(fax.order?.header.sender ?? null);
  const title =
    fax.verdict === 'unreadable' && sender === null
      ? s.header.unreadable
      : sender !== null
        ? s.header.from(sender)
        : s.header.unknownSender;
  // A file that could not be opened has no pages to count: « 0 page » would say nothing true.
  const subtitle = [
    s.header.received(formatInstant(fax.receivedAt, s)),
    ...(fax.pageCount > 0 ? [s.header.pages(fax.pageCount)] : []),
  ].join(' · ');
  return {
    verdict: fax.verdict,
    state: cardState(fax, events, s),
    symbol: v.symbol,
    verdictLabel: v.label,
    hint: v.hint,
    tone: VERDICT_TONE[fax.verdict],
    title,
    subtitle,
  };
}

const orMissing = (label: string, value: string | null, s: CardStrings): Fact =>
  value === null ? { label, value: s.values.missing, missing: true } : { label, value };

/**
 * The mark a value gets from how it was read: « à vérifier » when any of its fields is
 * uncertain (that comes first: a person must look), else « corrigé » when one was repaired.
 */
function flagOf(order: ParsedOrder, paths: readonly FieldPath[]): FieldFlag | undefined {
  const seen = paths.map((p) => order.provenance[p]).filter((p) => p !== undefined);
  if (seen.some((p) => p.uncertain)) return 'uncertain';
  if (seen.some((p) => p.repaired)) return 'repaired';
  return undefined;
}

/** `fact`, with its reading's mark when it has a value. */
function flagged(fact: Fact, order: ParsedOrder, paths: readonly FieldPath[]): Fact {
  const flag = fact.missing ? undefined : flagOf(order, paths);
  return flag ? { ...fact, flag } : fact;
}

/** The callback number as a tel: link, unless it is the service's own number: that one is never a link. */
function callbackFact(phone: string | null, s: CardStrings): Fact {
  if (phone === null) return orMissing(s.labels.callback, null, s);
  const digits = phone.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  if (digits === SERVICE_NUMBER) {
    return {
      label: s.labels.callback,
      value: `${SERVICE_NUMBER_DISPLAY} ${s.values.serviceNumberNotCallable}`,
    };
  }
  const uri = telUri(digits);
  return uri
    ? { label: s.labels.callback, value: formatPhone(digits), link: uri }
    : { label: s.labels.callback, value: phone };
}

/** The number to call, as shown in the reminder; null when the order gives no usable one. */
function callbackDisplay(order: ParsedOrder | null): string | null {
  const digits = order?.prescriber.phone?.replace(/\D/g, '') ?? '';
  return digits.length === 10 && digits !== SERVICE_NUMBER ? formatPhone(digits) : null;
}

function prescriberSection(order: ParsedOrder, s: CardStrings): Section {
  const facts: Fact[] = [
    flagged(orMissing(s.labels.name, personName(order.prescriber), s), order, [
      'prescriber.firstName',
      'prescriber.lastName',
    ]),
    flagged(callbackFact(order.prescriber.phone, s), order, ['prescriber.phone']),
    flagged(orMissing(s.labels.permit, order.prescriber.permit, s), order, ['prescriber.permit']),
  ];
  const sender = personName(order.header.sender);
  if (sender !== null)
    facts.push(
      flagged({ label: s.labels.sender, value: sender }, order, ['sender.firstName', 'sender.lastName']),
    );
  return { id: 'prescriber', title: s.sections.prescriber, elements: [{ kind: 'facts', facts }] };
}

function patientSection(order: ParsedOrder, s: CardStrings): Section {
  const p = order.patient;
  const facts: Fact[] = [
    flagged(orMissing(s.labels.name, personName(p), s), order, ['patient.firstName', 'patient.lastName']),
    flagged(orMissing(s.labels.birthDate, p.birthDate, s), order, ['patient.birthDate']),
  ];
  if (p.nam !== null)
    facts.push(flagged({ label: s.labels.nam, value: formatNam(p.nam) }, order, ['patient.nam']));
  else if (p.namRaw !== null) facts.push({ label: s.labels.nam, value: s.values.namMalformed(p.namRaw) });
  else facts.push(orMissing(s.labels.nam, null, s));
  if (p.altId !== null)
    facts.push(flagged({ label: s.labels.altId, value: p.altId }, order, ['patient.altId']));
  return { id: 'patient', title: s.sections.patient, elements: [{ kind: 'facts', facts }] };
}

function orderSection(order: ParsedOrder, s: CardStrings): Section {
  const facts: Fact[] = [
    flagged(orMissing(s.labels.exam, order.exam, s), order, ['exam']),
    flagged(orMissing(s.labels.orderDate, order.orderDate, s), order, ['orderDate']),
  ];
  if (order.recipients.length > 1)
    facts.push({ label: s.labels.recipients, value: order.recipients.join(' ; ') });
  return {
    id: 'order',
    title: s.sections.order,
    elements: [
      { kind: 'facts', facts },
      { kind: 'text', text: s.labels.clinicalInfo, style: 'strong', truncation: 'plain' },
      order.clinicalInfo === null
        ? { kind: 'text', text: s.values.missing, style: 'muted', truncation: 'plain' }
        : { kind: 'text', text: order.clinicalInfo, style: 'plain', truncation: 'fax' },
    ],
  };
}

function checkMessage(check: Check, status: ShownCheckStatus, s: CardStrings): string {
  return s.checks.messages === null
    ? s.checks.rewrite(check.id, check.message)
    : s.checks.messages[check.id][status];
}

function checksSection(fax: FaxRecord, s: CardStrings): Section {
  // A check that cannot apply ('skip') says nothing staff can act on; a passed one is folded.
  const shown = fax.report.checks.filter((c): c is Check & { status: Mark } => c.status !== 'skip');
  const item = (c: Check & { status: Mark }) => ({ mark: c.status, text: checkMessage(c, c.status, s) });
  const items = shown.filter((c) => c.status === 'fail' || c.status === 'warn').map(item);
  // Remarks ('info') fold with the passed checks: nothing to act on.
  const folded = [...shown.filter((c) => c.status === 'pass'), ...shown.filter((c) => c.status === 'info')];
  const passedCount = folded.filter((c) => c.status === 'pass').length;
  const collapsed =
    folded.length > 0
      ? { label: s.checks.passed(passedCount, folded.length - passedCount), items: folded.map(item) }
      : null;
  return {
    id: 'checks',
    // Nothing failed or warns: the folded line says it all, no heading needed.
    title: items.length > 0 || fax.verdict === 'not_service' ? s.sections.checks : '',
    elements: [
      ...(fax.verdict === 'not_service'
        ? [
            {
              kind: 'text' as const,
              text: s.checks.informationalOnly,
              style: 'muted' as const,
              truncation: 'plain' as const,
            },
          ]
        : []),
      shown.length > 0
        ? { kind: 'status_list', items, collapsed }
        : { kind: 'text', text: s.checks.none, style: 'muted', truncation: 'plain' },
    ],
  };
}

function unreadableSection(fax: FaxRecord, s: CardStrings): Section {
  const stored = fax.unreadableReason ?? fax.report.reason;
  // The stored reason is French; other languages say it by the reader's code.
  const code = fax.unreadableCode ?? (stored !== null ? 'no-text' : null);
  const reason =
    s.unreadable.reasons === null
      ? (stored ?? s.unreadable.unknownReason)
      : ((code !== null ? s.unreadable.reasons[code] : undefined) ?? s.unreadable.unknownReason);
  return {
    id: 'unreadable',
    title: '',
    elements: [
      {
        kind: 'callout',
        tone: 'warning',
        title: s.unreadable.title,
        text: [
          s.unreadable.text,
          s.unreadable.arrival({
            name: fax.originalName,
            size: s.unreadable.bytes(fax.sizeBytes),
            when: formatInstant(fax.receivedAt, s),
            quarantined: fax.quarantinePath !== null,
          }),
          reason,
          s.unreadable.kept(fax.quarantinePath !== null),
          ...(fax.status === 'pending' ? [s.unreadable.todo] : []),
        ].join('\n'),
        links: [],
      },
    ],
  };
}

/** The problem reports of this fax, oldest first. */
function problemReports(faxId: string, events: readonly FaxEvent[]): FaxEvent[] {
  return events
    .filter((e) => e.faxId === faxId && e.kind === 'problem_reported')
    .sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
}

/** The last report's e-mail did not go out (a later one that did go clears it). */
function unsentReport(reports: readonly FaxEvent[]): FaxEvent | null {
  const last = reports.at(-1);
  return last !== undefined && last.details['mailed'] === false ? last : null;
}

function problemSection(reports: readonly FaxEvent[], s: CardStrings): Section {
  const unsent = unsentReport(reports);
  const sent = reports.filter((e) => e.details['mailed'] !== false).length;
  return {
    id: 'problem',
    title: '',
    elements: [
      {
        kind: 'callout',
        tone: unsent ? 'attention' : 'accent',
        title: unsent ? s.problem.unsentTitle(SUPPORT_PHONE_DISPLAY) : s.problem.title,
        text: unsent
          ? s.problem.unsentText(mailErrorText(unsent.details['error'], s) ?? s.problem.mailErrors.unknown)
          : s.problem.text(sent),
        links: [
          { label: s.problem.supportPhoneLabel, url: `tel:+${SUPPORT_PHONE}` },
          { label: s.problem.supportEmailLabel, url: `mailto:${SUPPORT_EMAIL}` },
        ],
      },
    ],
  };
}

function reminderSection(fax: FaxRecord, s: CardStrings): Section {
  return {
    id: 'reminder',
    title: '',
    elements: [
      {
        kind: 'callout',
        tone: 'attention',
        title: s.reminder.title,
        text: s.reminder.text(SERVICE_NUMBER_DISPLAY, callbackDisplay(fax.order)),
        links: [],
      },
    ],
  };
}

/** The history of staff actions; none yet, no section (the header says « En attente d’une décision »). */
function historySection(fax: FaxRecord, events: readonly FaxEvent[], s: CardStrings): Section | null {
  const entries = historyEntries(fax.id, events, s);
  return entries.length > 0 ? { id: 'state', title: '', elements: [{ kind: 'history', entries }] } : null;
}

/**
 * The way out each verdict has while pending. An order (ok, review, incomplete): accept, call
 * the prescriber (only when the order gives a number to call), refuse. A fax that may not come
 * from the service: the same, plus filing it. A document that is not an order: file or refuse.
 * An unreadable fax: ask the service for a new transmission, or file it.
 */
function pendingButtons(
  fax: FaxRecord,
  s: CardStrings,
  forms: ReturnType<typeof buildActionForms>,
  button: (id: FaxActionId, style: ActionButton['style'], form?: ActionForm, label?: string) => ActionButton,
  report: ActionButton,
): ActionButton[] {
  const accept = button(
    'fax.accept',
    'primary',
    ACCEPT_NEEDS_REASON.has(fax.verdict) ? forms.accept_reason : undefined,
  );
  const callable = callbackDisplay(fax.order) !== null;
  const auth = callable ? [button('fax.auth_request', 'default')] : [];
  const reject = button('fax.reject', 'danger', forms.reject_reason);
  switch (fax.verdict) {
    case 'ok':
    case 'review':
    case 'incomplete':
      return [accept, ...auth, reject, report];
    case 'not_service':
      return [...auth, button('fax.file', 'default'), reject, report];
    case 'not_order':
      return [button('fax.file', 'primary', undefined, s.actionVariants.fileNotOrder), reject, report];
    case 'unreadable':
      return [
        button('fax.report_problem', 'primary', forms.request_resend, s.actionVariants.requestResend),
        button('fax.file', 'default'),
      ];
  }
}

function actionButtons(fax: FaxRecord, events: readonly FaxEvent[], lang: Lang): ActionButton[] {
  const s = cardStrings(lang);
  const forms = buildActionForms(lang);
  const data = { faxId: fax.id, expectedStatus: fax.status };
  const button = (
    id: FaxActionId,
    style: ActionButton['style'],
    form?: ActionForm,
    label?: string,
  ): ActionButton => ({
    id,
    label: label ?? s.actions[id],
    style,
    data: { ...data },
    ...(form ? { form } : {}),
  });
  // An unsent report keeps a button to send it again (the description is retyped: it is never stored).
  const report = unsentReport(problemReports(fax.id, events))
    ? button('fax.report_problem', 'primary', forms.report_problem, s.actionVariants.resendReport)
    : button('fax.report_problem', 'default', forms.report_problem);
  switch (fax.status) {
    case 'pending':
      return pendingButtons(fax, s, forms, button, report);
    case 'auth_requested':
      return [
        button('fax.auth_authenticated', 'primary'),
        button('fax.auth_unreachable', 'default'),
        button('fax.auth_refused', 'danger', forms.refusal_reason),
        report,
      ];
    case 'accepted':
    case 'rejected':
      return [report];
  }
}

/** Whether accepting this verdict asks for a reason first (the workflow may enforce the same). */
export function acceptNeedsReason(verdict: Verdict): boolean {
  return ACCEPT_NEEDS_REASON.has(verdict);
}

export function buildFaxCard(fax: FaxRecord, events: readonly FaxEvent[], opts: FaxCardOptions = {}): Card {
  const lang = opts.lang ?? 'fr';
  // Erased past retention: the card says so and nothing more (no original to link, nothing to do).
  if (isPurged(fax)) return buildRetentionCard(fax, events, lang);
  const s = cardStrings(lang);
  const head = header(fax, events, s);
  const sections: Section[] = [];
  const reports = problemReports(fax.id, events);
  // An unsent report is what staff must act on first (phone support): it comes right under the header.
  if (unsentReport(reports)) sections.push(problemSection(reports, s));
  if (fax.verdict === 'unreadable') sections.push(unreadableSection(fax, s));
  const orderShown = fax.order !== null && fax.verdict !== 'unreadable' && fax.verdict !== 'not_order';
  if (orderShown && REMINDER_STATUSES.has(fax.status)) sections.push(reminderSection(fax, s));
  // A blank or broken fax may still carry an empty parse: nothing in it is worth a field.
  if (fax.order !== null && fax.verdict !== 'unreadable') {
    sections.push(
      { ...prescriberSection(fax.order, s), width: 'half' },
      { ...patientSection(fax.order, s), width: 'half' },
      orderSection(fax.order, s),
    );
  }
  if (fax.verdict !== 'unreadable') sections.push(checksSection(fax, s));
  sections.push(receptionLine(fax, s, opts.originalUrl));
  if (reports.length > 0 && !unsentReport(reports)) sections.push(problemSection(reports, s));
  const history = historySection(fax, events, s);
  if (history) sections.push(history);

  const lead = head.state.decided ? head.state.text : `${head.symbol} ${head.verdictLabel}`;
  return {
    lang,
    faxId: fax.id,
    status: fax.status,
    header: head,
    summary: `${lead} — ${head.title} — ${head.subtitle}`,
    sections,
    actions: opts.actions === false ? [] : actionButtons(fax, events, lang),
  };
}
