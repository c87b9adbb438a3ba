/**
 * Issue 11's classes of reading error, each in wording and layouts written here (not copied from
 * any corpus): the reader must get them from the page's geometry and the NAM, not from one form.
 */
import { describe, expect, it } from 'vitest';
import { findDates, parseOrder } from '../../src/parsing/index.ts';
import { validate } from '../../src/validation/index.ts';
import { BANNER } from './faxes.ts';
import { textReading } from '../validation/helpers.ts';
import { ocrLayout } from './layout-builder.ts';

const HEADER = '2026-10-14 13:02   De : 418-425-6508   Page 1/1';
const fax = (body: string) => [`${HEADER}\n${BANNER}\n\n${body}`];

describe('an ambiguous birth date is read as Quebec writes it, never chosen to please the NAM', () => {
  // 07/03/1981 is 7 March in Quebec; the NAM below encodes 3 July (810703).
  const order = parseOrder(
    fax(`Dr Marc-André Poirier   Tél. : 514 555-0199   Permis : 10457

Patiente : Nadia Bergeron
Né(e) le : 07/03/1981      Assurance maladie : BERN 8157 0322
Demande : Échographie pelvienne
Motif : saignements
Date : 2026-10-14`),
  );

  it('keeps day/month and reports the NAM that agrees only with them swapped', () => {
    expect(order.patient.birthDate).toBe('1981-03-07');
    const report = validate(order, textReading());
    const check = report.checks.find((c) => c.id === 'patient.nam_consistency');
    expect(check?.status).toBe('warn');
    expect(check?.message).toMatch(/jour et le mois inversés \(1981-07-03\)/);
    expect(report.verdict).toBe('review');
  });
});

describe('a letterhead spaced out over several rows still names the prescriber', () => {
  it('takes the capitalised name over its specialty, a blank row, then the clinic and its phone', () => {
    const order = parseOrder(
      fax(`Geneviève Labrecque
Orthopédie

Polyclinique des Chutes
Téléphone 819 555-3321 · Permis 77102

Usager : PELLETIER, Rémi   DDN : 1958-11-23
Examen : TDM du genou droit`),
    );
    expect(order.prescriber).toMatchObject({
      firstName: 'Geneviève',
      lastName: 'Labrecque',
      phone: '8195553321',
    });
  });
});

describe('a letter asking for an exam is an order', () => {
  it('reads a polite request as an order, even when it asks for the report back', () => {
    const order = parseOrder(
      fax(`Dr Hugo Tessier, interniste
Tél. : 450 555-8810   Permis : 2-33018

Sherbrooke, le 3 octobre 2026

Objet : Mme Josée Caron, née le 12 janvier 1950, NAM CARJ 5061 1218

Chère consœur, cher confrère,

Auriez-vous l'obligeance de bien vouloir réaliser une tomodensitométrie thoracique chez cette patiente,
suivie pour un nodule pulmonaire. Je vous saurais gré de m'adresser le rapport dès que possible.

Cordialement,
Dr Hugo Tessier`),
    );
    expect(order.isOrder).toBe(true);
  });

  it('still tells a results report from an order', () => {
    const order = parseOrder(
      fax(`RAPPORT DE RÉSULTATS DE LABORATOIRE
Patient : Caron, Josée   NAM CARJ 5061 1218
Hémoglobine 131 g/L   Créatinine 88 µmol/L
Suivi suggéré : échographie rénale au besoin`),
    );
    expect(order.isOrder).toBe(false);
  });
});

describe('the transmission header names its sender even when OCR reads a letter as a digit', () => {
  it("reads « 0'Brien » after the service number as O'Brien, and leaves « PAGE1OF1 » alone", () => {
    const withDigit = parseOrder([
      `2026-10-14 09:12  De: 14184256508 Karine 0'Brien   A: 4505550123  p. 1/1\n${BANNER}\n\nExamen : IRM lombaire`,
    ]);
    expect(withDigit.header.sender).toEqual({ firstName: 'Karine', lastName: "O'Brien" });
    const upper = parseOrder([
      `OCT-14-2026 09:12  TO: 4505550123  FROM: 14184256508 KARINE OBRIEN PAGE1OF1\n${BANNER}\n\nExamen : IRM lombaire`,
    ]);
    expect(upper.header.sender?.lastName?.toUpperCase()).toBe('OBRIEN');
  });
});

describe('a patient without NAM is identified by the address written in the sentence about them', () => {
  it('takes the civic address up to the postal code as the other identifier', () => {
    const order = parseOrder(
      fax(`Dre Annie Fortier — Tél. 418 555-7000 — Permis 55012

Veuillez effectuer une radiographie des sinus chez M. Paul Ménard, né le 3 mars 1944, résidant au 212, rue
des Érables, Rimouski (Québec) G5L 2K8. Il n'a pas sa carte d'assurance maladie.`),
    );
    expect(order.patient.nam).toBeNull();
    expect(order.patient.altId).toBe('212, rue des Érables, Rimouski (Québec) G5L 2K8');
    const nam = validate(order, textReading()).checks.find((c) => c.id === 'patient.nam');
    expect(nam?.status).toBe('warn');
  });
});

describe('a fax sent by an assistant for the prescriber', () => {
  const body = (note: string) =>
    [
      `2026-10-14 13:02   De : 418-425-6508 Chloé Vachon   Page 1/1\n${BANNER}\n\nDr Étienne Brassard, pneumologue   Tél. : 819 555-4400   Permis : 1-88120\nUsager : LANGLOIS, Denis   DDN : 1950-02-14   NAM : LAND 5002 1419\nExamen : TDM thoracique\nMotif : toux chronique\nDate : 2026-10-14\n\n${note}`,
    ] as const;

  it('passes the sender check when the order says who sent it for whom', () => {
    const order = parseOrder(
      body('Transmis par Chloé Vachon, secrétaire médicale, pour le compte du Dr Brassard.'),
    );
    expect(order.sentOnBehalf).toEqual({
      sender: { firstName: 'Chloé', lastName: 'Vachon' },
      prescriber: { firstName: null, lastName: 'Brassard' },
    });
    const check = validate(order, textReading()).checks.find((c) => c.id === 'prescriber.sender_match');
    expect(check?.status).toBe('pass');
    expect(check?.message).toMatch(/au nom du prescripteur/);
  });

  it('still warns when the note names someone else than the header, or says nothing', () => {
    for (const note of ['Transmis par Paul Roy pour le compte du Dr Brassard.', 'Merci.']) {
      const check = validate(parseOrder(body(note)), textReading()).checks.find(
        (c) => c.id === 'prescriber.sender_match',
      );
      expect(check?.status).toBe('warn');
    }
  });
});

describe("the order's date", () => {
  it("prefers the requisition's own date to the date the covering e-mail was sent", () => {
    const order = parseOrder(
      fax(`Courriel transféré
Envoyé le : 15 octobre 2026 07:55
Date : 15 octobre 2026 07:55
Objet : requête d'imagerie

Dr Samuel Giroux   Tél. : 418 555-6161   Permis : 30044
Usager : Rivard, Lise   DDN : 1961-06-30   NAM : RIVL 6156 3011
Examen : Échographie abdominale     Motif : douleur
Date de la requête : 2026-10-14`),
    );
    expect(order.orderDate).toBe('2026-10-14');
  });
});

describe('OCR slips in dates and NAMs written by hand', () => {
  it('reads « Jer février » as the first of the month and a NAM split with hyphen and space', () => {
    const order = parseOrder(
      fax(`Dre Nathalie Roy   Tél. 418 555-2211   Permis 40019
Nom du patient : Gilles Savard
Date de naissance : Jer février 1949
SAVG-4902- 0133
Examen : Radiographie du bassin`),
    );
    expect(order.patient.birthDate).toBe('1949-02-01');
    expect(order.patient.nam).toBe('SAVG49020133');
  });
});

describe('values cut by a line break or under a qualified heading', () => {
  it('joins a NAM whose letters end one line and digits start the next', () => {
    const order = parseOrder(
      fax(`Dr Alain Bédard   Tél. 450 555-9000   Permis 12077
Veuillez faire une IRM cérébrale à M. Yves Gingras, né le 1952-08-09, numéro d'assurance maladie : GINY
52080914, pour céphalées.`),
    );
    expect(order.patient.nam).toBe('GINY52080914');
  });

  it('reads clinical information under a heading with a qualifier and no colon', () => {
    const order = parseOrder(
      fax(`Examen : Mammographie de dépistage
RENSEIGNEMENTS CLINIQUES UTILES

Sœur avec cancer du sein à 45 ans.`),
    );
    expect(order.clinicalInfo).toMatch(/^Sœur avec cancer du sein/);
  });
});

describe('a noisy fax: specks and stray glyphs are not text', () => {
  it('reads the value under its label across a row of specks, and drops a lone unsure glyph beside a name', () => {
    const rows = [
      '2026-10-21 08:40   14184256508 Rachel Côté   Page 1/1',
      ...BANNER.split('\n'),
      '',
      'Nom                    Prénom',
      'Paradis                Hugo                  IE',
      'Date de naissance',
      ';      .',
      '14 juin 1990',
      'Examen : Radiographie du genou',
    ];
    const layout = ocrLayout(rows, (w) => (w === 'IE' ? 30 : w.length === 1 ? 25 : 93));
    // Specks are tiny boxes: shrink the one-character noise of the speck row.
    for (const b of layout.blocks)
      for (const l of b.lines)
        for (const w of l.words)
          if (/^[;.]$/.test(w.text)) w.box = [w.box[0], w.box[1], w.box[0] + 3, w.box[1] + 3];
    const order = parseOrder([{ text: rows.join('\n'), layout }]);
    expect(order.patient).toMatchObject({ lastName: 'Paradis', firstName: 'Hugo', birthDate: '1990-06-14' });
  });
});

describe('the transmission header spread over the first lines', () => {
  it("takes a « Pour : » number above the service number as the fax's own destination, and a spaced compound name", () => {
    const order = parseOrder([
      `lun. 19 oct. 2026 10:02
/  Pour : 4505550177
FROM: (418) 425-6508 MARIE - PIER GAUDET   PAGE 1 OF 1
${BANNER}

Destinataire : Radiologie, Hôpital Pierre-Boucher — téléc. 450 555-0177
Dre Marie-Pier Gaudet   Tél. 450 555-1212   Permis 1-55019
Examen : TDM abdominale`,
    ]);
    expect(order.header.sender).toEqual({ firstName: 'MARIE-PIER', lastName: 'GAUDET' });
    expect(order.recipients).toHaveLength(1);
  });
});

describe('a cover sheet', () => {
  it('does not lend its date (when the fax was sent) to an order that has none', () => {
    const order = parseOrder([
      `${HEADER.replace('1/1', '1/2')}\n${BANNER}\n\nPAGE COUVERTURE — TÉLÉCOPIE\nDate : 14 octobre 2026\nNombre de pages : 2\nÀ : Imagerie, CH de Granby`,
      `${HEADER.replace('1/1', '2/2')}\n\nDr Lionel Jetté   Tél. 450 555-0404   Permis 23311\nUsager : Gagné, Lucie   DDN 1958-01-02\nExamen : Échographie de la thyroïde`,
    ]);
    expect(order.orderDate).toBeNull();
  });
});

describe('the service number with one digit misread by OCR', () => {
  const withNumber = (n: string, banner = BANNER) =>
    parseOrder([`2026/10/22 09:15   #4411   ${n} Yves Morin   01/01\n${banner}\n\nExamen : IRM du genou`]);

  it('is the service number when the cover text of the service is there, and says it was corrected', () => {
    const order = withNumber('14184256568');
    expect(order.header.serviceNumberInHeader).toBe(true);
    expect(order.header.sender).toEqual({ firstName: 'Yves', lastName: 'Morin' });
    expect(order.repairs).toContainEqual(
      expect.objectContaining({ field: 'header.serviceNumber', from: '4184256568' }),
    );
    const check = validate(order, textReading()).checks.find((c) => c.id === 'service.number');
    expect(check).toMatchObject({ status: 'pass' });
    expect(check?.message).toMatch(/numéro du service corrigé/i);
  });

  it('is not, without the cover text or when two digits differ', () => {
    expect(withNumber('14184256568', 'Télécopie de la clinique').header.serviceNumberInHeader).toBe(false);
    expect(withNumber('14184257768').header.serviceNumberInHeader).toBe(false);
    expect(withNumber('1 418 42h 6h08').header.serviceNumberInHeader).toBe(false);
  });

  it('counts a digit read as a letter as one misread digit (« 1 418 42h 6508 »)', () => {
    const order = withNumber('1 418 42h 6508');
    expect(order.header.serviceNumberInHeader).toBe(true);
    expect(order.header.sender).toEqual({ firstName: 'Yves', lastName: 'Morin' });
    expect(withNumber('1 418 42h 6508', 'Télécopie de la clinique').header.serviceNumberInHeader).toBe(false);
  });

  it('reads a comma between digits as the dot OCR turned it into (« 418.425,6508 »), cover text or not', () => {
    const order = withNumber('418.425,6508', 'Télécopie de la clinique');
    expect(order.header.serviceNumberInHeader).toBe(true);
    expect(order.repairs).toEqual([]);
  });
});

describe('a grid whose label follows a word the reader does not know', () => {
  it('takes the value under the whole cell (« Nº de permis » read « Ne de permis »)', () => {
    const rows = [
      '2026-10-21 08:40   14184256508 Rachel Côté   Page 1/1',
      ...BANNER.split('\n'),
      '',
      'MÉDECIN',
      'Ne de permis           Tél. pour joindre le médecin',
      '1-30551                819 555-7272',
    ];
    const order = parseOrder([{ text: rows.join('\n'), layout: ocrLayout(rows) }]);
    expect(order.prescriber).toMatchObject({ permit: '1-30551', phone: '8195557272' });
  });
});

describe('a cover sheet and the order in one image', () => {
  it('keeps the order sheet’s own date, below the second transmission header', () => {
    const order = parseOrder([
      `${HEADER.replace('1/1', '1/2')}\n${BANNER}\n\nBordereau de transmission\nDate : 13/10/2026\nNombre de pages : 2\n\n2026-10-14 13:02   De : 418-425-6508   Page 2/2\n\nDr Lionel Jetté   Tél. 450 555-0404   Permis 23311\nUsager : Gagné, Lucie   DDN 1958-01-02\nExamen : Échographie de la thyroïde\nDate : 12/10/2026`,
    ]);
    expect(order.orderDate).toBe('2026-10-12');
  });
});

describe('a header row of labels with one label garbled by OCR', () => {
  const grid = (labels: string) => [
    '2026-11-03 10:12   14184256508 Hélène Fortin   Page 1/1',
    ...BANNER.split('\n'),
    '',
    'MÉDECIN TRAITANT',
    labels,
    'Fortin                Hélène              819 555-4411',
  ];

  it.each([['Préthom'], ['bréhom'], ['Prenorn']])(
    'reads the first name under « %s » beside a clean « Nom » cell',
    (garbled) => {
      const rows = grid(`Nom                   ${garbled}             Téléphone`);
      const order = parseOrder([{ text: rows.join('\n'), layout: ocrLayout(rows) }]);
      expect(order.prescriber).toMatchObject({
        lastName: 'Fortin',
        firstName: 'Hélène',
        phone: '8195554411',
      });
    },
  );

  it('leaves a surname two slips from a label alone in the row of values', () => {
    const rows = grid('Nom                   Prénom              Téléphone').map((row) =>
      row.startsWith('Fortin') ? 'Prethom               Hélène              819 555-4411' : row,
    );
    const order = parseOrder([{ text: rows.join('\n'), layout: ocrLayout(rows) }]);
    expect(order.prescriber).toMatchObject({ lastName: 'Prethom', firstName: 'Hélène' });
  });
});

describe("a letter whose doctor's title OCR garbled", () => {
  const letter = (sender: string, intro: string, signature: string) => [
    `2026-11-20 09:15   1 418 425-6508 ${sender}   01/01\n${BANNER}\n\n${intro} Hélène Fortin, médecin de famille
Clinique des Rivières, 210 rue Racine, Chicoutimi
Tél. pour joindre le médecin : 418 555-0142

Objet : Mme Julie Gagnon, née le 1980-04-12, NAM GAGJ 8054 1212

Madame, Monsieur, je vous saurais gré de bien vouloir effectuer une échographie abdominale chez cette patiente.

${signature}`,
  ];

  it.each([
    ['bre', 'Die Hélène Fortin'],
    ['Ore', 'Salutations'],
  ])('names the sender of the header as prescriber after « %s »', (title, signature) => {
    const order = parseOrder(letter('Hélène Fortin', title, signature));
    expect(order.prescriber).toMatchObject({ firstName: 'Hélène', lastName: 'Fortin', phone: '4185550142' });
  });

  it('never makes a prescriber of a name the header does not send, nor after a word that is no title', () => {
    expect(parseOrder(letter('Martin Roy', 'bre', 'Salutations')).prescriber.lastName).toBeNull();
    expect(parseOrder(letter('Hélène Fortin', 'par', 'Salutations')).prescriber.lastName).toBeNull();
  });
});

describe('a labelled birth date whose separators OCR lost', () => {
  it.each([['1969 0730'], ['1969 07 30'], ['19690730']])('reads « née le %s » as 1969-07-30', (written) => {
    const order = parseOrder(fax(`Patiente : Éloïse Provencher, née le ${written}, NAM PROE 6957 3043`));
    expect(order.patient.birthDate).toBe('1969-07-30');
  });

  it('takes no such run of digits for a date where no label asks for one', () => {
    expect(findDates('Dossier 1969 0730 à classer')).toEqual([]);
  });
});

describe('a permit whose label OCR could not read', () => {
  const form = (permitCell: string, patientExtra = '') => [
    '2026-11-24 14:40   418.425.6508 Rémi Lavoie   p. 1/1',
    ...BANNER.split('\n'),
    '',
    'USAGER',
    'Nom                   Prénom              NAM',
    `Cloutier              Anne                CLOA 7104 2211   ${patientExtra}`,
    'Examen : Radiographie du genou droit',
    '',
    'MÉDECIN TRAITANT',
    'Nom                   Prénom',
    'Lavoie                Rémi',
    'wxvz                  Tél.',
    `${permitCell}                 450 555-0188`,
  ];
  const read = (rows: string[]) => parseOrder([{ text: rows.join('\n'), layout: ocrLayout(rows) }]);

  it('takes « 1- » and five digits under the prescriber as the permit, not the phone beside it', () => {
    const order = read(form('1-40217'));
    expect(order.prescriber).toMatchObject({ lastName: 'Lavoie', phone: '4505550188', permit: '1-40217' });
  });

  it('takes no bare number without its label, nor a « 1-nnnnn » of the patient’s section', () => {
    expect(read(form('40217  ')).prescriber.permit).toBeNull();
    const rows = form('       ', 'dossier 1-55555');
    expect(read(rows).prescriber.permit).toBeNull();
  });
});

describe('a name label whose colon is lost, and a surname that spells a particle', () => {
  const form = (patientRow: string) => [
    '2026-11-25 08:05   1 418 425-6508 Yves Bédard   1/1',
    ...BANNER.split('\n'),
    '',
    patientRow,
    'Date de naissance : 2001-02-17',
    'Examen : Échographie abdominale',
  ];
  const patientOf = (row: string) => {
    const rows = form(row);
    return parseOrder([{ text: rows.join('\n'), layout: ocrLayout(rows) }]).patient;
  };

  it('reads « Nom de la patiente Thi Lan Nguyen » with no colon as the name after the label', () => {
    expect(patientOf('Nom de la patiente Thi Lan Nguyen')).toMatchObject({
      firstName: 'Thi Lan',
      lastName: 'Nguyen',
    });
  });

  it('keeps « Le » as the surname of « Minh Le », OCR having dropped the accent of Lê', () => {
    expect(patientOf('Nom du patient : Minh Le')).toMatchObject({ firstName: 'Minh', lastName: 'Le' });
  });

  it('still drops the lower-case particle of a cut name, and reads no name from prose', () => {
    expect(patientOf('Nom du patient : Marc de')).toMatchObject({ lastName: 'Marc' });
    expect(patientOf('Le nom du patient Marc Roy figure au dossier.')).toMatchObject({
      firstName: null,
      lastName: null,
    });
  });
});

describe('one patient named twice, one OCR slip apart', () => {
  const rows = (cell: string) => [
    '2026-11-26 16:20   14184256508 Nadia Ouellet   1/1',
    ...BANNER.split('\n'),
    '',
    'Bonjour, ci-joint la demande pour M. Pierre Lavoie. Bonne journée.',
    '',
    `Nom du patient : ${cell}`,
    'Date de naissance : 1936-06-11',
    'Examen : Scintigraphie osseuse',
  ];
  const patientOf = (cell: string, confidence: (w: string) => number) => {
    const r = rows(cell);
    return parseOrder([{ text: r.join('\n'), layout: ocrLayout(r, confidence) }]).patient;
  };

  it('takes the typed reading OCR was surer of over the handwritten cell', () => {
    const patient = patientOf('Pierce Lavoie', (w) => (w === 'Pierce' ? 52 : 95));
    expect(patient).toMatchObject({ firstName: 'Pierre', lastName: 'Lavoie' });
  });

  it('keeps the cell when it was read surer, or when the two differ in both parts', () => {
    expect(patientOf('Pierce Lavoie', (w) => (w === 'Pierre' ? 40 : 95)).firstName).toBe('Pierce');
    expect(patientOf('Pierce Lavoia', (w) => (w === 'Pierce' ? 40 : 95))).toMatchObject({
      firstName: 'Pierce',
      lastName: 'Lavoia',
    });
  });

  it('keeps a text layer’s cell as written (no confidence to compare)', () => {
    const r = rows('Pierce Lavoie');
    expect(parseOrder([r.join('\n')]).patient.firstName).toBe('Pierce');
  });
});

describe('a patient named only in a sentence', () => {
  it('ends the name with its sentence, not at the next capitalised word', () => {
    const order = parseOrder([
      fax(`Bonjour, merci de voir Mme Julie Roy. Bonne fin de journée.
Née le 1990-04-02, NAM ROYJ 9054 0212
Examen : Radiographie pulmonaire
Dr Paul Gagné, tél. 418 555-0134`).join(''),
    ]);
    expect(order.patient).toMatchObject({ firstName: 'Julie', lastName: 'Roy' });
  });
});

describe('an addressing word before the patient', () => {
  const note = (forLine: string) =>
    fax(`À : Radiologie, Hôpital de Chicoutimi — téléc. 418 555-0120
Référé par : Dre Marie Tremblay (permis 1-44556), GMF Laurier, 418-555-0177
${forLine}
Svp faire : IRM du genou gauche
Motif : déchirure méniscale ?`);

  it('reads « Pour : M. Paul Roy, né le … » as the patient, and not as a second destination', () => {
    const order = parseOrder(note('Pour : M. Paul Roy, né le 1961-07-22, NAM ROYP 6107 2211'));
    expect(order.patient).toMatchObject({ firstName: 'Paul', lastName: 'Roy', nam: 'ROYP61072211' });
    expect(order.recipients).toHaveLength(1);
  });

  it('keeps « Pour : » a destination when the line does not identify a patient', () => {
    const order = parseOrder(note('Pour : Imagerie Saguenay, téléc. 418 555-0199'));
    expect(order.recipients).toHaveLength(2);
  });
});

describe('an English requisition', () => {
  it.each([['Reason'], ['Diagnosis'], ['Symptoms'], ['Clinical notes']])(
    'ends the exam at « %s: » and reads it as the clinical information',
    (label) => {
      const order = parseOrder(
        fax(`Patient: Smith, John     DOB: 1970-01-02     RAMQ: SMIJ 7001 0211
Exam: Chest X-ray PA and lateral
${label}: chronic cough for 3 months
Physician: Dr. Anne Bédard, License 12345, Tel 514 555 0123`),
      );
      expect(order.exam).toBe('Chest X-ray PA and lateral');
      expect(order.clinicalInfo).toMatch(/^chronic cough/);
    },
  );
});

describe('a name label that says which part comes first', () => {
  const patientOf = (line: string) =>
    parseOrder(
      fax(`${line}
Date de naissance : 12 juillet 1958
Examen : Scintigraphie cardiaque
Médecin : Dre Sophie Girard   Permis : 88812   Tél. : 418 555-0190`),
    ).patient;

  it.each([
    ['Nom et prénom : Lévesque Marc-André', 'Lévesque', 'Marc-André'],
    ["Nom et prénom de l'usager : De Grandpré Anne", 'De Grandpré', 'Anne'],
    ['Prénom et nom du patient : Marc-André Lévesque', 'Lévesque', 'Marc-André'],
    ['Last name, first name: Lévesque Marc-André', 'Lévesque', 'Marc-André'],
  ])('« %s »', (line, lastName, firstName) => {
    expect(patientOf(line)).toMatchObject({ lastName, firstName });
  });
});

describe('labels misread by one letter', () => {
  const order = parseOrder(
    fax(`Nom du patiemt : Gagnon, Luc
Date de naissanee : 1950-03-03
No d'assurance maladle : GAGL 5003 0312
Examem : Radiographie pulmonaire
Médecim : Dre Anne Roy   Permls : 12345   Téléphome : 418.555.0101`),
  );

  it('reads each value under its label', () => {
    expect(order.patient).toMatchObject({ lastName: 'Gagnon', firstName: 'Luc', birthDate: '1950-03-03' });
    expect(order.exam).toBe('Radiographie pulmonaire');
    expect(order.prescriber).toMatchObject({ lastName: 'Roy', permit: '12345', phone: '4185550101' });
  });

  it('leaves values alone: a surname one letter from a label word stays the surname', () => {
    const named = parseOrder(
      fax(`Nom : Permin   Prénom : Luc   Date de naissance : 1950-03-03
Examen : Radiographie pulmonaire
Médecin : Dre Anne Roy   Permis : 12345   Tél. : 418 555-0101`),
    );
    expect(named.patient).toMatchObject({ lastName: 'Permin', firstName: 'Luc' });
  });
});

describe('an e-mail order written as sentences', () => {
  it('takes « ma patiente Josée Bérubé (1968-02-14) » as the patient and her birth date', () => {
    const order = parseOrder(
      fax(`Bonjour,
J'aimerais une mammographie diagnostique bilatérale pour ma patiente Josée Bérubé (1968-02-14), NAM BERJ68521411, masse palpable.
Vous pouvez me joindre au 819 555-0166.
Dr François Nadeau, no permis 33445`),
    );
    expect(order.patient).toMatchObject({ firstName: 'Josée', lastName: 'Bérubé', birthDate: '1968-02-14' });
  });

  it('stops a name at the line that opens with a label, and the exam before « pour: »', () => {
    const order = parseOrder(
      fax(`Bonjour,
SVP faire une échographie abdominale pour:
Mme Nathalie Poulin
DDN: 1975/06/21
NAM: POUN 7556 2118
Karine Lapointe, MD, permis 1-12121, cell. 514-555-0177`),
    );
    expect(order.patient).toMatchObject({
      firstName: 'Nathalie',
      lastName: 'Poulin',
      birthDate: '1975-06-21',
    });
    expect(order.exam).toBe('échographie abdominale');
  });

  it('takes no birth date from a date after the name that is not alone in its parentheses', () => {
    const order = parseOrder(
      fax(`Merci de faire une radiographie du thorax à ma patiente Josée Bérubé (vue le 2026-10-01 pour toux).
NAM BERJ68521411
Dr François Nadeau, no permis 33445, tél. 819 555-0166`),
    );
    expect(order.patient.lastName).toBe('Bérubé');
    expect(order.patient.birthDate).toBeNull();
  });
});

describe('a birth date in the sentence that names the patient', () => {
  it('reads « M. Mathieu Lavoie, né⏎le 1966-11-07 » across the wrap', () => {
    const rows = [
      '2026-10-14 13:02   De : 418-425-6508   Page 1/1',
      ...BANNER.split('\n'),
      '',
      'Bonjour,',
      'Pourriez-vous s’il vous plaît procéder à un TEP-scan au FDG pour M. Mathieu Lavoie, né',
      'le 1966-11-07, NAM LAVM-6611-0799 ?',
      'Raison : douleurs osseuses diffuses.',
      'Dr Marie-Claude Bérubé, no de permis 81483, tél. 514 555-6679',
    ];
    const order = parseOrder([{ text: rows.join('\n'), layout: ocrLayout(rows) }]);
    expect(order.patient).toMatchObject({
      firstName: 'Mathieu',
      lastName: 'Lavoie',
      birthDate: '1966-11-07',
    });
  });
});

describe('a full name wrapped onto the next line', () => {
  const form = (second: string) => {
    const rows = [
      '2026-11-17 07:51   De : (418) 425-6508 Marie-Claude St-Onge   Page 1/1',
      ...BANNER.split('\n'),
      '',
      'Patient : Jérôme Gauthier   Né le : 2000-03-12   NAM : GAUJ 0003 1211',
      'Examen : Radiographie de la colonne lombaire',
      'Nom du médecin : Dr Marie-Claude        Permis no : 67575',
      second,
      'Téléphone : 418 555-0144',
    ];
    return parseOrder([{ text: rows.join('\n'), layout: ocrLayout(rows) }]).prescriber;
  };

  it('joins the surname wrapped under the value, or flowed back to the line start', () => {
    expect(form('                    St-Onge')).toMatchObject({
      firstName: 'Marie-Claude',
      lastName: 'St-Onge',
    });
    expect(form('St-Onge')).toMatchObject({ firstName: 'Marie-Claude', lastName: 'St-Onge' });
  });

  it('takes no exam word, label or text of another column as the rest of the name', () => {
    expect(form('Radiographie').lastName).toBe('Marie-Claude');
    expect(form('Spécialité : Radiologie').lastName).toBe('Marie-Claude');
    expect(form('                                            Laval').lastName).toBe('Marie-Claude');
  });
});
