import { describe, expect, it } from 'vitest';
import { nameWords, parseSearchQuery, searchKeysOf } from '../../src/search/index.ts';
import { newFaxId } from '../../src/store/ids.ts';

const nameTerms = (text: string) => {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok || parsed.query.kind !== 'name') throw new Error(`not a name query: ${text}`);
  return parsed.query.terms;
};

describe('name normalisation (one for the index and the query)', () => {
  it('folds case, accents and ligatures, and splits on hyphens, apostrophes and spaces', () => {
    expect(nameWords('Côté')).toEqual(['cote']);
    expect(nameWords('LÉVESQUE-Tremblay')).toEqual(['levesque', 'tremblay']);
    expect(nameWords('D’Amours')).toEqual(['d', 'amours']);
    expect(nameWords("O'Brien")).toEqual(['o', 'brien']);
    expect(nameWords('Cœur  Ærø')).toEqual(['coeur', 'aero']);
    expect(nameWords('Marie-Ève')).toEqual(['marie', 'eve']);
  });

  it('indexes saint and st alike, and compound names joined as well as split', () => {
    const a = searchKeysOf({ firstName: 'Jean', lastName: 'St-Pierre', nam: null }).names.split(' ');
    const b = searchKeysOf({ firstName: 'Jean', lastName: 'Saint-Pierre', nam: null }).names.split(' ');
    expect(new Set(a)).toEqual(new Set(b));
    expect(a).toEqual(expect.arrayContaining(['saint', 'pierre', 'saintpierre', 'stpierre', 'jean']));
    expect(searchKeysOf({ firstName: null, lastName: 'Ste-Marie', nam: null }).names.split(' ')).toEqual(
      expect.arrayContaining(['sainte', 'marie', 'saintemarie', 'stemarie']),
    );
    expect(
      searchKeysOf({ firstName: 'Émilie', lastName: 'Lévesque-Tremblay', nam: 'levj 8501 1512' }),
    ).toEqual({
      names: 'levesque tremblay levesquetremblay emilie',
      nam: 'LEVJ85011512',
    });
    expect(searchKeysOf(null)).toEqual({ names: '', nam: null });
  });
});

describe('parseSearchQuery', () => {
  it('reads a fax id (any case, spaces around)', () => {
    const id = newFaxId();
    expect(parseSearchQuery(`  ${id.toLowerCase()} `)).toEqual({ ok: true, query: { kind: 'id', id } });
  });

  it('reads a NAM with or without spaces or hyphens', () => {
    for (const text of ['TREJ85551512', 'trej 8555 1512', 'TREJ-8555-1512', ' Trej8555 1512 ']) {
      expect(parseSearchQuery(text)).toEqual({ ok: true, query: { kind: 'nam', nam: 'TREJ85551512' } });
    }
  });

  it('reads names as normalised prefixes, in the order typed', () => {
    expect(nameTerms('Côté Jeanne')).toEqual([['cote'], ['jeanne']]);
    expect(nameTerms('jeanne, TREM')).toEqual([['jeanne'], ['trem']]);
    expect(nameTerms('Lévesque-Tremblay')).toEqual([['levesque'], ['tremblay']]);
  });

  it('lets st/ste mean saint/sainte or the start of a name (Stéphane)', () => {
    expect(nameTerms('st-pierre')).toEqual([['saint', 'st'], ['pierre']]);
    expect(nameTerms('ste marie')).toEqual([['sainte', 'ste'], ['marie']]);
    expect(nameTerms('saint pierre')).toEqual([['saint'], ['pierre']]);
  });

  it('refuses an empty, too short or too long query with a French message', () => {
    for (const text of ['', '   ', '"', '*', "'", '()', '-:']) {
      expect(parseSearchQuery(text)).toMatchObject({
        ok: false,
        code: 'empty',
        message: expect.stringMatching(/nom/),
      });
    }
    for (const text of ['a', 'é', 'a b']) {
      expect(parseSearchQuery(text)).toMatchObject({
        ok: false,
        code: 'too_short',
        message: expect.stringMatching(/trop courte/),
      });
    }
    expect(parseSearchQuery('x'.repeat(201))).toMatchObject({ ok: false, code: 'too_long' });
    expect(parseSearchQuery('un deux trois quatre cinq six sept huit neuf')).toMatchObject({
      ok: false,
      code: 'too_long',
    });
  });

  it('keeps only letters and digits of anything typed: operators become plain words', () => {
    expect(nameTerms('"cote" NEAR(jeanne) OR trem*')).toEqual([
      ['cote'],
      ['near'],
      ['jeanne'],
      ['or'],
      ['trem'],
    ]);
    for (const terms of nameTerms(`'; DROP TABLE faxes; -- {names}: ^x + "`)) {
      for (const w of terms) expect(w).toMatch(/^[a-z0-9]+$/);
    }
  });
});
