/**
 * `tsx bench/corpus.ts [--corpus DIR] [--cache DIR] [--only dev_017,dev_024] [--dump]`: the truth
 * corpus scored through the real reader and parser, every miss printed, then the totals by group.
 * `--dump` prints each selected fax's text as the parser saw it (never on real faxes: patient data).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { checkCorpus } from './corpus-check.ts';
import { formatTally } from './corpus-score.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: fileURLToPath(new URL('../../shared/corpus/faxes', import.meta.url)) },
    cache: { type: 'string', default: join(tmpdir(), 'faxdesk-reading-cache') },
    'no-cache': { type: 'boolean', default: false },
    only: { type: 'string' },
    dump: { type: 'boolean', default: false },
  },
});
const only = values.only?.split(',').filter(Boolean);
const run = await checkCorpus({
  dir: values.corpus,
  cacheDir: values['no-cache'] ? null : values.cache,
  ...(only ? { only: (f: string) => only.some((o) => f.includes(o)) } : {}),
});
if (values.dump) {
  for (const [file, reading] of run.readings) {
    console.log(`===== ${file}`);
    for (const p of reading.pages)
      console.log(`--- page ${p.index} (${p.source}, ${p.confidence})\n${p.text}`);
  }
}
for (const m of run.score.misses) console.log(m);
for (const [group, t] of Object.entries(run.score.groups)) console.log(`${group}: ${formatTally(t)}`);
console.log(`corpus: ${formatTally(run.score.total)}`);
