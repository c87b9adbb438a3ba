/**
 * One pipeline for `faxdesk check` and intake: what check says about a file is what intake
 * records, down to the unreadable code ('no-text' for a fax read without usable text).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/stores/sqlite/store.ts';
import { readAndValidate } from '../../src/check/check-file.ts';
import { createIntake } from '../../src/intake/intake.ts';
import type { FaxProcessors } from '../../src/intake/processors.ts';
import { fakeProcessors, makeDataDirs } from './helpers.ts';

/** A reader that finds pages but no text the validator can use: the report says `unreadable`. */
function blankFaxProcessors(): FaxProcessors {
  const base = fakeProcessors();
  return { ...base, validate: () => ({ verdict: 'unreadable', checks: [], reason: 'Aucun texte trouvé.' }) };
}

describe('check and intake share one pipeline', () => {
  it('a blank fax is `no-text` for both', async () => {
    const dirs = makeDataDirs();
    const file = join(dirs.inbox, 'blank.pdf');
    writeFileSync(file, '   ');
    const processors = blankFaxProcessors();

    const checked = await readAndValidate(file, processors);
    const store = openSqliteStore(dirs.db);
    try {
      const intake = createIntake({ store, processors, paths: dirs, settleMs: 0 });
      await intake.processFile(file, { stable: true });
      const [fax] = await store.listFaxes();
      expect(checked.unreadableCode).toBe('no-text');
      expect(fax).toMatchObject({ verdict: 'unreadable', unreadableCode: 'no-text' });
    } finally {
      await store.close();
    }
  });

  it('an unreadable file gives the same code to both', async () => {
    const dirs = makeDataDirs();
    const file = join(dirs.inbox, 'bad.tif');
    writeFileSync(file, 'UNREADABLE');
    const checked = await readAndValidate(file, fakeProcessors());
    const store = openSqliteStore(dirs.db);
    try {
      await createIntake({ store, processors: fakeProcessors(), paths: dirs, settleMs: 0 }).processFile(
        file,
        {
          stable: true,
        },
      );
      const [fax] = await store.listFaxes();
      expect(checked.unreadableCode).toBe('corrupt');
      expect(fax!.unreadableCode).toBe(checked.unreadableCode);
    } finally {
      await store.close();
    }
  });
});
