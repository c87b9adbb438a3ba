/** Faxes for the search tests: a real SQLite store in a temp dir, patients named as each test needs. */
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import type { FaxRecord, FaxStatus } from '../../src/store/records.ts';
import { newFaxId } from '../../src/store/ids.ts';
import { patientFax, storeFax } from '../workflow/helpers.ts';

export interface PatientSpec {
  firstName: string | null;
  lastName: string | null;
  nam?: string | null;
  receivedAt?: string;
  status?: FaxStatus;
}

/** A realistic fax (patientFax) whose patient is `spec`. */
export function faxFor(spec: PatientSpec): FaxRecord {
  const receivedAt = spec.receivedAt ?? '2025-03-15T14:03:00.000Z';
  const base = patientFax({
    id: newFaxId(new Date(receivedAt)),
    receivedAt,
    status: spec.status ?? 'pending',
  });
  return {
    ...base,
    order: {
      ...base.order!,
      patient: {
        ...base.order!.patient,
        firstName: spec.firstName,
        lastName: spec.lastName,
        nam: spec.nam === undefined ? null : spec.nam,
        namRaw: null,
      },
    },
  };
}

export async function storePatient(store: SqliteFaxStore, spec: PatientSpec): Promise<FaxRecord> {
  const fax = faxFor(spec);
  return storeFax(store, fax);
}

/** "2025-03-01T12:00:00.000Z" plus `n` hours. */
export function hoursAfter(base: string, n: number): string {
  return new Date(new Date(base).getTime() + n * 3_600_000).toISOString();
}
