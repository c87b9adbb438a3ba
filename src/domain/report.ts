/**
 * The validation report: one entry per check of shared/spec/validation.md,
 * with its stable id, and the verdict computed from them.
 */
import { z } from 'zod';

export const CheckId = z.enum([
  'service.number',
  'service.sender',
  'service.banner',
  'prescriber.name',
  'prescriber.phone',
  'prescriber.permit',
  'prescriber.sender_match',
  'patient.name',
  'patient.birthdate',
  'patient.nam',
  'patient.nam_consistency',
  'order.exam',
  'order.clinical_info',
  'order.date',
  'order.single_recipient',
  'order.legible',
  'order.signature',
]);
export type CheckId = z.infer<typeof CheckId>;

export const CheckStatus = z.enum(['pass', 'warn', 'fail', 'info', 'skip']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const Check = z.object({
  id: CheckId,
  status: CheckStatus,
  /** French, for staff. */
  message: z.string(),
});
export type Check = z.infer<typeof Check>;

export const Verdict = z.enum(['unreadable', 'not_service', 'not_order', 'incomplete', 'review', 'ok']);
export type Verdict = z.infer<typeof Verdict>;

export const Report = z.object({
  verdict: Verdict,
  checks: z.array(Check),
  /** Why the fax is unreadable, when it is. */
  reason: z.string().nullable(),
});
export type Report = z.infer<typeof Report>;
