/**
 * The intake as `faxdesk watch` runs it, from the configuration: one place for its options, so the
 * tests that stand in for watch (test/hostile/watch-desk.ts) share the reading out as production does.
 */
import type { Config } from '../../src/config.ts';
import { createIntake, type Intake } from '../../src/intake/index.ts';
import type { FaxProcessors } from '../../src/intake/processors.ts';
import type { Logger } from '../../src/log.ts';
import { instanceId } from '../../src/runtime/instance-id.ts';
import type { FaxStore } from '../../src/store/store.ts';

export function watchIntake(
  config: Config,
  deps: { store: FaxStore; processors: FaxProcessors; log: Logger; onRecorded: () => void },
): Intake {
  return createIntake({
    store: deps.store,
    processors: deps.processors,
    paths: { inbox: config.inbox, archive: config.archive, quarantine: config.quarantine },
    log: deps.log,
    settleMs: config.settleMs,
    owner: instanceId(config.instanceId, config.home),
    claimLeaseMs: config.intakeLeaseSeconds * 1000,
    maxBytes: config.maxBytes,
    // One fax per reading process: a fax that takes long (or a bomb, until its budget kills it)
    // holds one process while the others read on.
    concurrency: config.ocrWorkers,
    onStage: (stage) => {
      if (stage === 'recorded') deps.onRecorded();
    },
  });
}
