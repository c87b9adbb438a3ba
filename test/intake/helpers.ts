/**
 * Test helpers for the intake: a temp data directory, and fake processors
 * (injected dependencies) that read the "fax" as UTF-8 text:
 *   - content starting with UNREADABLE → UnreadableFaxError('corrupt')
 *   - content starting with BOOM       → an unexpected Error in read
 *   - content starting with PARSEBOOM  → an unexpected Error in parse
 *   - otherwise pages split on a line "---PAGE---".
 */
import { mkdtempSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParsedOrder } from '../../src/domain/order.ts';
import { UnreadableFaxError, type FaxReading } from '../../src/domain/reading.ts';
import type { Report } from '../../src/domain/report.ts';
import type { FaxProcessors } from '../../src/intake/processors.ts';

export interface DataDirs {
  root: string;
  inbox: string;
  archive: string;
  quarantine: string;
  db: string;
}

export function makeDataDirs(): DataDirs {
  const root = mkdtempSync(join(tmpdir(), 'faxdesk-intake-'));
  const dirs = {
    root,
    inbox: join(root, 'inbox'),
    archive: join(root, 'archive'),
    quarantine: join(root, 'quarantine'),
    db: join(root, 'faxdesk.sqlite'),
  };
  mkdirSync(dirs.inbox);
  return dirs;
}

export function fakeOrder(exam: string | null): ParsedOrder {
  return {
    header: {
      serviceNumberInHeader: true,
      serviceNumberAnywhere: true,
      sender: null,
      pageCount: null,
      banner: { transit: true, doNotReply: true, confidentiality: true, formCode: true },
    },
    prescriber: { firstName: null, lastName: null, phone: null, permit: null },
    patient: { firstName: null, lastName: null, birthDate: null, nam: null, namRaw: null, altId: null },
    exam,
    clinicalInfo: null,
    orderDate: null,
    recipients: [],
    isOrder: exam !== null,
    signed: false,
    repairs: [],
    provenance: {},
  };
}

export function fakeProcessors(calls: { read: number } = { read: 0 }): FaxProcessors {
  return {
    async read(file): Promise<FaxReading> {
      calls.read++;
      const text = typeof file === 'string' ? await readFile(file, 'utf8') : file.bytes.toString('utf8');
      if (text.startsWith('UNREADABLE')) throw new UnreadableFaxError('corrupt', 'Fichier TIFF endommagé.');
      if (text.startsWith('BOOM')) throw new Error('reader exploded');
      return {
        kind: 'pdf',
        ocrUsed: false,
        confidence: null,
        pages: text.split('\n---PAGE---\n').map((page, i) => ({
          index: i + 1,
          text: page,
          source: 'text-layer' as const,
          confidence: null,
          rotation: 0,
          skew: 0,
          greyRatio: null,
          width: null,
          height: null,
        })),
      };
    },
    parse(reading: FaxReading): ParsedOrder {
      const pages = reading.pages.map((p) => p.text);
      if (pages[0]?.startsWith('PARSEBOOM')) throw new TypeError('parser bug');
      return fakeOrder(pages.join(' ').includes('IRM') ? 'IRM' : null);
    },
    validate(order: ParsedOrder): Report {
      return {
        verdict: order.isOrder ? 'review' : 'not_order',
        checks: [{ id: 'order.exam', status: order.isOrder ? 'pass' : 'fail', message: 'Examen' }],
        reason: null,
      };
    },
    unreadable(reason: string): Report {
      return { verdict: 'unreadable', checks: [], reason };
    },
  };
}
