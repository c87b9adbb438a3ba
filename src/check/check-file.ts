/**
 * Checking one fax file without storing it: read → parse → validate.
 * Shared by `faxdesk check`, `faxdesk card` and the benchmark; the intake runs
 * the same pipeline (src/intake/pipeline.ts) and stores the outcome.
 */
import type { ParsedOrder } from '../domain/order.ts';
import type { FaxReading } from '../domain/reading.ts';
import type { Report } from '../domain/report.ts';
import { readParseValidate, unreadableReport } from '../intake/pipeline.ts';
import type { FaxProcessors } from '../intake/processors.ts';
import { buildCheckResult, type CheckResult } from './result.ts';

/** Checking uses exactly the intake's processors: what `check` says is what `watch` stores. */
export type CheckProcessors = FaxProcessors;

export interface FaxOutcome {
  /** Null when the file could not be read at all. */
  reading: FaxReading | null;
  order: ParsedOrder | null;
  report: Report;
  /** The reader's code when unreadable ('corrupt', 'encrypted', …). */
  unreadableCode: string | null;
}

/** The intake's pipeline (src/intake/pipeline.ts) on a file named by the person checking it. */
export async function readAndValidate(file: string, processors: CheckProcessors): Promise<FaxOutcome> {
  const processed = await readParseValidate(file, processors, { maxBytes: Number.POSITIVE_INFINITY });
  if (processed.ok) {
    const { reading, order, report, unreadableCode } = processed;
    return { reading, order, report, unreadableCode };
  }
  return {
    reading: processed.reading,
    order: null,
    report: unreadableReport(processors, processed.reason),
    unreadableCode: processed.code,
  };
}

export async function checkFile(
  file: string,
  processors: CheckProcessors,
  label = file,
): Promise<CheckResult> {
  const { reading, order, report } = await readAndValidate(file, processors);
  return buildCheckResult(label, reading, order, report);
}
