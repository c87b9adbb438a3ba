/**
 * The verdict, in the spec's order: unreadable, not_service, not_order, incomplete, review, ok.
 * Written so that `ok` is earned, never defaulted to: a required check that is missing or
 * did not run counts as failed, a reviewed check that is missing counts as a warning.
 */
import type { Check, CheckId, Verdict } from '../domain/report.ts';

/** Checks whose 'otherwise' is fail: without a pass (or an explicit warn) the order is incomplete. */
export const REQUIRED_CHECKS: readonly CheckId[] = [
  'service.number',
  'prescriber.name',
  'prescriber.phone',
  'patient.name',
  'patient.birthdate',
  'patient.nam',
  'order.exam',
  'order.single_recipient',
];

/** Checks whose 'otherwise' is warn and that always apply: missing means nobody looked. */
export const REVIEWED_CHECKS: readonly CheckId[] = [
  'service.sender',
  'service.banner',
  'prescriber.permit',
  'order.clinical_info',
  'order.date',
  'order.legible',
];

export function computeVerdict(checks: Check[], ctx: { readable: boolean; isOrder: boolean }): Verdict {
  if (!ctx.readable) return 'unreadable';
  const status = (id: CheckId) => checks.find((c) => c.id === id)?.status;
  if (status('service.number') !== 'pass') return 'not_service';
  if (!ctx.isOrder) return 'not_order';
  const requiredUnmet = REQUIRED_CHECKS.some((id) => !['pass', 'warn'].includes(status(id) ?? 'missing'));
  if (requiredUnmet || checks.some((c) => c.status === 'fail')) return 'incomplete';
  const reviewedUnmet = REVIEWED_CHECKS.some((id) => status(id) !== 'pass');
  if (reviewedUnmet || checks.some((c) => c.status === 'warn')) return 'review';
  return 'ok';
}
