/**
 * `faxdesk card FILE --platform teams|slack`: the card Faxdesk would post for
 * a fax, as JSON — to preview in the Adaptive Cards Designer or Slack's Block
 * Kit Builder. Nothing is stored.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { buildFaxCard, renderAdaptiveCard, renderSlackMessage } from '../../cards/index.ts';
import type { Config } from '../../src/config.ts';
import { readAndValidate } from '../../src/check/check-file.ts';
import { newFaxId, type FaxRecord } from '../../src/store/index.ts';
import { createFaxRuntime } from './runtime.ts';
import { UsageError } from './usage-error.ts';

export async function runCard(
  config: Config,
  files: string[],
  opts: { platform: string | undefined },
): Promise<number> {
  if (files.length !== 1) throw new UsageError('card : indiquez un seul fichier.');
  const platform = opts.platform ?? 'teams';
  if (platform !== 'teams' && platform !== 'slack') {
    throw new UsageError(`card : --platform doit être teams ou slack (reçu : ${platform})`);
  }
  const file = resolve(files[0]!);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new UsageError(`Fichier introuvable : ${files[0]}`);

  const runtime = createFaxRuntime(config, { oneOff: true });
  try {
    const { reading, order, report, unreadableCode } = await readAndValidate(file, runtime.processors);
    const fax: FaxRecord = {
      id: newFaxId(),
      sha256: createHash('sha256')
        .update(await readFile(file))
        .digest('hex'),
      originalName: basename(file),
      sizeBytes: info.size,
      archivePath: file,
      quarantinePath: null,
      receivedAt: new Date().toISOString(),
      fileKind: reading?.kind ?? null,
      pageCount: reading?.pages.length ?? 0,
      status: 'pending',
      verdict: report.verdict,
      unreadableCode,
      unreadableReason: report.reason,
      ocrUsed: reading?.ocrUsed ?? false,
      ocrConfidence: reading?.confidence ?? null,
      order,
      report,
    };
    const card = buildFaxCard(fax, [], { lang: config.language });
    const json = platform === 'teams' ? renderAdaptiveCard(card) : renderSlackMessage(card);
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
  } finally {
    await runtime.close();
  }
  return 0;
}
