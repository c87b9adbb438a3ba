/** The shape every rule has: a pure function of the parsed order and the reading. */
import type { ParsedOrder } from '../domain/order.ts';
import type { FaxReading } from '../domain/reading.ts';
import type { Check, CheckId, CheckStatus } from '../domain/report.ts';
import type { ValidationOptions } from './options.ts';

/** Returns the check, or null when it cannot apply at all. */
export type Rule = (order: ParsedOrder, reading: FaxReading, opts: ValidationOptions) => Check | null;

export function check(id: CheckId, status: CheckStatus, message: string): Check {
  return { id, status, message };
}
