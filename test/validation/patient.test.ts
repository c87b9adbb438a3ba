import { describe, expect, it } from 'vitest';
import { DEFAULT_OPTIONS } from '../../src/validation/options.ts';
import {
  patientBirthdate,
  patientName,
  patientNam,
  patientNamConsistency,
} from '../../src/validation/patient.ts';
import type { Rule } from '../../src/validation/rule.ts';
import type { ParsedOrder, Patient } from '../../src/domain/order.ts';
import { orderWith, textReading, validOrder } from './helpers.ts';

const run = (rule: Rule, order: ParsedOrder) => rule(order, textReading(), DEFAULT_OPTIONS);
const withPatient = (rule: Rule, patient: Partial<Patient>) => run(rule, orderWith({ patient }));

describe('patient.name', () => {
  it('passes with both names', () => {
    expect(run(patientName, validOrder())?.status).toBe('pass');
  });
  it('fails when either is missing', () => {
    expect(withPatient(patientName, { firstName: null })?.status).toBe('fail');
    expect(withPatient(patientName, { lastName: null })?.status).toBe('fail');
    expect(withPatient(patientName, { firstName: null, lastName: null })?.message).toBe(
      "Aucun nom de l'usager",
    );
  });
});

describe('patient.birthdate', () => {
  it('passes with a date', () => {
    expect(run(patientBirthdate, validOrder())?.status).toBe('pass');
  });
  it('fails when missing, impossible, or later than the order', () => {
    expect(withPatient(patientBirthdate, { birthDate: null })?.status).toBe('fail');
    expect(withPatient(patientBirthdate, { birthDate: '1980-02-30' })?.status).toBe('fail');
    expect(withPatient(patientBirthdate, { birthDate: '2030-01-01' })?.status).toBe('fail');
  });
  it('accepts a newborn born on the day of the order', () => {
    expect(withPatient(patientBirthdate, { birthDate: '2024-03-01', nam: null, altId: 'x' })?.status).toBe(
      'pass',
    );
  });
});

describe('patient.nam', () => {
  it('passes when well formed', () => {
    expect(run(patientNam, validOrder())).toMatchObject({
      status: 'pass',
      message: 'NAM présent et bien formé',
    });
  });
  it('warns when absent but another identifier is given', () => {
    const c = withPatient(patientNam, { nam: null, altId: '123 rue des Érables, Québec' });
    expect(c).toMatchObject({
      status: 'warn',
      message: 'NAM absent, mais autre identifiant fourni (adresse ou téléphone)',
    });
  });
  it('fails when absent with no other identifier', () => {
    expect(withPatient(patientNam, { nam: null, altId: null })?.status).toBe('fail');
  });
  it('fails when malformed, even with another identifier', () => {
    const c = withPatient(patientNam, { nam: null, namRaw: 'COTJ 8005 1', altId: '123 rue des Érables' });
    expect(c).toMatchObject({ status: 'fail', message: 'NAM mal formé' });
  });
  it('fails on a NAM whose date part is impossible', () => {
    expect(withPatient(patientNam, { nam: 'COTJ80135012' })?.status).toBe('fail');
  });
  it('warns when a good NAM comes with another malformed one', () => {
    expect(withPatient(patientNam, { namRaw: 'COTJ 8005 1' })?.status).toBe('warn');
  });
  it('mentions a repair, without the value', () => {
    const order = orderWith({
      repairs: [{ field: 'patient.nam', from: 'COTJ8OO51012', to: 'COTJ80051012', reason: 'O→0' }],
    });
    const c = run(patientNam, order);
    expect(c?.status).toBe('pass');
    expect(c?.message).toContain("NAM corrigé d'une erreur de lecture probable");
    expect(c?.message).not.toMatch(/COTJ|8005/);
  });
});

describe('patient.nam_consistency', () => {
  const consistency = (patient: Partial<Patient>) => withPatient(patientNamConsistency, patient)?.status;

  it('passes for a consistent NAM', () => {
    expect(run(patientNamConsistency, validOrder())?.status).toBe('pass');
  });
  it("accepts a woman's month + 50 (sex is not on the order)", () => {
    expect(
      consistency({ lastName: 'Gagnon', firstName: 'Marie', birthDate: '1985-03-15', nam: 'GAGM85531512' }),
    ).toBe('pass');
  });
  it('pads short surnames with X', () => {
    expect(
      consistency({ lastName: 'Ng', firstName: 'Anh', birthDate: '1990-01-02', nam: 'NGXA90010212' }),
    ).toBe('pass');
    expect(
      consistency({ lastName: 'Li', firstName: 'Wei', birthDate: '1990-01-02', nam: 'LIXW90010212' }),
    ).toBe('pass');
  });
  it('handles accented, apostrophe and compound surnames', () => {
    expect(
      consistency({ lastName: 'Côté', firstName: 'Jean', birthDate: '1980-05-10', nam: 'COTJ80051012' }),
    ).toBe('pass');
    expect(
      consistency({
        lastName: "D'Amours",
        firstName: 'Sophie',
        birthDate: '1975-12-01',
        nam: 'DAMS75620112',
      }),
    ).toBe('pass');
    expect(
      consistency({
        lastName: 'Saint-Pierre',
        firstName: 'Luc',
        birthDate: '1960-07-04',
        nam: 'SAIL60070412',
      }),
    ).toBe('pass');
    expect(
      consistency({
        lastName: 'Lévesque-Tremblay',
        firstName: 'Émilie',
        birthDate: '2001-09-30',
        nam: 'LEVE01593012',
      }),
    ).toBe('pass');
    expect(
      consistency({
        lastName: 'Li-Tremblay',
        firstName: 'Ann',
        birthDate: '2001-09-30',
        nam: 'LIXA01593012',
      }),
    ).toBe('pass');
  });
  it('warns (never fails) on a mismatching birth date, naming the part without values', () => {
    const c = withPatient(patientNamConsistency, { birthDate: '1980-05-11' });
    expect(c?.status).toBe('warn');
    expect(c?.message).toContain('à la date de naissance');
    expect(c?.message).not.toMatch(/COT|1980|8005|Côté|Jean/);
  });
  it('warns on a mismatching surname or given name', () => {
    expect(consistency({ lastName: 'Gagnon' })).toBe('warn');
    expect(consistency({ firstName: 'Paul' })).toBe('warn');
  });
  it('skips without a NAM, or with neither names nor birth date', () => {
    expect(consistency({ nam: null, altId: 'x' })).toBe('skip');
    expect(consistency({ nam: null, namRaw: 'COTJ 8005' })).toBe('skip');
    expect(consistency({ lastName: null, firstName: null, birthDate: null })).toBe('skip');
  });
  it('checks what it can when some of the person is missing', () => {
    const c = withPatient(patientNamConsistency, { firstName: null, birthDate: null });
    expect(c?.status).toBe('pass');
    expect(c?.message).toMatch(/partielle/);
    expect(consistency({ firstName: null, birthDate: '1999-01-01' })).toBe('warn');
  });
});
