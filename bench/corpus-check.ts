/**
 * Runs `faxdesk check` on every fax of a truth corpus (by default `../shared/corpus/faxes`), through
 * the real reader (text layer or OCR) and parser, and scores the results. With a cache folder the
 * readings are kept between runs (see reading-cache.ts), so only the parser and rules run again.
 */
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readAndValidate } from '../src/check/check-file.ts';
import { buildCheckResult, type CheckResult } from '../src/check/result.ts';
import type { FaxReading } from '../src/domain/reading.ts';
import { createFaxReader, createOcrPool, type OcrPool } from '../src/reading/index.ts';
import { createFaxProcessors } from '../src/runtime/processors.ts';
import { loadCorpus, scoreCorpus, type CorpusScore, type CorpusTruth } from './corpus-score.ts';
import { readingCache } from './reading-cache.ts';

export interface CorpusRun {
  truths: CorpusTruth[];
  results: Map<string, CheckResult>;
  readings: Map<string, FaxReading>;
  score: CorpusScore;
}

export async function checkCorpus(opts: {
  dir: string;
  cacheDir?: string | null;
  only?: (file: string) => boolean;
}): Promise<CorpusRun> {
  const truths = loadCorpus(opts.dir).filter((t) => !opts.only || opts.only(t.file));
  const cache = opts.cacheDir ? readingCache(opts.cacheDir) : null;
  let pool: OcrPool | null = null;
  const readings = new Map<string, FaxReading>();
  const read = async (file: string | Buffer): Promise<FaxReading> => {
    pool ??= await createOcrPool({ size: availableParallelism() });
    return createFaxReader({ ocr: pool }).read(file);
  };
  const processors = createFaxProcessors({
    read: (file) => (cache && typeof file === 'string' ? cache.read(file, read) : read(file)),
  });
  const results = new Map<string, CheckResult>();
  try {
    for (const t of truths) {
      const file = join(opts.dir, t.file);
      const outcome = await readAndValidate(file, processors);
      if (outcome.reading) readings.set(t.file, outcome.reading);
      results.set(t.file, buildCheckResult(file, outcome.reading, outcome.order, outcome.report));
    }
  } finally {
    await (pool as OcrPool | null)?.close();
  }
  return { truths, results, readings, score: scoreCorpus(truths, results) };
}
