/**
 * Whether the mailbox can be reached, where people look: kept in memory for the running
 * source, written to a small file under FAXDESK_HOME for `faxdesk status` and the console's
 * header (other processes), and said once in the channel when the mailbox has been
 * unreachable for FAXDESK_MAIL_ALERT_MINUTES — once per outage, not once per retry.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { SourceHealth } from '../../../src/intake/source.ts';

const HealthFile = z.object({
  source: z.string(),
  ok: z.boolean(),
  since: z.string().nullable(),
  problem: z.string().nullable(),
  checkedAt: z.string(),
});

export interface MailHealth {
  reachable(): void;
  unreachable(problem: string): void;
  current(): SourceHealth;
  /** Stops the alert timer (the file stays: the last known state). */
  stop(): void;
}

export interface MailHealthOptions {
  file: string;
  alertMs: number;
  /** Says it in the channel; failures are the caller's to log. */
  onAlert: (health: SourceHealth) => void;
  clock?: () => Date;
}

async function writeState(file: string, state: z.infer<typeof HealthFile>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(state));
  await rename(tmp, file);
}

export function createMailHealth(options: MailHealthOptions): MailHealth {
  const clock = options.clock ?? (() => new Date());
  let state: SourceHealth = { source: 'mail', ok: true, since: null, problem: null };
  let alertTimer: NodeJS.Timeout | null = null;
  let alerted = false;
  let writing = Promise.resolve();

  const save = () => {
    const snapshot = { ...state, checkedAt: clock().toISOString() };
    writing = writing.then(() => writeState(options.file, snapshot)).catch(() => {});
  };

  return {
    reachable() {
      state = { source: 'mail', ok: true, since: null, problem: null };
      if (alertTimer) clearTimeout(alertTimer);
      alertTimer = null;
      alerted = false;
      save(); // also refreshes checkedAt: status shows the source is alive
    },
    unreachable(problem: string) {
      const since = state.since ?? clock().toISOString();
      state = { source: 'mail', ok: false, since, problem };
      save();
      if (!alerted && alertTimer === null) {
        const due = Math.max(0, new Date(since).getTime() + options.alertMs - clock().getTime());
        alertTimer = setTimeout(() => {
          alertTimer = null;
          if (state.ok || alerted) return;
          alerted = true;
          options.onAlert({ ...state });
        }, due);
        alertTimer.unref();
      }
    },
    current: () => ({ ...state }),
    stop() {
      if (alertTimer) clearTimeout(alertTimer);
      alertTimer = null;
    },
  };
}

/** The last state a running mailbox source wrote; null when there is none (or it is unreadable). */
export async function readMailHealth(file: string): Promise<(SourceHealth & { checkedAt: string }) | null> {
  try {
    const parsed = HealthFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** « Boîte aux lettres injoignable depuis … : raison » — for status, the console and the channel. */
export function describeMailHealth(health: SourceHealth, lang: 'fr' | 'en' = 'fr'): string {
  if (health.ok) return lang === 'fr' ? 'Boîte aux lettres : joignable.' : 'Mailbox: reachable.';
  const since = health.since
    ? new Date(health.since).toISOString().slice(0, 16).replace('T', ' ') + ' UTC'
    : '?';
  return lang === 'fr'
    ? `Boîte aux lettres injoignable depuis ${since} : ${health.problem ?? 'raison inconnue'}. Les télécopies envoyées par courriel attendent sur le serveur.`
    : `Mailbox unreachable since ${since}: ${health.problem ?? 'unknown reason'}. Faxes sent by e-mail are waiting on the server.`;
}
