/**
 * What intake tells whoever handed it a fax: the outcome, per file and per pass. A source
 * acknowledges upstream (moves the message, deletes the spool file) on every outcome but
 * `skipped` and `error`, which mean: still yours, hand it over again later.
 */
import type { Verdict } from '../domain/report.ts';

export type IntakeStage =
  'stable' | 'fingerprinted' | 'deduped' | 'read' | 'validated' | 'recorded' | 'placed';

export type IntakeOutcome =
  /** New fax recorded and its original archived (or quarantined, see `quarantined`). */
  | { kind: 'stored'; faxId: string; verdict: Verdict }
  /** Quarantined and recorded as unreadable (bad content, a symbolic link, a file that cannot be opened). */
  | { kind: 'quarantined'; faxId: string; code: string }
  /** Same content as an already stored fax: moved to archive/duplicates/. */
  | { kind: 'duplicate'; faxId: string; movedTo: string }
  /** Finished the move an interrupted run had recorded (or found it already done). */
  | { kind: 'recovered'; faxId: string }
  /**
   * Not taken this time (ignored name, gone, still being written, not a regular file, or
   * `claimed`: another instance sharing the inbox is reading it — it places it when done, or
   * this one takes it over on a later pass if that instance died).
   */
  | { kind: 'skipped'; reason: 'ignored' | 'gone' | 'unstable' | 'busy' | 'claimed' | 'not-a-file' }
  /** Machinery failure: left where it is, retried on the next pass. */
  | { kind: 'error'; code: string };

/** The outcomes after which the fax is safe in Faxdesk: the source may let go of its copy. */
export function isSettled(outcome: IntakeOutcome): boolean {
  return outcome.kind !== 'skipped' && outcome.kind !== 'error';
}

export interface IntakeResult {
  file: string;
  outcome: IntakeOutcome;
}

export interface IntakeSummary {
  processed: number;
  duplicates: number;
  quarantined: number;
  recovered: number;
  skipped: number;
  errors: number;
  results: IntakeResult[];
}

export function emptySummary(): IntakeSummary {
  return { processed: 0, duplicates: 0, quarantined: 0, recovered: 0, skipped: 0, errors: 0, results: [] };
}

/** Counts `outcome` into `summary` (and keeps it in its results). */
export function countOutcome(summary: IntakeSummary, file: string, outcome: IntakeOutcome): void {
  summary.results.push({ file, outcome });
  if (outcome.kind === 'stored') summary.processed++;
  else if (outcome.kind === 'duplicate') summary.duplicates++;
  else if (outcome.kind === 'quarantined') summary.quarantined++;
  else if (outcome.kind === 'recovered') summary.recovered++;
  else if (outcome.kind === 'skipped') summary.skipped++;
  else summary.errors++;
}

/** The counts of a pass, for the log (no file names: they may hold anything). */
export function summaryCounts(summary: IntakeSummary): Record<string, number> {
  const { processed, duplicates, quarantined, recovered, skipped, errors } = summary;
  return { processed, duplicates, quarantined, recovered, skipped, errors };
}
