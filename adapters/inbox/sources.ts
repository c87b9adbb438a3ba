/**
 * The intake sources the configuration asks for: the inbox folder always (`faxdesk ingest`
 * writes into it too), the mailbox when FAXDESK_MAIL_URL is set. A new source (a cloud fax
 * provider's API) is one file beside these and one line here.
 */
import type { Config } from '../../src/config.ts';
import type { IntakeLog } from '../../src/intake/log.ts';
import type { IntakeSource, SourceHealth } from '../../src/intake/source.ts';
import { createFolderSource } from './folder.ts';
import { createMailboxSource } from './mailbox.ts';
import { mailSettings } from './mail/settings.ts';

export interface SourceDeps {
  log: IntakeLog;
  /** Says a source's trouble in the channel (the mailbox unreachable for too long). */
  alert?: (health: SourceHealth) => Promise<void> | void;
}

/**
 * Reads every source's settings first: a configuration mistake stops start-up before anything
 * runs. Returns a function that builds the sources.
 */
export function planSources(config: Config): (deps: SourceDeps) => IntakeSource[] {
  const mail = mailSettings(config);
  return (deps) => {
    const sources: IntakeSource[] = [
      createFolderSource({
        dir: config.inbox,
        pollIntervalMs: config.pollSeconds * 1000,
        settleMs: config.settleMs,
        // One fax per reading process: a fax that takes long (or a bomb, until its budget kills
        // it) holds one process while the others read on.
        concurrency: config.ocrWorkers,
        log: deps.log,
      }),
    ];
    if (mail) sources.push(createMailboxSource(mail, { log: deps.log, onAlert: deps.alert }));
    return sources;
  };
}
