import { describe, expect, it } from 'vitest';
import {
  birthDateCodes,
  expectedNamPrefix,
  isWellFormedNam,
  namConsistency,
  normalizeNam,
  surnameCodes,
} from '../../src/validation/nam.ts';

describe('NAM shape', () => {
  it('accepts the usual spellings, spaces or hyphens optional', () => {
    expect(normalizeNam('TREJ 8503 1512')).toBe('TREJ85031512');
    expect(isWellFormedNam('TREJ 8503 1512')).toBe(true);
    expect(isWellFormedNam('COTS-8005-10A4')).toBe(true);
    expect(isWellFormedNam('gagm85531512')).toBe(true);
  });
  it('rejects wrong shapes and impossible dates', () => {
    expect(isWellFormedNam('TRE 8503 1512')).toBe(false);
    expect(isWellFormedNam('TREJ85O31512')).toBe(false);
    expect(isWellFormedNam('TREJ85131512')).toBe(false); // month 13
    expect(isWellFormedNam('TREJ85631512')).toBe(false); // month 63 (13 + 50)
    expect(isWellFormedNam('TREJ85030012')).toBe(false); // day 00
  });
});

describe('expectedNamPrefix', () => {
  it('builds letters from surname and given name, digits from the birth date', () => {
    expect(
      expectedNamPrefix({ lastName: 'Côté', firstName: 'Jean', birthDate: '1980-05-10', sex: 'M' }),
    ).toEqual({
      letters: ['COTJ'],
      digits: ['800510'],
    });
  });
  it('adds 50 to the month for women, and accepts both when the sex is unknown', () => {
    expect(birthDateCodes('1985-03-15', 'F')).toEqual(['855315']);
    expect(birthDateCodes('1985-12-01', 'F')).toEqual(['856201']);
    expect(birthDateCodes('1985-03-15')).toEqual(['850315', '855315']);
  });
  it('pads short surnames with X', () => {
    expect(surnameCodes('Ng')).toEqual(['NGX']);
    expect(surnameCodes('Li')).toEqual(['LIX']);
    expect(surnameCodes('O')).toEqual(['OXX']);
  });
  it('drops accents, spaces, hyphens and apostrophes', () => {
    expect(surnameCodes('Côté')).toEqual(['COT']);
    expect(surnameCodes("D'Amours")).toEqual(['DAM']);
    expect(surnameCodes('Saint-Pierre')).toEqual(['SAI']);
    expect(surnameCodes('Le Blanc')).toEqual(['LEB']);
    expect(surnameCodes('Émond')).toEqual(['EMO']);
  });
  it('accepts the first part of a hyphenated surname', () => {
    expect(surnameCodes('Lévesque-Tremblay')).toEqual(['LEV']);
    expect(surnameCodes('Li-Tremblay').sort()).toEqual(['LIT', 'LIX']);
  });
  it('gives nothing for unusable input', () => {
    expect(surnameCodes("'-")).toEqual([]);
    expect(birthDateCodes('1985-02-30')).toEqual([]);
    expect(expectedNamPrefix({ lastName: 'Côté', firstName: '', birthDate: 'x' })).toEqual({
      letters: [],
      digits: [],
    });
  });
});

describe('namConsistency', () => {
  const person = { lastName: 'Gagnon', firstName: 'Émilie', birthDate: '1985-03-15' };
  it('matches a woman’s NAM (month + 50)', () => {
    expect(namConsistency('GAGE 8553 1512', person)).toMatchObject({ consistent: true, complete: true });
  });
  it('reports each mismatching part', () => {
    const r = namConsistency('GAGE85031612', person);
    expect(r).toMatchObject({
      surname: 'match',
      givenName: 'match',
      birthDate: 'mismatch',
      consistent: false,
    });
    expect(namConsistency('TREM85531512', person)).toMatchObject({
      surname: 'mismatch',
      givenName: 'mismatch',
    });
  });
  it('honours a known sex', () => {
    expect(namConsistency('GAGE85031512', { ...person, sex: 'F' }).birthDate).toBe('mismatch');
    expect(namConsistency('GAGE85031512', { ...person, sex: 'M' }).birthDate).toBe('match');
  });
  it('leaves unknown what it cannot check', () => {
    const r = namConsistency('GAGE85531512', { lastName: 'Gagnon', firstName: null, birthDate: null });
    expect(r).toEqual({
      surname: 'match',
      givenName: 'unknown',
      birthDate: 'unknown',
      consistent: true,
      complete: false,
    });
  });
});
