/**
 * The store contract, part 3: search by patient name, NAM and fax id, through the core's
 * `searchFaxes` (which parses what people type) on every store; and, when both stores are
 * here, the same answers from both for the same faxes.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { searchFaxes, MAX_SEARCH_RESULTS, type SearchHit } from '../../src/search/index.ts';
import type { FaxStore } from '../../src/store/store.ts';
import { DuplicateFaxError } from '../../src/store/store.ts';
import { click, fax, hoursAfter, stored, type Patient } from './fixtures.ts';
import { STORES, useStore } from './harness.ts';

const BASE = '2025-03-01T12:00:00.000Z';

async function found(store: FaxStore, text: string): Promise<SearchHit[]> {
  const outcome = await searchFaxes(store, text);
  if (!outcome.ok) throw new Error(`refused: ${text}: ${outcome.message}`);
  return outcome.hits;
}
const lastNames = (hits: SearchHit[]) => hits.map((h) => h.patient.lastName);

const PATIENTS: Patient[] = [
  { firstName: 'Jeanne', lastName: 'Côté', nam: 'COTJ85551512' },
  { firstName: 'Marc', lastName: 'Tremblay' },
  { firstName: 'Luc', lastName: 'Saint-Pierre' },
  { firstName: 'Émilie', lastName: 'Lévesque-Tremblay' },
  { firstName: 'Stéphane', lastName: 'Roy', nam: 'ROYS60010112' },
  { firstName: 'Anne', lastName: 'St-Onge' },
  { firstName: 'Paul', lastName: 'Coté' },
  { firstName: 'Œdipe', lastName: 'D’Amours' },
  { firstName: null, lastName: 'O’Neil-Ste-Marie' },
];

async function storePatients(store: FaxStore): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, patient] of PATIENTS.entries()) {
    ids.push((await stored(store, { patient, receivedAt: hoursAfter(BASE, i + 1) })).id);
  }
  return ids;
}

/** Queries covering every rule, plus syntax that must be read as words or refused. */
const QUERIES = [
  'cote',
  'CÔTÉ',
  'levesque',
  'emilie',
  'jeanne cote',
  'Côté, Jeanne',
  'jeanne tremblay',
  'trem',
  'tr',
  'mar trem',
  'j cot',
  'st-pierre',
  'saint pierre',
  'ST. PIERRE',
  'saintpierre',
  'stpierre',
  'saint-onge',
  'st',
  'steph',
  'levesquetrem',
  'oedipe',
  'damours',
  "d'amours",
  'oneil',
  'ste marie',
  'sainte-marie',
  'gagnon',
  'COTJ85551512',
  'cotj 8555 1512',
  'ROYS60010112',
  'COTJ85551513',
  '"cote"',
  "cote'",
  '(cote',
  '-cote',
  'trem*',
  "'; DROP TABLE faxes; --",
  'cote | roy',
  'cote & !roy',
  'cote:*',
  "'cote':* | 'roy'",
  'NEAR(cote jeanne)',
  '\\',
  '%',
  '_',
  '\u0000cote',
  'cote 😀',
  'a'.repeat(500),
];

describe.each(STORES)('%s store: search', (_name, backend) => {
  const t = useStore(backend);

  describe('patient names', () => {
    beforeEach(async () => {
      await storePatients(t().store);
    });

    it('ignores case and accents, and matches first and/or last name in either order', async () => {
      const { store } = t();
      expect(lastNames(await found(store, 'cote'))).toEqual(['Coté', 'Côté']);
      expect(lastNames(await found(store, 'CÔTÉ'))).toEqual(['Coté', 'Côté']);
      expect(lastNames(await found(store, 'emilie'))).toEqual(['Lévesque-Tremblay']);
      expect(lastNames(await found(store, 'Côté, Jeanne'))).toEqual(['Côté']);
      expect(lastNames(await found(store, 'jeanne cote'))).toEqual(['Côté']);
      expect(lastNames(await found(store, 'oedipe'))).toEqual(['D’Amours']);
      expect(await found(store, 'jeanne tremblay')).toEqual([]);
    });

    it('matches prefixes of every word', async () => {
      const { store } = t();
      expect(lastNames(await found(store, 'trem'))).toEqual(['Lévesque-Tremblay', 'Tremblay']);
      expect(lastNames(await found(store, 'tr'))).toEqual(['Lévesque-Tremblay', 'Tremblay']);
      expect(lastNames(await found(store, 'mar trem'))).toEqual(['Tremblay']);
      expect(lastNames(await found(store, 'j cot'))).toEqual(['Côté']);
      expect(lastNames(await found(store, 'levesquetrem'))).toEqual(['Lévesque-Tremblay']);
    });

    it('reads st/ste as saint/sainte, and still lets st start a name', async () => {
      const { store } = t();
      for (const text of ['st-pierre', 'saint pierre', 'ST. PIERRE', 'saintpierre', 'stpierre']) {
        expect(lastNames(await found(store, text)), text).toEqual(['Saint-Pierre']);
      }
      expect(lastNames(await found(store, 'saint-onge'))).toEqual(['St-Onge']);
      expect(lastNames(await found(store, 'sainte marie'))).toEqual(['O’Neil-Ste-Marie']);
      expect(lastNames(await found(store, 'st'))).toEqual([
        'O’Neil-Ste-Marie',
        'St-Onge',
        'Roy',
        'Saint-Pierre',
      ]);
      expect(lastNames(await found(store, 'steph'))).toEqual(['Roy']);
    });

    it('answers no match with an empty list', async () => {
      const { store } = t();
      expect(await found(store, 'gagnon')).toEqual([]);
      expect(await found(store, 'zz')).toEqual([]);
    });

    it('answers every query full of SQL or full-text syntax, and changes nothing', async () => {
      const s = t();
      for (const text of QUERIES) {
        const outcome = await searchFaxes(s.store, text);
        if (!outcome.ok) expect(outcome.message, text).toMatch(/[a-zé]/);
      }
      for (const text of ['"cote"', "cote'", '(cote', '-cote', 'cote:*', 'cote 😀', "'cote'"]) {
        expect(lastNames(await found(s.store, text)), text).toEqual(['Coté', 'Côté']);
      }
      expect(lastNames(await found(s.store, 'cote & !roy'))).toEqual([]); // "roy" is not her name
      expect(await s.count('faxes')).toBe(PATIENTS.length);
    });
  });

  it('finds by the whole NAM only, and by fax id even when the order could not be read', async () => {
    const { store } = t();
    const ids = await storePatients(store);
    for (const text of ['COTJ85551512', 'cotj 8555 1512', 'COTJ-8555-1512']) {
      expect((await found(store, text)).map((h) => h.id)).toEqual([ids[0]]);
    }
    expect(await found(store, 'COTJ85551513')).toEqual([]);
    const unreadable = fax({ order: null, verdict: 'unreadable', receivedAt: BASE });
    unreadable.report = { ...unreadable.report, verdict: 'unreadable' };
    await store.recordFax(unreadable, [], []);
    expect(await found(store, unreadable.id.toLowerCase())).toEqual([
      {
        id: unreadable.id,
        receivedAt: BASE,
        status: 'pending',
        verdict: 'unreadable',
        patient: { firstName: null, lastName: null, birthDate: null },
        exam: null,
      },
    ]);
  });

  it('gives the most recent first, at most the limit, with the current status', async () => {
    const { store } = t();
    for (const h of [5, 0, 11, 3, 8, 1, 10, 6, 2, 9, 4, 7]) {
      await stored(store, {
        patient: { firstName: `Patient${h}`, lastName: 'Tremblay' },
        receivedAt: hoursAfter(BASE, h),
      });
    }
    const hits = await found(store, 'tremblay');
    expect(hits.map((h) => h.patient.firstName)).toEqual(
      [11, 10, 9, 8, 7, 6, 5, 4, 3, 2].map((h) => `Patient${h}`),
    );
    expect(hits).toHaveLength(MAX_SEARCH_RESULTS);
    const three = await searchFaxes(store, 'tremblay', { limit: 3 });
    expect(three.ok && three.hits.map((h) => h.patient.firstName)).toEqual([
      'Patient11',
      'Patient10',
      'Patient9',
    ]);
    // Same millisecond: the id breaks the tie.
    const twins = [
      await stored(store, { patient: { lastName: 'Jumeau' }, receivedAt: BASE }),
      await stored(store, { patient: { lastName: 'Jumeau' }, receivedAt: BASE }),
    ];
    expect((await found(store, 'jumeau')).map((h) => h.id)).toEqual(twins.map((f) => f.id).reverse());
    await store.transitionStatus(twins[0]!.id, 'pending', 'accepted', click('accepted'));
    expect((await found(store, 'jumeau')).map((h) => h.status)).toEqual(['pending', 'accepted']);
  });

  it('indexes in the recording transaction: a refused duplicate leaves no entry', async () => {
    const s = t();
    const f = await stored(s.store, { patient: { firstName: 'Jeanne', lastName: 'Côté' } });
    await expect(
      s.store.recordFax(fax({ sha256: f.sha256, patient: { lastName: 'Autre' } }), [], []),
    ).rejects.toThrow(DuplicateFaxError);
    expect(await s.count('fax_search')).toBe(1);
    expect(await found(s.store, 'autre')).toEqual([]);
  });

  it('forgets a patient whose order is cleared (retention purge)', async () => {
    const s = t();
    const f = await stored(s.store, {
      patient: { firstName: 'Jeanne', lastName: 'Côté', nam: 'COTJ85551512' },
    });
    await s.sql('UPDATE faxes SET order_json = NULL WHERE id = ?', [f.id]);
    expect(await found(s.store, 'cote')).toEqual([]);
    expect(await found(s.store, 'COTJ85551512')).toEqual([]);
    expect((await found(s.store, f.id)).map((h) => h.id)).toEqual([f.id]);
  });
});

describe('SQLite and PostgreSQL answer alike', () => {
  const [[, sqlite], [, postgres]] = STORES as [
    [string, (typeof STORES)[0][1]],
    [string, (typeof STORES)[0][1]],
  ];
  const a = useStore(sqlite);
  const b = useStore(postgres);

  it('for every query, on the same faxes', async () => {
    // Same faxes (same ids) in both.
    const faxes = PATIENTS.map((patient, i) => fax({ patient, receivedAt: hoursAfter(BASE, i % 4) }));
    for (const f of faxes) {
      await a().store.recordFax(f, [], []);
      await b().store.recordFax(f, [], []);
    }
    for (const text of [...QUERIES, ...faxes.map((f) => f.id)]) {
      expect(await searchFaxes(b().store, text), text).toEqual(await searchFaxes(a().store, text));
    }
  });
});
