/**
 * Builds the digest from the store: every fax still waiting (pending or waiting for the
 * prescriber's call-back), placed in one group, oldest first, stale ones flagged.
 */
import { isPurged } from '../purge/redact.ts';
import type { FaxEvent, FaxRecord, FaxStatus } from '../store/records.ts';
import type { FaxStore } from '../store/store.ts';
import { localDay } from './local-day.ts';
import {
  DIGEST_GROUPS,
  type DigestGroup,
  type DigestGroupId,
  type DigestItem,
  type DigestModel,
} from './model.ts';

export const DEFAULT_DIGEST_TIME_ZONE = 'America/Toronto';

export interface BuildDigestOptions {
  /** Orders waiting longer than this are flagged. */
  staleHours: number;
  timeZone?: string;
  late?: boolean;
}

const WAITING: readonly FaxStatus[] = ['pending', 'auth_requested'];
/** listFaxes' largest page. */
const PAGE = 10_000;

async function waitingFaxes(store: FaxStore): Promise<FaxRecord[]> {
  const all: FaxRecord[] = [];
  for (const status of WAITING) {
    let before: string | undefined;
    for (;;) {
      const page = await store.listFaxes({ status, limit: PAGE, ...(before ? { before } : {}) });
      // A purged fax cannot be acted on any more (its content is erased): not "waiting".
      all.push(...page.filter((fax) => !isPurged(fax)));
      if (page.length < PAGE) break;
      before = page[page.length - 1]?.id;
    }
  }
  return all;
}

function groupOf(fax: FaxRecord, problems: number): DigestGroupId {
  return problems > 0 ? 'problem_reported' : fax.status === 'auth_requested' ? 'auth_requested' : 'pending';
}

function itemOf(fax: FaxRecord, events: readonly FaxEvent[], now: Date, staleMs: number): DigestItem {
  const ageMs = Math.max(0, now.getTime() - Date.parse(fax.receivedAt));
  const patient = fax.order?.patient;
  return {
    faxId: fax.id,
    receivedAt: fax.receivedAt,
    ageMs,
    status: fax.status,
    verdict: fax.verdict,
    patient: patient ? { firstName: patient.firstName, lastName: patient.lastName } : null,
    exam: fax.order?.exam ?? null,
    stale: ageMs > staleMs,
    problemCount: events.filter((e) => e.kind === 'problem_reported').length,
    unsentReport: events.filter((e) => e.kind === 'problem_reported').at(-1)?.details['mailed'] === false,
    cards: [],
  };
}

export async function buildDigest(
  store: FaxStore,
  now: Date,
  options: BuildDigestOptions,
): Promise<DigestModel> {
  const timeZone = options.timeZone ?? DEFAULT_DIGEST_TIME_ZONE;
  const staleMs = options.staleHours * 3_600_000;
  const byGroup = new Map<DigestGroupId, DigestItem[]>(DIGEST_GROUPS.map((g) => [g, []]));
  for (const fax of await waitingFaxes(store)) {
    const item = itemOf(fax, await store.listEvents(fax.id), now, staleMs);
    item.cards = await store.listChatMessages(fax.id);
    byGroup.get(groupOf(fax, item.problemCount))?.push(item);
  }
  const groups: DigestGroup[] = DIGEST_GROUPS.map((id) => {
    // Oldest first; the id (a ULID, time-ordered) breaks ties.
    const items = (byGroup.get(id) ?? []).sort(
      (a, b) => a.receivedAt.localeCompare(b.receivedAt) || a.faxId.localeCompare(b.faxId),
    );
    return { id, items, staleCount: items.filter((i) => i.stale).length };
  });
  return {
    generatedAt: now.toISOString(),
    day: localDay(now, timeZone),
    timeZone,
    staleHours: options.staleHours,
    late: options.late ?? false,
    total: groups.reduce((n, g) => n + g.items.length, 0),
    staleTotal: groups.reduce((n, g) => n + g.staleCount, 0),
    groups,
  };
}
