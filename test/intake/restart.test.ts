import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/stores/sqlite/store.ts';
import { createIntake, type IntakeStage } from '../../src/intake/intake.ts';
import { fakeProcessors, makeDataDirs } from './helpers.ts';

const runner = join(import.meta.dirname, 'crash-runner.ts');

describe.each<[IntakeStage, string]>([
  ['fingerprinted', 'bon.pdf'],
  ['validated', 'bon.pdf'],
  ['recorded', 'bon.pdf'],
  ['recorded', 'illisible.tif'],
  ['placed', 'bon.pdf'],
])('a crash at stage "%s" of %s', (stage, victim) => {
  it('is finished by the next run: nothing lost, nothing recorded twice', async () => {
    const dirs = makeDataDirs();
    const files = {
      'bon.pdf': 'Demande IRM\n---PAGE---\np2',
      'illisible.tif': 'UNREADABLE',
      'autre.pdf': 'Demande IRM 2',
    };
    let t = Date.now() / 1000 - 100;
    for (const [name, body] of Object.entries(files)) {
      writeFileSync(join(dirs.inbox, name), body);
      utimesSync(join(dirs.inbox, name), t, t++); // oldest first: bon.pdf, illisible.tif, autre.pdf
    }

    const crashed = spawnSync(
      process.execPath,
      ['--import', 'tsx', runner, JSON.stringify(dirs), stage, victim],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(crashed.signal, crashed.stderr).toBe('SIGKILL');
    expect(readdirSync(dirs.inbox)).toContain('autre.pdf'); // not reached before the crash

    const store = openSqliteStore(dirs.db);
    try {
      const intake = createIntake({ store, processors: fakeProcessors(), paths: dirs, settleMs: 50 });
      const summary = await intake.processInboxOnce();
      expect(summary.errors).toBe(0);
      if (stage === 'recorded') expect(summary.recovered).toBe(1);
      expect(readdirSync(dirs.inbox)).toEqual([]);

      const faxes = await store.listFaxes();
      expect(faxes.map((f) => f.originalName).sort()).toEqual(Object.keys(files).sort());
      for (const fax of faxes) {
        const where = fax.archivePath ?? fax.quarantinePath!;
        expect(readFileSync(where, 'utf8')).toBe(files[fax.originalName as keyof typeof files]);
        const kinds = (await store.listEvents(fax.id)).map((e) => e.kind);
        expect(kinds.filter((k) => k === 'received')).toHaveLength(1);
        if (fax.quarantinePath) expect(existsSync(`${fax.quarantinePath}.reason.txt`)).toBe(true);
      }
      expect(faxes.find((f) => f.originalName === 'illisible.tif')?.verdict).toBe('unreadable');
      // No stray copies: one file per fax in the archive and quarantine (plus the notes).
      const archived = readdirSync(dirs.archive, { recursive: true, withFileTypes: true }).filter((e) =>
        e.isFile(),
      );
      expect(archived).toHaveLength(2);
      expect(existsSync(join(dirs.archive, 'duplicates'))).toBe(false);
    } finally {
      await store.close();
    }
  });
});
