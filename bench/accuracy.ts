/**
 * `npm run accuracy -- [--seed S] [--count N] [--clean] [--corpus DIR] [--no-cache]`: how well Faxdesk
 * reads orders, on two sets side by side, so every reader change shows both:
 *   - faxes from the project's own generator (a seed the tests do not use), scored against what the
 *     generator wrote;
 *   - the truth corpus written by another generator (`../shared/corpus`), scored as
 *     `node ../shared/tools/score-corpus.mjs` scores it.
 * Each set: fields, checks, verdicts right, false `ok`, per group (clean, degraded, handwritten);
 * then every miss. The generator and the parser are written independently: never tune the parser
 * to one seed's faxes, nor to one corpus file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { readAndValidate } from '../src/check/check-file.ts';
import { fieldsOf } from '../src/check/result.ts';
import { createFaxReader, createOcrPool } from '../src/reading/index.ts';
import { createFaxProcessors } from '../src/runtime/processors.ts';
import { relevantScores, scoreFields } from '../test/e2e/score.ts';
import { buildCorpus, isDegraded, renderFixture } from '../test/fixtures/index.ts';
import { checkCorpus } from './corpus-check.ts';
import { formatTally, newTally, type Tally } from './corpus-score.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '55' },
    count: { type: 'string', default: '60' },
    clean: { type: 'boolean', default: false },
    corpus: { type: 'string', default: fileURLToPath(new URL('../../shared/corpus/faxes', import.meta.url)) },
    cache: { type: 'string', default: join(tmpdir(), 'faxdesk-reading-cache') },
    'no-cache': { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
  throw new Error('--seed and --count take whole numbers (--count at least 1)');
}

/** The generator's faxes through the real reader, parser and rules. */
async function scoreGenerator(): Promise<{ total: Tally; groups: Record<string, Tally>; misses: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'faxdesk-accuracy-'));
  const pool = await createOcrPool({ size: availableParallelism(), langDir: join(dir, 'tessdata') });
  const total = newTally();
  const groups: Record<string, Tally> = { clean: newTally(), degraded: newTally() };
  const misses: string[] = [];
  try {
    const processors = createFaxProcessors(createFaxReader({ ocr: pool }));
    for (const entry of buildCorpus({ seed, count, ...(values.clean ? { degrade: false } : {}) })) {
      const tallies = [total, groups[isDegraded(entry.degrade) ? 'degraded' : 'clean']!];
      const add = (key: keyof Tally) => tallies.forEach((t) => (t[key] += 1));
      add('faxes');
      const file = join(dir, entry.name);
      await writeFile(file, await renderFixture(entry));
      const outcome = await readAndValidate(file, processors);
      const fields = outcome.order ? fieldsOf(outcome.order) : null;
      for (const s of fields
        ? relevantScores(entry.expected.fields, scoreFields(entry.expected.fields, fields))
        : []) {
        add('fields');
        if (s.ok) add('fieldsRight');
        else
          misses.push(
            `${entry.name} ${s.field}: expected ${JSON.stringify(s.expected)}, read ${JSON.stringify(s.actual)}`,
          );
      }
      const statuses = new Map(outcome.report.checks.map((c) => [c.id, c.status]));
      for (const [id, want] of Object.entries(entry.expected.checks)) {
        add('checks');
        if (statuses.get(id as never) === want) add('checksRight');
        else misses.push(`${entry.name} check ${id}: expected ${want}, got ${statuses.get(id as never)}`);
      }
      const verdicts = [entry.expected.verdict, ...entry.expected.verdictAlternatives];
      if (verdicts.includes(outcome.report.verdict)) add('verdictsRight');
      else
        misses.push(
          `${entry.name} verdict: expected ${verdicts.join(' or ')}, got ${outcome.report.verdict}`,
        );
      if (outcome.report.verdict === 'ok' && !verdicts.includes('ok')) add('falseOk');
    }
  } finally {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  }
  return { total, groups, misses };
}

const generator = await scoreGenerator();
const corpus = await checkCorpus({ dir: values.corpus, cacheDir: values['no-cache'] ? null : values.cache });

const rows: [string, Tally | undefined, Tally | undefined][] = [
  ['all', generator.total, corpus.score.total],
  ['clean', generator.groups.clean, corpus.score.groups.clean],
  ['degraded', generator.groups.degraded, corpus.score.groups.degraded],
  ['handwritten', undefined, corpus.score.groups.handwritten],
];
console.log(
  `generator: seed ${seed}, ${count} faxes${values.clean ? ' (clean)' : ''} | corpus: ${values.corpus}`,
);
for (const [group, g, c] of rows) {
  console.log(`${group.padEnd(11)} generator  ${g && g.faxes > 0 ? formatTally(g) : '–'}`);
  console.log(`${''.padEnd(11)} corpus     ${c && c.faxes > 0 ? formatTally(c) : '–'}`);
}
console.log('\nmisses, generator:');
for (const m of generator.misses) console.log(`  ${m}`);
console.log('misses, corpus:');
for (const m of corpus.score.misses) console.log(`  ${m}`);
