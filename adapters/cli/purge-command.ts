/**
 * `faxdesk purge --older-than 90d [--dry-run]`: the retention purge (src/purge). Lists
 * the faxes by id and date only (never a name: the point is to forget them). Exit 2 for
 * a missing or unreadable duration.
 */
import type { Config } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { parseRetention, purgeOlderThan, retentionCutoff, RetentionError } from '../../src/purge/index.ts';
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
    const lines: string[] = [];
    const when = cutoff.toISOString();
    if (opts.dryRun) {
      lines.push(`Simulation (--dry-run) : rien n'est effacé. Reçues avant ${when} :`);
    } else {
      lines.push(
        `Données effacées des télécopies reçues avant ${when} (le journal des événements est conservé) :`,
      );
    }
    for (const fax of summary.faxes) {
      lines.push(`  ${fax.id}  ${fax.receivedAt}  ${fax.verdict}  ${fax.status}  ${fax.pageCount} p.`);
    }
    const verb = opts.dryRun ? 'seraient purgées' : 'purgées';
    lines.push(
      `${summary.faxes.length} télécopie(s) ${verb}` +
        (opts.dryRun ? '' : `, ${summary.filesRemoved} fichier(s) original(aux) supprimé(s)`) +
        `, ${summary.duplicatesRemoved} doublon(s) ${opts.dryRun ? 'à supprimer' : 'supprimé(s)'}.`,
    );
    if (!opts.dryRun && summary.cardUpdatesQueued > 0) {
      lines.push(
        `${summary.cardUpdatesQueued} carte(s) remplacée(s) dans le canal par une carte « effacée » ` +
          'au prochain passage de faxdesk watch.',
      );
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    await store.close();
  }
}
