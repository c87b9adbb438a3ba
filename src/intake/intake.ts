/**
 * Intake: takes each fax a source hands over — a file in the inbox folder, or content a source
 * holds (a mail attachment) — and turns it into a stored fax.
 *
 * Stages, each in its own module and testable alone:
 *   (a) stable       — size and mtime unchanged for a settle period   (stability.ts)
 *   (b) fingerprint  — opened once (no link followed), SHA-256 and bytes (take-file.ts)
 *   (c) dedupe       — a known SHA-256 is not processed again; claims (claims.ts), crash
 *                      recovery and duplicates (recovery.ts)
 *   (d) read → parse → validate, through the injected FaxProcessors (pipeline.ts)
 *   (f) store        — fax + pages + first events in ONE transaction (recording.ts)
 *   (e) place        — the original to archive/ or quarantine/  (placement.ts)
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
import type { FaxOrigin } from '../store/records.ts';
import type { FaxStore } from '../store/store.ts';
import { heldArrival, inboxArrival, type Arrival } from './arrival.ts';
import { isIgnoredName } from './candidates.ts';
import {
  createShaLocks,
  holdingClaim,
  sourceClaimKey,
  withIntakeClaim,
  type ClaimSettings,
} from './claims.ts';
import type { IntakeContext, IntakePaths, StageObserver } from './context.ts';
import { errorCode, noopIntakeLog, type IntakeLog } from './log.ts';
import { readOriginNote, removeOriginNote } from './origin-note.ts';
import {
  countOutcome,
  emptySummary,
  isSettled,
  summaryCounts,
  type IntakeOutcome,
  type IntakeSummary,
} from './outcome.ts';
import { exists } from './placement.ts';
import type { FaxProcessors } from './processors.ts';
import { quarantineUnread, takeIn } from './recording.ts';
import { handleKnown } from './recovery.ts';
import { snapshot, sameSnapshot, waitUntilStable } from './stability.ts';
import { symlinkStandIn, unopenableStandIn, type StandIn } from './stand-in-sha.ts';
import { takeInboxFile, type TakenFile } from './take-file.ts';

export type { IntakePaths } from './context.ts';
export type { IntakeOutcome, IntakeResult, IntakeStage, IntakeSummary } from './outcome.ts';

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
  onStage?: StageObserver;
}

export interface ProcessFileOptions {
  /** The caller (an InboxSource) already waited for the file to settle: skip stage (a). */
  stable?: boolean;
  /** Where it came from; default the origin note beside it (origin-note.ts), else none. */
  origin?: FaxOrigin;
}

/**
 * Content a source holds rather than a file in the inbox folder: a mail attachment, or a whole
 * message that holds no fax (`refused`: recorded unreadable with that code and reason, its
 * bytes quarantined, so staff get a card saying something came in that could not be read).
 */
export interface HeldFax {
  name: string;
  bytes: Buffer;
  origin: FaxOrigin;
  refused?: { code: string; reason: string };
}

export interface Intake {
  /** A file directly in the inbox folder. */
  processFile(path: string, options?: ProcessFileOptions): Promise<IntakeOutcome>;
  /** Content a source holds; the outcome tells the source whether it may let go of it. */
  processHeld(fax: HeldFax): Promise<IntakeOutcome>;
  processInboxOnce(): Promise<IntakeSummary>;
  /**
   * Runs `work` while this instance holds the store's claim on a source's item (`ref`: a mail
   * message), so that of instances sharing the source only one hands it over and acknowledges
   * it; `{ held: false }` while another instance holds it.
   */
  withSourceClaim<T>(
    ref: string,
    work: () => Promise<T>,
  ): Promise<{ held: true; value: T } | { held: false }>;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
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
  const onStage: StageObserver = options.onStage ?? (() => {});
  const claims: ClaimSettings = {
    store,
    owner: options.owner ?? 'faxdesk',
    clock,
    leaseMs: Math.max(1000, options.claimLeaseMs ?? 60_000),
    log,
  };
  const ctx: IntakeContext = { store, processors, paths, clock, log, onStage, maxBytes };

  const inFlight = new Set<string>();
  const withShaLock = createShaLocks();
  const failures = new Map<string, number>();

  /** Stages (c) to (e) for an arrival with its content: known, claimed elsewhere, or taken in. */
  function dedupeThenTake(arrival: Arrival, take: () => Promise<IntakeOutcome>): Promise<IntakeOutcome> {
    return withShaLock(arrival.sha256, async () => {
      if (!(await arrival.stillHere())) return { kind: 'skipped', reason: 'gone' } as const;
      const known = await store.findBySha256(arrival.sha256);
      await onStage('deduped', { file: arrival.label, faxId: known?.id ?? null });
      if (known) return handleKnown(ctx, arrival, known);
      return withIntakeClaim(claims, arrival.sha256, async () => {
        // Recorded by another instance between the lookup and the claim: nothing to read.
        const recorded = await store.findBySha256(arrival.sha256);
        if (recorded) return handleKnown(ctx, arrival, recorded);
        return take();
      });
    });
  }

  /**
   * An inbox entry whose content is never read (a symbolic link, a file that cannot be opened)
   * stands in under a stand-in SHA-256 (stand-in-sha.ts): recorded unreadable, quarantined.
   */
  function standInArrival(file: string, standIn: StandIn, origin: FaxOrigin | null): Arrival {
    return inboxArrival(
      file,
      {
        originalName: basename(file),
        sha256: standIn.sha256,
        size: standIn.size,
        head: Buffer.alloc(0),
        bytes: null,
      },
      new Date(standIn.mtimeMs),
      origin,
    );
  }

  async function isInside(dir: string, target: string): Promise<boolean> {
    const rel = relative(await realpath(dir), target);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  }

  async function symlinkOutcome(file: string, origin: FaxOrigin | null): Promise<IntakeOutcome> {
    const standIn = await symlinkStandIn(file);
    if (standIn === null) return { kind: 'skipped', reason: 'gone' };
    const arrival = standInArrival(file, standIn, origin);
    const known = await store.findBySha256(standIn.sha256);
    if (known) return handleKnown(ctx, arrival, known); // recorded by a run that stopped before the move
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
    return quarantineUnread(ctx, arrival, { code, reason, stage: 'symlink' });
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
    const origin = opts.origin ?? (await readOriginNote(file));
    if (info.isSymbolicLink()) return symlinkOutcome(file, origin);
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
      if (taken.kind === 'symlink') return symlinkOutcome(file, origin);
      if (taken.kind === 'not-a-file') return { kind: 'skipped', reason: 'not-a-file' };
      if (taken.kind === 'gone') return { kind: 'skipped', reason: 'gone' };
      if (taken.kind === 'changed') return { kind: 'skipped', reason: 'unstable' };
      print = taken.file;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'skipped', reason: 'gone' };
      const standIn = await unopenableStandIn(file);
      if (standIn === null) return { kind: 'skipped', reason: 'gone' };
      const arrival = standInArrival(file, standIn, origin);
      const known = await store.findBySha256(standIn.sha256);
      if (known) {
        // Recorded unreadable by a run that stopped before the move: finish it, no more attempts.
        failures.delete(file);
        return handleKnown(ctx, arrival, known);
      }
      const attempts = (failures.get(file) ?? 0) + 1;
      failures.set(file, attempts);
      log.error('intake.fingerprint_failed', { code: errorCode(error), attempt: attempts });
      if (attempts < maxAttempts) return { kind: 'error', code: errorCode(error) };
      failures.delete(file);
      return quarantineUnread(ctx, arrival, {
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

    const arrival = inboxArrival(
      file,
      {
        originalName: basename(file),
        sha256: print.sha256,
        size: print.size,
        head: print.head,
        bytes: print.bytes,
      },
      new Date(print.mtimeMs),
      origin,
    );
    return dedupeThenTake(arrival, () => takeIn(ctx, arrival));
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
      const outcome = await run(file, opts);
      // The fax is safe and out of the inbox: its origin note has done its job.
      if (isSettled(outcome) && !(await exists(file))) await removeOriginNote(file);
      return outcome;
    } catch (error) {
      // Machinery failure (store, disk): the file stays where it is; the next pass retries.
      log.error('intake.failed', { code: errorCode(error) });
      return { kind: 'error', code: errorCode(error) };
    } finally {
      inFlight.delete(file);
    }
  }

  async function processHeld(fax: HeldFax): Promise<IntakeOutcome> {
    const held = heldArrival(fax);
    // Over the limit: not read (the pipeline records it `too-large`), still kept.
    const arrival = fax.bytes.length > maxBytes ? { ...held, bytes: null } : held;
    const key = `held:${arrival.sha256}`;
    if (inFlight.has(key)) return { kind: 'skipped', reason: 'busy' };
    inFlight.add(key);
    try {
      const refused = fax.refused;
      return await dedupeThenTake(arrival, () =>
        refused ? quarantineUnread(ctx, arrival, { ...refused, stage: 'source' }) : takeIn(ctx, arrival),
      );
    } catch (error) {
      // Machinery failure: the source keeps its copy and hands it over again.
      log.error('intake.failed', { code: errorCode(error) });
      return { kind: 'error', code: errorCode(error) };
    } finally {
      inFlight.delete(key);
    }
  }

  async function processInboxOnce(): Promise<IntakeSummary> {
    const summary = emptySummary();
    const record = (file: string, outcome: IntakeOutcome) => countOutcome(summary, file, outcome);

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
    log.info('intake.pass', summaryCounts(summary));
    return summary;
  }

  const withSourceClaim = <T>(ref: string, work: () => Promise<T>) =>
    holdingClaim(claims, sourceClaimKey(ref), work);

  return { processFile, processHeld, processInboxOnce, withSourceClaim };
}
