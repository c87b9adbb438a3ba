/**
 * Checking one fax file without storing it: read → parse → validate.
 * Shared by `faxdesk check`, `faxdesk card` and the benchmark; the intake runs
 * the same processors and stores the outcome.
 */
import type { ParsedOrder } from '../domain/order.ts';
import { UnreadableFaxError, type FaxReading } from '../domain/reading.ts';
import type { Report } from '../domain/report.ts';
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

export async function readAndValidate(file: string, processors: CheckProcessors): Promise<FaxOutcome> {
  let reading: FaxReading;
  try {
    reading = await processors.read(file);
  } catch (err) {
    const known = err instanceof UnreadableFaxError;
    const reason = known ? err.message : `Erreur inattendue à la lecture : ${(err as Error).message}`;
    return {
      reading: null,
      order: null,
      report: processors.unreadable(reason),
      unreadableCode: known ? err.code : 'internal-error',
    };
  }
  const order = processors.parse(reading);
  const report = processors.validate(order, reading);
  return { reading, order, report, unreadableCode: report.verdict === 'unreadable' ? 'no-text' : null };
}

export async function checkFile(
  file: string,
  processors: CheckProcessors,
  label = file,
): Promise<CheckResult> {
  const { reading, order, report } = await readAndValidate(file, processors);
  return buildCheckResult(label, reading, order, report);
}
