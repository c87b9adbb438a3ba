/** `faxdesk search` end to end: the real command in a child process, on a FAXDESK_HOME with stored faxes. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/stores/sqlite/index.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { runFaxdesk } from '../e2e/cli.ts';
import { SYSTEM_ACTOR } from '../../src/store/records.ts';
import { storePatient } from './helpers.ts';

let home: string;
let cote: FaxRecord;
let stPierre: FaxRecord;
const env = () => ({ FAXDESK_HOME: home, FAXDESK_CONFIG: '', FAXDESK_DB: '' });

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'faxdesk-search-'));
  const store = openSqliteStore(join(home, 'faxdesk.sqlite'));
  // 14:03 UTC on 15 March 2025 is 10 h 03 in Montréal (EDT since 9 March).
  cote = await storePatient(store, {
    firstName: 'Jeanne',
    lastName: 'Côté',
    nam: 'COTJ85551512',
    receivedAt: '2025-03-15T14:03:00.000Z',
  });
  stPierre = await storePatient(store, {
    firstName: 'Luc',
    lastName: 'Saint-Pierre',
    receivedAt: '2025-01-20T15:30:00.000Z',
  });
  await store.transitionStatus(stPierre.id, 'pending', 'accepted', {
    kind: 'accepted',
    actor: SYSTEM_ACTOR,
    at: '2025-01-20T16:00:00.000Z',
    details: {},
  });
  await store.close();
});

describe('faxdesk search', () => {
  it('prints the results in French: local received date, state, verdict, patient, exam, fax id', async () => {
    const run = await runFaxdesk(['search', 'jeanne', 'COTE'], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('1 télécopie trouvée');
    expect(run.stdout).toContain('15 mars 2025 à 10 h 03');
    expect(run.stdout).toContain('En attente d’une décision');
    expect(run.stdout).toContain('À vérifier');
    expect(run.stdout).toContain('Jeanne Côté, né(e) le 15 mai 1985');
    expect(run.stdout).toContain('Échographie abdominale');
    expect(run.stdout).toContain(cote.id);
    expect(run.stdout).not.toContain(stPierre.id);
    expect(run.stderr).toBe('');
  });

  it('prints one JSON object per result with --json, the most recent first', async () => {
    const run = await runFaxdesk(['search', '--json', 'st-pierre'], env());
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        id: stPierre.id,
        receivedAt: '2025-01-20T15:30:00.000Z',
        status: 'accepted',
        verdict: 'review',
        patient: { firstName: 'Luc', lastName: 'Saint-Pierre', birthDate: '1985-05-15' },
        exam: 'Échographie abdominale',
      },
    ]);
    const byNam = await runFaxdesk(['search', 'cotj 8555 1512', '--json'], env());
    expect(byNam.code).toBe(0);
    expect(
      byNam.stdout
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { id: string }).id),
    ).toEqual([cote.id]);
  });

  it('says « Aucune télécopie trouvée » and exits 0 when nothing matches', async () => {
    const run = await runFaxdesk(['search', 'gagnon'], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Aucune télécopie trouvée.\n');
  });

  it('exits 2 with a French message on a missing or too short query', async () => {
    for (const args of [['search'], ['search', 'x']]) {
      const run = await runFaxdesk(args, env());
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/search : (Indiquez|Recherche trop courte)/);
    }
  });
});
