/**
 * Who reads a given content, within this process and across instances sharing one store:
 *   - a per-SHA-256 chain in this process, so two copies of one fax handled at once are not
 *     both recorded;
 *   - the store's intake claim, so that of several instances sharing the inbox (or the
 *     mailbox) only one reads and OCRs a new fax. Renewed every third of the lease while the
 *     work goes on; given back at the end, whatever happened (a kill leaves it to run out).
 */
import { createHash } from 'node:crypto';
import type { FaxStore } from '../store/store.ts';
import { errorCode, type IntakeLog } from './log.ts';
import type { IntakeOutcome } from './outcome.ts';

export type ShaLocks = <T>(sha: string, fn: () => Promise<T>) => Promise<T>;

export function createShaLocks(): ShaLocks {
  const chains = new Map<string, Promise<unknown>>();
  return async function withShaLock<T>(sha: string, fn: () => Promise<T>): Promise<T> {
    const previous = chains.get(sha) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const settled = run.catch(() => {});
    chains.set(sha, settled);
    try {
      return await run;
    } finally {
      if (chains.get(sha) === settled) chains.delete(sha);
    }
  };
}

export interface ClaimSettings {
  store: FaxStore;
  owner: string;
  clock: () => Date;
  leaseMs: number;
  log: IntakeLog;
}

export async function withIntakeClaim(
  settings: ClaimSettings,
  sha256: string,
  work: () => Promise<IntakeOutcome>,
): Promise<IntakeOutcome> {
  const held = await holdingClaim(settings, sha256, work);
  if (held.held) return held.value;
  settings.log.info('intake.claimed_elsewhere', {});
  return { kind: 'skipped', reason: 'claimed' };
}

/**
 * A source's own item (a mail message) claimed while it is handled, so that of instances
 * sharing the source only one hands it over and acknowledges it (moves the message). Keyed
 * apart from the faxes' contents: SHA-256 of `source:` and the item's reference.
 */
export function sourceClaimKey(ref: string): string {
  return createHash('sha256').update(`source:${ref}`).digest('hex');
}

/** Runs `work` holding the claim `key`; `{ held: false }` while another instance holds it. */
export async function holdingClaim<T>(
  settings: ClaimSettings,
  key: string,
  work: () => Promise<T>,
): Promise<{ held: true; value: T } | { held: false }> {
  const { store, owner, clock, leaseMs, log } = settings;
  const sha256 = key;
  if (!(await store.claimIntake(sha256, owner, clock(), leaseMs))) return { held: false };
  const renew = setInterval(
    () => {
      store.claimIntake(sha256, owner, clock(), leaseMs).then(
        (held) => {
          // Lost (this process stalled past its lease): the unique SHA-256 still forbids a second record.
          if (!held) log.warn('intake.claim_lost', {});
        },
        (error: unknown) => log.warn('intake.claim_renew_failed', { code: errorCode(error) }),
      );
    },
    Math.floor(leaseMs / 3),
  );
  try {
    return { held: true, value: await work() };
  } finally {
    clearInterval(renew);
    await store.releaseIntake(sha256, owner).catch((error: unknown) => {
      log.warn('intake.claim_release_failed', { code: errorCode(error) });
    });
  }
}
