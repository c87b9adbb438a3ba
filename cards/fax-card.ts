/**
 * The card of one fax: what staff need to decide, in the order they read it. The verdict
 * and the sender first, then who to call and for whom, the exam, each check, the original
 * pages, the state and its history, and the buttons the current status allows. A fax the
 * retention purge erased gets the retention card instead (cards/retention-card.ts).
 */
import type { ParsedOrder } from '../src/domain/order.ts';
import type { Check, Verdict } from '../src/domain/report.ts';
import { isPurged } from '../src/purge/redact.ts';
import type { FaxEvent, FaxRecord, FaxStatus } from '../src/store/records.ts';
import { SERVICE_NUMBER, SERVICE_NUMBER_DISPLAY } from '../src/validation/service.ts';
import type { FaxActionId } from './actions.ts';
import { buildActionForms } from './forms.ts';
import { receptionSection } from './reception.ts';
import { formatInstant, formatNam, formatPhone, personName, telUri } from './format.ts';
import { historyEntries, problemCount, stateLines } from './history.ts';
import { cardStrings } from './i18n/index.ts';
import type { CardStrings, ShownCheckStatus } from './i18n/types.ts';
import { buildRetentionCard } from './retention-card.ts';
import type { ActionButton, ActionForm, Card, CardHeader, Fact, Lang, Mark, Section, Tone } from './model.ts';

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

function header(fax: FaxRecord, s: CardStrings): CardHeader {
  const v = s.verdict[fax.verdict];
  const sender = personName(fax.order?.header.sender ?? null);
  const title =
    fax.verdict === 'unreadable' && sender === null
      ? s.header.unreadable
      : sender !== null
        ? s.header.from(sender)
        : s.header.unknownSender;
  const subtitle = [s.header.received(formatInstant(fax.receivedAt, s)), s.header.pages(fax.pageCount)].join(
    ' · ',
  );
  return {
    verdict: fax.verdict,
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
    orMissing(s.labels.name, personName(order.prescriber), s),
    callbackFact(order.prescriber.phone, s),
    orMissing(s.labels.permit, order.prescriber.permit, s),
  ];
  const sender = personName(order.header.sender);
  if (sender !== null) facts.push({ label: s.labels.sender, value: sender });
  return { id: 'prescriber', title: s.sections.prescriber, elements: [{ kind: 'facts', facts }] };
}

function patientSection(order: ParsedOrder, s: CardStrings): Section {
  const p = order.patient;
  const facts: Fact[] = [
    orMissing(s.labels.name, personName(p), s),
    orMissing(s.labels.birthDate, p.birthDate, s),
  ];
  if (p.nam !== null) facts.push({ label: s.labels.nam, value: formatNam(p.nam) });
  else if (p.namRaw !== null) facts.push({ label: s.labels.nam, value: s.values.namMalformed(p.namRaw) });
  else facts.push(orMissing(s.labels.nam, null, s));
  if (p.altId !== null) facts.push({ label: s.labels.altId, value: p.altId });
  return { id: 'patient', title: s.sections.patient, elements: [{ kind: 'facts', facts }] };
}

function orderSection(order: ParsedOrder, s: CardStrings): Section {
  const facts: Fact[] = [
    orMissing(s.labels.exam, order.exam, s),
    orMissing(s.labels.orderDate, order.orderDate, s),
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
  return s.checks.messages === null ? check.message : s.checks.messages[check.id][status];
}

function checksSection(fax: FaxRecord, s: CardStrings): Section {
  // A check that cannot apply ('skip') says nothing staff can act on.
  const shown = fax.report.checks.filter((c): c is Check & { status: Mark } => c.status !== 'skip');
  const items = shown.map((c) => ({ mark: c.status, text: checkMessage(c, c.status, s) }));
  return {
    id: 'checks',
    title: s.sections.checks,
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
      items.length > 0
        ? { kind: 'status_list', items }
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
        text: `${s.unreadable.text}\n${reason}`,
        links: [],
      },
    ],
  };
}

function problemSection(count: number, s: CardStrings): Section {
  return {
    id: 'problem',
    title: '',
    elements: [
      {
        kind: 'callout',
        tone: 'accent',
        title: s.problem.title,
        text: s.problem.text(count),
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

function stateSection(fax: FaxRecord, events: readonly FaxEvent[], s: CardStrings): Section {
  const entries = historyEntries(fax.id, events, s);
  return {
    id: 'state',
    title: s.sections.state,
    elements: [
      ...stateLines(fax, events, s).map((text, i) => ({
        kind: 'text' as const,
        text,
        style: i === 0 ? ('strong' as const) : ('plain' as const),
        truncation: 'plain' as const,
      })),
      entries.length > 0
        ? { kind: 'history', entries }
        : { kind: 'text', text: s.history.none, style: 'muted', truncation: 'plain' },
    ],
  };
}

function actionButtons(fax: FaxRecord, lang: Lang): ActionButton[] {
  const s = cardStrings(lang);
  const forms = buildActionForms(lang);
  const data = { faxId: fax.id, expectedStatus: fax.status };
  const button = (id: FaxActionId, style: ActionButton['style'], form?: ActionForm): ActionButton => ({
    id,
    label: s.actions[id],
    style,
    data: { ...data },
    ...(form ? { form } : {}),
  });
  const report = button('fax.report_problem', 'default', forms.report_problem);
  switch (fax.status) {
    case 'pending':
      return [
        button(
          'fax.accept',
          'primary',
          ACCEPT_NEEDS_REASON.has(fax.verdict) ? forms.accept_reason : undefined,
        ),
        button('fax.auth_request', 'default'),
        report,
      ];
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
  const head = header(fax, s);
  const sections: Section[] = [];
  if (fax.verdict === 'unreadable') sections.push(unreadableSection(fax, s));
  // A blank or broken fax may still carry an empty parse: nothing in it is worth a field.
  if (fax.order !== null && fax.verdict !== 'unreadable') {
    sections.push(prescriberSection(fax.order, s), patientSection(fax.order, s), orderSection(fax.order, s));
  }
  if (fax.verdict !== 'unreadable') sections.push(checksSection(fax, s));
  sections.push(receptionSection(fax, s, opts.originalUrl));
  const problems = problemCount(fax.id, events);
  if (problems > 0) sections.push(problemSection(problems, s));
  if (REMINDER_STATUSES.has(fax.status)) sections.push(reminderSection(fax, s));
  sections.push(stateSection(fax, events, s));

  return {
    lang,
    faxId: fax.id,
    status: fax.status,
    header: head,
    summary: `${head.symbol} ${head.verdictLabel} — ${head.title} — ${head.subtitle}`,
    sections,
    actions: opts.actions === false ? [] : actionButtons(fax, lang),
  };
}
