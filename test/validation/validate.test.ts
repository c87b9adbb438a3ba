import { describe, expect, it } from 'vitest';
import { CheckId, Report } from '../../src/domain/report.ts';
import type { Check } from '../../src/domain/report.ts';
import { NO_TEXT_REASON, computeVerdict, unreadableReport, validate } from '../../src/validation/index.ts';
import { checkOf, ocrReading, orderWith, textReading, validOrder } from './helpers.ts';

describe('validate', () => {
  it('gives ok for a complete order, with every check in the spec order', () => {
    const report = validate(validOrder(), textReading());
    expect(report.verdict).toBe('ok');
    expect(report.reason).toBeNull();
    expect(report.checks.map((c) => c.id)).toEqual(CheckId.options);
    expect(() => Report.parse(report)).not.toThrow();
  });
  it('is unreadable, with the blank-fax reason, when no page has text', () => {
    for (const reading of [
      textReading([]),
      ocrReading([{ text: '' }, { text: '  \n\t ' }]),
      ocrReading([{ text: ' . ~ | ' }]),
    ]) {
      expect(validate(validOrder(), reading)).toEqual({
        verdict: 'unreadable',
        checks: [],
        reason: NO_TEXT_REASON,
      });
    }
    expect(NO_TEXT_REASON).toBe('Aucun texte trouvé (télécopie vierge ?)');
  });
  it('is readable as soon as one page has text', () => {
    const reading = ocrReading([{ text: '' }, { text: 'Échographie abdominale' }]);
    expect(validate(validOrder(), reading).verdict).toBe('ok');
  });
  it('treats a few junk words OCR finds at low confidence on a photo as no text', () => {
    // What OCR gives for a small dithered photo with no writing (e.g. a CCITT-compressed picture).
    const photo = ocrReading([{ text: 'TA PARTS\n"PS TR\nColl Mi 8}\n', confidence: 30 }]);
    expect(validate(validOrder(), photo)).toMatchObject({ verdict: 'unreadable', reason: NO_TEXT_REASON });
    // The same words read with confidence are text…
    expect(
      validate(validOrder(), ocrReading([{ text: 'TA PARTS PS TR Coll Mi 8', confidence: 80 }])).verdict,
    ).not.toBe('unreadable');
    // …and so is a long page read badly: that is for order.legible to flag, not unreadable.
    const badScan = ocrReading([{ text: 'Échographie abdominale demandée '.repeat(5), confidence: 30 }]);
    expect(validate(validOrder(), badScan).verdict).not.toBe('unreadable');
  });
  it('rejects out-of-range options', () => {
    expect(() => validate(validOrder(), textReading(), { minOcrConfidence: 140 })).toThrow();
  });
});

describe('unreadableReport', () => {
  it('has the verdict, the reason and no checks', () => {
    expect(unreadableReport('Fichier chiffré')).toEqual({
      verdict: 'unreadable',
      checks: [],
      reason: 'Fichier chiffré',
    });
  });
});

describe('verdict order', () => {
  const verdictOf = (patch: Parameters<typeof orderWith>[0]) =>
    validate(orderWith(patch), textReading()).verdict;
  const noService = { serviceNumberInHeader: false, serviceNumberAnywhere: false };

  it('not_service beats everything else but unreadable (e.g. also missing the NAM)', () => {
    expect(verdictOf({ header: noService, patient: { nam: null, altId: null } })).toBe('not_service');
    expect(verdictOf({ header: noService, isOrder: false })).toBe('not_service');
    expect(verdictOf({ header: { serviceNumberInHeader: false, serviceNumberAnywhere: true } })).toBe(
      'not_service',
    );
  });
  it('not_order beats incomplete and review', () => {
    expect(verdictOf({ isOrder: false, exam: null, prescriber: { phone: null }, clinicalInfo: null })).toBe(
      'not_order',
    );
  });
  it('incomplete on any fail, even with warnings', () => {
    expect(verdictOf({ patient: { nam: null, altId: null }, clinicalInfo: null })).toBe('incomplete');
    expect(verdictOf({ recipients: ['4505550199', '5145550000'] })).toBe('incomplete');
  });
  it('review on any warning', () => {
    expect(verdictOf({ prescriber: { permit: null } })).toBe('review');
    expect(verdictOf({ patient: { nam: null, altId: '12 rue Principale' } })).toBe('review');
    expect(verdictOf({ patient: { birthDate: '1980-05-11' } })).toBe('review'); // NAM inconsistent
    expect(
      validate(
        validOrder(),
        ocrReading([{ confidence: 30, text: 'Ordonnance : échographie abdominale. '.repeat(4) }]),
      ).verdict,
    ).toBe('review');
  });
  it('unreadable comes first', () => {
    expect(computeVerdict([], { readable: false, isOrder: true })).toBe('unreadable');
  });
});

describe('computeVerdict on partial check lists (never a default ok)', () => {
  const all = validate(validOrder(), textReading()).checks;
  const without = (id: CheckId) => all.filter((c) => c.id !== id);
  const ctx = { readable: true, isOrder: true };

  it('a missing service.number is not_service', () => {
    expect(computeVerdict(without('service.number'), ctx)).toBe('not_service');
    expect(computeVerdict([], ctx)).toBe('not_service');
  });
  it('a missing or skipped required check is incomplete', () => {
    expect(computeVerdict(without('patient.nam'), ctx)).toBe('incomplete');
    const skipped: Check[] = all.map((c) => (c.id === 'order.exam' ? { ...c, status: 'skip' } : c));
    expect(computeVerdict(skipped, ctx)).toBe('incomplete');
  });
  it('a missing reviewed check is review; the skippable ones may be absent', () => {
    expect(computeVerdict(without('order.legible'), ctx)).toBe('review');
    expect(computeVerdict(without('patient.nam_consistency'), ctx)).toBe('ok');
    expect(computeVerdict(without('order.signature'), ctx)).toBe('ok');
  });
});

describe('messages carry no patient data', () => {
  const order = orderWith({
    patient: { namRaw: 'COTJ 8005 1' },
    prescriber: { phone: '4184256508' },
    header: { sender: { firstName: 'Julie', lastName: 'Gagnon' } },
    repairs: [
      { field: 'patient.nam', from: 'COTJ8OO51012', to: 'COTJ80051012', reason: 'COTJ8OO51012' },
      { field: 'patient.birthDate', from: '1980-O5-10', to: '1980-05-10', reason: '1980-O5-10' },
      { field: 'prescriber.lastName', from: 'Trernblay', to: 'Tremblay', reason: 'rn→m' },
    ],
  });
  const variants = [
    validOrder(),
    order,
    orderWith({ patient: { birthDate: '1980-05-11', lastName: 'Gagnon' } }),
    orderWith({ recipients: ['4505550199', 'c.c. Dre Julie Gagnon 5145550000'] }),
  ];
  const secrets = [
    'Côté',
    'Jean',
    'Marie',
    'Tremblay',
    'Julie',
    'Gagnon',
    '1980',
    '05-10',
    'COTJ',
    '8005',
    '555',
    '4505',
  ];

  it.each(variants.map((o, i) => [i, o] as const))('variant %i', (_i, o) => {
    for (const c of validate(o, textReading()).checks) {
      for (const s of secrets) expect(c.message, c.id).not.toContain(s);
    }
  });
  it('repairs are mentioned in their checks', () => {
    const report = validate(order, textReading());
    expect(checkOf(report, 'patient.nam')?.message).toMatch(/NAM corrigé/);
    expect(checkOf(report, 'patient.birthdate')?.message).toMatch(/Date de naissance corrigée/);
    expect(checkOf(report, 'prescriber.name')?.message).toMatch(/Nom corrigé/);
  });
});
