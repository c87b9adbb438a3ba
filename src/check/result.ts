/**
 * The result of checking one fax file: the public JSON contract of
 * `faxdesk check --json` (one object per line). Key order and shape are fixed
 * by the issue; absent values are null.
 */
import { z } from 'zod';
import { FieldPath, FieldProvenance, IsoDate, Nam, PhoneDigits, type ParsedOrder } from '../domain/order.ts';
import type { FaxReading } from '../domain/reading.ts';
import { Check, Verdict, type Report } from '../domain/report.ts';

const Name = z.string().nullable();

export const CheckedFields = z.object({
  sender: z.object({ firstName: Name, lastName: Name }).nullable(),
  prescriber: z.object({ firstName: Name, lastName: Name, phone: PhoneDigits.nullable(), permit: Name }),
  patient: z.object({
    firstName: Name,
    lastName: Name,
    birthDate: IsoDate.nullable(),
    nam: Nam.nullable(),
    altId: Name,
  }),
  exam: Name,
  clinicalInfo: Name,
  orderDate: IsoDate.nullable(),
  recipients: z.array(z.string()),
  isOrder: z.boolean(),
});
export type CheckedFields = z.infer<typeof CheckedFields>;

export const CheckResult = z.object({
  file: z.string(),
  verdict: Verdict,
  pages: z.number().int().nonnegative(),
  ocr: z.object({ used: z.boolean(), confidence: z.number().nullable() }),
  fields: CheckedFields,
  checks: z.array(Check.pick({ id: true, status: true, message: true })),
  /**
   * Where each field that was read came from, keyed by field path ("patient.nam"): page (1-based),
   * box of its words in the page's units, lowest OCR confidence (null for a text layer), whether it
   * was corrected, whether a person should check it. Fields not read have no entry.
   */
  provenance: z.partialRecord(FieldPath, FieldProvenance).default({}),
  /** Only for an unreadable fax: why. */
  reason: z.string().optional(),
});
export type CheckResult = z.infer<typeof CheckResult>;

export const emptyFields: CheckedFields = {
  sender: null,
  prescriber: { firstName: null, lastName: null, phone: null, permit: null },
  patient: { firstName: null, lastName: null, birthDate: null, nam: null, altId: null },
  exam: null,
  clinicalInfo: null,
  orderDate: null,
  recipients: [],
  isOrder: false,
};

export function fieldsOf(order: ParsedOrder): CheckedFields {
  const { header, prescriber, patient } = order;
  return {
    sender: header.sender ? { firstName: header.sender.firstName, lastName: header.sender.lastName } : null,
    prescriber: {
      firstName: prescriber.firstName,
      lastName: prescriber.lastName,
      phone: prescriber.phone,
      permit: prescriber.permit,
    },
    patient: {
      firstName: patient.firstName,
      lastName: patient.lastName,
      birthDate: patient.birthDate,
      nam: patient.nam,
      altId: patient.altId,
    },
    exam: order.exam,
    clinicalInfo: order.clinicalInfo,
    orderDate: order.orderDate,
    recipients: order.recipients,
    isOrder: order.isOrder,
  };
}

export function buildCheckResult(
  file: string,
  reading: FaxReading | null,
  order: ParsedOrder | null,
  report: Report,
): CheckResult {
  const confidence = reading?.confidence ?? null;
  const result: CheckResult = {
    file,
    verdict: report.verdict,
    pages: reading?.pages.length ?? 0,
    ocr: { used: reading?.ocrUsed ?? false, confidence: confidence === null ? null : Math.round(confidence) },
    fields: order ? fieldsOf(order) : emptyFields,
    checks: report.checks.map(({ id, status, message }) => ({ id, status, message })),
    provenance: order?.provenance ?? {},
  };
  if (report.verdict === 'unreadable') result.reason = report.reason ?? 'Illisible';
  return result;
}
