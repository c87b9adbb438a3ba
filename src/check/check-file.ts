/**
 * Checking one fax file without storing it: read → parse → validate.
 * Shared by `faxdesk check` and the benchmark; the intake runs the same
 * processors and stores the outcome.
 */
import { UnreadableFaxError, type FaxReading } from '../domain/reading.ts';
import type { FaxProcessors } from '../intake/processors.ts';
import { buildCheckResult, type CheckResult } from './result.ts';

/** Checking uses exactly the intake's processors: what `check` says is what `watch` stores. */
export type CheckProcessors = FaxProcessors;

export async function checkFile(
  file: string,
  processors: CheckProcessors,
  label = file,
): Promise<CheckResult> {
  let reading: FaxReading;
  try {
    reading = await processors.read(file);
  } catch (err) {
    const reason =
      err instanceof UnreadableFaxError
        ? err.message
        : `Erreur inattendue à la lecture : ${(err as Error).message}`;
    return buildCheckResult(label, null, null, processors.unreadable(reason));
  }
  const order = processors.parse(reading.pages.map((page) => page.text));
  return buildCheckResult(label, reading, order, processors.validate(order, reading));
}
