/**
 * Crash recovery and duplicates: content whose SHA-256 the store already knows.
 *
 * The fax is RECORDED FIRST and the original PLACED SECOND, the record already naming where it
 * goes. So a known SHA-256 whose recorded archive/quarantine path does not exist yet is a run
 * that stopped between the two: finish the placement (and the quarantine note) — no second
 * record. When the recorded place exists, this is a second copy of a fax: set aside in
 * archive/duplicates/ with a `received` event saying so, except when it is the very item the
 * record came from (same source and reference: a message re-read because the crash came before
 * it was moved), which needs nothing more.
 */
import { join } from 'node:path';
import { newFaxId } from '../store/ids.ts';
import { SYSTEM_ACTOR, type FaxRecord } from '../store/records.ts';
import type { Arrival } from './arrival.ts';
import { storedName } from './file-names.ts';
import type { IntakeContext } from './context.ts';
import type { IntakeOutcome } from './outcome.ts';
import { exists, writeQuarantineNote } from './placement.ts';

export async function handleKnown(
  ctx: IntakeContext,
  arrival: Arrival,
  known: FaxRecord,
): Promise<IntakeOutcome> {
  const { log, onStage, paths, clock, store } = ctx;
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
      await arrival.placeAt(dest);
    } catch (error) {
      // The instance that recorded it (or another one recovering it) moved it first.
      if (!(await arrival.stillHere())) return { kind: 'skipped', reason: 'gone' };
      throw error;
    }
    log.info('intake.recovered', { faxId: known.id });
    await onStage('placed', { file: arrival.label, faxId: known.id });
    return { kind: 'recovered', faxId: known.id };
  }
  const sameItem =
    arrival.origin !== null &&
    arrival.origin.ref !== null &&
    known.origin?.via === arrival.origin.via &&
    known.origin.ref === arrival.origin.ref;
  if (sameItem) {
    log.info('intake.recovered', { faxId: known.id });
    return { kind: 'recovered', faxId: known.id };
  }
  const at = clock();
  const movedTo = join(paths.archive, 'duplicates', storedName(newFaxId(at), arrival.originalName));
  try {
    await arrival.placeAt(movedTo);
  } catch (error) {
    // Not a second copy after all: the one copy, placed by the instance that recorded it.
    if (!(await arrival.stillHere())) return { kind: 'skipped', reason: 'gone' };
    throw error;
  }
  await store.appendEvent({
    faxId: known.id,
    kind: 'received',
    actor: SYSTEM_ACTOR,
    at: at.toISOString(),
    details: {
      duplicate: true,
      sizeBytes: arrival.size,
      ...(arrival.origin ? { via: arrival.origin.via } : {}),
    },
  });
  log.info('intake.duplicate', { faxId: known.id });
  return { kind: 'duplicate', faxId: known.id, movedTo };
}
