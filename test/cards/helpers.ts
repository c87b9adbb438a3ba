/**
 * Test helpers for the cards: fax records built from the fixture generator's specs and judged
 * by the real rules, event builders, the official `adaptivecards` parser, and a checker of
 * Slack Block Kit's limits.
 */
import { createRequire } from 'node:module';
import type { ParsedOrder } from '../../src/domain/order.ts';
import type { FaxReading } from '../../src/domain/reading.ts';
import { newFaxId } from '../../src/store/ids.ts';
import type { EventKind, FaxEvent, FaxRecord, FaxStatus } from '../../src/store/records.ts';
import { FaxRecord as FaxRecordSchema } from '../../src/store/records.ts';
import { NO_TEXT_REASON, unreadableReport, validate } from '../../src/validation/index.ts';
import { expectedFields, generateSpec, type FaxSpec, type Scenario } from '../fixtures/index.ts';

// ---------------------------------------------------------------------------------------------
// Fax records

/** What the parser would output for a spec it read perfectly (the fixture generator's expectations). */
export function orderFromSpec(spec: FaxSpec): ParsedOrder {
  const f = expectedFields(spec);
  const service = spec.header.kind === 'service';
  return {
    header: {
      serviceNumberInHeader: service,
      serviceNumberAnywhere: service,
      sender: f.sender,
      pageCount: null,
      banner: {
        transit: spec.banner,
        doNotReply: spec.banner,
        confidentiality: spec.banner,
        formCode: spec.banner,
      },
    },
    prescriber: f.prescriber,
    patient: {
      firstName: f.patient.firstName,
      lastName: f.patient.lastName,
      birthDate: f.patient.birthDate,
      nam: f.patient.nam,
      namRaw: spec.patient.nam && !spec.patient.nam.wellFormed ? spec.patient.nam.value : null,
      altId: f.patient.altId,
    },
    exam: f.exam,
    clinicalInfo: f.clinicalInfo,
    orderDate: f.orderDate,
    recipients: f.recipients,
    isOrder: f.isOrder,
    signed: false,
    repairs: [],
    provenance: {},
  };
}

function readingOf(pageCount: number): FaxReading {
  return {
    kind: 'tiff',
    ocrUsed: true,
    confidence: 91,
    pages: Array.from({ length: pageCount }, (_, i) => ({
      index: i + 1,
      text: 'Ordonnance Échographie abdominale Douleur',
      source: 'ocr' as const,
      confidence: 91,
      rotation: 0,
      skew: 0,
      greyRatio: 0.01,
      width: 1728,
      height: 2200,
    })),
  };
}

export interface FaxOptions {
  status?: FaxStatus;
  pageCount?: number;
  receivedAt?: string;
}

/** A stored fax for an order, with the report the real rules give it. */
export function faxFromOrder(order: ParsedOrder, opts: FaxOptions = {}): FaxRecord {
  const pageCount = opts.pageCount ?? 2;
  const report = validate(order, readingOf(pageCount));
  const id = newFaxId(new Date(opts.receivedAt ?? '2025-03-12T18:05:00.000Z'));
  return FaxRecordSchema.parse({
    id,
    sha256: 'b'.repeat(64),
    originalName: 'fax.tif',
    sizeBytes: 48_000,
    archivePath: `/data/archive/2025/03/12/${id}-fax.tif`,
    quarantinePath: null,
    receivedAt: opts.receivedAt ?? '2025-03-12T18:05:00.000Z',
    fileKind: 'tiff',
    pageCount,
    status: opts.status ?? 'pending',
    verdict: report.verdict,
    unreadableCode: null,
    unreadableReason: null,
    ocrUsed: true,
    ocrConfidence: 91,
    order,
    report,
  });
}

export function faxFromScenario(scenario: Scenario, seed: number, opts: FaxOptions = {}): FaxRecord {
  return faxFromOrder(orderFromSpec(generateSpec(seed, { scenario, layout: 'form' })), opts);
}

/** An unreadable fax: a blank page ('no-text', archived) or a broken file (quarantined with a code). */
export function unreadableFax(kind: 'blank' | 'corrupt', opts: FaxOptions = {}): FaxRecord {
  const id = newFaxId();
  const reason = kind === 'blank' ? NO_TEXT_REASON : 'TIFF endommagé : décalages de bandes hors du fichier';
  const path = `/data/${kind === 'blank' ? 'archive/2025/03/12' : 'quarantine'}/${id}-fax.tif`;
  return FaxRecordSchema.parse({
    id,
    sha256: 'c'.repeat(64),
    originalName: 'fax.tif',
    sizeBytes: 1234,
    archivePath: kind === 'blank' ? path : null,
    quarantinePath: kind === 'blank' ? null : path,
    receivedAt: opts.receivedAt ?? '2025-03-12T18:05:00.000Z',
    fileKind: 'tiff',
    pageCount: opts.pageCount ?? (kind === 'blank' ? 1 : 0),
    status: opts.status ?? 'pending',
    verdict: 'unreadable',
    unreadableCode: kind === 'blank' ? null : 'corrupt',
    unreadableReason: kind === 'blank' ? null : reason,
    ocrUsed: kind === 'blank',
    ocrConfidence: null,
    order: null,
    report: unreadableReport(reason),
  });
}

// ---------------------------------------------------------------------------------------------
// Events

let nextEventId = 1;

export function event(
  faxId: string,
  kind: EventKind,
  at: string,
  actor: { id: string; name: string } = { id: 'U01JULIE', name: 'Julie Roy' },
  details: FaxEvent['details'] = {},
): FaxEvent {
  return { id: nextEventId++, faxId, kind, actor, at, details };
}

/** The events that bring a fax to `status`, the way the workflow records them. */
export function eventsFor(fax: FaxRecord, status: FaxStatus): FaxEvent[] {
  const base = [
    event(fax.id, 'received', '2025-03-12T18:05:00.000Z', {
      id: 'system:intake',
      name: 'Faxdesk (réception)',
    }),
    event(fax.id, 'posted', '2025-03-12T18:05:02.000Z', { id: 'system:intake', name: 'Faxdesk (réception)' }),
  ];
  switch (status) {
    case 'pending':
      return base;
    case 'auth_requested':
      return [
        ...base,
        event(fax.id, 'auth_requested', '2025-03-12T18:10:00.000Z'),
        event(fax.id, 'auth_unreachable', '2025-03-12T18:12:00.000Z'),
      ];
    case 'accepted':
      return [
        ...base,
        event(fax.id, 'accepted', '2025-03-12T18:20:00.000Z', undefined, {
          reason: fax.verdict === 'incomplete' ? 'NAM confirmé avec l’usager' : null,
        }),
      ];
    case 'rejected':
      return [
        ...base,
        event(fax.id, 'auth_requested', '2025-03-12T18:10:00.000Z'),
        event(fax.id, 'auth_refused', '2025-03-12T18:30:00.000Z', undefined, {
          reason: 'Le prescripteur n’a pas fait cette demande',
        }),
      ];
  }
}

// ---------------------------------------------------------------------------------------------
// The official Adaptive Cards library

interface ValidationEvent {
  phase: number;
  event: number;
  message: string;
}
interface ParseContext {
  eventCount: number;
  getEventAt(i: number): ValidationEvent;
}
interface AdaptiveCardInstance {
  parse(json: unknown, context?: ParseContext): void;
  validateProperties(): { validationEvents: ValidationEvent[] };
  toJSON(): unknown;
}
interface AdaptiveCardsModule {
  AdaptiveCard: new () => AdaptiveCardInstance;
  SerializationContext: new () => ParseContext;
  ValidationEvent: Record<number, string>;
}

/** adaptivecards 3.x's lib/ fails under Node ESM (imports without extensions): its bundle works. */
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

/**
 * Everything the official library says about a card: parse events (unknown types, bad values,
 * unsupported version…) and validation events (required inputs without label, too many actions,
 * duplicate ids…). Empty means it parsed with no errors or warnings. Also returns what the
 * library made of the card, to compare with what we sent.
 */
export function adaptiveCardReport(json: unknown): { problems: string[]; roundTrip: unknown } {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    problems.push(`parse: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  for (const e of card.validateProperties().validationEvents) {
    problems.push(`validate: ${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return { problems, roundTrip: card.toJSON() };
}

/**
 * Paths of properties we sent that the library dropped when it parsed the card: a misspelled
 * property or a value it did not understand. Host-specific extensions are skipped.
 */
export function droppedProperties(sent: unknown, kept: unknown, path = '$'): string[] {
  if (Array.isArray(sent)) {
    if (!Array.isArray(kept)) return [path];
    return sent.flatMap((s, i) => droppedProperties(s, kept[i], `${path}[${i}]`));
  }
  if (typeof sent === 'object' && sent !== null) {
    if (typeof kept !== 'object' || kept === null) return [path];
    const k = kept as Record<string, unknown>;
    return Object.entries(sent).flatMap(([key, value]) => {
      if (key === 'msteams') return [];
      if (!(key in k)) return isDefaultValue(key, value) ? [] : [`${path}.${key}`];
      return droppedProperties(value, k[key], `${path}.${key}`);
    });
  }
  return [];
}

/** The library leaves out properties whose value is the schema's default (no buttons: `actions: []`). */
function isDefaultValue(key: string, value: unknown): boolean {
  return (
    (value === false && ['separator', 'isRequired', 'isMultiline', 'bleed', 'isSubtle'].includes(key)) ||
    value === 'default' ||
    (key === 'actions' && Array.isArray(value) && value.length === 0)
  );
}

// ---------------------------------------------------------------------------------------------
// Slack Block Kit limits (https://docs.slack.dev/reference/block-kit/blocks)

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Slack's special characters must be escaped except in our own link markup `<url|label>`. */
function mrkdwnProblems(text: string, where: string): string[] {
  const problems: string[] = [];
  const withoutLinks = text
    .replace(/<(?:https?:|mailto:|tel:\+1\d{10})[^<>|\s]*\|[^<>]+>/g, '')
    .replace(/^>/gm, ''); // a quote's marker
  if (/[<>]/.test(withoutLinks)) problems.push(`${where}: unescaped < or > in mrkdwn`);
  if (/&(?!amp;|lt;|gt;)/.test(withoutLinks)) problems.push(`${where}: unescaped & in mrkdwn`);
  return problems;
}

function textObjectProblems(
  t: unknown,
  max: number,
  where: string,
  types = ['plain_text', 'mrkdwn'],
): string[] {
  if (!isObj(t)) return [`${where}: missing text object`];
  const problems: string[] = [];
  if (!types.includes(str(t['type']))) problems.push(`${where}: text type ${String(t['type'])}`);
  const text = str(t['text']);
  if (text.length === 0) problems.push(`${where}: empty text`);
  if (text.length > max) problems.push(`${where}: ${text.length} > ${max} characters`);
  if (t['type'] === 'mrkdwn') problems.push(...mrkdwnProblems(text, where));
  return problems;
}

/**
 * Every Block Kit limit a fax card could hit, and our own budget for a whole message.
 * Returns the violations (empty when the message is fine).
 */
export function slackLimitProblems(message: unknown, maxMessageChars = 12_000): string[] {
  if (!isObj(message) || !Array.isArray(message['blocks'])) return ['not a { text, blocks } message'];
  const blocks = message['blocks'] as unknown[];
  const problems: string[] = [];
  const total = JSON.stringify(message).length;
  if (total > maxMessageChars) problems.push(`message: ${total} > ${maxMessageChars} characters`);
  const text = str(message['text']);
  if (text.length === 0 || text.length > 40_000) problems.push(`text: ${text.length} characters`);
  if (blocks.length > 50) problems.push(`${blocks.length} > 50 blocks`);
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    const where = `blocks[${i}]`;
    if (!isObj(b)) return problems.push(`${where}: not an object`);
    const id = b['block_id'];
    if (id !== undefined) {
      if (str(id).length === 0 || str(id).length > 255) problems.push(`${where}: block_id length`);
      if (blockIds.has(str(id))) problems.push(`${where}: duplicate block_id`);
      blockIds.add(str(id));
    }
    switch (b['type']) {
      case 'header':
        problems.push(...textObjectProblems(b['text'], 150, `${where}.text`, ['plain_text']));
        break;
      case 'section': {
        const fields = b['fields'];
        if (b['text'] === undefined && fields === undefined)
          problems.push(`${where}: neither text nor fields`);
        if (b['text'] !== undefined) problems.push(...textObjectProblems(b['text'], 3000, `${where}.text`));
        if (fields !== undefined) {
          if (!Array.isArray(fields) || fields.length === 0 || fields.length > 10)
            problems.push(`${where}.fields: must hold 1 to 10 items`);
          else
            fields.forEach((f, j) => problems.push(...textObjectProblems(f, 2000, `${where}.fields[${j}]`)));
        }
        break;
      }
      case 'context': {
        const elements = b['elements'];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 10)
          problems.push(`${where}.elements: must hold 1 to 10 items`);
        else
          elements.forEach((e, j) =>
            problems.push(...textObjectProblems(e, 3000, `${where}.elements[${j}]`)),
          );
        break;
      }
      case 'divider':
        break;
      case 'actions': {
        const elements = b['elements'];
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > 25) {
          problems.push(`${where}.elements: must hold 1 to 25 items`);
          break;
        }
        const actionIds = new Set<string>();
        elements.forEach((e, j) => {
          const w = `${where}.elements[${j}]`;
          if (!isObj(e) || e['type'] !== 'button') return problems.push(`${w}: not a button`);
          problems.push(...textObjectProblems(e['text'], 75, `${w}.text`, ['plain_text']));
          const actionId = str(e['action_id']);
          if (actionId.length === 0 || actionId.length > 255) problems.push(`${w}.action_id length`);
          if (actionIds.has(actionId)) problems.push(`${w}: duplicate action_id in block`);
          actionIds.add(actionId);
          if (str(e['value']).length > 2000) problems.push(`${w}.value > 2000 characters`);
          if (e['style'] !== undefined && e['style'] !== 'primary' && e['style'] !== 'danger')
            problems.push(`${w}.style ${String(e['style'])}`);
          if (e['url'] !== undefined && str(e['url']).length > 3000)
            problems.push(`${w}.url > 3000 characters`);
        });
        break;
      }
      default:
        problems.push(`${where}: unexpected block type ${String(b['type'])}`);
    }
  });
  return problems;
}

/** Every text a Slack message shows, joined (for "does it say X" assertions). */
export function slackText(message: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) {
      if (typeof v['text'] === 'string') out.push(v['text']);
      Object.entries(v).forEach(([k, x]) => (k === 'text' && typeof x === 'string' ? undefined : walk(x)));
    }
  };
  walk(message);
  return out.join('\n');
}

/** Every string in an Adaptive Card (texts, fact values, titles, urls…), joined. */
export function adaptiveText(card: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isObj(v)) Object.values(v).forEach(walk);
  };
  walk(card);
  return out.join('\n');
}
