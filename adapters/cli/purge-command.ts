/**
 * `faxdesk purge --older-than 90d [--dry-run]`: the retention purge (src/purge). Lists
 * the faxes by id and date only (never a name: the point is to forget them). Exit 2 for
 * a missing or unreadable duration.
 */
import type { Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { parseRetention, purgeOlderThan, retentionCutoff, RetentionError } from '../../src/purge/index.ts';
import { localWhen, PURGE_TEXTS } from './purge-strings.ts';
import { openConfiguredStore } from './store.ts';
import { UsageError } from './usage-error.ts';

export async function runPurge(
  config: Config,
  positionals: string[],
  opts: { olderThan?: string | undefined; dryRun: boolean },
  now: Date = new Date(),
): Promise<number> {
  if (positionals.length > 0)
    throw new UsageError(`purge ne prend pas d'argument (reçu : ${positionals[0]})`);
  if (opts.olderThan === undefined) {
    throw new UsageError('purge demande --older-than, p. ex. « faxdesk purge --older-than 90d »');
  }
  let days: number;
  try {
    days = parseRetention(opts.olderThan);
  } catch (error) {
    if (error instanceof RetentionError) throw new UsageError(error.message);
    throw error;
  }
  const cutoff = retentionCutoff(now, days);
  const store = await openConfiguredStore(config);
  try {
    const summary = await purgeOlderThan({
      store,
      cutoff,
      now,
      archive: config.archive,
      dryRun: opts.dryRun,
      retentionDays: days,
      log: createLogger(config.logLevel),
    });
    const lang = config.language;
    const t = PURGE_TEXTS[lang];
    const before = localWhen(cutoff.toISOString(), lang);
    const lines: string[] = [];
    if (opts.dryRun) lines.push(t.dryRun);
    if (summary.faxes.length === 0) lines.push(t.none(before, days));
    else {
      lines.push(opts.dryRun ? t.wouldGo(before, days) : t.gone(before));
      for (const fax of summary.faxes) {
        lines.push(t.row(fax.id, localWhen(fax.receivedAt, lang), fax.verdict, fax.status, fax.pageCount));
      }
    }
    const counts = { ...summary, faxes: summary.faxes.length };
    lines.push(opts.dryRun ? t.summaryDry(counts) : t.summary(counts));
    if (!opts.dryRun && summary.cardUpdatesQueued > 0) lines.push(t.cards(summary.cardUpdatesQueued));
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    await store.close();
  }
}
