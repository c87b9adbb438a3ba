/** A store with waiting orders of every kind and age, for the digest tests. */
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import type { DigestModel } from '../../src/digest/model.ts';
import type { FaxRecord, FaxStatus } from '../../src/store/records.ts';
import { newFaxId } from '../../src/store/ids.ts';
import { patientFax, storeFax } from '../workflow/helpers.ts';

export const HOUR = 3_600_000;

/** A fax received `hoursAgo` before `now`, with the patient's name set. */
export async function waitingFax(
  store: SqliteFaxStore,
  now: Date,
  hoursAgo: number,
  opts: {
    status?: FaxStatus;
    first?: string;
    last?: string;
    exam?: string;
    verdict?: FaxRecord['verdict'];
  } = {},
): Promise<FaxRecord> {
  const receivedAt = new Date(now.getTime() - hoursAgo * HOUR);
  const order = patientFax().order!;
  return storeFax(store, {
    id: newFaxId(receivedAt),
    receivedAt: receivedAt.toISOString(),
    status: opts.status ?? 'pending',
    verdict: opts.verdict ?? 'review',
    order: {
      ...order,
      patient: {
        ...order.patient,
        firstName: opts.first ?? 'Jeanne',
        lastName: opts.last ?? 'Tremblay-Côté',
      },
      exam: opts.exam ?? order.exam,
    },
  });
}

export async function reportProblem(store: SqliteFaxStore, faxId: string, at: Date): Promise<void> {
  await store.appendEvent({
    faxId,
    kind: 'problem_reported',
    actor: { id: 'U01MARIE', name: 'Marie Lavoie' },
    at: at.toISOString(),
    details: { category: 'illegible' },
  });
}

/** Posts every queued card as if to `platform`, so the store knows where each card is. */
export async function markPosted(
  store: SqliteFaxStore,
  at: Date,
  platform = 'slack',
  channelId = 'C0FAXDESK',
): Promise<void> {
  let ts = 1_742_060_000;
  for (const d of await store.claimDeliveries(new Date(at.getTime() + 365 * 24 * HOUR), 1000, 60_000)) {
    await store.completeDelivery(d.id, at, { platform, channelId, messageId: `${ts++}.000100` });
  }
}

/** A synthetic digest of `n` pending orders (no store: for the size limits). */
export function bigDigest(n: number, name: (i: number) => string = (i) => `Patient${i}`): DigestModel {
  const now = Date.parse('2025-03-10T11:30:00.000Z');
  const items = Array.from({ length: n }, (_, i) => ({
    faxId: newFaxId(new Date(now - (n - i) * HOUR)),
    receivedAt: new Date(now - (n - i) * HOUR).toISOString(),
    ageMs: (n - i) * HOUR,
    status: 'pending' as const,
    verdict: 'review' as const,
    patient: { firstName: name(i), lastName: `Nom-De-Famille-${i}` },
    exam: 'Échographie abdominale et pelvienne',
    stale: n - i > 24,
    problemCount: 0,
    cards: [{ platform: 'slack', channelId: 'C0FAXDESK', messageId: `${1_742_060_000 + i}.000100` }],
  }));
  const third = Math.floor(n / 3);
  const groups = [
    { id: 'pending' as const, items: items.slice(0, third) },
    {
      id: 'auth_requested' as const,
      items: items.slice(third, 2 * third).map((i) => ({ ...i, status: 'auth_requested' as const })),
    },
    {
      id: 'problem_reported' as const,
      items: items.slice(2 * third).map((i) => ({ ...i, problemCount: 1 })),
    },
  ].map((g) => ({ ...g, staleCount: g.items.filter((i) => i.stale).length }));
  return {
    generatedAt: new Date(now).toISOString(),
    day: '2025-03-10',
    timeZone: 'America/Toronto',
    staleHours: 24,
    late: false,
    total: n,
    staleTotal: items.filter((i) => i.stale).length,
    groups,
  };
}
