/**
 * Wires the core's reading/parsing/validation for a CLI command from the
 * configuration: reading processes (started on first use, sized from the config,
 * each bounded in time and memory) reused for every fax the command handles.
 */
import type { Config } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { createBoundedFaxReader } from '../../src/reading/isolation/bounded-reader.ts';
import { createFaxProcessors } from '../../src/runtime/processors.ts';
import type { CheckProcessors } from '../../src/check/check-file.ts';

export interface FaxRuntime {
  processors: CheckProcessors;
  log: Logger;
  close(): Promise<void>;
}

/** `oneOff`: a command that reads a few files and exits (check, card) does not warm OCR up front. */
export function createFaxRuntime(config: Config, opts: { oneOff?: boolean } = {}): FaxRuntime {
  const log = createLogger(config.logLevel);
  const reader = createBoundedFaxReader({
    workers: config.ocrWorkers,
    langDir: `${config.home}/.tessdata`,
    ocrStart: opts.oneOff ? 'lazy' : 'eager',
    limits: {
      maxBytes: config.maxBytes,
      maxPages: config.maxPages,
      maxPixelsPerPage: config.maxPixelsPerPage,
      ocrTimeoutMsPerPage: config.ocrTimeoutSeconds * 1000,
    },
    budget: {
      pageMs: config.readPageSeconds * 1000,
      fileMs: config.readFileSeconds * 1000,
      memoryBytes: config.readMemoryMb * 1024 * 1024,
    },
  });
  const processors = createFaxProcessors(reader, { minOcrConfidence: config.minOcrConfidence });
  return { processors, log, close: () => reader.close() };
}
