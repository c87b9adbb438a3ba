/**
 * Exam checkbox grids as OCR returns them: boxes read as letters or brackets, the checked box
 * often lost, several options on one line. Texts written for these tests, in several OCR styles.
 */
import { describe, expect, it } from 'vitest';
import { parseOrder } from '../../src/parsing/index.ts';
import { markersOf, pickChecked, readGrid, splitGridLine } from '../../src/parsing/checkbox.ts';

const examOf = (text: string): string | null => parseOrder([text]).exam;

const PATIENT = `Nom : Tremblay   Prénom : Julie
DDN : 1970-03-04   NAM : TREJ 7053 0412
`;

describe('checkbox markers', () => {
  it('classifies OCR readings of empty and checked boxes', () => {
    const marks = (t: string): string[] => markersOf(t).map((m) => m.mark);
    expect(marks('O Radio pulmonaire')).toEqual(['unchecked']);
    expect(marks('[0 Radio pulmonaire')).toEqual(['unchecked']);
    expect(marks('[ 1 Radio pulmonaire')).toEqual(['unchecked']);
    expect(marks('UO TEP-scan')).toEqual(['unchecked']);
    expect(marks('{ ] Radio [] Scan [ ]IRM')).toEqual(['unchecked', 'unchecked', 'unchecked']);
    expect(marks('[X] Radio [x] Scan ☒ IRM ■ TDM')).toEqual(['checked', 'checked', 'checked', 'checked']);
    expect(marks('& Radiographie du genou')).toEqual(['checked']);
    expect(marks('☐ Radio □ Scan')).toEqual(['unchecked', 'unchecked']);
  });

  it('does not take words of ordinary text for boxes', () => {
    expect(markersOf('Envoyer à : Radiologie & associés')).toEqual([]);
    expect(markersOf('Examen (s) demandé : douleur à la jambe')).toEqual([]);
    expect(markersOf('vitamine D et calcium')).toEqual([]);
  });

  it('splits a line holding two options, with or without a column gap', () => {
    const texts = (t: string): string[] => splitGridLine(t, 0).options.map((o) => `${o.mark}:${o.text}`);
    expect(texts('O TDM cérébrale sans contraste [0 Scintigraphie osseuse')).toEqual([
      'unchecked:TDM cérébrale sans contraste',
      'unchecked:Scintigraphie osseuse',
    ]);
    expect(texts('[ ] Échographie pelvienne      Radiographie du genou')).toEqual([
      'unchecked:Échographie pelvienne',
      'none:Radiographie du genou',
    ]);
  });

  it('gives no pick when every box reads empty', () => {
    const grid = readGrid([
      { text: 'O Radiographie pulmonaire O IRM du genou', n: 0 },
      { text: 'O TDM cérébrale O Scintigraphie osseuse', n: 1 },
    ]);
    expect(pickChecked(grid)).toBeNull();
  });
});

describe('exam from an OCR-read checkbox grid', () => {
  it('picks the only option whose box vanished (two options per line, heading above)', () => {
    const text = `${PATIENT}EXAMEN DEMANDÉ
UO TEP-scan au FDG O IRM cérébrale avec gadolinium
[0 Radiographie pulmonaire IRM du genou gauche
O TDM cérébrale sans contraste [0 Scintigraphie osseuse
Renseignements cliniques : Ménopause précoce, risque d'ostéoporose.
`;
    expect(examOf(text)).toBe('IRM du genou gauche');
  });

  it('reads "OC" and "GC" as empty boxes, so the option that lost its box stands out', () => {
    const text = `${PATIENT}EXAMENS
OC Ostéodensitométrie            GC Échographie pelvienne
GC TDM du rachis lombaire        Échographie mammaire droite
OC Radiographie du poignet       OC Scintigraphie thyroïdienne
Renseignements cliniques : masse palpable.
`;
    expect(examOf(text)).toBe('Échographie mammaire droite');
  });

  it('reads "Xl" (a checked box whose right side became an l) as checked', () => {
    const text = `${PATIENT}EXAMEN DEMANDÉ
O Échographie thyroïdienne       Xl Radiographie du bassin
O TDM des sinus                  O Mammographie de dépistage
Info. clinique : chute.
`;
    expect(examOf(text)).toBe('Radiographie du bassin');
  });

  it('reads [ ] / [X] boxes in two columns', () => {
    const text = `${PATIENT}Examen(s) demandé(s) :
[ ] Échographie abdominale        [ ] Mammographie de dépistage
[ 1 Ostéodensitométrie            [X] Échographie thyroïdienne
[ ] Radiographie du bassin        [ 1 TDM des sinus
Info. clinique : nodule palpable.
`;
    expect(examOf(text)).toBe('Échographie thyroïdienne');
  });

  it('reads ☐ / ☒ boxes on the line of « Examen demandé : »', () => {
    const text = `${PATIENT}Examen demandé : ☐ Radiographie des mains  ☒ Échographie rénale  ☐ TDM abdominale
Raison : colique néphrétique
`;
    expect(examOf(text)).toBe('Échographie rénale');
  });

  it('reads □ / ■ boxes one option per line', () => {
    const text = `${PATIENT}EXAMEN DEMANDÉ
□ Mammographie bilatérale
■ Échographie mammaire droite
□ IRM mammaire
Renseignements cliniques : masse au QSE.
`;
    expect(examOf(text)).toBe('Échographie mammaire droite');
  });

  it('picks an option whose box vanished at the start of a line, over D / 0 boxes and a wrapped option', () => {
    const text = `${PATIENT}EXAMEN(S) REQUIS
D Scintigraphie pulmonaire de 0 Échographie de la prostate
ventilation-perfusion
Radiographie de l'épaule gauche D Mammographie diagnostique
0 Échographie abdominale supérieure 0 TDM des sinus
Info. clinique : douleur à l'épaule.
`;
    expect(examOf(text)).toBe("Radiographie de l'épaule gauche");
  });

  it('keeps the wrapped end of the picked option', () => {
    const text = `${PATIENT}EXAMEN DEMANDÉ

O Échographie pelvienne endovaginale O Échographie Doppler veineux du membre
inférieur gauche

O Scan abdominal TDM thoraco-abdomino-pelvienne avec
contraste

Renseignements cliniques : perte de poids.
`;
    expect(examOf(text)).toBe('TDM thoraco-abdomino-pelvienne avec contraste');
  });

  it('reads [] / [x] boxes touching the option text', () => {
    const text = `${PATIENT}Examen demandé :
[]Radiographie pulmonaire [x]IRM lombaire
[ ]TDM cérébrale []Échographie pelvienne
Indication : lombosciatalgie.
`;
    expect(examOf(text)).toBe('IRM lombaire');
  });

  it('lists two checked options', () => {
    const text = `${PATIENT}EXAMEN DEMANDÉ
[X] Radiographie pulmonaire [ ] IRM lombaire
[ ] TDM cérébrale [X] Échographie abdominale
Renseignements cliniques : fièvre.
`;
    expect(examOf(text)).toBe('Radiographie pulmonaire ; Échographie abdominale');
  });

  it('gives no exam (never the whole grid) when no box can be told checked', () => {
    const text = `${PATIENT}EXAMEN DEMANDÉ
O Radiographie pulmonaire O IRM lombaire
O TDM cérébrale O Échographie pelvienne
Renseignements cliniques : fièvre.
`;
    const got = parseOrder([text]);
    expect(got.exam).toBeNull();
    expect(got.isOrder).toBe(true);
  });

  it('gives no exam when too many options lost their box to tell', () => {
    const text = `${PATIENT}EXAMEN DEMANDÉ
Radiographie pulmonaire O IRM lombaire
TDM cérébrale Échographie pelvienne
Mammographie bilatérale O Scintigraphie osseuse
Renseignements cliniques : fièvre.
`;
    expect(examOf(text)).toBeNull();
  });

  it('reads a grid with no exam heading, checked box read as "&"', () => {
    const text = `${PATIENT}
C Scintigraphie osseuse C Échographie pelvienne
& Radiographie de la colonne lombaire C Radiographie pulmonaire
C Échographie abdominale C Scan abdominal
Info. clinique : lombalgie.
`;
    expect(examOf(text)).toBe('Radiographie de la colonne lombaire');
  });

  it('reads a heading grid whose options do not name the modality', () => {
    const text = `${PATIENT}Échographie : [ ] pelvienne [X] abdominale [ ] thyroïde
Renseignements cliniques : douleur.
`;
    expect(examOf(text)).toBe('Échographie abdominale');
  });

  it('still reads a labelled exam and a prose request', () => {
    expect(examOf(`${PATIENT}Examen demandé : IRM du genou droit\nIndication : entorse.\n`)).toBe(
      'IRM du genou droit',
    );
    expect(examOf(`${PATIENT}Merci de faire une échographie abdominale pour douleur.\n`)).toBe(
      'échographie abdominale',
    );
  });
});
