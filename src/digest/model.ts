/**
 * The daily digest as data: the orders still waiting, grouped by what they wait for, oldest
 * first, with what a clerk needs to pick one up (age, verdict, patient, exam) and where its
 * card is. Platform-neutral: cards/digest-card.ts words and renders it for each chat.
 * It carries patient names: it goes to the staff channel (like the cards), never to a log.
 */
import type { Verdict } from '../domain/report.ts';
import type { ChatMessageRef } from '../store/deliveries.ts';
import type { FaxStatus } from '../store/records.ts';

/**
 * The groups, in display order. A fax is in exactly one: a reported problem puts it in
 * `problem_reported` whatever its status (the problem is what it waits for), so the counts add up.
 */
export const DIGEST_GROUPS = ['pending', 'auth_requested', 'problem_reported'] as const;
export type DigestGroupId = (typeof DIGEST_GROUPS)[number];

export interface DigestItem {
  faxId: string;
  receivedAt: string;
  /** Since reception, at the digest's time. */
  ageMs: number;
  status: FaxStatus;
  verdict: Verdict;
  patient: { firstName: string | null; lastName: string | null } | null;
  exam: string | null;
  /** Waiting longer than the configured threshold. */
  stale: boolean;
  problemCount: number;
  /**
   * The last problem report was recorded but its e-mail did not go (no SMTP, refused): the
   * digest must not call it reported. Absent: false.
   */
  unsentReport?: boolean;
  /** Where the fax's card was posted (one per platform/channel), for a link to it. */
  cards: ChatMessageRef[];
}

export interface DigestGroup {
  id: DigestGroupId;
  /** Oldest first. */
  items: DigestItem[];
  staleCount: number;
}

export interface DigestModel {
  generatedAt: string;
  /** The local date it is for (YYYY-MM-DD in `timeZone`). */
  day: string;
  timeZone: string;
  staleHours: number;
  /** Posted after its scheduled time (Faxdesk was down then): the card says so. */
  late: boolean;
  total: number;
  staleTotal: number;
  /** Always the three groups, in DIGEST_GROUPS order (empty ones included). */
  groups: DigestGroup[];
}
