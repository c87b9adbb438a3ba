/**
 * The same kinds of faxes as OCR mangles them: letters read as digits and back, lost accents,
 * ";" for ":", merged words, stray marks, a NAM with misread characters that the parser repairs
 * (and says so in `repairs`).
 */
import { describe, expect, it } from 'vitest';
import { parseOrder } from '../../src/parsing/index.ts';
import { BANNER_GARBLED } from './faxes.ts';

describe('OCR-garbled faxes', () => {
  it('mends a long modality word one OCR slip away ("Mammeographie", "ECHOGRAPHLE")', () => {
    const one = parseOrder([`Nom : Roy Prénom : Line\nDDN : 1970-01-02\nMammeographie de dépistage\n`]);
    expect(one.exam).toBe('Mammographie de dépistage');
    const two = parseOrder([`Nom : Roy Prénom : Line\nExamen demandé : ECHOGRAPHLE PELVIENNE\n`]);
    expect(two.exam).toBe('ÉCHOGRAPHIE PELVIENNE');
  });

  it('bilingual form whose English label halves OCR garbled: the French halves still label the cells', () => {
    const got = parseOrder([
      `2026-11-20 16:05  1 418 425-6508 Sara Nguyen   Page 1/1
${BANNER_GARBLED}
MEDICAL IMAGING REQUEST / DEMANDE D'IMAGERIE
PATIENT / USAGER
Sumame / Nom : Morin-Lachance Givcn name / Prénom : Élise
Dale cf birth / Date de naissance : 1979-10-02
Heallh card no. / NAM : MORE 7960 0212
Exarn requested / Examen demandé : IRM du genou gauche
PHYSICIAN / MÉDECIN
Narne / Nom : Dre Sara Nguyen
Phone / Téléphone : 514 555-0170`,
    ]);
    expect(got.patient).toMatchObject({
      firstName: 'Élise',
      lastName: 'Morin-Lachance',
      birthDate: '1979-10-02',
      nam: 'MORE79600212',
    });
    expect(got.exam).toBe('IRM du genou gauche');
  });

  it('form: garbled labels, NAM with S/O/l misreads repaired from the birth date', () => {
    const got = parseOrder([
      `2026-11-20 16;05  1 4l8 425-65O8 Jean Gagnon   Page l/1
${BANNER_GARBLED}
                 ORDONNANCE - IMAGERIE MEDICALE
PRESCRlPTEUR
Norn ; Gagnon                          Prénorn : Jean
Te1. : (418) 555-0l99                  Telec. ; (418) 555-0198
No de perrnis : 89123
USAGER
Nom : Levesque-Tremblay               Prenom ; Marie-Eve
Date de nalssance : 1992/07/O4        Sexe : F
NAM . LEVM 92S7 O4l8
EXAMEN DEMANDE : TDM thoracique avec contraste
Renseignernents cliniques : Toux persistante depuis 6 semaines,
perte de poids.
Date ; 2026-11-20                     Signature : J. Gagnon
`,
    ]);
    expect(got.header.serviceNumberInHeader).toBe(true);
    expect(got.header.sender).toEqual({ firstName: 'Jean', lastName: 'Gagnon' });
    expect(got.header.banner).toEqual({
      transit: true,
      doNotReply: true,
      confidentiality: true,
      formCode: true,
    });
    expect(got.prescriber).toEqual({
      firstName: 'Jean',
      lastName: 'Gagnon',
      phone: '4185550199',
      permit: '89123',
    });
    expect(got.patient).toMatchObject({
      firstName: 'Marie-Eve',
      lastName: 'Levesque-Tremblay',
      birthDate: '1992-07-04',
      nam: 'LEVM92570418',
    });
    expect(got.repairs).toHaveLength(1);
    expect(got.repairs[0]).toMatchObject({ field: 'patient.nam', from: 'LEVM92S7O4L8', to: 'LEVM92570418' });
    expect(got.exam).toBe('TDM thoracique avec contraste');
    expect(got.clinicalInfo).toBe('Toux persistante depuis 6 semaines, perte de poids');
    expect(got.orderDate).toBe('2026-11-20');
    expect(got.isOrder).toBe(true);
  });

  it('lab results: "]" read for "J" in the NAM, still not an order', () => {
    const got = parseOrder([
      `22/11/2026 07:58  141842S6508 Louis Cloutier   Page 1/1
${BANNER_GARBLED}
RESULTATS DE LABORATOIRE
Patient ; TREMBLAY, Jacques       DDN ; 1948-05-22
NAM : TRE] 4805 22I1
Medecin demandeur : Dr Louis Cloutier     Tel : 418 555-2323
Hemoglobine      128          g/L         135-175
`,
    ]);
    expect(got.header.serviceNumberInHeader).toBe(true);
    expect(got.patient.nam).toBe('TREJ48052211');
    expect(got.repairs.map((r) => [r.from, r.to])).toEqual([['TRE]480522I1', 'TREJ48052211']]);
    expect(got.isOrder).toBe(false);
    expect(got.exam).toBeNull();
    expect(got.prescriber.phone).toBe('4185552323');
  });

  it('e-mail: digits inside the NAM letters repaired from the surname, no accents', () => {
    const got = parseOrder([
      `25/11/2026 14:32        l4184256508 Marie Tremblay                Page 1/1
${BANNER_GARBLED}
Bonjour,
Merci de faire une echographie abdominale a Mme Elodie Cote, nee le 15 mars 1985
(NAM C0TE 8SS3 1514), pour douleur au QSD depuis 3 semaines.
Dre Marie Tremblay
Tel. ; 514 555-l234
`,
    ]);
    expect(got.header.serviceNumberInHeader).toBe(true);
    expect(got.patient).toMatchObject({
      firstName: 'Elodie',
      lastName: 'Cote',
      birthDate: '1985-03-15',
      nam: 'COTE85531514',
    });
    expect(got.repairs[0]?.to).toBe('COTE85531514');
    expect(got.repairs[0]?.from).toBe('C0TE8SS31514');
    expect(got.exam).toBe('echographie abdominale');
    expect(got.clinicalInfo).toBe('douleur au QSD depuis 3 semaines');
    expect(got.prescriber).toMatchObject({ firstName: 'Marie', lastName: 'Tremblay', phone: '5145551234' });
  });

  it('two columns with a NAM full of O/0 and l/1 swaps; the table border read as "|"', () => {
    const got = parseOrder([
      `29-11-2026 09:02 De: 418.425.6508 Nadia Bouchard                    1/1
PATIENT                              |    PRESCRIPTEUR
Nom : ROY                            |    Nom : Dre Nadia Bouchard
Prenom : Jean-Francois               |    Tel : 450-555-3344
DDN : 1950-0l-02                     |    Permis : 12345
NAM : R0YJ 5OO1 O2ll                 |    Telec : 450-555-3345
Examen : Radiographie colonne lombaire
`,
    ]);
    expect(got.patient).toMatchObject({
      lastName: 'ROY',
      firstName: 'Jean-Francois',
      birthDate: '1950-01-02',
      nam: 'ROYJ50010211',
    });
    expect(got.repairs).toHaveLength(1);
    expect(got.prescriber).toEqual({
      firstName: 'Nadia',
      lastName: 'Bouchard',
      phone: '4505553344',
      permit: '12345',
    });
    expect(got.header.banner).toEqual({
      transit: false,
      doNotReply: false,
      confidentiality: false,
      formCode: false,
    });
  });

  it('merged words and a checked box read as "[x]"', () => {
    const got = parseOrder([
      `Patient:SAINT-PIERRE Luc   DDN:1967-09-30
NAM:SAIL67093015
Médecin:Dr Simon Bélanger  Tél.:514 555 8080
ÉCHOGRAPHIE
[x] Abdominale     [ ] Pelvienne
`,
    ]);
    expect(got.exam).toBe('Échographie Abdominale');
    expect(got.patient).toMatchObject({ lastName: 'SAINT-PIERRE', firstName: 'Luc', nam: 'SAIL67093015' });
    expect(got.prescriber).toMatchObject({ lastName: 'Bélanger', phone: '5145558080' });
    expect(got.repairs).toEqual([]);
  });
});
