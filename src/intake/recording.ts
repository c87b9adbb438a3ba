/**
 * Recording: turns an arrival into a stored fax — (d) read → parse → validate through the
 * pipeline, (f) the fax, its pages and first events in ONE transaction, then (e) the original
 * placed where the record says (archive, or quarantine with a note).
 *
 * Record first, place second (see recovery.ts for what a crash in between leaves). A failure
 * of the document (unreadable, an unexpected exception in read/parse/validate) is recorded
 * `unreadable` and quarantined; a failure of the machinery (store, disk) is thrown, and the
 * caller leaves the fax with its source for the next pass.
 */
import { join } from 'node:path';
import type { FileKind } from '../domain/reading.ts';
import { newFaxId } from '../store/ids.ts';
import { SYSTEM_ACTOR, type FaxRecord, type NewFaxEvent, type PageRecord } from '../store/records.ts';
import { DuplicateFaxError } from '../store/store.ts';
import type { Arrival } from './arrival.ts';
import type { IntakeContext } from './context.ts';
import { archiveDayDir, storedName } from './file-names.ts';
import { sniffKind } from './fingerprint.ts';
import type { IntakeOutcome } from './outcome.ts';
import { readParseValidate, unreadableReport } from './pipeline.ts';
import { writeQuarantineNote } from './placement.ts';
import { handleKnown } from './recovery.ts';

/** Why a fax is quarantined: a stable code, a French reason, the stage that failed. */
export interface Failure {
  code: string;
  reason: string;
  stage: string;
  detail?: string;
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

function receivedDetails(arrival: Arrival, fileKind: FileKind | null): NewFaxEvent['details'] {
  return {
    sizeBytes: arrival.size,
    fileKind,
    fileModifiedAt: arrival.modifiedAt?.toISOString() ?? null,
    ...(arrival.origin ? { via: arrival.origin.via } : {}),
  };
}

/**
 * Stages (f) then (e), the same for every fax: record it (fax, pages, events and its card in
 * one transaction), then write the quarantine note when `failure` says why it could not be
 * read, and place the original where the record names.
 */
async function recordThenPlace(
  ctx: IntakeContext,
  arrival: Arrival,
  fax: FaxRecord,
  pages: PageRecord[],
  events: NewFaxEvent[],
  failure: Failure | null,
): Promise<IntakeOutcome> {
  const { store, log, onStage } = ctx;
  try {
    await store.recordFax(fax, pages, events);
  } catch (error) {
    if (!(error instanceof DuplicateFaxError)) throw error;
    const known = await store.findBySha256(fax.sha256);
    if (!known) throw error;
    return handleKnown(ctx, arrival, known); // another process took the same content in meanwhile
  }
  const faxId = fax.id;
  await onStage('recorded', { file: arrival.label, faxId });

  if (failure !== null && fax.quarantinePath !== null) {
    const { code, reason, stage, detail } = failure;
    await writeQuarantineNote(fax.quarantinePath, {
      faxId,
      originalName: fax.originalName,
      code,
      reason,
      at: new Date(fax.receivedAt),
      detail,
    });
    await place(ctx, arrival, fax.quarantinePath);
    log.warn('intake.quarantined', { faxId, code, stage });
    await onStage('placed', { file: arrival.label, faxId });
    return { kind: 'quarantined', faxId, code };
  }
  if (fax.archivePath !== null) await place(ctx, arrival, fax.archivePath);
  log.info('intake.stored', { faxId, verdict: fax.verdict, pages: fax.pageCount });
  await onStage('placed', { file: arrival.label, faxId });
  return { kind: 'stored', faxId, verdict: fax.verdict };
}

/**
 * Stage (e) for a fax this process recorded. Several instances can share one inbox: one that
 * lost the race to record the same file finishes the winner's move for it (handleKnown), so a
 * move that fails because the file has left the inbox and is at its destination is done.
 */
async function place(ctx: IntakeContext, arrival: Arrival, dest: string): Promise<void> {
  try {
    await arrival.placeAt(dest);
  } catch (error) {
    if (!(await arrival.stillHere())) {
      ctx.log.info('intake.placed_by_other', {});
      return;
    }
    throw error;
  }
}

/**
 * An arrival whose content is never read — a symbolic link (never followed), a file that
 * cannot be opened, a message a source could not take a fax from — still means something came
 * in: it is recorded as unreadable (so it gets a card and shows in status and search), then
 * quarantined with a note. Same order as takeIn: record first, naming the quarantine path,
 * then place; the SHA-256 stays the same while the item is with its source, so the next run
 * finishes an interrupted placement through handleKnown.
 */
export async function quarantineUnread(
  ctx: IntakeContext,
  arrival: Arrival,
  failure: Failure,
): Promise<IntakeOutcome> {
  const at = ctx.clock();
  const id = newFaxId(at);
  const report = unreadableReport(ctx.processors, failure.reason);
  const fileKind = arrival.bytes ? sniffKind(arrival.head) : null;
  const fax: FaxRecord = {
    id,
    sha256: arrival.sha256,
    originalName: arrival.originalName,
    sizeBytes: arrival.size,
    archivePath: null,
    quarantinePath: join(ctx.paths.quarantine, storedName(id, arrival.originalName)),
    receivedAt: at.toISOString(),
    fileKind,
    pageCount: 0,
    status: 'pending',
    verdict: 'unreadable',
    unreadableCode: failure.code,
    unreadableReason: failure.reason,
    ocrUsed: false,
    ocrConfidence: null,
    order: null,
    report: { ...report, verdict: 'unreadable' },
    ...(arrival.origin ? { origin: arrival.origin } : {}),
  };
  const event = systemEvents(id, at);
  const events = [
    event('received', receivedDetails(arrival, fileKind)),
    event('quarantined', { code: failure.code, stage: failure.stage }),
  ];
  return recordThenPlace(ctx, arrival, fax, [], events, failure);
}

/** Stages (d), (f), (e) for content never seen before. */
export async function takeIn(ctx: IntakeContext, arrival: Arrival): Promise<IntakeOutcome> {
  const { paths, onStage } = ctx;
  const at = ctx.clock();
  const id = newFaxId(at);
  const { originalName } = arrival;
  const input =
    arrival.bytes === null
      ? { name: originalName, bytes: null, size: arrival.size }
      : { name: originalName, bytes: arrival.bytes };
  const processed = await readParseValidate(input, ctx.processors, { maxBytes: ctx.maxBytes });
  if (processed.reading) await onStage('read', { file: arrival.label, faxId: id });
  if (processed.ok) await onStage('validated', { file: arrival.label, faxId: id });

  const reading = processed.reading;
  const report = processed.ok ? processed.report : unreadableReport(ctx.processors, processed.reason);
  const fileKind: FileKind | null = reading?.kind ?? sniffKind(arrival.head);
  const archivePath = processed.ok
    ? join(archiveDayDir(paths.archive, at), storedName(id, originalName))
    : null;
  const quarantinePath = processed.ok ? null : join(paths.quarantine, storedName(id, originalName));
  const fax: FaxRecord = {
    id,
    sha256: arrival.sha256,
    originalName,
    sizeBytes: arrival.size,
    archivePath,
    quarantinePath,
    receivedAt: at.toISOString(),
    fileKind,
    pageCount: reading?.pages.length ?? 0,
    status: 'pending',
    verdict: processed.ok ? report.verdict : 'unreadable',
    unreadableCode: processed.ok ? processed.unreadableCode : processed.code,
    unreadableReason: processed.ok ? null : processed.reason,
    ocrUsed: reading?.ocrUsed ?? false,
    ocrConfidence: reading?.confidence ?? null,
    order: processed.ok ? processed.order : null,
    report: processed.ok ? report : { ...report, verdict: 'unreadable' },
    ...(arrival.origin ? { origin: arrival.origin } : {}),
  };
  const event = systemEvents(id, at);
  const events: NewFaxEvent[] = [event('received', receivedDetails(arrival, fileKind))];
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

  return recordThenPlace(ctx, arrival, fax, reading?.pages ?? [], events, processed.ok ? null : processed);
}
