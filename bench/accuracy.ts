/**
 * `npm run accuracy -- [--seed S] [--count N] [--clean]`: how many fields Faxdesk reads right on
 * generated faxes it has never seen (any seed other than the test suite's), and which it missed.
 *
 * Each fax goes through the real reader (text layer or OCR, French and English) and parser, and
 * is scored field by field against what the generator wrote, as the end-to-end tests score it.
 * Prints one line `accuracy: R/T fields (P %)` then one line per missed field. The generator and
 * the parser are written independently: use a new seed to judge a parser change, and never tune
 * the parser to one seed's faxes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fieldsOf } from '../src/check/result.ts';
import { createFaxReader, createOcrPool } from '../src/reading/index.ts';
import { createFaxProcessors } from '../src/runtime/processors.ts';
import { relevantScores, scoreFields } from '../test/e2e/score.ts';
import { buildCorpus, renderFixture } from '../test/fixtures/index.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '55' },
    count: { type: 'string', default: '60' },
    clean: { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
if (!Number.isInteger(seed) || !Number.isInteger(count) || count < 1) {
  throw new Error('--seed and --count take whole numbers (--count at least 1)');
}

const dir = await mkdtemp(join(tmpdir(), 'faxdesk-accuracy-'));
const pool = await createOcrPool({ size: availableParallelism(), langDir: join(dir, 'tessdata') });
try {
  const processors = createFaxProcessors(createFaxReader({ ocr: pool }));
  let right = 0;
  let total = 0;
  const misses: string[] = [];
  for (const entry of buildCorpus({ seed, count, ...(values.clean ? { degrade: false } : {}) })) {
    const file = join(dir, entry.name);
    await writeFile(file, await renderFixture(entry));
    const reading = await processors.read(file).catch((error: unknown) => error as Error);
    if (reading instanceof Error) {
      misses.push(`${entry.name}: not read (${reading.message})`);
      continue;
    }
    const order = processors.parse(reading);
    for (const s of relevantScores(
      entry.expected.fields,
      scoreFields(entry.expected.fields, fieldsOf(order)),
    )) {
      total++;
      if (s.ok) right++;
      else
        misses.push(
          `${entry.name} ${s.field}: expected ${JSON.stringify(s.expected)}, read ${JSON.stringify(s.actual)}`,
        );
    }
  }
  console.log(
    `accuracy: ${right}/${total} fields (${((100 * right) / Math.max(1, total)).toFixed(1)} %), seed ${seed}, ${count} faxes`,
  );
  for (const m of misses) console.log(m);
} finally {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
}
