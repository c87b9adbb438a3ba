/**
 * Writes the console's sample faxes (adapters/console/samples/) with the fixture generator, then
 * reads each one back through the real reader, parser and rules and prints its verdict, so the
 * set stays varied (a clean order, an incomplete one, a fax from outside the service, a text PDF,
 * a degraded page, a lab result). Run once by hand and commit the files:
 *   npx tsx test/console/make-samples.ts [--check-only]
 * The product never imports this: it only copies the committed files into the inbox.
 */
import { readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFaxReader, createOcrPool } from '../../src/reading/index.ts';
import { createFaxProcessors } from '../../src/runtime/processors.ts';
import {
  expectedFor,
  generateSpec,
  NO_DEGRADE,
  writeFixture,
  type CorpusEntry,
  type Degrade,
  type FixtureFormat,
  type Scenario,
} from '../fixtures/index.ts';
import { namDigits, namLetters } from '../fixtures/nam.ts';

const OUT = fileURLToPath(new URL('../../adapters/console/samples/', import.meta.url));

interface SampleSpec {
  name: string;
  scenario: Scenario;
  layout: 'email' | 'form' | 'letter' | 'pad' | 'bilingual';
  format: FixtureFormat;
  seed: number;
  degrade?: Partial<Degrade>;
  /**
   * What a new user reads first, made clinically coherent: an exam that fits the clinical
   * information and the patient, a prescriber whose title and field fit the request. The
   * generator picks these at random (good for the parser, odd for a demonstration).
   */
  clinical?: {
    exam: string;
    clinicalInfo: string;
    title: 'Dr' | 'Dre' | '';
    specialty: string;
    /** An age that fits the exam; the NAM is rebuilt to match it. */
    birthDate: string;
  };
}

const SAMPLES: SampleSpec[] = [
  {
    name: '01-ordonnance-conforme.tif',
    scenario: 'valid',
    layout: 'form',
    format: 'tiff',
    seed: 111,
    clinical: {
      exam: 'IRM du genou gauche',
      clinicalInfo:
        'Douleur au genou gauche depuis 3 mois après une chute en ski. Blocages intermittents et épanchement. Aucune amélioration après 6 semaines de physiothérapie.',
      title: 'Dre',
      specialty: 'Médecine du sport',
      birthDate: '1988-02-14',
    },
  },
  {
    name: '02-ordonnance-sans-nam.pdf',
    scenario: 'no_nam',
    layout: 'letter',
    format: 'pdf-g4',
    seed: 202,
    clinical: {
      exam: 'Radiographie du genou droit',
      clinicalInfo: 'Gonalgie droite mécanique depuis 2 mois, sans traumatisme. Gonarthrose suspectée.',
      title: 'Dre',
      specialty: 'Médecine familiale',
      birthDate: '1961-03-14',
    },
  },
  {
    name: '03-provenance-non-confirmee.tif',
    scenario: 'not_service',
    layout: 'pad',
    format: 'tiff',
    seed: 303,
    clinical: {
      exam: 'Radiographie pulmonaire',
      clinicalInfo: 'Toux persistante depuis 6 semaines, fièvre légère. Ancien fumeur (40 paquets-années).',
      title: 'Dre',
      specialty: 'Pneumologie',
      birthDate: '1957-05-15',
    },
  },
  {
    name: '04-ordonnance-texte.pdf',
    scenario: 'no_permit',
    layout: 'email',
    format: 'pdf-text',
    seed: 404,
    clinical: {
      exam: 'Mammographie de dépistage',
      clinicalInfo:
        'Dépistage, 52 ans, aucun antécédent familial de cancer du sein. Dernière mammographie il y a 2 ans.',
      title: '',
      specialty: 'Médecine familiale',
      birthDate: '1973-02-05',
    },
  },
  {
    name: '05-ordonnance-de-travers.tif',
    scenario: 'valid',
    layout: 'pad',
    format: 'tiff',
    seed: 505,
    degrade: { skew: 1.5, noise: 0.001 },
    clinical: {
      exam: 'IRM lombaire',
      clinicalInfo:
        'Lombalgie irradiant à la jambe gauche depuis 8 semaines, engourdissement du pied. Hernie discale L5-S1 suspectée.',
      title: 'Dre',
      specialty: 'Médecine familiale',
      birthDate: '1981-07-03',
    },
  },
  {
    name: '06-resultats-laboratoire.tif',
    scenario: 'lab_results',
    layout: 'form',
    format: 'tiff',
    seed: 606,
  },
];

async function write(): Promise<void> {
  for (const f of await readdir(OUT)) await rm(join(OUT, f));
  for (const s of SAMPLES) {
    const spec = generateSpec(s.seed, { scenario: s.scenario, layout: s.layout, coverPage: false });
    if (s.clinical) {
      spec.exam = s.clinical.exam;
      spec.clinicalInfo = s.clinical.clinicalInfo;
      spec.prescriber.title = s.clinical.title;
      spec.prescriber.specialty = s.clinical.specialty;
      const p = spec.patient;
      p.birthDate = s.clinical.birthDate;
      if (p.nam)
        p.nam.value =
          namLetters(p.lastName, p.firstName) + namDigits(p.birthDate, p.sex) + p.nam.value.slice(10);
    }
    const degrade: Degrade = { ...NO_DEGRADE, seed: s.seed, ...s.degrade };
    const entry: CorpusEntry = {
      name: s.name,
      spec,
      format: s.format,
      degrade,
      expected: expectedFor(spec, degrade),
    };
    await writeFixture(entry, OUT);
    console.log(s.name, 'expected', entry.expected.verdict, `${(await stat(join(OUT, s.name))).size} bytes`);
  }
}

async function check(): Promise<void> {
  const ocr = await createOcrPool({ size: 2 });
  try {
    const processors = createFaxProcessors(createFaxReader({ ocr }));
    for (const name of (await readdir(OUT)).sort()) {
      const reading = await processors.read(join(OUT, name));
      const report = processors.validate(processors.parse(reading), reading);
      console.log(name, 'read as', report.verdict, `${reading.pages.length} page(s)`);
    }
  } finally {
    await ocr.close();
  }
}

if (!process.argv.includes('--check-only')) await write();
await check();
