/**
 * Intake: takes each fax file out of the inbox and turns it into a stored fax.
 *
 * Stages, each in its own module and testable alone:
 *   (a) stable       — size and mtime unchanged for a settle period   (stability.ts)
 *   (b) fingerprint  — opened once (no link followed), SHA-256 and bytes (take-file.ts)
 *   (c) dedupe       — a known SHA-256 is not processed again
 *   (d) read → parse → validate, through the injected FaxProcessors, on the bytes of (b)
 *   (f) store        — fax + pages + first events in ONE transaction
 *   (e) place        — move the original to archive/ or quarantine/  (placement.ts)
 *
 * ORDERING AND RESTARTS. The inbox is the to-do list: a file still in it is work not
 * finished. So the fax is RECORDED FIRST (f) and the file MOVED SECOND (e), the
 * record already naming where the file will go:
 *   - crash before the record commits → nothing stored, the file is still in the inbox;
 *     the next run processes it from scratch (a new id, nothing duplicated).
 *   - crash after the commit, before the move → the file is still in the inbox and its
 *     SHA-256 is known; the next run sees that the recorded archive/quarantine path does
 *     not exist yet and finishes the move (and the quarantine note) — no second record.
 *   - crash during a cross-filesystem move → placement.ts copies, verifies, then removes:
 *     at worst two identical copies; the inbox one is then a duplicate of a placed fax
 *     and goes to archive/duplicates/.
 * The other order (move, then record) could lose a fax: a crash between the two leaves
 * the file archived with no record, out of the inbox, and nobody would ever see it.
 *
 * FAILURES. A processor error is about the document: UnreadableFaxError or any
 * unexpected exception in read/parse/validate → the fax is recorded as `unreadable`
 * and quarantined with a note; the next file proceeds. A failure of the machinery
 * (store down, disk full, archive not writable) is not the document's fault: the file
 * stays in the inbox and is retried on the next pass — quarantining every fax during a
 * database outage would hide them from staff. A file that cannot even be fingerprinted
 * (permissions, I/O errors) is retried `maxAttempts` times, then quarantined with a note and
 * recorded `unreadable` under a stand-in SHA-256 (src/intake/stand-in-sha.ts), like a symbolic
 * link (never followed): staff get a card for every file that came in.
 */
import { lstat, readdir, realpath } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { FaxReading, UnreadableFaxError, type FileKind } from '../domain/reading.ts';
import { Report, type Verdict } from '../domain/report.ts';
import type { ParsedOrder } from '../domain/order.ts';
import { newFaxId } from '../store/ids.ts';
import { SYSTEM_ACTOR, type FaxRecord, type NewFaxEvent, type PageRecord } from '../store/records.ts';
import { DuplicateFaxError, type FaxStore } from '../store/store.ts';
import { isIgnoredName } from './candidates.ts';
import { archiveDayDir, storedName } from './file-names.ts';
import { sniffKind } from './fingerprint.ts';
import { errorCode, noopIntakeLog, type IntakeLog } from './log.ts';
import { exists, moveFile, writeQuarantineNote } from './placement.ts';
import type { FaxProcessors } from './processors.ts';
import { sameSnapshot, snapshot, waitUntilStable } from './stability.ts';
import { symlinkStandIn, unopenableStandIn, type StandIn } from './stand-in-sha.ts';
import { takeInboxFile, type TakenFile } from './take-file.ts';
import { messages, unreadable } from '../reading/unreadable.ts';

export interface IntakePaths {
  inbox: string;
  archive: string;
  quarantine: string;
}

export type IntakeStage =
  'stable' | 'fingerprinted' | 'deduped' | 'read' | 'validated' | 'recorded' | 'placed';

export interface IntakeOptions {
  store: FaxStore;
  processors: FaxProcessors;
  paths: IntakePaths;
  /** Reception time and fax ids; default the system clock. */
  clock?: () => Date;
  log?: IntakeLog;
  /** Size and mtime must stay unchanged this long before a file is taken (ms); default 2000. */
  settleMs?: number;
  /** processInboxOnce waits at most this long for files still being written (ms); default 60000. */
  maxWaitMs?: number;
  /** Files processed at once by processInboxOnce; default 1 (OCR is CPU-bound). */
  concurrency?: number;
  /** Failed attempts at fingerprinting a file before it is quarantined; default 3. */
  maxAttempts?: number;
  /** A file larger than this is not held in memory: recorded unreadable (`too-large`); default 100 MiB. */
  maxBytes?: number;
  /**
   * Names this instance in the store's intake claims (several instances on one inbox and one
   * PostgreSQL store). Keep it across restarts: a restarted instance takes its own claims back
   * at once. Default 'faxdesk': one instance.
   */
  owner?: string;
  /**
   * A file's content is claimed in the store before it is read, so that of several instances
   * sharing the inbox only one reads and OCRs it. The claim is renewed while reading goes on,
   * and taken over this long after its holder died (ms); default 60000.
   */
  claimLeaseMs?: number;
  /** Called as each stage completes: for observation and crash tests. */
  onStage?: (stage: IntakeStage, info: { file: string; faxId: string | null }) => void | Promise<void>;
}

export type IntakeOutcome =
  /** New fax recorded and its original archived (or quarantined, see `quarantined`). */
  | { kind: 'stored'; faxId: string; verdict: Verdict }
  /** Quarantined and recorded as unreadable (bad content, a symbolic link, a file that cannot be opened). */
  | { kind: 'quarantined'; faxId: string; code: string }
  /** Same content as an already stored fax: moved to archive/duplicates/. */
  | { kind: 'duplicate'; faxId: string; movedTo: string }
  /** Finished the move an interrupted run had recorded. */
  | { kind: 'recovered'; faxId: string }
  /**
   * Not taken this time (ignored name, gone, still being written, not a regular file, or
   * `claimed`: another instance sharing the inbox is reading it — it places it when done, or
   * this one takes it over on a later pass if that instance died).
   */
  | { kind: 'skipped'; reason: 'ignored' | 'gone' | 'unstable' | 'busy' | 'claimed' | 'not-a-file' }
  /** Machinery failure: left where it is, retried on the next pass. */
  | { kind: 'error'; code: string };

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

export interface ProcessFileOptions {
  /** The caller (an InboxSource) already waited for the file to settle: skip stage (a). */
  stable?: boolean;
}

export interface Intake {
  processFile(path: string, options?: ProcessFileOptions): Promise<IntakeOutcome>;
  processInboxOnce(): Promise<IntakeSummary>;
}

/** What reading produced: either a reading (and maybe an order and report) or a failure. */
type Processed =
  | { ok: true; reading: FaxReading; order: ParsedOrder; report: Report }
  | { ok: false; reading: FaxReading | null; code: string; reason: string; stage: string; detail?: string };

const INTERNAL_ERROR_REASON =
  "Erreur inattendue pendant le traitement de ce fichier : Faxdesk n'a pas pu le lire ni l'analyser.";

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The events intake writes: by the system, all at the reception time. */
function systemEvents(faxId: string, at: Date) {
  const stamp = at.toISOString();
  return (kind: NewFaxEvent['kind'], details: NewFaxEvent['details']): NewFaxEvent => ({
    faxId,
    kind,
    actor: SYSTEM_ACTOR,
    at: stamp,
    details,
  });
}

export function createIntake(options: IntakeOptions): Intake {
  const { store, processors } = options;
  const paths: IntakePaths = {
    inbox: resolve(options.paths.inbox),
    archive: resolve(options.paths.archive),
    quarantine: resolve(options.paths.quarantine),
  };
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? noopIntakeLog;
  const settleMs = options.settleMs ?? 2000;
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  const onStage = options.onStage ?? (() => {});
  const owner = options.owner ?? 'faxdesk';
  const claimLeaseMs = Math.max(1000, options.claimLeaseMs ?? 60_000);

  const inFlight = new Set<string>();
  /** Per-SHA-256 chain: two copies of one fax processed at once must not both be recorded. */
  const shaLocks = new Map<string, Promise<unknown>>();
  const failures = new Map<string, number>();

  async function withShaLock<T>(sha: string, fn: () => Promise<T>): Promise<T> {
    const previous = shaLocks.get(sha) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.catch(() => {});
    shaLocks.set(sha, settled);
    try {
      return await run;
    } finally {
      if (shaLocks.get(sha) === settled) shaLocks.delete(sha);
    }
  }

  /**
   * Stage (e) for a file this process took. Several instances can share one inbox: one that
   * lost the race to record the same file finishes the winner's move for it (handleKnown), so
   * a move that fails because the file has left the inbox and is at its destination is done.
   */
  async function place(file: string, dest: string): Promise<void> {
    try {
      await moveFile(file, dest);
    } catch (error) {
      if (!(await exists(file)) && (await exists(dest))) {
        log.info('intake.placed_by_other', {});
        return;
      }
      throw error;
    }
  }

  /**
   * After a failed move: another instance moved the file away while this one was looking at it
   * (ENOENT, or DestinationExistsError when both aimed at the recorded place). moveFile removes
   * an original only once it is in place, so a file gone from the inbox is not a file lost.
   */
  async function goneMeanwhile(file: string): Promise<boolean> {
    return !(await exists(file));
  }

  /**
   * Runs `work` holding the store's claim on this content, so that instances sharing the inbox
   * do not all read and OCR the same new file. Renewed every third of the lease while the work
   * goes on; given back at the end, whatever happened (a kill leaves it to run out).
   */
  async function withIntakeClaim(sha256: string, work: () => Promise<IntakeOutcome>): Promise<IntakeOutcome> {
    if (!(await store.claimIntake(sha256, owner, clock(), claimLeaseMs))) {
      log.info('intake.claimed_elsewhere', {});
      return { kind: 'skipped', reason: 'claimed' };
    }
    const renew = setInterval(
      () => {
        store.claimIntake(sha256, owner, clock(), claimLeaseMs).then(
          (held) => {
            // Lost (this process stalled past its lease): the unique SHA-256 still forbids a second record.
            if (!held) log.warn('intake.claim_lost', {});
          },
          (error: unknown) => log.warn('intake.claim_renew_failed', { code: errorCode(error) }),
        );
      },
      Math.floor(claimLeaseMs / 3),
    );
    try {
      return await work();
    } finally {
      clearInterval(renew);
      await store.releaseIntake(sha256, owner).catch((error: unknown) => {
        log.warn('intake.claim_release_failed', { code: errorCode(error) });
      });
    }
  }

  /** Stage (d): read → parse → validate, on the bytes taken. Anything thrown here is about the document. */
  async function readParseValidate(file: string, taken: TakenFile): Promise<Processed> {
    let reading: FaxReading | null = null;
    let stage = 'read';
    try {
      if (taken.bytes === null) throw unreadable('too-large', messages.tooManyBytes(taken.size, maxBytes));
      reading = FaxReading.parse(await processors.read({ name: basename(file), bytes: taken.bytes }));
      stage = 'parse';
      const order = processors.parse(reading);
      stage = 'validate';
      const report = Report.parse(processors.validate(order, reading));
      return { ok: true, reading, order, report };
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

  function unreadableReport(reason: string): Report {
    try {
      return Report.parse(processors.unreadable(reason));
    } catch {
      return { verdict: 'unreadable', checks: [], reason };
    }
  }

  /**
   * An inbox entry whose content is never read — a symbolic link (never followed), a file that
   * cannot be opened — still means a fax came in: it is recorded as unreadable under a stand-in
   * SHA-256 (stand-in-sha.ts), so it gets a card and shows in status and search, then quarantined
   * with a note. Same order as takeIn: record first, naming the quarantine path, then move; the
   * stand-in stays the same while the entry is in the inbox, so the next run finishes an
   * interrupted move through handleKnown.
   */
  async function quarantineUnread(
    file: string,
    unread: { standIn: StandIn; code: string; reason: string; stage: string; detail?: string },
  ): Promise<IntakeOutcome> {
    const { standIn, code, reason, stage } = unread;
    const at = clock();
    const id = newFaxId(at);
    const originalName = basename(file);
    const quarantinePath = join(paths.quarantine, storedName(id, originalName));
    const report = unreadableReport(reason);
    const fax: FaxRecord = {
      id,
      sha256: standIn.sha256,
      originalName,
      sizeBytes: standIn.size,
      archivePath: null,
      quarantinePath,
      receivedAt: at.toISOString(),
      fileKind: null,
      pageCount: 0,
      status: 'pending',
      verdict: 'unreadable',
      unreadableCode: code,
      unreadableReason: reason,
      ocrUsed: false,
      ocrConfidence: null,
      order: null,
      report: { ...report, verdict: 'unreadable' },
    };
    const event = systemEvents(id, at);
    const events = [
      event('received', {
        sizeBytes: standIn.size,
        fileKind: null,
        fileModifiedAt: new Date(standIn.mtimeMs).toISOString(),
      }),
      event('quarantined', { code, stage }),
    ];
    return recordThenPlace(file, fax, [], events, unread);
  }

  /**
   * Stages (f) then (e), the same for every fax: record it (fax, pages, events and its card in
   * one transaction), then write the quarantine note when `failure` says why it could not be
   * read, and move the original to the place the record names.
   */
  async function recordThenPlace(
    file: string,
    fax: FaxRecord,
    pages: PageRecord[],
    events: NewFaxEvent[],
    failure: { code: string; reason: string; stage: string; detail?: string } | null,
  ): Promise<IntakeOutcome> {
    try {
      await store.recordFax(fax, pages, events);
    } catch (error) {
      if (!(error instanceof DuplicateFaxError)) throw error;
      const known = await store.findBySha256(fax.sha256);
      if (!known) throw error;
      return handleKnown(file, known); // another process took the same content in meanwhile
    }
    const faxId = fax.id;
    await onStage('recorded', { file, faxId });

    if (failure !== null && fax.quarantinePath !== null) {
      const { code, reason, stage, detail } = failure;
      const at = new Date(fax.receivedAt);
      await writeQuarantineNote(fax.quarantinePath, {
        faxId,
        originalName: fax.originalName,
        code,
        reason,
        at,
        detail,
      });
      await place(file, fax.quarantinePath);
      log.warn('intake.quarantined', { faxId, code, stage });
      await onStage('placed', { file, faxId });
      return { kind: 'quarantined', faxId, code };
    }
    if (fax.archivePath !== null) await place(file, fax.archivePath);
    log.info('intake.stored', { faxId, verdict: fax.verdict, pages: fax.pageCount });
    await onStage('placed', { file, faxId });
    return { kind: 'stored', faxId, verdict: fax.verdict };
  }

  /** Stage (c), for a known SHA-256: finish an interrupted run, or set the duplicate aside. */
  async function handleKnown(file: string, known: FaxRecord): Promise<IntakeOutcome> {
    const dest = known.archivePath ?? known.quarantinePath;
    if (dest !== null && !(await exists(dest))) {
      if (known.quarantinePath !== null) {
        await writeQuarantineNote(known.quarantinePath, {
          faxId: known.id,
          originalName: known.originalName,
          code: known.unreadableCode ?? 'unreadable',
          reason: known.unreadableReason ?? known.report.reason ?? 'Fichier illisible.',
          at: new Date(known.receivedAt),
        });
      }
      try {
        await moveFile(file, dest);
      } catch (error) {
        // The instance that recorded it (or another one recovering it) moved it first.
        if (await goneMeanwhile(file)) return { kind: 'skipped', reason: 'gone' };
        throw error;
      }
      log.info('intake.recovered', { faxId: known.id });
      await onStage('placed', { file, faxId: known.id });
      return { kind: 'recovered', faxId: known.id };
    }
    const at = clock();
    const movedTo = join(paths.archive, 'duplicates', storedName(newFaxId(at), basename(file)));
    try {
      await moveFile(file, movedTo);
    } catch (error) {
      // Not a second copy after all: the one copy, placed by the instance that recorded it.
      if (await goneMeanwhile(file)) return { kind: 'skipped', reason: 'gone' };
      throw error;
    }
    const size = (await snapshot(movedTo))?.size ?? null;
    await store.appendEvent({
      faxId: known.id,
      kind: 'received',
      actor: SYSTEM_ACTOR,
      at: at.toISOString(),
      details: { duplicate: true, sizeBytes: size },
    });
    log.info('intake.duplicate', { faxId: known.id });
    return { kind: 'duplicate', faxId: known.id, movedTo };
  }

  /** Stages (d), (f), (e) for content never seen before. */
  async function takeIn(file: string, print: TakenFile, mtimeMs: number): Promise<IntakeOutcome> {
    const at = clock();
    const id = newFaxId(at);
    const originalName = basename(file);
    const processed = await readParseValidate(file, print);
    if (processed.reading) await onStage('read', { file, faxId: id });
    if (processed.ok) await onStage('validated', { file, faxId: id });

    const reading = processed.reading;
    const report = processed.ok ? processed.report : unreadableReport(processed.reason);
    const fileKind: FileKind | null = reading?.kind ?? sniffKind(print.head);
    const archivePath = processed.ok
      ? join(archiveDayDir(paths.archive, at), storedName(id, originalName))
      : null;
    const quarantinePath = processed.ok ? null : join(paths.quarantine, storedName(id, originalName));
    const fax: FaxRecord = {
      id,
      sha256: print.sha256,
      originalName,
      sizeBytes: print.size,
      archivePath,
      quarantinePath,
      receivedAt: at.toISOString(),
      fileKind,
      pageCount: reading?.pages.length ?? 0,
      status: 'pending',
      verdict: processed.ok ? report.verdict : 'unreadable',
      unreadableCode: processed.ok ? null : processed.code,
      unreadableReason: processed.ok ? null : processed.reason,
      ocrUsed: reading?.ocrUsed ?? false,
      ocrConfidence: reading?.confidence ?? null,
      order: processed.ok ? processed.order : null,
      report: processed.ok ? report : { ...report, verdict: 'unreadable' },
    };
    const event = systemEvents(id, at);
    const events: NewFaxEvent[] = [
      event('received', { sizeBytes: print.size, fileKind, fileModifiedAt: new Date(mtimeMs).toISOString() }),
    ];
    if (reading) {
      events.push(
        event('read', {
          pages: reading.pages.length,
          ocrUsed: reading.ocrUsed,
          ocrConfidence: reading.confidence,
        }),
      );
    }
    if (processed.ok) {
      const count = (status: string) => report.checks.filter((c) => c.status === status).length;
      events.push(event('validated', { verdict: report.verdict, fail: count('fail'), warn: count('warn') }));
    } else {
      events.push(event('quarantined', { code: processed.code, stage: processed.stage }));
    }

    return recordThenPlace(file, fax, reading?.pages ?? [], events, processed.ok ? null : processed);
  }

  async function isInside(dir: string, target: string): Promise<boolean> {
    const rel = relative(await realpath(dir), target);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  }

  async function symlinkOutcome(file: string): Promise<IntakeOutcome> {
    const standIn = await symlinkStandIn(file);
    if (standIn === null) return { kind: 'skipped', reason: 'gone' };
    const known = await store.findBySha256(standIn.sha256);
    if (known) return handleKnown(file, known); // recorded by a run that stopped before the move
    let target: string | null = null;
    try {
      target = await realpath(file); // resolves the path only; the target is never opened
    } catch {
      target = null; // dangling
    }
    const inside = target !== null && (await isInside(paths.inbox, target));
    const reason = inside
      ? 'Lien symbolique : Faxdesk ne suit pas les liens. Déposez le fichier lui-même dans la boîte de réception.'
      : 'Lien symbolique vers un fichier hors de la boîte de réception (ou inexistant) : refusé, jamais suivi.';
    const code = inside ? 'symlink' : 'symlink-outside-inbox';
    return quarantineUnread(file, { standIn, code, reason, stage: 'symlink' });
  }

  async function run(file: string, opts: ProcessFileOptions): Promise<IntakeOutcome> {
    if (isIgnoredName(basename(file))) return { kind: 'skipped', reason: 'ignored' };
    let info;
    try {
      info = await lstat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'skipped', reason: 'gone' };
      throw error;
    }
    if (info.isSymbolicLink()) return symlinkOutcome(file);
    if (!info.isFile()) return { kind: 'skipped', reason: 'not-a-file' };

    if (!opts.stable) {
      const settled = await waitUntilStable([file], { settleMs, maxWaitMs });
      if (settled.gone.length) return { kind: 'skipped', reason: 'gone' };
      if (settled.unstable.length) return { kind: 'skipped', reason: 'unstable' };
    }
    const before = await snapshot(file);
    if (before === null) return { kind: 'skipped', reason: 'gone' };
    await onStage('stable', { file, faxId: null });

    let print: TakenFile;
    try {
      const taken = await takeInboxFile(file, { inbox: paths.inbox, maxBytes });
      // Swapped for a link since it was looked at: handled as a link, its target never opened.
      if (taken.kind === 'symlink') return symlinkOutcome(file);
      if (taken.kind === 'not-a-file') return { kind: 'skipped', reason: 'not-a-file' };
      if (taken.kind === 'gone') return { kind: 'skipped', reason: 'gone' };
      if (taken.kind === 'changed') return { kind: 'skipped', reason: 'unstable' };
      print = taken.file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'skipped', reason: 'gone' };
      const standIn = await unopenableStandIn(file);
      if (standIn === null) return { kind: 'skipped', reason: 'gone' };
      const known = await store.findBySha256(standIn.sha256);
      if (known) {
        // Recorded unreadable by a run that stopped before the move: finish it, no more attempts.
        failures.delete(file);
        return handleKnown(file, known);
      }
      const attempts = (failures.get(file) ?? 0) + 1;
      failures.set(file, attempts);
      log.error('intake.fingerprint_failed', { code: errorCode(error), attempt: attempts });
      if (attempts < maxAttempts) return { kind: 'error', code: errorCode(error) };
      failures.delete(file);
      return quarantineUnread(file, {
        standIn,
        code: 'unreadable-file',
        reason: `Faxdesk n'a pas pu lire ce fichier après ${attempts} essais (droits d'accès ou erreur de disque).`,
        stage: 'fingerprint',
        detail: describe(error),
      });
    }
    failures.delete(file);
    // A writer that paused longer than the settle period and resumed: do not take half a file.
    if (!sameSnapshot(before, print)) return { kind: 'skipped', reason: 'unstable' };
    await onStage('fingerprinted', { file, faxId: null });

    return withShaLock(print.sha256, async () => {
      if (!(await exists(file))) return { kind: 'skipped', reason: 'gone' } as const;
      const known = await store.findBySha256(print.sha256);
      await onStage('deduped', { file, faxId: known?.id ?? null });
      if (known) return handleKnown(file, known);
      return withIntakeClaim(print.sha256, async () => {
        // Recorded by another instance between the lookup and the claim: nothing to read.
        const recorded = await store.findBySha256(print.sha256);
        if (recorded) return handleKnown(file, recorded);
        return takeIn(file, print, print.mtimeMs);
      });
    });
  }

  async function processFile(path: string, opts: ProcessFileOptions = {}): Promise<IntakeOutcome> {
    const file = resolve(path);
    if (dirname(file) !== paths.inbox) {
      // Only files directly in the inbox: never pull a file from elsewhere into the archive.
      log.warn('intake.outside_inbox', {});
      return { kind: 'skipped', reason: 'not-a-file' };
    }
    if (inFlight.has(file)) return { kind: 'skipped', reason: 'busy' };
    inFlight.add(file);
    try {
      return await run(file, opts);
    } catch (error) {
      // Machinery failure (store, disk): the file stays where it is; the next pass retries.
      log.error('intake.failed', { code: errorCode(error) });
      return { kind: 'error', code: errorCode(error) };
    } finally {
      inFlight.delete(file);
    }
  }

  async function processInboxOnce(): Promise<IntakeSummary> {
    const summary: IntakeSummary = {
      processed: 0,
      duplicates: 0,
      quarantined: 0,
      recovered: 0,
      skipped: 0,
      errors: 0,
      results: [],
    };
    const record = (file: string, outcome: IntakeOutcome) => {
      summary.results.push({ file, outcome });
      if (outcome.kind === 'stored') summary.processed++;
      else if (outcome.kind === 'duplicate') summary.duplicates++;
      else if (outcome.kind === 'quarantined') summary.quarantined++;
      else if (outcome.kind === 'recovered') summary.recovered++;
      else if (outcome.kind === 'skipped') summary.skipped++;
      else summary.errors++;
    };

    const entries = await readdir(paths.inbox, { withFileTypes: true });
    const files: string[] = [];
    const links: string[] = [];
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const file = join(paths.inbox, entry.name);
      if (entry.isSymbolicLink()) links.push(file);
      else if (entry.isFile()) files.push(file);
    }
    for (const link of links) record(link, await processFile(link, { stable: true }));

    const settled = await waitUntilStable(files, { settleMs, maxWaitMs });
    for (const file of settled.unstable) record(file, { kind: 'skipped', reason: 'unstable' });
    // Oldest first, so fax ids follow the order the faxes arrived in.
    const mtimes = new Map<string, number>();
    for (const file of settled.stable) mtimes.set(file, (await snapshot(file))?.mtimeMs ?? 0);
    const queue = [...settled.stable].sort(
      (a, b) => (mtimes.get(a) ?? 0) - (mtimes.get(b) ?? 0) || a.localeCompare(b),
    );
    const worker = async () => {
      for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
        record(file, await processFile(file, { stable: true }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    log.info('intake.pass', {
      processed: summary.processed,
      duplicates: summary.duplicates,
      quarantined: summary.quarantined,
      recovered: summary.recovered,
      skipped: summary.skipped,
      errors: summary.errors,
    });
    return summary;
  }

  return { processFile, processInboxOnce };
}
