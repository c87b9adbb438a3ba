/**
 * Child process for the TIFF fuzz cases: libtiff and libvips are native code, and a
 * crash there would take the test runner down with it. One JSON line per case, a
 * `start` line first, so a process that dies still names the case that killed it.
 *
 * argv: <format> <seed> <count> <per-case timeout ms>
 */
import { fakeOcrPool, mutate, runCase, seedFiles, type FuzzFormat } from './fuzz-cases.ts';

const [format = 'tiff', seed = '1', count = '150', timeoutMs = '10000'] = process.argv.slice(2);
const seeds = await seedFiles(format as FuzzFormat);
const ocr = fakeOcrPool();
for (let i = 0; i < Number(count); i++) {
  const c = mutate(Number(seed), i, format as FuzzFormat, seeds);
  process.stdout.write(JSON.stringify({ start: i, mutation: c.mutation }) + '\n');
  process.stdout.write(JSON.stringify(await runCase(c, Number(timeoutMs), ocr)) + '\n');
}
// A hung decode in the background must not keep the child alive past the answers.
process.exit(0);
