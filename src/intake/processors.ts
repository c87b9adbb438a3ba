/**
 * What the intake needs from the rest of the core, injected so the intake does
 * not depend on a concrete reader, parser or rule set (and tests can fake them).
 */
import type { ParsedOrder } from '../domain/order.ts';
import type { FaxReading } from '../domain/reading.ts';
import type { Report } from '../domain/report.ts';

export interface FaxProcessors {
  /** Throws UnreadableFaxError (src/domain/reading.ts) for a file that cannot be read. */
  read(file: string): Promise<FaxReading>;
  /** Never throws for odd text; reads the pages' layout when the reader kept it. */
  parse(reading: FaxReading): ParsedOrder;
  validate(order: ParsedOrder, reading: FaxReading): Report;
  /** The report for an unreadable fax. */
  unreadable(reason: string): Report;
}
