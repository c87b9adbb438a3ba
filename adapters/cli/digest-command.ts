/**
 * `faxdesk digest --now | --print`: the daily digest on demand. `--print` writes it in the
 * terminal (every line, French by default) without posting; `--now` posts it at once to the
 * configured Slack or Teams channel, outside the schedule (the scheduled digest still comes).
 */
import { buildDigestCard, renderDigestText } from '../../cards/index.ts';
import type { Config } from '../../src/config.ts';
import { buildDigest, digestSettingsFromEnv, postDigestNow } from '../../src/digest/index.ts';
import { createLogger } from '../../src/log.ts';
import { openConfiguredStore } from './store.ts';
import { planChat } from './chat-runtime.ts';
import { UsageError } from './usage-error.ts';

export async function runDigest(
  config: Config,
  positionals: string[],
  opts: { now: boolean; print: boolean },
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (positionals.length > 0)
    throw new UsageError(`digest ne prend pas d'argument (reçu : ${positionals[0]})`);
  if (opts.now === opts.print)
    throw new UsageError('digest : indiquez --now (publier) ou --print (afficher).');
  const settings = digestSettingsFromEnv(env);
  const log = createLogger(config.logLevel);
  // Read the chat settings before opening anything: a configuration mistake stops here.
  const chat = opts.now ? planChat(config, env) : null;
  if (chat !== null && chat.platform === 'console') {
    throw new UsageError(
      'digest --now : aucun canal Slack ou Teams n’est configuré (la console locale reçoit le résumé ' +
        'de « faxdesk watch » à l’heure prévue). Utilisez --print pour l’afficher ici.',
    );
  }
  const store = await openConfiguredStore(config);
  try {
    if (chat === null) {
      const digest = await buildDigest(store, new Date(), {
        staleHours: settings.staleHours,
        timeZone: settings.timeZone,
      });
      process.stdout.write(renderDigestText(buildDigestCard(digest, { lang: config.language })));
      return 0;
    }
    const posting = await chat.start(store, log, { listen: false });
    try {
      const { adapter } = posting;
      if (adapter.postDigest === undefined) {
        throw new UsageError(`digest --now : la plateforme ${adapter.platform} ne publie pas de résumé.`);
      }
      const digest = await postDigestNow({
        store,
        settings,
        log,
        poster: (d) => adapter.postDigest?.(d) ?? Promise.resolve(),
      });
      process.stdout.write(
        `Résumé publié (${adapter.platform}) : ${digest.total} ordonnance(s) en attente.\n`,
      );
      return 0;
    } finally {
      await posting.close();
    }
  } finally {
    await store.close();
  }
}
