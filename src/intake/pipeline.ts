/**
 * Read → parse → validate: the one path a fax takes from its bytes to its report, whether
 * `faxdesk check` looks at it or intake records it. Reading goes through
 * `FaxProcessors.read(file | {name, bytes})` only (the reader behind it may run in worker
 * processes), so what `check` says is what `watch` stores, down to the unreadable code.
 */
import type { ParsedOrder } from '../domain/order.ts';
import { FaxReading, UnreadableFaxError } from '../domain/reading.ts';
import { Report } from '../domain/report.ts';
import { messages, unreadable } from '../reading/unreadable.ts';
import type { FaxBytes, FaxProcessors } from './processors.ts';

/** What reading produced: a reading, order and report, or why it could not be read. */
export type Processed =
  | { ok: true; reading: FaxReading; order: ParsedOrder; report: Report; unreadableCode: string | null }
  | { ok: false; reading: FaxReading | null; code: string; reason: string; stage: string; detail?: string };

/** What the pipeline reads: a file named by the person running `check`, or bytes intake took. */
export type PipelineInput = string | FaxBytes | { name: string; bytes: null; size: number };

const INTERNAL_ERROR_REASON =
  "Erreur inattendue pendant le traitement de ce fichier : Faxdesk n'a pas pu le lire ni l'analyser.";

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Anything thrown here is about the document: UnreadableFaxError keeps its code, anything else
 * is 'internal-error'. A fax read without error but with no text the validator could use is
 * 'no-text' (its report's verdict is already `unreadable`).
 */
export async function readParseValidate(
  input: PipelineInput,
  processors: FaxProcessors,
  limits: { maxBytes: number },
): Promise<Processed> {
  let reading: FaxReading | null = null;
  let stage = 'read';
  try {
    if (typeof input !== 'string' && input.bytes === null) {
      throw unreadable('too-large', messages.tooManyBytes(input.size, limits.maxBytes));
    }
    const source = typeof input === 'string' ? input : { name: input.name, bytes: input.bytes };
    reading = FaxReading.parse(await processors.read(source));
    stage = 'parse';
    const order = processors.parse(reading);
    stage = 'validate';
    const report = Report.parse(processors.validate(order, reading));
    const unreadableCode = report.verdict === 'unreadable' ? 'no-text' : null;
    return { ok: true, reading, order, report, unreadableCode };
  } catch (error) {
    if (error instanceof UnreadableFaxError) {
      return { ok: false, reading, code: error.code, reason: error.message, stage };
    }
    return {
      ok: false,
      reading,
      code: 'internal-error',
      reason: INTERNAL_ERROR_REASON,
      stage,
      detail: describe(error),
    };
  }
}

/** The report for a fax that could not be read; the processors' own when they give one. */
export function unreadableReport(processors: FaxProcessors, reason: string): Report {
  try {
    return Report.parse(processors.unreadable(reason));
  } catch {
    return { verdict: 'unreadable', checks: [], reason };
  }
}
