/**
 * Wires the core's reading/parsing/validation for a CLI command from the
 * configuration: one OCR pool (started lazily, sized from the config) reused
 * for every fax the command handles.
 */
import type { Config } from '../../src/config.ts';
import { createLogger, type Logger } from '../../src/log.ts';
import { createFaxReader, createOcrPool } from '../../src/reading/index.ts';
import { lazyOcrPool } from '../../src/runtime/lazy-ocr-pool.ts';
import { createFaxProcessors } from '../../src/runtime/processors.ts';
import type { CheckProcessors } from '../../src/check/check-file.ts';

export interface FaxRuntime {
  processors: CheckProcessors;
  log: Logger;
  close(): Promise<void>;
}

export function createFaxRuntime(config: Config): FaxRuntime {
  const log = createLogger(config.logLevel);
  const ocr = lazyOcrPool(config.ocrWorkers, () =>
    createOcrPool({ size: config.ocrWorkers, langDir: `${config.home}/.tessdata` }),
  );
  const reader = createFaxReader({
    ocr,
    limits: {
      maxBytes: config.maxBytes,
      maxPages: config.maxPages,
      maxPixelsPerPage: config.maxPixelsPerPage,
      ocrTimeoutMsPerPage: config.ocrTimeoutSeconds * 1000,
    },
  });
  const processors = createFaxProcessors(reader, { minOcrConfidence: config.minOcrConfidence });
  return { processors, log, close: () => ocr.close() };
}
