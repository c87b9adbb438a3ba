/**
 * The worst error is a false `ok`. Over many random orders (most fields right, some wrong,
 * in every combination), `ok` must imply: every required field present and sound, no check
 * failing or warning. The invariants are restated here from the spec, not from the rules.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedOrder } from '../../src/domain/order.ts';
import type { FaxReading } from '../../src/domain/reading.ts';
import { validate } from '../../src/validation/index.ts';
import { ocrReading, textReading } from './helpers.ts';

/** Small deterministic PRNG (mulberry32): failures are reproducible from the seed. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomOrder(rand: () => number): ParsedOrder {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  /** Mostly the good value, sometimes one of the bad ones. */
  const mostly = <T>(good: T, bad: readonly T[]): T => (rand() < 0.88 ? good : pick(bad));
  const name = (good: string) => mostly<string | null>(good, [null, '', '  ', 'X']);
  return {
    header: {
      serviceNumberInHeader: mostly(true, [false]),
      serviceNumberAnywhere: mostly(true, [false]),
      sender: mostly<ParsedOrder['header']['sender']>({ firstName: 'Marie', lastName: 'Tremblay' }, [
        null,
        { firstName: null, lastName: 'Tremblay' },
        { firstName: 'Paul', lastName: 'Roy' },
        { firstName: '', lastName: '' },
      ]),
      pageCount: pick([null, 1, 2]),
      banner: {
        transit: mostly(true, [false]),
        doNotReply: mostly(true, [false]),
        confidentiality: mostly(true, [false]),
        formCode: mostly(true, [false]),
      },
    },
    prescriber: {
      firstName: name('Marie'),
      lastName: name('Tremblay'),
      phone: mostly<string | null>('5145550123', [null, '4184256508', '0145550123', '', '4115550123']),
      permit: mostly<string | null>('12345', [null, '']),
    },
    patient: {
      firstName: name('Jean'),
      lastName: name('Côté'),
      birthDate: mostly<string | null>('1980-05-10', [null, '1980-02-30', '', '1980-05-11', '2099-01-01']),
      nam: mostly<string | null>('COTJ80051012', [
        null,
        '',
        'COTJ80135012',
        'ROYJ80051012',
        'COTJ 8005 1012',
      ]),
      namRaw: mostly<string | null>(null, ['COTJ 8005', '']),
      altId: pick([null, '12 rue Principale']),
    },
    exam: mostly<string | null>('Radiographie pulmonaire', [null, '', ' ']),
    clinicalInfo: mostly<string | null>('Toux', [null, '']),
    orderDate: mostly<string | null>('2024-03-01', [null, '2024-02-31']),
    recipients: mostly<string[]>(
      ['4505550199'],
      [[], ['4505550199', '5145559999'], ['A', 'B'], ['', '4505550199']],
    ),
    isOrder: mostly(true, [false]),
    signed: rand() < 0.5,
    repairs: [],
    provenance: {},
  };
}

function randomReading(rand: () => number): FaxReading {
  if (rand() < 0.5) return textReading();
  const pages = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
    confidence: rand() < 0.85 ? 70 + rand() * 30 : rand() * 60,
    greyRatio: rand() < 0.85 ? rand() * 0.1 : 0.3 + rand() * 0.7,
    text: rand() < 0.97 ? 'Ordonnance' : '',
  }));
  return ocrReading(pages);
}

const present = (s: string | null) => s !== null && s.trim() !== '';

describe('no false ok (property)', () => {
  it('ok ⇒ every required field present and sound, no check failing or warning', () => {
    const rand = prng(20240301);
    let oks = 0;
    const verdicts = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const order = randomOrder(rand);
      const reading = randomReading(rand);
      const report = validate(order, reading);
      verdicts.add(report.verdict);
      if (report.verdict !== 'ok') continue;
      oks++;
      const { header, prescriber: pr, patient: pa } = order;
      const facts = {
        inHeader: header.serviceNumberInHeader,
        isOrder: order.isOrder,
        prescriberNamed: present(pr.firstName) && present(pr.lastName),
        phone: present(pr.phone) && pr.phone !== '4184256508',
        patientNamed: present(pa.firstName) && present(pa.lastName),
        birthDate: present(pa.birthDate),
        nam: /^[A-Z]{4}\d{6}[0-9A-Z]\d$/.test((pa.nam ?? '').replace(/[\s-]/g, '')) && !present(pa.namRaw),
        exam: present(order.exam),
        oneRecipient: new Set(order.recipients.filter(present)).size <= 1,
        legible: reading.pages.every((p) => (p.confidence ?? 100) >= 60 && (p.greyRatio ?? 0) <= 0.2),
        noFailOrWarn: report.checks.every((c) => c.status !== 'fail' && c.status !== 'warn'),
      };
      expect(facts, `case ${i}`).toEqual(Object.fromEntries(Object.keys(facts).map((k) => [k, true])));
    }
    // The property must not hold vacuously: ok and every other verdict did occur.
    expect(oks).toBeGreaterThan(50);
    expect([...verdicts].sort()).toEqual([
      'incomplete',
      'not_order',
      'not_service',
      'ok',
      'review',
      'unreadable',
    ]);
  });
});
