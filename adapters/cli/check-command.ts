/** `faxdesk check [--json] FILE…`: read and validate files without storing them. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../../src/config.ts';
import { checkFile } from '../../src/check/check-file.ts';
import { formatSummaryFr } from '../../src/check/summary-fr.ts';
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

export async function runCheck(config: Config, files: string[], opts: { json: boolean }): Promise<number> {
  await assertReadableFiles(files);
  const runtime = createFaxRuntime(config);
  try {
    for (const [i, file] of files.entries()) {
      const result = await checkFile(resolve(file), runtime.processors, file);
      if (opts.json) process.stdout.write(JSON.stringify(result) + '\n');
      else process.stdout.write((i > 0 ? '\n' : '') + formatSummaryFr(result) + '\n');
    }
  } finally {
    await runtime.close();
  }
  return 0;
}
