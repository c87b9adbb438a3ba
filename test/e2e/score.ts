/**
 * Compares what `faxdesk check` read from a generated fax with what the
 * generator put in it, field by field. Shared by the end-to-end tests and the
 * benchmark's accuracy figures, so both judge the same way.
 */
import type { CheckedFields } from '../../src/check/result.ts';
import { sameText, type ExpectedFields } from '../fixtures/index.ts';

export interface FieldScore {
  field: string;
  ok: boolean;
  expected: unknown;
  actual: unknown;
}

const loose = (s: string | null) =>
  (s ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** The exam as written may carry more words than the generator's name for it ("Échographie abdominale complète"). */
function sameExam(expected: string | null, actual: string | null): boolean {
  if (expected === null || actual === null) return expected === actual;
  const e = loose(expected);
  const a = loose(actual);
  return a.includes(e) || e.includes(a);
}

/** At most one character inserted, removed or replaced (Levenshtein distance ≤ 1). */
function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/**
 * Free text as read: one glyph outside what fax OCR (French + English) can read — the micro sign
 * of "µmol/L" comes back as "p" or "n" — is not a reading error of the parser. Anything more is.
 */
function sameFreeText(expected: string | null, actual: string | null): boolean {
  if (expected === null || actual === null) return expected === actual;
  return sameText(expected, actual) || oneEditApart(loose(expected), loose(actual));
}

/** Compare each field the way it is specified: names and free text ignoring accents/case/punctuation, codes exactly. */
export function scoreFields(expected: ExpectedFields, actual: CheckedFields): FieldScore[] {
  const s = (field: string, ok: boolean, e: unknown, a: unknown): FieldScore => ({
    field,
    ok,
    expected: e,
    actual: a,
  });
  const text = (field: string, e: string | null, a: string | null) =>
    s(field, e === null ? a === null : sameText(e, a), e, a);
  const exact = (field: string, e: string | null, a: string | null) => s(field, e === a, e, a);
  return [
    text('sender.firstName', expected.sender?.firstName ?? null, actual.sender?.firstName ?? null),
    text('sender.lastName', expected.sender?.lastName ?? null, actual.sender?.lastName ?? null),
    text('prescriber.firstName', expected.prescriber.firstName, actual.prescriber.firstName),
    text('prescriber.lastName', expected.prescriber.lastName, actual.prescriber.lastName),
    exact('prescriber.phone', expected.prescriber.phone, actual.prescriber.phone),
    text('prescriber.permit', expected.prescriber.permit, actual.prescriber.permit),
    text('patient.firstName', expected.patient.firstName, actual.patient.firstName),
    text('patient.lastName', expected.patient.lastName, actual.patient.lastName),
    exact('patient.birthDate', expected.patient.birthDate, actual.patient.birthDate),
    exact('patient.nam', expected.patient.nam, actual.patient.nam),
    // The alternate identifier is free text (an address, a phone): what matters is that it was found.
    s(
      'patient.altId',
      (expected.patient.altId === null) === (actual.patient.altId === null),
      expected.patient.altId,
      actual.patient.altId,
    ),
    s('exam', sameExam(expected.exam, actual.exam), expected.exam, actual.exam),
    s(
      'clinicalInfo',
      sameFreeText(expected.clinicalInfo, actual.clinicalInfo),
      expected.clinicalInfo,
      actual.clinicalInfo,
    ),
    exact('orderDate', expected.orderDate, actual.orderDate),
    s(
      'recipients',
      expected.recipients.length === actual.recipients.length,
      expected.recipients,
      actual.recipients,
    ),
    s('isOrder', expected.isOrder === actual.isOrder, expected.isOrder, actual.isOrder),
  ];
}

/** For a non-order only the document kind and the patient's identity are meaningful. */
export function relevantScores(expected: ExpectedFields, scores: FieldScore[]): FieldScore[] {
  if (expected.isOrder) return scores;
  return scores.filter((f) => f.field === 'isOrder' || f.field.startsWith('patient.'));
}
