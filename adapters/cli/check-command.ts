/** `faxdesk check [--json] FILE…`: read and validate files without storing them. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../../src/config.ts';
import { checkFile } from '../../src/check/check-file.ts';
import type { CheckResult } from '../../src/check/result.ts';
import { formatSummaryFr } from '../../src/check/summary-fr.ts';
import type { BoundedFaxReader } from '../../src/reading/isolation/bounded-reader.ts';
import { createFaxRuntime } from './runtime.ts';
import { UsageError } from './usage-error.ts';

/** Every argument is checked before any work starts, so a typo costs nothing. */
async function assertReadableFiles(files: string[]): Promise<void> {
  if (files.length === 0) throw new UsageError('check : indiquez au moins un fichier.');
  for (const file of files) {
    const info = await stat(file).catch(() => null);
    if (!info) throw new UsageError(`Fichier introuvable : ${file}`);
    if (!info.isFile()) throw new UsageError(`Pas un fichier : ${file}`);
  }
}

export async function runCheck(
  config: Config,
  files: string[],
  opts: { json: boolean; reader?: BoundedFaxReader },
): Promise<number> {
  await assertReadableFiles(files);
  const runtime = createFaxRuntime(config, { oneOff: true, ...(opts.reader ? { reader: opts.reader } : {}) });
  // As many files read at once as there are reading processes; printed in the order given.
  const ahead = Math.max(1, config.ocrWorkers);
  const checks: Promise<CheckResult>[] = [];
  const start = (i: number): void => {
    const file = files[i];
    if (file === undefined || checks[i]) return;
    checks[i] = checkFile(resolve(file), runtime.processors, file);
    checks[i].catch(() => undefined); // awaited below, in order
  };
  try {
    for (let i = 0; i < ahead; i++) start(i);
    for (let i = 0; i < files.length; i++) {
      start(i);
      const result = await (checks[i] as Promise<CheckResult>);
      start(i + ahead);
      if (opts.json) process.stdout.write(JSON.stringify(result) + '\n');
      else process.stdout.write((i > 0 ? '\n' : '') + formatSummaryFr(result) + '\n');
    }
  } finally {
    await runtime.close();
  }
  return 0;
}
