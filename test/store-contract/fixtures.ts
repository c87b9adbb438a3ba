/** Faxes, pages and events for the contract suite: plain data, any store. */
import { createHash } from 'node:crypto';
import type { ParsedOrder } from '../../src/domain/order.ts';
import { newFaxId } from '../../src/store/ids.ts';
import { SYSTEM_ACTOR, type FaxRecord, type NewFaxEvent, type PageRecord } from '../../src/store/records.ts';
import type { FaxStore, TransitionEvent } from '../../src/store/store.ts';

export interface Patient {
  firstName?: string | null;
  lastName?: string | null;
  nam?: string | null;
}

function order(patient: Patient): ParsedOrder {
  return {
    header: {
      serviceNumberInHeader: true,
      serviceNumberAnywhere: true,
      sender: { firstName: 'Luc', lastName: 'Gagnon' },
      pageCount: 2,
      banner: { transit: true, doNotReply: true, confidentiality: true, formCode: true },
    },
    prescriber: { firstName: 'Luc', lastName: 'Gagnon', phone: '4185550123', permit: '12345' },
    patient: {
      firstName: patient.firstName ?? null,
      lastName: patient.lastName ?? null,
      birthDate: '1985-05-15',
      nam: patient.nam ?? null,
      namRaw: null,
      altId: null,
    },
    exam: 'Échographie abdominale',
    clinicalInfo: 'Douleur abdominale',
    orderDate: '2025-03-14',
    recipients: ['4185559999'],
    isOrder: true,
    signed: false,
    repairs: [],
    provenance: {},
  };
}

/** A fax received at `receivedAt` (its id made from that time, as intake does), unique content. */
export function fax(overrides: Partial<FaxRecord> & { patient?: Patient } = {}): FaxRecord {
  const { patient, ...rest } = overrides;
  const receivedAt = rest.receivedAt ?? '2025-03-15T14:03:00.000Z';
  const id = rest.id ?? newFaxId(new Date(receivedAt));
  return {
    id,
    sha256: createHash('sha256').update(id).digest('hex'),
    originalName: 'Ordonnance Échographie.pdf',
    sizeBytes: 48_213,
    archivePath: `/data/archive/2025/03/15/${id}.pdf`,
    quarantinePath: null,
    receivedAt,
    fileKind: 'pdf',
    pageCount: 2,
    status: 'pending',
    verdict: 'review',
    unreadableCode: null,
    unreadableReason: null,
    ocrUsed: true,
    ocrConfidence: 87.5,
    order: order(patient ?? { firstName: 'Jeanne', lastName: 'Côté' }),
    report: {
      verdict: 'review',
      checks: [{ id: 'order.date', status: 'warn', message: 'Date absente' }],
      reason: null,
    },
    ...rest,
  };
}

export function page(index: number, text: string): PageRecord {
  return {
    index,
    text,
    source: 'ocr',
    confidence: 80,
    rotation: 90,
    skew: -0.4,
    greyRatio: 0.01,
    width: 1728,
    height: 2200,
  };
}

export function event(
  faxId: string | null,
  kind: NewFaxEvent['kind'],
  details: NewFaxEvent['details'] = {},
): NewFaxEvent {
  return { faxId, kind, actor: SYSTEM_ACTOR, at: '2025-03-15T14:03:00.000Z', details };
}

export function click(kind: TransitionEvent['kind'], who = 'Julie'): TransitionEvent {
  return { kind, actor: { id: `U-${who}`, name: who }, at: '2025-03-15T15:00:00.000Z', details: {} };
}

/** Records a fax (defaults as `fax`) with one page and its `received` event. */
export async function stored(store: FaxStore, overrides: Parameters<typeof fax>[0] = {}): Promise<FaxRecord> {
  const f = fax(overrides);
  await store.recordFax(f, [page(1, 'Usager : TREMBLAY, Jeanne')], [event(f.id, 'received')]);
  return f;
}

/** `base` plus `n` hours, as an ISO instant. */
export function hoursAfter(base: string, n: number): string {
  return new Date(new Date(base).getTime() + n * 3_600_000).toISOString();
}
