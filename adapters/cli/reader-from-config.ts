/**
 * The bounded fax reader a CLI command uses, from the configuration. Light to import (no parser,
 * no validation, no store), so `faxdesk check` can start its reading process before it loads them.
 */
import type { Config } from '../../src/config.ts';
import { type BoundedFaxReader, createBoundedFaxReader } from '../../src/reading/isolation/bounded-reader.ts';

/** `oneOff`: a command that reads a few files and exits (check, card) does not warm OCR up front. */
export function readerFromConfig(config: Config, opts: { oneOff?: boolean } = {}): BoundedFaxReader {
  return createBoundedFaxReader({
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
}
