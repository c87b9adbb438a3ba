/**
 * Wires the core's reading/parsing/validation for a CLI command from the
 * configuration: reading processes (started on first use, sized from the config,
 * each bounded in time and memory) reused for every fax the command handles.
 */
import type { Config } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import type { BoundedFaxReader } from '../../src/reading/isolation/bounded-reader.ts';
import { readerFromConfig } from './reader-from-config.ts';
import { createFaxProcessors } from '../../src/runtime/processors.ts';
import type { CheckProcessors } from '../../src/check/check-file.ts';

export interface FaxRuntime {
  processors: CheckProcessors;
  log: Logger;
  close(): Promise<void>;
}

/**
 * `oneOff`: a command that reads a few files and exits (check, card) does not warm OCR up front.
 * `reader`: one the command already started (see main.ts), else one from the configuration.
 */
export function createFaxRuntime(
  config: Config,
  opts: { oneOff?: boolean; reader?: BoundedFaxReader } = {},
): FaxRuntime {
  const log = createLogger(config.logLevel);
  const reader = opts.reader ?? readerFromConfig(config, opts);
  const processors = createFaxProcessors(reader, { minOcrConfidence: config.minOcrConfidence });
  return { processors, log, close: () => reader.close() };
}
