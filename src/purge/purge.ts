/**
 * The retention purge: every fax received before the cutoff loses its patient data
 * (pages' text, parsed order, check messages, original file and its quarantine note,
 * and the reasons and notes staff typed in its events) and keeps what the audit needs
 * (the fax row's non-patient fields and every event, plus a `purged` event).
 *
 * ORDER: files first, then the record. A crash in between leaves a record whose files
 * are already gone; the next run purges it (a missing file is not an error). The other
 * order could leave files nobody would ever delete: the record would no longer name them.
 * Copies set aside as duplicates (archive/duplicates/<id>-<name>, named by the time
 * they arrived) are deleted by their own date.
 *
 * DATABASE FILES: once the faxes are purged, the store is asked to make what was erased
 * unreadable in its own files too (store.eraseFreedSpace: SQLite's WAL checkpointed and
 * truncated; its deleted content is overwritten as it goes, secure_delete).
 *
 * CARDS: each purged fax gets a card update queued in the outbox, so `faxdesk watch` replaces
 * every card posted for it (Slack, Teams, console) with the retention card, which shows
 * nothing about the patient and offers no action. A fax whose post is still waiting in the
 * outbox needs no more: its first post renders the purged record, hence the retention card.
 * The update is queued just after the purge's own transaction (purgeFax's contract does not
 * queue it): a crash between the two leaves that one fax's posted cards as they were, and a
 * later run skips the fax, already purged.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { reasonFilePath } from '../intake/file-names.ts';
import type { Logger } from '../log.ts';
import type { FaxRecord } from '../store/records.ts';
import type { FaxStore } from '../store/store.ts';
import { isPurged } from './redact.ts';

export interface PurgeOptions {
  store: FaxStore;
  /** Faxes received strictly before this are purged. */
  cutoff: Date;
  /** When the purge happens (the `purged` events' time). */
  now: Date;
  /** The archive root, for archive/duplicates; null to skip that folder. */
  archive: string | null;
  /** List what would go, change nothing. */
  dryRun: boolean;
  retentionDays: number;
  log?: Pick<Logger, 'info'>;
}

export interface PurgeSummary {
  /** Faxes purged (or, on a dry run, that would be), oldest first. */
  faxes: Pick<FaxRecord, 'id' | 'receivedAt' | 'verdict' | 'status' | 'pageCount'>[];
  filesRemoved: number;
  duplicatesRemoved: number;
  /** Card updates queued (one per fax purged by this run; none on a dry run). */
  cardUpdatesQueued: number;
}

const PAGE = 500;
const ULID_TIME_CHARS = 10;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The time part of a ULID fax id, in ms; null if `name` does not start with one. */
function idTime(name: string): number | null {
  if (!/^[0-9A-HJKMNP-TV-Z]{26}-/.test(name)) return null;
  let ms = 0;
  for (const ch of name.slice(0, ULID_TIME_CHARS)) ms = ms * 32 + ALPHABET.indexOf(ch);
  return ms;
}

/**
 * Every fax received before the cutoff and not purged yet, oldest first. Goes by the
 * reception time, through every fax: ids follow the clock only while it never steps
 * back (they stay monotonic in a process), and a purge is rare enough to afford a scan.
 */
async function faxesPastRetention(store: FaxStore, cutoff: Date): Promise<FaxRecord[]> {
  const out: FaxRecord[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await store.listFaxes({ limit: PAGE, ...(before === undefined ? {} : { before }) });
    for (const fax of page) {
      if (!isPurged(fax) && new Date(fax.receivedAt) < cutoff) out.push(fax);
    }
    if (page.length < PAGE) break;
    before = page[page.length - 1]!.id;
  }
  return out.reverse();
}

/** Removes a file we own; true if it was there. */
async function remove(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

async function oldDuplicates(archive: string, cutoff: Date): Promise<string[]> {
  const dir = join(archive, 'duplicates');
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return names
    .filter((n) => {
      const t = idTime(n);
      return t !== null && t < cutoff.getTime();
    })
    .map((n) => join(dir, n));
}

export async function purgeOlderThan(opts: PurgeOptions): Promise<PurgeSummary> {
  const { store, cutoff, now, dryRun, log } = opts;
  const faxes = await faxesPastRetention(store, cutoff);
  const duplicates = opts.archive === null ? [] : await oldDuplicates(opts.archive, cutoff);
  const summary: PurgeSummary = {
    faxes: faxes.map(({ id, receivedAt, verdict, status, pageCount }) => ({
      id,
      receivedAt,
      verdict,
      status,
      pageCount,
    })),
    filesRemoved: 0,
    duplicatesRemoved: dryRun ? duplicates.length : 0,
    cardUpdatesQueued: 0,
  };
  if (dryRun) return summary;

  for (const fax of faxes) {
    let files = 0;
    for (const path of [fax.archivePath, fax.quarantinePath]) {
      if (path === null) continue;
      if (await remove(path)) files++;
      if (fax.quarantinePath === path) await remove(reasonFilePath(path));
    }
    const purged = await store.purgeFax(fax.id, now, {
      retentionDays: opts.retentionDays,
      filesRemoved: files,
    });
    // False when another run purged it first: that run queued its card update.
    if (purged) {
      await store.enqueueCardUpdate(fax.id, now);
      summary.cardUpdatesQueued++;
    }
    summary.filesRemoved += files;
    log?.info('purge.fax', { faxId: fax.id, files, cardUpdate: purged });
  }
  for (const path of duplicates) if (await remove(path)) summary.duplicatesRemoved++;
  // What was erased must not stay readable in the database's own files (free pages, WAL).
  if (faxes.length > 0) await store.eraseFreedSpace();
  log?.info('purge.done', {
    faxes: faxes.length,
    files: summary.filesRemoved,
    duplicates: summary.duplicatesRemoved,
    cardUpdates: summary.cardUpdatesQueued,
  });
  return summary;
}
