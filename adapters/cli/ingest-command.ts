/**
 * `faxdesk ingest FICHIER… [--via NOM] [--ref ID]`: for a fax server's receive hook (see
 * src/intake/ingest.ts). Exit 0 only once every file is safely in the inbox; 1 with a message
 * on standard error otherwise, so the fax server keeps its copy and can try again.
 */
import { mkdir, stat } from 'node:fs/promises';
import type { Config } from '../../src/config.ts';
import { ingestFile, VIA_NAME } from '../../src/intake/ingest.ts';
import { UsageError } from './usage-error.ts';

export async function runIngest(
  config: Config,
  files: string[],
  opts: { via?: string; ref?: string },
): Promise<number> {
  if (files.length === 0) throw new UsageError('ingest : indiquez au moins un fichier.');
  const via = opts.via ?? 'ingest';
  if (!VIA_NAME.test(via))
    throw new UsageError(`ingest : --via attend un nom court (lettres, chiffres, . _ -), reçu « ${via} ».`);
  if (opts.ref !== undefined && (opts.ref.length === 0 || opts.ref.length > 500))
    throw new UsageError('ingest : --ref attend de 1 à 500 caractères.');
  await mkdir(config.inbox, { recursive: true });
  let failed = 0;
  for (const file of files) {
    const info = await stat(file).catch(() => null);
    if (!info || !info.isFile()) {
      process.stderr.write(
        `faxdesk ingest : ${file} : fichier introuvable ou pas un fichier ; rien n’a été reçu.\n`,
      );
      failed++;
      continue;
    }
    try {
      const stored = await ingestFile(config.inbox, file, { via, ref: opts.ref ?? null });
      process.stdout.write(`Reçue : ${file} → ${stored}\n`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      process.stderr.write(
        `faxdesk ingest : ${file} n’a pas pu être enregistrée dans ${config.inbox} (${code}) ; gardez l’original.\n`,
      );
      failed++;
    }
  }
  return failed > 0 ? 1 : 0;
}
