import { describe, expect, it } from 'vitest';
import { ParsedOrder } from '../../src/domain/order.ts';
import { parseOrder } from '../../src/parsing/index.ts';
import { BANNER, BANNER_GARBLED, CASES } from './faxes.ts';

/** Where each field was read is tested in provenance.test.ts; the cases compare the values. */
const withoutProvenance = (o: ParsedOrder) => ({ ...o, provenance: {} });

describe('parseOrder on varied fax layouts', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const got = parseOrder(c.pages);
      expect(() => ParsedOrder.parse(got)).not.toThrow();
      expect(withoutProvenance(got)).toEqual(c.expected);
    });
  }
});

/** Misreads OCR makes everywhere: ":" read as ";", the cover text garbled. */
function roughOcr(page: string): string {
  return page.replace(BANNER, BANNER_GARBLED).replace(/ : /g, ' ; ');
}

describe('parseOrder on the same faxes after rough OCR', () => {
  for (const c of CASES) {
    it(c.name, () => {
      expect(withoutProvenance(parseOrder(c.pages.map(roughOcr)))).toEqual(c.expected);
    });
  }
});

describe('parseOrder edge cases', () => {
  it('returns a valid empty order for empty text', () => {
    const got = parseOrder(['']);
    expect(ParsedOrder.parse(got)).toEqual(got);
    expect(got.isOrder).toBe(false);
    expect(got.header.serviceNumberInHeader).toBe(false);
    expect(got.prescriber.phone).toBeNull();
  });

  it('does not count the service number in the body as the header', () => {
    const got = parseOrder([
      `Clinique du Parc
ORDONNANCE
Patient : Luc Roy   DDN : 1970-01-01
Examen demandé : Radiographie du thorax
Ne pas répondre au 418-425-6508.
Dr Jean Roy  Tél. : 514 555-0000
`,
    ]);
    expect(got.header.serviceNumberInHeader).toBe(false);
    expect(got.header.serviceNumberAnywhere).toBe(true);
    expect(got.prescriber.phone).toBe('5145550000');
  });

  it('never takes the service number as an unlabelled prescriber phone', () => {
    const got = parseOrder([
      `14184256508 Jean Roy  Page 1/1
Écho abdominale svp
Patient : Luc Roy   DDN : 1970-01-01
Dr Jean Roy
418.425.6508
`,
    ]);
    expect(got.prescriber.phone).toBeNull();
    expect(got.exam).toBe('Écho abdominale');
  });

  it('does not take a fax number as the prescriber phone', () => {
    const got = parseOrder([
      `Médecin : Dr Jean Roy
Téléc. : 514 555-9999
Patient : Luc Roy
Examen : IRM lombaire
`,
    ]);
    expect(got.prescriber.phone).toBeNull();
  });

  it('keeps a malformed labelled NAM as namRaw', () => {
    const got = parseOrder([
      `Patient : Luc Roy   DDN : 1970-01-01
NAM : ROYL 7001 01
Examen : Radiographie du thorax
`,
    ]);
    expect(got.patient.nam).toBeNull();
    expect(got.patient.namRaw).toBe('ROYL700101');
  });

  it('lists every destination: two fax numbers', () => {
    const got = parseOrder([
      `À : 514 555-1000 ; 450 555-2000
Examen : TDM cérébrale
`,
    ]);
    expect(got.recipients).toEqual(['5145551000', '4505552000']);
  });

  it('reads checked boxes in ☒ style and ignores unchecked ones', () => {
    const got = parseOrder([
      `Examen demandé :
☐ Radiographie pulmonaire    ☒ Mammographie diagnostique    ☐ Échographie mammaire
`,
    ]);
    expect(got.exam).toBe('Mammographie diagnostique');
    expect(got.isOrder).toBe(true);
  });

  it('reads "Nom du médecin" / "Prénom du médecin" and a patient line after them', () => {
    const got = parseOrder([
      `FAX 2026-11-30 10:00  14184256508  Luc Paquette  1 of 2
Nom du médecin : Paquette        Prénom du médecin : Luc
Tél. bureau : 581 555-3030
Nom : Fortier   Prénom : Annie   DDN : 30/04/1988
NAM : FORA 8854 3012
Examen(s) demandé(s) : Échographie obstétricale T1 (datation)
Indication : grossesse 8 sem, saignements
Copie conforme : Dre L. Simard, GMF Sainte-Foy`,
    ]);
    expect(got.header).toMatchObject({ serviceNumberInHeader: true, pageCount: 2 });
    expect(got.prescriber).toEqual({
      firstName: 'Luc',
      lastName: 'Paquette',
      phone: '5815553030',
      permit: null,
    });
    expect(got.patient).toMatchObject({
      firstName: 'Annie',
      lastName: 'Fortier',
      birthDate: '1988-04-30',
      nam: 'FORA88543012',
    });
    expect(got.exam).toBe('Échographie obstétricale T1 (datation)');
    expect(got.clinicalInfo).toBe('grossesse 8 sem, saignements');
    expect(got.recipients).toEqual(['destinataire de cette télécopie', 'Dre L. Simard, GMF Sainte-Foy']);
  });
});
