/**
 * Several instances on one inbox (PostgreSQL set-ups): two intakes over one store and one
 * inbox race for the same file. Whatever the interleaving, the fax is recorded once, its
 * original placed once, and neither instance reports a machinery error for the other's move.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/store.ts';
import { createIntake, type IntakeOptions, type IntakeOutcome } from '../../src/intake/intake.ts';
import { fakeProcessors, makeDataDirs, type DataDirs } from './helpers.ts';

const stores: SqliteFaxStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** One "instance": its own store connection and intake, on shared folders. */
function instance(dirs: DataDirs, onStage?: IntakeOptions['onStage']) {
  const store = openSqliteStore(dirs.db);
  stores.push(store);
  const intake = createIntake({
    store,
    processors: fakeProcessors(),
    paths: dirs,
    settleMs: 50,
    ...(onStage ? { onStage } : {}),
  });
  return { store, intake };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

describe('two instances, one inbox', () => {
  it('the loser of the record finishes the winner’s move; the winner still reports it stored', async () => {
    const dirs = makeDataDirs();
    const file = join(dirs.inbox, 'fax.pdf');
    writeFileSync(file, 'Demande TDM abdomen\n');
    const b = instance(dirs);
    let bOutcome: IntakeOutcome | null = null;
    // A has recorded the fax and not moved it yet: B takes the same file now.
    const a = instance(dirs, async (stage) => {
      if (stage === 'recorded' && bOutcome === null)
        bOutcome = await b.intake.processFile(file, { stable: true });
    });

    const aOutcome = await a.intake.processFile(file, { stable: true });

    expect(aOutcome.kind).toBe('stored');
    expect(bOutcome).toMatchObject({ kind: 'recovered' });
    expect(await a.store.listFaxes()).toHaveLength(1);
    expect(filesUnder(dirs.inbox)).toEqual([]);
    expect(filesUnder(dirs.archive)).toHaveLength(1);
  });

  it('a file moved away while the other instance reads it is gone, not an error nor a duplicate', async () => {
    const dirs = makeDataDirs();
    const file = join(dirs.inbox, 'fax.pdf');
    writeFileSync(file, 'Demande IRM genou\n');
    const a = instance(dirs);
    let aOutcome: IntakeOutcome | null = null;
    // B has fingerprinted the file and found it new: A takes it in entirely meanwhile.
    const b = instance(dirs, async (stage) => {
      if (stage === 'deduped' && aOutcome === null)
        aOutcome = await a.intake.processFile(file, { stable: true });
    });

    const bOutcome = await b.intake.processFile(file, { stable: true });

    expect(aOutcome).toMatchObject({ kind: 'stored' });
    expect(bOutcome).toEqual({ kind: 'skipped', reason: 'gone' });
    const faxes = await a.store.listFaxes();
    expect(faxes).toHaveLength(1);
    const received = (await a.store.listEvents(faxes[0]!.id)).filter((e) => e.kind === 'received');
    expect(received).toHaveLength(1);
    expect(filesUnder(dirs.archive)).toHaveLength(1);
    expect(filesUnder(dirs.quarantine)).toEqual([]);
  });
});
