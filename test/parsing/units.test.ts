import { describe, expect, it } from 'vitest';
import { findBanner } from '../../src/parsing/banner.ts';
import { findDates, parseDate } from '../../src/parsing/dates.ts';
import { parseNam } from '../../src/parsing/nam.ts';
import { splitName } from '../../src/parsing/names.ts';
import { findPhones, parsePhone } from '../../src/parsing/phones.ts';
import { BANNER, BANNER_GARBLED } from './faxes.ts';

describe('dates', () => {
  it.each([
    ['1985-03-15', '1985-03-15'],
    ['15/03/1985', '1985-03-15'],
    ['15 mars 1985', '1985-03-15'],
    ['1985/03/15', '1985-03-15'],
    ['15-03-1985', '1985-03-15'],
    ['le 1er avril 2026', '2026-04-01'],
    ['le ler avril 2026', '2026-04-01'],
    ['3 févr. 1958', '1958-02-03'],
    ['March 7, 1949', '1949-03-07'],
    ['7 March 1949', '1949-03-07'],
    ['2O26-11-2O', '2026-11-20'],
    ['19850315', '1985-03-15'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)?.iso).toBe(iso);
  });

  it('rejects impossible dates', () => {
    expect(parseDate('31/02/2026')).toBeNull();
    expect(parseDate('2026-13-01')).toBeNull();
    expect(parseDate('32 mars 2026')).toBeNull();
    expect(parseDate('29/02/2025')).toBeNull();
    expect(parseDate('29/02/2024')?.iso).toBe('2024-02-29');
  });

  it('reads dd/mm first and keeps mm/dd as an alternative when both are valid', () => {
    const d = parseDate('04/11/1978');
    expect(d?.iso).toBe('1978-11-04');
    expect(d?.alternatives).toEqual(['1978-04-11']);
    expect(parseDate('11/25/1978')?.iso).toBe('1978-11-25');
  });

  it('does not read phone numbers as dates', () => {
    expect(findDates('Tél. : 514 555-1234')).toEqual([]);
  });
});

describe('phones', () => {
  it.each([
    ['514 555-1234', '5145551234'],
    ['(514) 555-1234', '5145551234'],
    ['514.555.1234', '5145551234'],
    ['1-514-555-1234', '5145551234'],
    ['514-555-1234 poste 123', '5145551234'],
    ['+1 514 555 1234', '5145551234'],
    ['S14 555-l234', '5145551234'],
    ['14184256508', '4184256508'],
    ['1 418 425-6508', '4184256508'],
    ['(418) 425-6508', '4184256508'],
    ['418.425.6508', '4184256508'],
  ])('%s → %s', (text, digits) => {
    expect(parsePhone(text)).toBe(digits);
  });

  it('drops the extension from the match and ignores non-phone digit runs', () => {
    const [p] = findPhones('Tél : 514-555-1234 poste 123, merci');
    expect(p?.digits).toBe('5145551234');
    expect(parsePhone('NAM TREJ 8503 1512')).toBeNull();
    expect(parsePhone('2026-11-25 14:32')).toBeNull();
    expect(parsePhone('123 456-7890')).toBeNull(); // area codes never start with 1
  });
});

describe('NAM', () => {
  it('accepts spaces and hyphens', () => {
    expect(parseNam('TREJ 8503 1512').nam).toBe('TREJ85031512');
    expect(parseNam('COTS-8005-10A4').nam).toBe('COTS800510A4');
    expect(parseNam('trej85031512').nam).toBe('TREJ85031512');
  });

  it('repairs look-alike characters by position and records the repair', () => {
    const r = parseNam('TREJ 85O3 1512');
    expect(r.nam).toBe('TREJ85031512');
    expect(r.repairs).toEqual([
      expect.objectContaining({ field: 'patient.nam', from: 'TREJ85O31512', to: 'TREJ85031512' }),
    ]);
    expect(parseNam('TRE) 8503 1512').nam).toBe('TREJ85031512');
    expect(parseNam('5AIL 6709 3015').nam).toBe('SAIL67093015');
    expect(parseNam('GAGS 0I62 09l4').nam).toBe('GAGS01620914');
  });

  it('uses the names to choose among possible readings', () => {
    // "1" in a letter position could be I, L or T: the surname says L.
    expect(parseNam('1AVG 5852 0315', { lastName: 'Lavoie', firstName: 'Ginette' }).nam).toBe('LAVG58520315');
    expect(parseNam('1AVG 5852 0315').nam).toBe('IAVG58520315');
    // "G" in a digit position could be 6 or 9: the birth date says 9.
    expect(parseNam('LAVG 5852 0G15', { birthDates: ['1958-02-09'] }).nam).toBe('LAVG58520915');
    // Without a birth date to confirm it, "G" is not guessed into a digit: the NAM stays malformed.
    expect(parseNam('LAVG 5852 0G15').nam).toBeNull();
    // A letter in 11th position is legitimate; upper-case L there is not OCR's 1.
    expect(parseNam('LAPK 7052 19L0').nam).toBe('LAPK705219L0');
    expect(parseNam('COTS-8005-10A4').nam).toBe('COTS800510A4');
    // "B" for "8" in the check digit, with nothing to confirm it: reported malformed, not made valid.
    expect(parseNam('COTS 8005 10AB').nam).toBeNull();
  });

  it('never changes a character that already has the right kind', () => {
    const r = parseNam('TREX 8503 1512', { lastName: 'Tremblay', firstName: 'Jean' });
    expect(r.nam).toBe('TREX85031512');
    expect(r.repairs).toEqual([]);
  });

  it('reports what cannot be a NAM', () => {
    expect(parseNam('TREJ 8503 15')).toMatchObject({ nam: null, raw: 'TREJ850315' });
    expect(parseNam('TR#J 8503 1512').nam).toBeNull();
  });
});

describe('names', () => {
  it.each([
    ['Élodie Côté', 'Élodie', 'Côté'],
    ['CÔTÉ, Élodie', 'Élodie', 'CÔTÉ'],
    ['Côté, Élodie', 'Élodie', 'Côté'],
    ['SAINT-PIERRE Luc', 'Luc', 'SAINT-PIERRE'],
    ['Luc SAINT-PIERRE', 'Luc', 'SAINT-PIERRE'],
    ["Jean D'Amours, M.D.", 'Jean', "D'Amours"],
    ["Dr Paul O'Neil", 'Paul', "O'Neil"],
    ['Dre Marie-Ève Lévesque-Tremblay', 'Marie-Ève', 'Lévesque-Tremblay'],
    ['Marie Ève Côté', 'Marie Ève', 'Côté'],
    ['Jean de la Fontaine', 'Jean', 'de la Fontaine'],
    ['Julie Fortin, IPSPL', 'Julie', 'Fortin'],
    ['Dre Anne-Marie Dubé, hémato-oncologie', 'Anne-Marie', 'Dubé'],
  ])('%s', (text, firstName, lastName) => {
    expect(splitName(text)).toEqual({ firstName, lastName });
  });
});

describe('banner', () => {
  it('recognises every part of the cover text, garbled or not', () => {
    const all = { transit: true, doNotReply: true, confidentiality: true, formCode: true };
    expect(findBanner(BANNER)).toEqual(all);
    expect(findBanner(BANNER_GARBLED)).toEqual(all);
  });

  it('does not see the cover text in ordinary French', () => {
    const text = `Cette ordonnance a été rédigée par le médecin traitant de la clinique. Merci de
communiquer avec la secrétaire pour toute information. IMPORTANT : apporter la carte
d'assurance maladie. Avis : ce formulaire remplace le formulaire 21-110-184.`;
    expect(findBanner(text)).toEqual({
      transit: false,
      doNotReply: false,
      confidentiality: false,
      formCode: false,
    });
  });

  it('recognises each part on its own', () => {
    const onlyCode = findBanner('Formulaire 21-210-184W');
    expect(onlyCode).toEqual({ transit: false, doNotReply: false, confidentiality: false, formCode: true });
  });
});
