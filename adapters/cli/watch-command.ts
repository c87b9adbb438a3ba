/**
 * `faxdesk watch [--once]`: the folder intake on the embedded defaults —
 * SQLite under FAXDESK_HOME, the inbox folder watched and polled.
 */
import { mkdir } from 'node:fs/promises';
import type { Config } from '../../src/config.ts';
import { createIntake, type IntakeSummary } from '../../src/intake/index.ts';
import { openSqliteStore } from '../stores/sqlite/index.ts';
import { createFolderInbox } from '../inbox/folder.ts';
import { createFaxRuntime } from './runtime.ts';

function describeSummary(s: IntakeSummary): string {
  return (
    `Traitées : ${s.processed}, doublons : ${s.duplicates}, en quarantaine : ${s.quarantined}, ` +
    `reprises : ${s.recovered}, ignorées : ${s.skipped}, erreurs : ${s.errors}`
  );
}

export async function runWatch(config: Config, opts: { once: boolean }): Promise<number> {
  for (const dir of [config.home, config.inbox, config.archive, config.quarantine]) {
    await mkdir(dir, { recursive: true });
  }
  const runtime = createFaxRuntime(config);
  const store = openSqliteStore(config.database);
  const intake = createIntake({
    store,
    processors: runtime.processors,
    paths: { inbox: config.inbox, archive: config.archive, quarantine: config.quarantine },
    log: runtime.log,
    settleMs: config.settleMs,
  });
  const shutdown = async () => {
    await runtime.close();
    await store.close();
  };

  if (opts.once) {
    try {
      const summary = await intake.processInboxOnce();
      process.stdout.write(describeSummary(summary) + '\n');
      return summary.errors > 0 ? 1 : 0;
    } finally {
      await shutdown();
    }
  }

  const source = createFolderInbox({
    dir: config.inbox,
    pollIntervalMs: config.pollSeconds * 1000,
    settleMs: config.settleMs,
    log: runtime.log,
  });
  await source.start((file) => intake.processFile(file, { stable: true }));
  process.stdout.write(
    `Faxdesk surveille ${config.inbox} (base : ${config.database}). Ctrl+C pour arrêter.\n`,
  );
  runtime.log.info('watch started', { pollSeconds: config.pollSeconds, settleMs: config.settleMs });

  // Stop taking files, let the one in flight finish, then close the database cleanly.
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdout.write('Arrêt : fin du traitement en cours…\n');
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  await source.stop();
  await shutdown();
  return 0;
}
