/**
 * What the intake needs from the rest of the core, injected so the intake does
 * not depend on a concrete reader, parser or rule set (and tests can fake them).
 */
import type { ParsedOrder } from '../domain/order.ts';
import type { FaxReading } from '../domain/reading.ts';
import type { Report } from '../domain/report.ts';

/**
 * A fax as the intake took it from the inbox: its name, and its bytes, read once through a
 * descriptor opened without following links (take-file.ts). Readers read these bytes, never
 * the file again by name.
 */
export interface FaxBytes {
  name: string;
  bytes: Buffer;
}

export interface FaxProcessors {
  /**
   * Reads a fax: the intake's bytes, or a file named by the person running `faxdesk check`.
   * Throws UnreadableFaxError (src/domain/reading.ts) for a fax that cannot be read.
   */
  read(file: string | FaxBytes): Promise<FaxReading>;
  /** Never throws for odd text; reads the pages' layout when the reader kept it. */
  parse(reading: FaxReading): ParsedOrder;
  validate(order: ParsedOrder, reading: FaxReading): Report;
  /** The report for an unreadable fax. */
  unreadable(reason: string): Report;
}
