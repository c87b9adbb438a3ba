/**
 * Finding: purged patient data stayed readable in SQLite's files — in free pages, in the old
 * copies of rewritten rows, in the write-ahead log, and in the FTS5 search index (a deleted
 * entry is only marked deleted there). Now the database runs with `PRAGMA secure_delete=ON`,
 * the search index deletes securely (FTS5 `secure-delete`, migration 9), and a purge ends with
 * a checkpoint that truncates the WAL. Here `faxdesk purge` runs as the administrator runs it,
 * in its own process, while another connection (the running `faxdesk watch`) stays open; then
 * the bytes of the database file and its WAL are searched for the patient.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { SYSTEM_ACTOR } from '../../src/store/records.ts';
import { runFaxdesk } from '../e2e/cli.ts';
import { storeFax } from '../workflow/helpers.ts';

/** What the stored fax says about its patient, as it would sit in the files (case folded below). */
const TRACES = [
  'tremblay',
  'jeanne',
  'trej85551512',
  'trej 8555 1512',
  'cholécystite',
  'rue des érables',
  '514-555-0199',
  'Douleur abdominale QSD',
];

const stores: SqliteFaxStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** The database file and its WAL, as one lower-cased text (UTF-8 and Latin-1 readings both). */
function fileText(db: string): string {
  const parts: string[] = [];
  for (const path of [db, `${db}-wal`, `${db}-journal`]) {
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    parts.push(bytes.toString('utf8'), bytes.toString('latin1'));
  }
  return parts.join('\n').toLowerCase();
}

function tracesIn(db: string): string[] {
  const text = fileText(db);
  return TRACES.filter((t) => text.includes(t.toLowerCase()));
}

describe('a purge leaves nothing of the patient in the SQLite files', () => {
  it('after `faxdesk purge`, neither the database file nor its WAL holds the patient’s data', async () => {
    const home = mkdtempSync(join(tmpdir(), 'faxdesk-sec-sqlite-'));
    const db = join(home, 'faxdesk.sqlite');
    const watch = openSqliteStore(db); // the running `faxdesk watch`
    stores.push(watch);
    const fax = await storeFax(watch);
    // What a clerk typed about it (the purge erases it from the event log).
    await watch.transitionStatus(fax.id, 'pending', 'accepted', {
      kind: 'accepted',
      actor: SYSTEM_ACTOR,
      at: '2025-03-15T15:00:00.000Z',
      details: { reason: 'Jeanne Tremblay-Côté rappelée au 514-555-0199' },
    });
    // The patient is in the database file itself (checkpointed), and in the WAL (more faxes since).
    watch.db.pragma('wal_checkpoint(TRUNCATE)');
    for (let i = 0; i < 3; i++) await storeFax(watch);
    expect(tracesIn(db).length, 'the patient is in the files before the purge').toBeGreaterThan(4);

    const purge = await runFaxdesk(['purge', '--older-than', '30d'], {
      FAXDESK_HOME: home,
      FAXDESK_LOG_LEVEL: 'error',
    });
    expect(purge.code, purge.stderr).toBe(0);
    expect(purge.stdout).toContain(fax.id);
    expect(purge.stdout).toContain('4 télécopies purgées');

    expect(tracesIn(db)).toEqual([]);
    // The running instance's connection still works, on the same file.
    expect((await watch.getFax(fax.id))?.order).toBeNull();
    expect(await watch.listFaxes()).toHaveLength(4);
  });
});
