/**
 * Search over a real SQLite store: every matching rule of issue 4, the order and cap of the
 * results, what a result carries, and queries full of SQL/FTS syntax.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { SEARCH_SQL } from '../../adapters/stores/sqlite/search.ts';
import { MAX_SEARCH_RESULTS, searchFaxes, type SearchHit } from '../../src/search/index.ts';
import { DuplicateFaxError } from '../../src/store/store.ts';
import { SYSTEM_ACTOR } from '../../src/store/records.ts';
import { openTempStore } from '../workflow/helpers.ts';
import { faxFor, hoursAfter, storePatient } from './helpers.ts';

let store: SqliteFaxStore;
beforeEach(() => {
  store = openTempStore();
});
afterEach(async () => {
  await store.close();
});

async function found(text: string): Promise<SearchHit[]> {
  const outcome = await searchFaxes(store, text);
  if (!outcome.ok) throw new Error(`refused: ${text}: ${outcome.message}`);
  return outcome.hits;
}

const lastNames = (hits: SearchHit[]) => hits.map((h) => h.patient.lastName);

describe('matching patient names', () => {
  beforeEach(async () => {
    const base = '2025-03-01T12:00:00.000Z';
    await storePatient(store, { firstName: 'Jeanne', lastName: 'Côté', receivedAt: hoursAfter(base, 1) });
    await storePatient(store, { firstName: 'Marc', lastName: 'Tremblay', receivedAt: hoursAfter(base, 2) });
    await storePatient(store, {
      firstName: 'Luc',
      lastName: 'Saint-Pierre',
      receivedAt: hoursAfter(base, 3),
    });
    await storePatient(store, {
      firstName: 'Émilie',
      lastName: 'Lévesque-Tremblay',
      receivedAt: hoursAfter(base, 4),
    });
    await storePatient(store, { firstName: 'Stéphane', lastName: 'Roy', receivedAt: hoursAfter(base, 5) });
    await storePatient(store, { firstName: 'Anne', lastName: 'St-Onge', receivedAt: hoursAfter(base, 6) });
    await storePatient(store, { firstName: 'Paul', lastName: 'Coté', receivedAt: hoursAfter(base, 7) });
  });

  it('is case- and accent-insensitive', async () => {
    expect(lastNames(await found('cote'))).toEqual(['Coté', 'Côté']);
    expect(lastNames(await found('CÔTÉ'))).toEqual(['Coté', 'Côté']);
    expect(lastNames(await found('levesque'))).toEqual(['Lévesque-Tremblay']);
    expect(lastNames(await found('emilie'))).toEqual(['Lévesque-Tremblay']);
  });

  it('matches last and/or first name in either order', async () => {
    expect(lastNames(await found('jeanne cote'))).toEqual(['Côté']);
    expect(lastNames(await found('Côté Jeanne'))).toEqual(['Côté']);
    expect(lastNames(await found('Côté, Jeanne'))).toEqual(['Côté']);
    expect(lastNames(await found('jeanne'))).toEqual(['Côté']);
    expect(await found('jeanne tremblay')).toEqual([]);
  });

  it('matches prefixes', async () => {
    expect(lastNames(await found('trem'))).toEqual(['Lévesque-Tremblay', 'Tremblay']);
    expect(lastNames(await found('tr'))).toEqual(['Lévesque-Tremblay', 'Tremblay']);
    expect(lastNames(await found('mar trem'))).toEqual(['Tremblay']);
    expect(lastNames(await found('j cot'))).toEqual(['Côté']);
  });

  it('finds Saint-Pierre as st-pierre, saint pierre, st pierre, saintpierre and stpierre', async () => {
    for (const text of [
      'st-pierre',
      'saint pierre',
      'st pierre',
      'Saint-Pierre',
      'ST. PIERRE',
      'saintpierre',
      'stpierre',
      'pierre luc',
    ]) {
      expect(lastNames(await found(text)), text).toEqual(['Saint-Pierre']);
    }
    expect(lastNames(await found('saint-onge'))).toEqual(['St-Onge']);
  });

  it('still lets st start a name that is not a saint', async () => {
    expect(lastNames(await found('st'))).toEqual(['St-Onge', 'Roy', 'Saint-Pierre']);
    expect(lastNames(await found('steph'))).toEqual(['Roy']);
  });

  it('finds compound names by any part, or joined', async () => {
    expect(lastNames(await found('levesque'))).toEqual(['Lévesque-Tremblay']);
    expect(lastNames(await found('Lévesque-Tremblay'))).toEqual(['Lévesque-Tremblay']);
    expect(lastNames(await found('tremblay levesque'))).toEqual(['Lévesque-Tremblay']);
    expect(lastNames(await found('levesquetrem'))).toEqual(['Lévesque-Tremblay']);
  });

  it('answers no match with an empty list', async () => {
    expect(await found('gagnon')).toEqual([]);
    expect(await found('zz')).toEqual([]);
  });
});

describe('NAM and fax id', () => {
  it('finds a fax by NAM, with or without spaces, and only by the whole NAM', async () => {
    const fax = await storePatient(store, { firstName: 'Jeanne', lastName: 'Côté', nam: 'COTJ85551512' });
    await storePatient(store, { firstName: 'Marc', lastName: 'Roy', nam: 'ROYM60010112' });
    for (const text of ['COTJ85551512', 'cotj 8555 1512', 'COTJ-8555-1512']) {
      expect(
        (await found(text)).map((h) => h.id),
        text,
      ).toEqual([fax.id]);
    }
    expect(await found('COTJ85551513')).toEqual([]);
  });

  it('finds a fax by its id, even one whose order could not be read', async () => {
    const fax = faxFor({ firstName: null, lastName: null });
    const unreadable = {
      ...fax,
      order: null,
      verdict: 'unreadable' as const,
      report: { ...fax.report, verdict: 'unreadable' as const },
    };
    await store.recordFax(unreadable, [], []);
    expect(await found(fax.id.toLowerCase())).toEqual([
      {
        id: fax.id,
        receivedAt: fax.receivedAt,
        status: 'pending',
        verdict: 'unreadable',
        patient: { firstName: null, lastName: null, birthDate: null },
        exam: null,
      },
    ]);
    expect(await found('01ARZ3NDEKTSV4RRFFQ69G5FAV')).toEqual([]);
  });
});

describe('results', () => {
  it('are the most recent first, at most 10', async () => {
    const base = '2025-01-10T12:00:00.000Z';
    // Stored out of order, so the order cannot come from insertion.
    const order = [5, 0, 11, 3, 8, 1, 10, 6, 2, 9, 4, 7];
    for (const h of order) {
      await storePatient(store, {
        firstName: `Patient${h}`,
        lastName: 'Tremblay',
        receivedAt: hoursAfter(base, h),
      });
    }
    const hits = await found('tremblay');
    expect(hits).toHaveLength(MAX_SEARCH_RESULTS);
    expect(hits.map((h) => h.patient.firstName)).toEqual(
      [11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((h) => `Patient${h}`),
    );
    const fewer = await searchFaxes(store, 'tremblay', { limit: 3 });
    expect(fewer.ok && fewer.hits.map((h) => h.patient.firstName)).toEqual([
      'Patient11',
      'Patient10',
      'Patient9',
    ]);
    const more = await searchFaxes(store, 'tremblay', { limit: 50 });
    expect(more.ok && more.hits).toHaveLength(MAX_SEARCH_RESULTS);
  });

  it('carry exactly the contract fields: no pages, no OCR text, no NAM, no report', async () => {
    const fax = await storePatient(store, { firstName: 'Jeanne', lastName: 'Côté', nam: 'COTJ85551512' });
    const [hit] = await found('cote');
    expect(hit).toEqual({
      id: fax.id,
      receivedAt: fax.receivedAt,
      status: 'pending',
      verdict: 'review',
      patient: { firstName: 'Jeanne', lastName: 'Côté', birthDate: '1985-05-15' },
      exam: 'Échographie abdominale',
    });
    expect(Object.keys(hit!).sort()).toEqual(['exam', 'id', 'patient', 'receivedAt', 'status', 'verdict']);
    const json = JSON.stringify(hit);
    for (const secret of [
      'COTJ85551512',
      'Douleur',
      'Renseignements',
      'Gagnon',
      'rue des Érables',
      'archive',
    ]) {
      expect(json).not.toContain(secret);
    }
  });

  it('show the current state after a decision', async () => {
    const fax = await storePatient(store, { firstName: 'Jeanne', lastName: 'Côté' });
    await store.transitionStatus(fax.id, 'pending', 'accepted', {
      kind: 'accepted',
      actor: SYSTEM_ACTOR,
      at: '2025-03-15T15:00:00.000Z',
      details: {},
    });
    expect((await found('cote')).map((h) => h.status)).toEqual(['accepted']);
  });
});

describe('queries with SQL or FTS syntax', () => {
  const nasty = [
    '"',
    '*',
    "'",
    'NEAR',
    'OR',
    'AND',
    'NOT',
    '(',
    ')',
    '-',
    ':',
    '^',
    '+',
    '"cote"',
    'cote"',
    '"cote',
    'trem*',
    "cote'",
    "D'Amours",
    'NEAR(cote jeanne)',
    'NEAR(cote, 2)',
    'cote OR 1=1',
    'cote AND NOT jeanne',
    "'; DROP TABLE faxes; --",
    'names:cote',
    '{names}: cote',
    '-cote',
    '^trem',
    '(cote',
    'cote)',
    '%',
    '_',
    '\\',
    '\u0000cote',
    'cote 😀',
    'a'.repeat(500),
  ];

  it('answers each one (results or a French message), never throws, never changes anything', async () => {
    await storePatient(store, { firstName: 'Jeanne', lastName: 'Côté' });
    for (const text of nasty) {
      const outcome = await searchFaxes(store, text);
      if (!outcome.ok) expect(outcome.message, text).toMatch(/[a-zé]/);
    }
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM faxes').get()).toEqual({ n: 1 });
  });

  it('reads the words inside the syntax as names', async () => {
    await storePatient(store, { firstName: 'Jeanne', lastName: 'Côté' });
    for (const text of [
      '"cote"',
      'cote"',
      'trem*'.replace('trem', 'cot'),
      "cote'",
      '(cote',
      '-cote',
      '^cote',
      'cote 😀',
      '"jeanne" "cote"',
    ]) {
      expect(lastNames(await found(text)), text).toEqual(['Côté']);
    }
    expect(await found('NEAR(cote jeanne)')).toEqual([]); // "near" is not in her name
  });
});

describe('the index', () => {
  it('follows faxes as they are recorded, in the same transaction', async () => {
    expect(await found('cote')).toEqual([]);
    const fax = faxFor({ firstName: 'Jeanne', lastName: 'Côté' });
    await store.recordFax(fax, [], []);
    expect((await found('cote')).map((h) => h.id)).toEqual([fax.id]);
    // A duplicate is refused whole: no second index entry left behind.
    await expect(
      store.recordFax({ ...fax, id: faxFor({ firstName: 'X', lastName: 'Y' }).id }, [], []),
    ).rejects.toThrow(DuplicateFaxError);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM fax_search').get()).toEqual({ n: 1 });
  });

  it('forgets a patient whose order is purged', async () => {
    const fax = await storePatient(store, { firstName: 'Jeanne', lastName: 'Côté', nam: 'COTJ85551512' });
    store.db.prepare('UPDATE faxes SET order_json = NULL WHERE id = ?').run(fax.id);
    expect(await found('cote')).toEqual([]);
    expect(await found('COTJ85551512')).toEqual([]);
  });

  it('is read through its indexes, not by scanning the faxes', () => {
    const plan = (sql: string, ...params: unknown[]) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[])
        .map((r) => r.detail)
        .join('\n');
    const names = plan(SEARCH_SQL.byNames, '"cote"*', 10);
    expect(names).toMatch(/VIRTUAL TABLE INDEX/);
    expect(names).not.toMatch(/SCAN (s|f|faxes|fax_search)\b/);
    const nam = plan(SEARCH_SQL.byNam, 'COTJ85551512', 10);
    expect(nam).not.toMatch(/SCAN (s|f|faxes|fax_search)\b/);
    expect(nam).toMatch(/USING (COVERING )?INDEX fax_search_by_nam/);
  });
});
