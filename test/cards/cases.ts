/**
 * The faxes every card test runs on: one per verdict (two ways to be incomplete and two ways
 * to be unreadable), in every status, and the worst case a card must survive.
 */
import type { Verdict } from '../../src/domain/report.ts';
import type { FaxEvent, FaxRecord, FaxStatus } from '../../src/store/records.ts';
import { FaxStatus as FaxStatusSchema } from '../../src/store/records.ts';
import { generateSpec } from '../fixtures/index.ts';
import { event, eventsFor, faxFromOrder, faxFromScenario, orderFromSpec, unreadableFax } from './helpers.ts';

export interface FaxCase {
  name: string;
  verdict: Verdict;
  make: (status: FaxStatus) => FaxRecord;
}

export const FAX_CASES: FaxCase[] = [
  { name: 'valid order', verdict: 'ok', make: (status) => faxFromScenario('valid', 11, { status }) },
  { name: 'no permit', verdict: 'review', make: (status) => faxFromScenario('no_permit', 12, { status }) },
  { name: 'no phone', verdict: 'incomplete', make: (status) => faxFromScenario('no_phone', 13, { status }) },
  {
    name: 'service number as callback',
    verdict: 'incomplete',
    make: (status) => faxFromScenario('service_phone', 14, { status }),
  },
  {
    name: 'other fax machine',
    verdict: 'not_service',
    make: (status) => faxFromScenario('not_service', 15, { status }),
  },
  {
    name: 'lab results',
    verdict: 'not_order',
    make: (status) => faxFromScenario('lab_results', 16, { status }),
  },
  { name: 'blank page', verdict: 'unreadable', make: (status) => unreadableFax('blank', { status }) },
  { name: 'corrupt file', verdict: 'unreadable', make: (status) => unreadableFax('corrupt', { status }) },
];

export const STATUSES: FaxStatus[] = [...FaxStatusSchema.options];

export const LANGS = ['fr', 'en'] as const;

export interface Scenario {
  label: string;
  fax: FaxRecord;
  events: FaxEvent[];
  lang: (typeof LANGS)[number];
}

/** Every case × status × language. */
export function allScenarios(): Scenario[] {
  return FAX_CASES.flatMap((c) =>
    STATUSES.flatMap((status) =>
      LANGS.map((lang) => {
        const fax = c.make(status);
        return { label: `${c.name} / ${status} / ${lang}`, fax, events: eventsFor(fax, status), lang };
      }),
    ),
  );
}

const CLINICAL_LINE =
  'Douleur « persistante » au QSD & irradiation dorsale <depuis 3 sem.>, *Murphy* négatif, ALT 2× N; C:\\dossier "urgent" — à corréler';

/**
 * The worst card: a 40-line clinical note full of characters every format escapes, a 30-page
 * fax, every check shown, long names, several recipients, and 200 events (with long problem
 * descriptions) in the log.
 */
export function stressScenario(status: FaxStatus, lang: 'fr' | 'en'): Scenario {
  const order = orderFromSpec(generateSpec(99, { scenario: 'valid', layout: 'form' }));
  const long = (s: string) => `${s} ${'Xylophone-Wąchała '.repeat(12)}`.trim();
  order.clinicalInfo = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${CLINICAL_LINE}`).join('\n');
  order.exam = long('Tomodensitométrie thoraco-abdomino-pelvienne avec et sans contraste, protocole');
  order.prescriber.lastName = long('Tremblay');
  order.patient.lastName = long('Côté');
  order.header.sender = { firstName: 'Marie-Ève', lastName: long('Gagnon') };
  order.recipients = Array.from(
    { length: 12 },
    (_, i) => `Laboratoire d’imagerie n° ${i + 1} — 514 555-01${10 + i}`,
  );
  order.patient.altId = long('1234, rue Sainte-Catherine Ouest, appartement');
  const fax = faxFromOrder(order, { status, pageCount: 30 });
  const events = eventsFor(fax, status);
  for (let i = 0; i < 200; i++) {
    const at = new Date(Date.parse('2025-03-12T19:00:00.000Z') + i * 60_000).toISOString();
    events.push(
      i % 2 === 0
        ? event(fax.id, 'auth_unreachable', at, { id: `U${i}`, name: long('Agente') })
        : event(
            fax.id,
            'problem_reported',
            at,
            { id: `U${i}`, name: 'Luc' },
            {
              category: 'unreadable_pages',
              description: `Pages « ${i} » illisibles & <floues> ${'blabla '.repeat(120)}`,
            },
          ),
    );
  }
  return { label: `stress / ${status} / ${lang}`, fax, events, lang };
}
