import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { PDFParse } from 'pdf-parse';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IsoDate, Nam, PhoneDigits } from '../src/domain/order.ts';
import { Verdict } from '../src/domain/report.ts';
import {
  buildCorpus,
  expectedFields,
  expectedVerdict,
  formatNam,
  generateSpec,
  makeNam,
  NAM_PATTERN,
  namDigits,
  namIsConsistent,
  namLetters,
  ORDER_LAYOUTS,
  pagesText,
  readTiffIfds,
  renderFixture,
  renderPages,
  Rng,
  SCENARIOS,
  SERVICE_NUMBER,
  type CorpusEntry,
  type Scenario,
} from './fixtures/index.ts';

/** The JSON shape the CLI prints for a fax's fields. */
const FieldsShape = z
  .object({
    sender: z
      .object({ firstName: z.string().min(1), lastName: z.string().min(1) })
      .strict()
      .nullable(),
    prescriber: z
      .object({
        firstName: z.string().min(1).nullable(),
        lastName: z.string().min(1).nullable(),
        phone: PhoneDigits.nullable(),
        permit: z.string().min(1).nullable(),
      })
      .strict(),
    patient: z
      .object({
        firstName: z.string().min(1).nullable(),
        lastName: z.string().min(1).nullable(),
        birthDate: IsoDate.nullable(),
        nam: Nam.nullable(),
        altId: z.string().min(1).nullable(),
      })
      .strict(),
    exam: z.string().min(1).nullable(),
    clinicalInfo: z.string().min(1).nullable(),
    orderDate: IsoDate.nullable(),
    recipients: z.array(z.string().min(1)),
    isOrder: z.boolean(),
  })
  .strict();

const VERDICT_BY_SCENARIO: Record<Scenario, Verdict> = {
  valid: 'ok',
  no_nam_alt_id: 'review',
  no_nam: 'incomplete',
  malformed_nam: 'incomplete',
  nam_inconsistent: 'review',
  no_birthdate: 'incomplete',
  no_phone: 'incomplete',
  service_phone: 'incomplete',
  no_permit: 'review',
  cc: 'incomplete',
  second_fax: 'incomplete',
  no_exam: 'incomplete',
  no_clinical_info: 'review',
  no_order_date: 'review',
  sender_other: 'review',
  no_sender: 'review',
  no_banner: 'review',
  not_service: 'not_service',
  no_header: 'not_service',
  lab_results: 'not_order',
  referral: 'not_order',
  blank: 'unreadable',
};

const lower = (s: string) => s.normalize('NFC').toLowerCase();

describe('NAM', () => {
  it('takes 3 surname letters (padded with X) and 1 given-name letter, accents and punctuation removed', () => {
    expect(namLetters("D'Amours", 'Élodie')).toBe('DAME');
    expect(namLetters('Ng', 'Luc')).toBe('NGXL');
    expect(namLetters('Li', 'Ève')).toBe('LIXE');
    expect(namLetters('Saint-Pierre', 'Jean')).toBe('SAIJ');
    expect(namLetters('De Grandpré', 'Zoé')).toBe('DEGZ');
  });

  it('adds 50 to the month for women', () => {
    expect(namDigits('1985-03-15', 'F')).toBe('855315');
    expect(namDigits('1985-03-15', 'M')).toBe('850315');
  });

  it('is well formed and consistent by construction', () => {
    const rng = new Rng(7);
    for (let i = 0; i < 200; i++) {
      const person = {
        lastName: rng.pick(['Côté', 'Ng', "L'Heureux"]),
        firstName: 'Élodie',
        birthDate: '1985-03-15',
        sex: 'F' as const,
      };
      const nam = makeNam(person, rng);
      expect(nam).toMatch(NAM_PATTERN);
      expect(namIsConsistent(nam, person)).toBe(true);
    }
  });

  it('is written with spaces, hyphens or compact', () => {
    expect(formatNam('TREJ85031512', 'spaced')).toBe('TREJ 8503 1512');
    expect(formatNam('COTS800510A4', 'hyphen')).toBe('COTS-8005-10A4');
    expect(formatNam('TREJ85031512', 'compact')).toBe('TREJ85031512');
  });
});

describe('specs and expectations', () => {
  const specs = SCENARIOS.flatMap((scenario) =>
    ORDER_LAYOUTS.flatMap((layout) =>
      [1, 2].map((n) => generateSpec(1000 * n + scenario.length * 31 + layout.length, { scenario, layout })),
    ),
  );

  it('expected fields have exactly the CLI shape', () => {
    for (const spec of specs) expect(() => FieldsShape.parse(expectedFields(spec))).not.toThrow();
  });

  it('gives the verdict each scenario is built for', () => {
    for (const spec of specs) {
      expect({ scenario: spec.scenario, verdict: expectedVerdict(spec) }).toEqual({
        scenario: spec.scenario,
        verdict: VERDICT_BY_SCENARIO[spec.scenario as Scenario],
      });
    }
  });

  it('keeps NAMs consistent unless the scenario says otherwise', () => {
    for (const spec of specs) {
      const { nam, birthDate } = spec.patient;
      if (!nam || !birthDate) continue;
      expect(NAM_PATTERN.test(nam.value)).toBe(nam.wellFormed);
      if (nam.wellFormed) {
        expect(namIsConsistent(nam.value, { ...spec.patient, birthDate })).toBe(
          spec.scenario !== 'nam_inconsistent',
        );
      }
    }
  });

  it('never gives the prescriber the service number unless that is the defect', () => {
    for (const spec of specs) {
      expect(spec.prescriber.phone === SERVICE_NUMBER).toBe(spec.scenario === 'service_phone');
    }
  });

  it('prints what the spec says on the pages', () => {
    for (const spec of specs.filter((s) => s.kind === 'order' && s.header.kind === 'service')) {
      const pages = pagesText(renderPages(spec));
      const all = lower(pages.join(' ')).replace(/\s+/g, ' ');
      const firstLine = pages[0]?.split('\n').slice(0, 2).join(' ') ?? '';
      expect(firstLine).toContain(spec.header.number);
      if (spec.banner) expect(pages[0]).toContain('21-210-184W');
      expect(all).toContain(lower(spec.patient.lastName));
      expect(all).toContain(lower(spec.prescriber.lastName));
      if (spec.exam) expect(all).toContain(lower(spec.exam).slice(0, 12));
      if (spec.patient.altId) expect(all).toContain(lower(spec.patient.altId));
      for (const r of spec.recipients) expect(all).toContain(lower(r.name));
    }
  });

  it('is deterministic by seed', () => {
    expect(buildCorpus({ seed: 5, count: 30 })).toEqual(buildCorpus({ seed: 5, count: 30 }));
    expect(buildCorpus({ seed: 5, count: 30 })).not.toEqual(buildCorpus({ seed: 6, count: 30 }));
  });
});

function entry(
  scenario: Scenario,
  format: CorpusEntry['format'],
  coverPage: boolean,
  resolution: 'fine' | 'normal' = 'fine',
): CorpusEntry {
  const spec = generateSpec(4242, { scenario, layout: 'form', coverPage });
  const degrade = { resolution, noise: 0, skew: 0, rotate: 0 as const, stroke: 'normal' as const, seed: 1 };
  const expected = {
    fields: expectedFields(spec),
    verdict: expectedVerdict(spec),
    verdictAlternatives: [],
    checks: {},
    pages: renderPages(spec).length,
  };
  return { name: 'x', spec, format, degrade, expected };
}

describe('files', () => {
  it('writes a multi-page Group 4 TIFF at fine resolution', async () => {
    const e = entry('valid', 'tiff', true);
    const buf = await renderFixture(e);
    const meta = await sharp(buf, { pages: -1 }).metadata();
    expect(meta.pages).toBe(2);
    expect(meta.width).toBe(1728);
    const ifds = readTiffIfds(buf);
    expect(ifds).toHaveLength(2);
    for (const ifd of ifds) {
      expect(ifd.get(259)?.values[0]).toBe(4); // compression: CCITT T.6
      expect(ifd.get(258)?.values[0]).toBe(1);
      expect(ifd.get(282)?.values[0]).toBe(204);
      expect(ifd.get(283)?.values[0]).toBe(196);
      expect(ifd.get(257)?.values[0]).toBe(2208);
    }
    // Decodes to a white page with black text (not inverted, not empty).
    const { data } = await sharp(buf, { page: 1 }).greyscale().raw().toBuffer({ resolveWithObject: true });
    const ink = data.reduce((n, v) => n + (v < 128 ? 1 : 0), 0) / data.length;
    expect(ink).toBeGreaterThan(0.002);
    expect(ink).toBeLessThan(0.2);
    expect(await renderFixture(e)).toEqual(buf);
  });

  it('writes normal resolution (204×98) with half the rows', async () => {
    const buf = await renderFixture(entry('valid', 'tiff', false, 'normal'));
    const [ifd] = readTiffIfds(buf);
    expect(ifd?.get(283)?.values[0]).toBe(98);
    expect(ifd?.get(257)?.values[0]).toBe(1104);
    expect((await sharp(buf).metadata()).height).toBe(1104);
  });

  it('writes image-only PDFs (CCITT G4 and PNG) that open', async () => {
    const g4 = await renderFixture(entry('cc', 'pdf-g4', true));
    expect(g4.includes('/CCITTFaxDecode')).toBe(true);
    expect((await PDFDocument.load(g4)).getPageCount()).toBe(2);
    const png = await renderFixture(entry('cc', 'pdf-png', false));
    expect((await PDFDocument.load(png)).getPageCount()).toBe(1);
  });

  it('writes a text PDF whose text holds the patient and the service number', async () => {
    const e = entry('valid', 'pdf-text', false);
    const parser = new PDFParse({ data: await renderFixture(e) });
    const { text } = await parser.getText();
    await parser.destroy();
    expect(lower(text)).toContain(lower(e.spec.patient.lastName));
    expect(text).toContain(e.spec.header.number);
  });

  it('writes PNG and JPEG pages that sharp reads', async () => {
    for (const format of ['png', 'jpeg'] as const) {
      const meta = await sharp(await renderFixture(entry('valid', format, false))).metadata();
      expect(meta.format).toBe(format);
      expect(meta.width).toBe(1728);
    }
  });
});

describe('cli', () => {
  it('writes the files and expected.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'faxdesk-fixtures-'));
    try {
      execFileSync('npx', ['tsx', 'test/fixtures/cli.ts', '--out', dir, '--count', '3', '--seed', '9'], {
        stdio: 'pipe',
      });
      const manifest = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
        files: Record<string, { verdict: string; fields: unknown }>;
      };
      const files = readdirSync(dir)
        .filter((f) => f !== 'expected.json')
        .sort();
      expect(Object.keys(manifest.files).sort()).toEqual(files);
      for (const f of Object.values(manifest.files)) {
        expect(Verdict.options).toContain(f.verdict);
        expect(() => FieldsShape.parse(f.fields)).not.toThrow();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
