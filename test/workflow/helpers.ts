/**
 * Shared by the workflow and mail tests: a real SQLite store in a temp dir, a fax
 * full of realistic patient data (so tests can prove none of it leaks into events
 * or e-mails), and a mailer that records what it was asked to send.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import type { ParsedOrder } from '../../src/domain/order.ts';
import type { Verdict } from '../../src/domain/report.ts';
import type { LogFields, Logger } from '../../src/log.ts';
import { newFaxId } from '../../src/store/ids.ts';
import { SYSTEM_ACTOR, type FaxRecord, type PageRecord } from '../../src/store/records.ts';
import {
  MailSendError,
  type ProblemReportMailer,
  type ProblemReportMessage,
} from '../../src/workflow/mailer.ts';
import type { ActionActor } from '../../src/workflow/types.ts';

export const CHANNEL = 'C0FAXDESK';

export const MARIE: ActionActor = {
  id: 'U01MARIE',
  name: 'Marie Lavoie',
  platform: 'slack',
  channelId: CHANNEL,
};
export const JULIEN: ActionActor = {
  id: 'U02JULIEN',
  name: 'Julien Roy',
  platform: 'slack',
  channelId: CHANNEL,
};

/** 2025-03-15 14:32 in Montréal (EDT, UTC−4). */
export const NOW = new Date('2025-03-15T18:32:00.000Z');

export function tempStorePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'faxdesk-workflow-')), 'faxdesk.sqlite');
}

export function openTempStore(path = tempStorePath()): SqliteFaxStore {
  return openSqliteStore(path);
}

/**
 * Everything in the fax below that identifies or describes the patient (or the prescriber), in the
 * spellings a careless report could carry them. None may appear in an event or an e-mail.
 */
export const PATIENT_STRINGS = [
  'Jeanne',
  'Tremblay',
  'Côté',
  'Cote',
  '1985-05-15',
  '15/05/1985',
  '15 mai 1985',
  'TREJ85551512',
  'TREJ 8555 1512',
  '5145550199',
  '514-555-0199',
  '555-0199',
  'rue des Érables',
  'Douleur',
  'cholécystite',
  'Échographie',
  'abdominale',
  'Gagnon',
  '4185550123',
  '555-0123',
  '12345',
];

function patientOrder(): ParsedOrder {
  return {
    header: {
      serviceNumberInHeader: true,
      serviceNumberAnywhere: true,
      sender: { firstName: 'Luc', lastName: 'Gagnon' },
      pageCount: 3,
      banner: { transit: true, doNotReply: true, confidentiality: true, formCode: true },
    },
    prescriber: { firstName: 'Luc', lastName: 'Gagnon', phone: '4185550123', permit: '12345' },
    patient: {
      firstName: 'Jeanne',
      lastName: 'Tremblay-Côté',
      birthDate: '1985-05-15',
      nam: 'TREJ85551512',
      namRaw: 'TREJ 8555 1512',
      altId: '1234 rue des Érables, Québec, 514-555-0199',
    },
    exam: 'Échographie abdominale',
    clinicalInfo: 'Douleur abdominale QSD depuis 3 semaines, r/o cholécystite',
    orderDate: '2025-03-14',
    recipients: ['4185559999'],
    isOrder: true,
    signed: false,
    repairs: [],
    provenance: {},
  };
}

export function patientFax(overrides: Partial<FaxRecord> = {}): FaxRecord {
  const id = overrides.id ?? newFaxId();
  const verdict: Verdict = overrides.verdict ?? 'review';
  return {
    id,
    sha256: createHash('sha256').update(id).digest('hex'),
    originalName: 'Tremblay-Cote_Jeanne_TREJ85551512_echo.pdf',
    sizeBytes: 48_213,
    archivePath: `/data/archive/2025/03/15/${id}.pdf`,
    quarantinePath: null,
    receivedAt: '2025-03-15T14:03:00.000Z',
    fileKind: 'pdf',
    pageCount: 3,
    status: 'pending',
    verdict,
    unreadableCode: null,
    unreadableReason: null,
    ocrUsed: true,
    ocrConfidence: 88,
    order: patientOrder(),
    report: {
      verdict,
      checks: [
        { id: 'patient.name', status: 'pass', message: 'Usager : Jeanne Tremblay-Côté' },
        { id: 'patient.nam', status: 'pass', message: 'NAM TREJ 8555 1512' },
        { id: 'prescriber.phone', status: 'pass', message: 'Rappeler le Dr Gagnon au 418-555-0123' },
      ],
      reason: null,
    },
    ...overrides,
  };
}

function patientPages(): PageRecord[] {
  const text = [
    'De : 1 418 425-6508 Luc Gagnon',
    'Usager : TREMBLAY-CÔTÉ, Jeanne  Né(e) le 15/05/1985  NAM : TREJ 8555 1512',
    'Adresse : 1234 rue des Érables, Québec  Tél. : 514-555-0199',
    'Examen demandé : Échographie abdominale',
    'Renseignements cliniques : Douleur abdominale QSD depuis 3 semaines, r/o cholécystite',
    'Dr Luc Gagnon, permis 12345, 418-555-0123',
  ].join('\n');
  return [1, 2, 3].map((index) => ({
    index,
    text,
    source: 'ocr' as const,
    confidence: 88,
    rotation: 0,
    skew: 0,
    greyRatio: 0.01,
    width: 1728,
    height: 2200,
  }));
}

/** Stores a fax with its pages and its intake event, as the intake would. */
export async function storeFax(
  store: SqliteFaxStore,
  overrides: Partial<FaxRecord> = {},
): Promise<FaxRecord> {
  const fax = patientFax(overrides);
  await store.recordFax(fax, patientPages(), [
    {
      faxId: fax.id,
      kind: 'received',
      actor: SYSTEM_ACTOR,
      at: fax.receivedAt,
      details: { pages: fax.pageCount },
    },
  ]);
  return fax;
}

/** Which of PATIENT_STRINGS the text contains (case-insensitive). */
export function leakedPatientData(text: string): string[] {
  const lower = text.toLowerCase();
  return PATIENT_STRINGS.filter((s) => lower.includes(s.toLowerCase()));
}

export class RecordingMailer implements ProblemReportMailer {
  readonly sent: ProblemReportMessage[] = [];
  failWith: MailSendError | null = null;

  async send(message: ProblemReportMessage): Promise<{ messageId: string }> {
    if (this.failWith) throw this.failWith;
    this.sent.push(message);
    return { messageId: `<test-${this.sent.length}@faxdesk.test>` };
  }
}

export interface LogLine {
  level: string;
  msg: string;
  fields: LogFields;
}

export function recordingLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at =
    (level: string) =>
    (msg: string, fields: LogFields = {}) => {
      lines.push({ level, msg, fields });
    };
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}
