/**
 * The core's processing chain for one fax, assembled from its parts:
 * reading (text layer or OCR) → order parser → rules.
 */
import type { FaxReading } from '../domain/reading.ts';
import { parseOrder } from '../parsing/index.ts';
import { unreadableReport, validate, type ValidationOptions } from '../validation/index.ts';
import type { CheckProcessors } from '../check/check-file.ts';

export function createFaxProcessors(
  reader: { read(file: string | Buffer): Promise<FaxReading> },
  validation: Partial<ValidationOptions> = {},
): CheckProcessors {
  return {
    read: (file) => reader.read(typeof file === 'string' ? file : file.bytes),
    parse: (reading) => parseOrder(reading.pages),
    validate: (order, reading) => validate(order, reading, validation),
    unreadable: (reason) => unreadableReport(reason),
  };
}
