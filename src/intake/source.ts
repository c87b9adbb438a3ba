/**
 * Where faxes come from. Each source — the inbox folder, a mailbox, `faxdesk ingest` (which
 * writes into the inbox folder), a cloud fax provider tomorrow — hands intake a fax with its
 * original name, `via` and its own reference (Intake.processFile for a file in the inbox,
 * Intake.processHeld for content it holds), and is told the outcome: on every outcome but
 * `skipped` and `error` (outcome.ts isSettled) the fax is safe in Faxdesk and the source
 * acknowledges upstream (moves the message, deletes its spool copy); otherwise it keeps its copy
 * and hands it over again later. A new source is one file under adapters/inbox/ plus its
 * settings, listed by adapters/inbox/sources.ts.
 */
import type { Intake } from './intake.ts';
import type { IntakeSummary } from './outcome.ts';

export type DeliverFile = (path: string) => Promise<unknown>;

/** The folder watcher's lower level: paths of settled files to a handler. */
export interface InboxSource {
  /** Starts delivering; resolves once watching has begun. Errors in `deliver` are logged, never fatal. */
  start(deliver: DeliverFile): Promise<void>;
  /** Stops watching; resolves after the files in flight are finished. */
  stop(): Promise<void>;
}

/** Whether a source can reach what it reads (a mailbox's server): for status and the console. */
export interface SourceHealth {
  source: string;
  ok: boolean;
  /** When it stopped being reachable (ISO), null while reachable. */
  since: string | null;
  /** Why, in French, without secrets; null while reachable. */
  problem: string | null;
}

export interface IntakeSource {
  /** 'folder', 'mail'… */
  readonly name: string;
  /** Starts handing faxes to `intake`; resolves once started. Failures are retried, never fatal. */
  start(intake: Intake): Promise<void>;
  /** Everything waiting now, once (`faxdesk watch --once`); `errors` counts what stays for later. */
  runOnce(intake: Intake): Promise<IntakeSummary>;
  /** Stops; resolves after the faxes in flight are finished. */
  stop(): Promise<void>;
  health(): SourceHealth;
}
