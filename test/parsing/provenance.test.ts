/**
 * Where each field was read and how sure the reader was (issue 11): page, box and confidence per
 * field; a required field read with low confidence makes the fax `review` (never `ok`) unless the
 * NAM confirms it; a repaired NAM says so.
 */
import { describe, expect, it } from 'vitest';
import { parseOrder } from '../../src/parsing/index.ts';
import { validate } from '../../src/validation/index.ts';
import { textReading } from '../validation/helpers.ts';
import { BANNER } from './faxes.ts';
import { ocrLayout } from './layout-builder.ts';

const ROWS = [
  '2026-10-20 10:12   14184256508 Sophie Leclerc   Page 1/1',
  ...BANNER.split('\n'),
  '',
  'Dre Sophie Leclerc        Tél. : 450 555-3030        Permis : 1-40221',
  'Usager : MORIN, Hélène    DDN : 1972-04-18          NAM : MORH 7254 1812',
  'Examen : Échographie mammaire gauche',
  'Motif : masse palpable',
  'Date : 2026-10-20',
];

const orderWith = (confidence: (w: string) => number) =>
  parseOrder([{ text: ROWS.join('\n'), layout: ocrLayout(ROWS, confidence) }]);

describe('provenance of each field', () => {
  it('gives the page, the box of the words and their lowest confidence', () => {
    const order = orderWith((w) => (w === '555-3030' ? 71 : 93));
    expect(order.provenance['prescriber.phone']).toMatchObject({
      page: 1,
      confidence: 71,
      repaired: false,
      uncertain: false,
    });
    const row = ROWS.indexOf(ROWS.find((r) => r.startsWith('Dre'))!);
    const box = order.provenance['prescriber.phone']!.box!;
    expect(box[1]).toBe(row * 30);
    expect(box[0]).toBe(ROWS[row]!.indexOf('450') * 10);
    expect(order.provenance['patient.birthDate']).toMatchObject({ page: 1, confidence: 93 });
    expect(order.provenance.exam).toMatchObject({ page: 1 });
  });

  it('a field read with low confidence makes the fax review, saying which field to check', () => {
    const order = orderWith((w) => (w.startsWith('Échographie') ? 38 : 94));
    expect(order.provenance.exam).toMatchObject({ confidence: 38, uncertain: true });
    const report = validate(order, textReading());
    expect(report.verdict).toBe('review');
    const legible = report.checks.find((c) => c.id === 'order.legible');
    expect(legible).toMatchObject({ status: 'warn' });
    expect(legible?.message).toMatch(/examen demandé \(confiance 38 %\)/);
  });

  it('the NAM confirms a name read with low confidence', () => {
    const order = orderWith((w) => (w === 'MORIN,' ? 40 : 94));
    expect(order.provenance['patient.lastName']).toMatchObject({ confidence: 40, uncertain: false });
    expect(validate(order, textReading()).verdict).toBe('ok');
  });

  it('the same fax read with good confidence is ok', () => {
    expect(
      validate(
        orderWith(() => 92),
        textReading(),
      ).verdict,
    ).toBe('ok');
  });

  it('a NAM corrected from an OCR slip is marked repaired', () => {
    const rows = ROWS.map((r) => r.replace('MORH 7254 1812', 'MORH 72S4 1812'));
    const order = parseOrder([{ text: rows.join('\n'), layout: ocrLayout(rows) }]);
    expect(order.patient.nam).toBe('MORH72541812');
    expect(order.provenance['patient.nam']).toMatchObject({ repaired: true });
  });
});
