/**
 * A store with faxes for several patients, for the look-up tests: names with accents, a
 * compound name, two faxes for the same person (received on different days), and a patient
 * nobody searches for. Each fax gets its own NAM so a NAM look-up finds one fax.
 */
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { patientFax, storeFax } from '../workflow/helpers.ts';

export interface Patient {
  key: string;
  firstName: string;
  lastName: string;
  birthDate: string;
  nam: string;
  exam: string;
  receivedAt: string;
}

export const PATIENTS: readonly Patient[] = [
  {
    key: 'marie-old',
    firstName: 'Marie',
    lastName: 'Tremblay',
    birthDate: '1961-02-03',
    nam: 'TREM61520312',
    exam: 'Radiographie pulmonaire',
    receivedAt: '2025-03-10T13:15:00.000Z',
  },
  {
    key: 'marie-new',
    firstName: 'Marie',
    lastName: 'Tremblay',
    birthDate: '1961-02-03',
    nam: 'TREM61520312',
    exam: 'Échographie abdominale',
    receivedAt: '2025-03-14T15:40:00.000Z',
  },
  {
    key: 'cote',
    firstName: 'Hélène',
    lastName: 'Côté',
    birthDate: '1974-09-21',
    nam: 'COTH74592118',
    exam: 'Mammographie de dépistage',
    receivedAt: '2025-03-12T12:05:00.000Z',
  },
  {
    key: 'saint-pierre',
    firstName: 'Luc',
    lastName: 'Saint-Pierre',
    birthDate: '1988-11-30',
    nam: 'SAIL88113019',
    exam: 'IRM du genou droit',
    receivedAt: '2025-03-11T18:20:00.000Z',
  },
  {
    key: 'gagnon',
    firstName: 'Paul',
    lastName: 'Gagnon',
    birthDate: '1950-06-06',
    nam: 'GAGP50060614',
    exam: 'Tomodensitométrie cérébrale',
    receivedAt: '2025-03-13T14:00:00.000Z',
  },
];

/** Every patient name stored: none may show in a refusal or in the channel. */
export const STORED_NAMES = ['Tremblay', 'Marie', 'Côté', 'Hélène', 'Saint-Pierre', 'Gagnon', 'Paul'];

export function namesIn(text: string): string[] {
  return STORED_NAMES.filter((name) => text.includes(name));
}

export async function storePatients(store: SqliteFaxStore): Promise<Map<string, FaxRecord>> {
  const stored = new Map<string, FaxRecord>();
  const base = patientFax().order;
  if (base === null) throw new Error('the helper fax has no order');
  for (const p of PATIENTS) {
    const fax = await storeFax(store, {
      receivedAt: p.receivedAt,
      order: {
        ...base,
        patient: {
          ...base.patient,
          firstName: p.firstName,
          lastName: p.lastName,
          birthDate: p.birthDate,
          nam: p.nam,
          namRaw: p.nam,
        },
        exam: p.exam,
      },
    });
    stored.set(p.key, fax);
  }
  return stored;
}
