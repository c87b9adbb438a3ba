/**
 * One test per class of reading weakness found on generated faxes, each on a text written here in
 * its own wording and layout (not the generator's): label words leaking into values, free text
 * running into the closing formula, address blocks, wrapped values, NAM repairs, orders without
 * their exam, organisations read as people.
 */
import { describe, expect, it } from 'vitest';
import { parseOrder } from '../../src/parsing/index.ts';
import { parseNam } from '../../src/parsing/nam.ts';
import { splitName } from '../../src/parsing/names.ts';
import { BANNER } from './faxes.ts';

const HEADER = '2026-03-02 08:15   14184256508 Lucie Gagnon   Page 1/1';
const fax = (body: string) => [`${HEADER}\n${BANNER}\n\n${body}`];

describe('labels do not leak into values', () => {
  it('reads a form row whose column gap OCR collapsed to one space', () => {
    const o = parseOrder(
      fax(`REQUÊTE D'IMAGERIE
Nom de famille : Thériault Prénom : Karine Sexe : F
Date de naissance : 1979-08-30 NAM : THEK 7958 3012
Examen demandé : Radiographie du poignet gauche
Renseignements cliniques : chute sur la main
Médecin : Dre Lucie Gagnon Tél. : 819 555-2040`),
    );
    expect(o.patient).toMatchObject({ lastName: 'Thériault', firstName: 'Karine', birthDate: '1979-08-30' });
    expect(o.prescriber).toMatchObject({ firstName: 'Lucie', lastName: 'Gagnon', phone: '8195552040' });
  });

  it('reads English/French label pairs as one label, in either order', () => {
    const o = parseOrder(
      fax(`CLIENT / PATIENT
Surname / Nom : Ouimet   Given name / Prénom : Sylvain
DOB / Date de naissance : 1962-01-14
NAM / Health card : OUIS 6201 1422
Procedure / Examen : Échographie rénale
Indication / Raison : insuffisance rénale
ORDERING PHYSICIAN / MÉDECIN
Nom / Name : Dre Lucie Gagnon
Téléphone / Phone : 450 555-7788`),
    );
    expect(o.patient).toMatchObject({ lastName: 'Ouimet', firstName: 'Sylvain' });
    expect(o.prescriber).toMatchObject({ firstName: 'Lucie', lastName: 'Gagnon', phone: '4505557788' });
  });

  it('does not take a title line over a clinic name for a person', () => {
    const o = parseOrder(
      fax(`Lucie Gagnon, IPS
Infirmière praticienne spécialisée
GMF du Vieux-Port
Tél. : 418 555-3030   Permis : 12345-IPS

Patiente : Josée Bilodeau, née le 2 mai 1990
Rx : mammographie diagnostique gauche
Motif : nodule palpable`),
    );
    expect(o.prescriber).toMatchObject({ firstName: 'Lucie', lastName: 'Gagnon', permit: '12345-IPS' });
  });
});

describe('prescriber without a label', () => {
  it('finds the name heading a letterhead over its phone and permit', () => {
    const o = parseOrder(
      fax(`Martin Fournier
Chirurgie orthopédique
Centre médical Laurier
Téléphone 418 555-9999 · permis no 1-23456

Patient : Roch Demers (DDN 1950-06-07)
Radiographie du genou droit, mise en charge
Raison : gonarthrose`),
    );
    expect(o.prescriber).toMatchObject({
      firstName: 'Martin',
      lastName: 'Fournier',
      phone: '4185559999',
      permit: '1-23456',
    });
  });
});

describe('prescriber in a signature block', () => {
  it('takes the capitalised name under the closing, not the sentence ending before it', () => {
    const o = parseOrder(
      fax(`Bonjour,
Merci de faire une échographie pelvienne à M. Olivier Roy, né le 2 mars 1971.
Motif : douleur, à confirmer avant
examen de suivi.
Bien à vous,
Hélène Caron
Gynécologie, CLSC des Rives
Tél. 819 555-0142 · permis 1-77001`),
    );
    expect(o.prescriber).toMatchObject({ firstName: 'Hélène', lastName: 'Caron' });
  });
});

describe('free text ends where the letter closes', () => {
  it('stops clinical information at the closing formula and the signature, blank lines or not', () => {
    const o = parseOrder(
      fax(`Objet : IRM de l'épaule droite
Motif : déchirure de la coiffe suspectée, douleur
nocturne depuis deux mois
En vous remerciant à l'avance, veuillez recevoir mes salutations.
Jacques Lemieux, M.D.
Permis 54321   Tél. 514 555-1212`),
    );
    expect(o.clinicalInfo).toBe('déchirure de la coiffe suspectée, douleur nocturne depuis deux mois');
  });

  it('keeps a sentence that a line break and a blank line cut in two', () => {
    const o = parseOrder(
      fax(`Examen demandé : TDM thoracique
Renseignements cliniques : toux chronique chez un ancien

fumeur, perte de poids.

Dre Lucie Gagnon`),
    );
    expect(o.clinicalInfo).toBe('toux chronique chez un ancien fumeur, perte de poids');
  });

  it('keeps "R/O" inside a clinical value as part of it, and reads "R/C" as clinical information', () => {
    const o = parseOrder(fax(`Rx : échographie abdominale\nR/C : ictère, R/O cholédocholithiase`));
    expect(o.clinicalInfo).toBe('ictère, R/O cholédocholithiase');
  });
});

describe('recipients', () => {
  it("reads a letter's address block as its one destination, a two-line place being one place", () => {
    const o = parseOrder(
      fax(`Dr Marc Pelletier
Tél. : 418 555-1000
Québec, le 4 mars 2026
Département d'imagerie
Hôtel-Dieu de Lévis
Objet : échographie pelvienne
Madame, Monsieur,`),
    );
    expect(o.recipients).toEqual(["Département d'imagerie, Hôtel-Dieu de Lévis"]);
  });

  it('counts two places each with its fax line, even without blank lines (OCR)', () => {
    const o = parseOrder(
      fax(`Dr Marc Pelletier
Tél. : 418 555-1000
Lévis, 2026-03-04
Radiologie Lévis
Fax : 418 555-2000
Imagerie Beauce
Fax : 418 555-3000
Objet : échographie pelvienne`),
    );
    expect(o.recipients).toHaveLength(2);
  });

  it('keeps the fax number in parentheses with its place, across a line break', () => {
    const o = parseOrder(
      fax(`Destinataires : Radiologie Brossard (fax 450 555-0101) ; Imagerie
Longueuil (fax 450 555-0202)
Examen : radiographie pulmonaire`),
    );
    expect(o.recipients).toEqual(['Radiologie Brossard', 'Imagerie Longueuil']);
  });

  it('stands the fax itself for the destination when only a copy is written', () => {
    const o = parseOrder(fax(`Examen : radiographie pulmonaire\nCopie à : Dr Jean Roy, CLSC Sud`));
    expect(o.recipients).toEqual(['destinataire de cette télécopie', 'Dr Jean Roy, CLSC Sud']);
  });
});

describe('values cut by a line break', () => {
  it('reads a birth phrase cut after "née" and a NAM cut between its groups', () => {
    const o = parseOrder(
      fax(`Bonjour, merci de faire une scintigraphie osseuse pour Mme Carole Dion, née
le 07/09/1958, carte RAMQ dioc 5859
0712, tél. 418 555-0101.`),
    );
    expect(o.patient).toMatchObject({ birthDate: '1958-09-07', nam: 'DIOC58590712' });
  });

  it('reads "née le" as OCR often does: "hée |e"', () => {
    const o = parseOrder(fax(`Svp faire une échographie rénale à M. Paul Roy, hée |e 03/02/1961. Merci.`));
    expect(o.patient).toMatchObject({ firstName: 'Paul', lastName: 'Roy', birthDate: '1961-02-03' });
  });

  it('joins a birth date and a patient name split over two lines of prose', () => {
    const o = parseOrder(
      fax(`Bonjour, svp faire une radiographie des sinus à Mme
Nadia Lapointe-De Grandpré, née le 30
décembre 1984. Merci.`),
    );
    expect(o.patient).toMatchObject({
      firstName: 'Nadia',
      lastName: 'Lapointe-De Grandpré',
      birthDate: '1984-12-30',
    });
  });
});

describe('a surname cell that wrapped its first name', () => {
  it('reads "NOM, ⏎ Prénom" as one name when the comma closes the cell', () => {
    const o = parseOrder(
      fax(`Usager : Lavoie Saint-Amand,     Date : 2024-05-01
Geneviève Anne
Date de naissance : 1966-04-21
Échographie mammaire gauche`),
    );
    expect(o.patient).toMatchObject({ firstName: 'Geneviève Anne', lastName: 'Lavoie Saint-Amand' });
  });

  it('does not take the next label for a first name', () => {
    const o = parseOrder(
      fax(`Usager : LAVOIE,
Date de naissance : 1966-04-21
Échographie mammaire gauche`),
    );
    expect(o.patient).toMatchObject({ firstName: null, lastName: 'LAVOIE', birthDate: '1966-04-21' });
  });
});

describe('names with OCR debris', () => {
  it('drops one stray glyph after a first name, keeps a real initial', () => {
    const o = parseOrder(
      fax(`Nom : Gauthier    Prénom : Noémie ç\nDate de naissance : 1990-02-03\nIRM lombaire`),
    );
    expect(o.patient).toMatchObject({ firstName: 'Noémie', lastName: 'Gauthier' });
    const p = parseOrder(
      fax(`Nom : Gauthier    Prénom : Noémie R\nDate de naissance : 1990-02-03\nIRM lombaire`),
    );
    expect(p.patient.firstName).toBe('Noémie R');
  });
});

describe('another identifier when there is no NAM', () => {
  it('takes the address under the patient’s birth date, whatever section the letterhead opened', () => {
    const o = parseOrder(
      fax(`Dr Rémi Paradis
Médecine interne, Hôpital du Sacré-Coeur
Tél : 514 555-0133 - Permis : 1-45120
Nom : PELLETIER, Annie        Date : 3 mars 2025
Né(e) le : 12 août 1972
Adresse : 88, rue des Érables, Laval (Québec) H7N 2K1
Échographie abdominale`),
    );
    expect(o.patient.altId).toBe('88, rue des Érables, Laval (Québec) H7N 2K1');
  });

  it('takes the phone given with the birth date in a sentence', () => {
    const o = parseOrder(
      fax(`Merci de faire une radiographie du poignet chez M. Denis Ouellet (né le 1961-05-30,
joignable au 418 555-0177), sans carte d'assurance maladie.`),
    );
    expect(o.patient.altId).toBe('4185550177');
  });
});

describe('orders and other documents', () => {
  it('calls a request that forgot its exam an order (incomplete), not another document', () => {
    const o = parseOrder(fax(`Demande d'examen\nPatient : Roch Demers, DDN 1950-06-07\nRaison : chute`));
    expect(o.exam).toBeNull();
    expect(o.isOrder).toBe(true);
  });

  it('does not read the prescription sign "Rx" as the exam: the line under it is', () => {
    const o = parseOrder(fax(`Patient : Roch Demers\nRx\nOstéodensitométrie\nDre Lucie Gagnon`));
    expect(o.exam).toBe('Ostéodensitométrie');
  });

  it('still calls a consultation letter without an exam not an order', () => {
    const o = parseOrder(
      fax(`Demande de consultation en cardiologie\nPatient : Roch Demers\nRaison : souffle`),
    );
    expect(o.isOrder).toBe(false);
  });
});

describe('NAM repairs only what OCR truly confuses', () => {
  it('keeps an upper-case letter in 11th position', () => {
    expect(parseNam('LAPK 7052 19L0').nam).toBe('LAPK705219L0');
  });
  it('reads a lower-case l or an I/O there as the digit', () => {
    expect(parseNam('LAPK 7052 19l0').nam).toBe('LAPK70521910');
    expect(parseNam('LAPK 7052 19O0').nam).toBe('LAPK70521900');
  });
  it('does not turn a written letter into a digit without the birth date to confirm it', () => {
    expect(parseNam('LAPK 7052 19AB').nam).toBeNull();
    expect(parseNam('LAPK 70S2 1904', { birthDates: ['1970-02-19'] }).nam).toBe('LAPK70521904');
  });
});

describe('names', () => {
  it('keeps a hyphenated particle with the surname', () => {
    expect(splitName('Nadia Lapointe-De Grandpré')).toEqual({
      firstName: 'Nadia',
      lastName: 'Lapointe-De Grandpré',
    });
  });
});
