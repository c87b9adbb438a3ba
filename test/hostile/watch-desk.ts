/**
 * A desk wired in this process the way `faxdesk watch` wires it (adapters/cli/watch-command.ts):
 * the configuration read from an environment, the bounded reading processes of createFaxRuntime,
 * the configured store, the chat side from planChat (Slack, Teams or the console, with its
 * workflow, action handler and outbox worker running) and the intake with watch's options. Only
 * the inbox is not watched: the test says when it is taken in. `reading` names the files whose
 * bytes are in a reading process right now, so a test can act while a given file is being read.
 */
import { mkdir } from 'node:fs/promises';
import { basename } from 'node:path';
import { planChat, type ChatRuntime } from '../../adapters/cli/chat-runtime.ts';
import { createFaxRuntime } from '../../adapters/cli/runtime.ts';
import { openConfiguredStore } from '../../adapters/cli/store.ts';
import { watchIntake } from '../../adapters/cli/watch-intake.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Intake } from '../../src/intake/index.ts';
import type { FaxProcessors } from '../../src/intake/processors.ts';
import type { FaxStore } from '../../src/store/store.ts';
import { recordingLogger } from '../workflow/helpers.ts';

export interface WatchDesk {
  config: Config;
  store: FaxStore;
  chat: ChatRuntime;
  intake: Intake;
  /** Everything the desk logged (intake, chat adapter, outbox), to look for what must not be there. */
  log: ReturnType<typeof recordingLogger>;
  /** Names of the files being read at this moment. */
  reading: ReadonlySet<string>;
  close(): Promise<void>;
}

export async function startWatchDesk(env: NodeJS.ProcessEnv): Promise<WatchDesk> {
  const config = loadConfig(env);
  const chatPlan = planChat(config, env);
  for (const dir of [config.home, config.inbox, config.archive, config.quarantine]) {
    await mkdir(dir, { recursive: true });
  }
  const runtime = createFaxRuntime(config);
  const store = await openConfiguredStore(config);
  const log = recordingLogger();
  const reading = new Set<string>();
  const processors: FaxProcessors = {
    ...runtime.processors,
    async read(file) {
      const name = typeof file === 'string' ? basename(file) : file.name;
      reading.add(name);
      try {
        return await runtime.processors.read(file);
      } finally {
        reading.delete(name);
      }
    },
  };
  let wake = () => {};
  // watch's own intake, so that the reading is shared out as it is in production.
  const intake = watchIntake(config, { store, processors, log, onRecorded: () => wake() });
  const chat = await chatPlan.start(store, log);
  wake = () => chat.deliverer.wake();
  chat.deliverer.start();
  return {
    config,
    store,
    chat,
    intake,
    log,
    reading,
    async close() {
      await chat.close();
      await runtime.close();
      await store.close();
    },
  };
}
