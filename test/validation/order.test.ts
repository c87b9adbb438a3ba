import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS, resolveOptions } from '../../src/validation/options.ts';
import {
  orderClinicalInfo,
  orderDate,
  orderExam,
  orderLegible,
  orderSignature,
  orderSingleRecipient,
} from '../../src/validation/order.ts';
import type { Rule } from '../../src/validation/rule.ts';
import type { ParsedOrder } from '../../src/domain/order.ts';
import type { FaxReading } from '../../src/domain/reading.ts';
import { ocrReading, orderWith, page, textReading, validOrder } from './helpers.ts';

const run = (rule: Rule, order: ParsedOrder, reading: FaxReading = textReading()) =>
  rule(order, reading, DEFAULT_OPTIONS);

describe('order.exam', () => {
  it('passes when an exam is identified, fails otherwise', () => {
    expect(run(orderExam, validOrder())?.status).toBe('pass');
    expect(run(orderExam, orderWith({ exam: null }))?.status).toBe('fail');
    expect(run(orderExam, orderWith({ exam: '  ' }))?.status).toBe('fail');
  });
});

describe('order.clinical_info', () => {
  it('passes when present, warns otherwise', () => {
    expect(run(orderClinicalInfo, validOrder())?.status).toBe('pass');
    expect(run(orderClinicalInfo, orderWith({ clinicalInfo: null }))?.status).toBe('warn');
  });
});

describe('order.date', () => {
  it('passes when present, warns when missing or impossible', () => {
    expect(run(orderDate, validOrder())?.status).toBe('pass');
    expect(run(orderDate, orderWith({ orderDate: null }))?.status).toBe('warn');
    expect(run(orderDate, orderWith({ orderDate: '2024-13-01' }))?.status).toBe('warn');
  });
});

describe('order.single_recipient', () => {
  const recipients = (rs: string[]) => run(orderSingleRecipient, orderWith({ recipients: rs }));
  it('passes with one recipient or none', () => {
    expect(recipients(['4505550199'])?.status).toBe('pass');
    expect(recipients([])?.status).toBe('pass');
  });
  it('counts the same number written twice, in other spellings, once', () => {
    expect(recipients(['450-555-0199', '1 (450) 555-0199', '4505550199'])?.status).toBe('pass');
    expect(recipients(['Clinique Radiologie Laval', 'clinique radiologie laval '])?.status).toBe('pass');
  });
  it('fails with more than one distinct recipient', () => {
    const c = recipients(['4505550199', 'c.c. Hôpital du Sacré-Cœur']);
    expect(c?.status).toBe('fail');
    expect(c?.message).toContain("Plus d'un destinataire");
    expect(c?.message).toContain("une ordonnance d'imagerie ne peut en avoir qu'un");
    expect(c?.message).not.toContain('555');
  });
});

describe('order.legible', () => {
  it('passes for a text-layer PDF', () => {
    const c = run(orderLegible, validOrder(), textReading([page(), page({ index: 2 })]));
    expect(c?.status).toBe('pass');
  });
  it('passes for a clean 1-bit fax read with good confidence', () => {
    expect(run(orderLegible, validOrder(), ocrReading([{}, {}]))?.status).toBe('pass');
  });
  it('warns when a page has low OCR confidence, naming the page', () => {
    const c = run(orderLegible, validOrder(), ocrReading([{ confidence: 90 }, { confidence: 41 }]));
    expect(c?.status).toBe('warn');
    expect(c?.message).toContain('page 2');
    expect(c?.message).not.toContain('page 1');
  });
  it('warns on a photo-like grey page', () => {
    expect(run(orderLegible, validOrder(), ocrReading([{ greyRatio: 0.45 }]))?.status).toBe('warn');
  });
  it('follows the thresholds given in the options', () => {
    const reading = ocrReading([{ confidence: 70, greyRatio: 0.1 }]);
    expect(orderLegible(validOrder(), reading, DEFAULT_OPTIONS)?.status).toBe('pass');
    expect(orderLegible(validOrder(), reading, resolveOptions({ minOcrConfidence: 75 }))?.status).toBe(
      'warn',
    );
    expect(orderLegible(validOrder(), reading, resolveOptions({ maxGreyRatio: 0.05 }))?.status).toBe('warn');
  });
});

describe('order.signature', () => {
  it('is always info, saying whether a signature was seen and that none is allowed', () => {
    const signed = run(orderSignature, orderWith({ signed: true }));
    const unsigned = run(orderSignature, orderWith({ signed: false }));
    expect(signed).toMatchObject({ status: 'info', message: 'Signature vue (facultative)' });
    expect(unsigned?.status).toBe('info');
    expect(unsigned?.message).toMatch(/Aucune signature vue : permis/);
  });
});
