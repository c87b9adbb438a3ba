/**
 * `faxdesk watch [--once]`: intake from every configured source (adapters/inbox/sources.ts:
 * the inbox folder watched and polled, the mailbox when set) into the store — SQLite under
 * FAXDESK_HOME by default — and the chat side: each stored fax's card goes out through the
 * outbox to Slack, Teams or the local console.
 */
import { mkdir } from 'node:fs/promises';
import type { Config } from '../../src/config.ts';
import { createDigestScheduler, digestSettingsFromEnv } from '../../src/digest/index.ts';
import { emptySummary, type IntakeSummary } from '../../src/intake/index.ts';
import type { SourceHealth } from '../../src/intake/source.ts';
import { describeStore, openConfiguredStore } from './store.ts';
import { describeMailHealth } from '../inbox/mail/health.ts';
import { planSources } from '../inbox/sources.ts';
import { planChat } from './chat-runtime.ts';
import { createFaxRuntime } from './runtime.ts';
import { watchIntake } from './watch-intake.ts';

function describeSummary(s: IntakeSummary): string {
  return (
    `Traitées : ${s.processed}, doublons : ${s.duplicates}, en quarantaine : ${s.quarantined}, ` +
    `reprises : ${s.recovered}, ignorées : ${s.skipped}, erreurs : ${s.errors}`
  );
}

function untilSignal(): Promise<void> {
  return new Promise((resolveStop) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      process.stdout.write('Arrêt : fin du traitement en cours…\n');
      resolveStop();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function addSummary(total: IntakeSummary, part: IntakeSummary): void {
  total.processed += part.processed;
  total.duplicates += part.duplicates;
  total.quarantined += part.quarantined;
  total.recovered += part.recovered;
  total.skipped += part.skipped;
  total.errors += part.errors;
  total.results.push(...part.results);
}

export async function runWatch(config: Config, opts: { once: boolean }): Promise<number> {
  const chat = planChat(config);
  const buildSources = planSources(config);
  const digestSettings = digestSettingsFromEnv(process.env);
  for (const dir of [config.home, config.inbox, config.archive, config.quarantine]) {
    await mkdir(dir, { recursive: true });
  }
  const runtime = createFaxRuntime(config);
  const store = await openConfiguredStore(config);
  let wake = () => {};
  const intake = watchIntake(config, {
    store,
    processors: runtime.processors,
    log: runtime.log,
    onRecorded: () => wake(),
  });
  try {
    if (opts.once) {
      const summary = emptySummary();
      for (const source of buildSources({ log: runtime.log })) {
        addSummary(summary, await source.runOnce(intake));
        const health = source.health();
        if (!health.ok) process.stdout.write(describeMailHealth(health, config.language) + '\n');
      }
      process.stdout.write(describeSummary(summary) + '\n');
      // Slack and Teams get the new cards now; the console shows them when it next runs.
      if (chat.platform !== 'console') {
        const posting = await chat.start(store, runtime.log);
        try {
          let delivered = 0;
          while ((delivered = await posting.deliverer.runOnce()) > 0) {
            runtime.log.debug('cards delivered', { delivered });
          }
        } finally {
          await posting.close();
        }
      }
      return summary.errors > 0 ? 1 : 0;
    }

    const posting = await chat.start(store, runtime.log);
    wake = () => posting.deliverer.wake();
    posting.deliverer.start();
    const postDigest = posting.adapter.postDigest?.bind(posting.adapter);
    const digest = postDigest
      ? createDigestScheduler({
          store,
          poster: postDigest,
          settings: digestSettings,
          log: runtime.log,
          channel: chat.platform,
        })
      : null;
    // Posts a digest missed while Faxdesk was down (marked late), then waits for the schedule.
    digest
      ?.start()
      .catch((e: unknown) => runtime.log.error('digest scheduler failed', { code: (e as Error).name }));
    const notice = posting.adapter.postNotice?.bind(posting.adapter);
    const alert = async (health: SourceHealth) => {
      if (notice) await notice(describeMailHealth(health, config.language));
      else runtime.log.warn('source unreachable', { source: health.source });
    };
    const sources = buildSources({ log: runtime.log, alert });
    for (const source of sources) await source.start(intake);
    process.stdout.write(`Faxdesk surveille ${config.inbox} (base : ${describeStore(config)}).\n`);
    if (sources.some((s) => s.name === 'mail'))
      process.stdout.write(`Faxdesk lit aussi la boîte aux lettres ${new URL(config.mailUrl!).host}.\n`);
    process.stdout.write(`${posting.banner}\nCtrl+C pour arrêter.\n`);
    runtime.log.info('watch started', { platform: chat.platform, pollSeconds: config.pollSeconds });

    // Stop taking files, let the one in flight finish, then close the chat side and the database.
    await untilSignal();
    for (const source of sources) await source.stop();
    await digest?.stop();
    await posting.close();
    return 0;
  } finally {
    await runtime.close();
    await store.close();
  }
}
