/**
 * Fuzz: mutated PDFs and TIFFs (bit flips, truncation, byte runs inserted or deleted,
 * header fields overwritten: IFD counts and offsets, /Length, xref offsets, sizes) go
 * to the real reader. Each must give a valid FaxReading or an UnreadableFaxError:
 * never another exception, never a crash, never a hang.
 *
 * PDF cases run in this process (pdf.js errors must be caught by the reader itself);
 * TIFF cases run in a child process (fuzz-runner.ts), so a native crash in libtiff or
 * libvips would be reported with the case that caused it instead of killing the run.
 * FAXDESK_FUZZ_SEED and FAXDESK_FUZZ_CASES change the seed and the number of cases.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CaseResult, fakeOcrPool, mutate, runCase, seedFiles } from './fuzz-cases.ts';

const SEED = Number(process.env.FAXDESK_FUZZ_SEED ?? 20_250_501);
const CASES = Number(process.env.FAXDESK_FUZZ_CASES ?? 150);
const CASE_TIMEOUT_MS = 10_000;
const runner = join(import.meta.dirname, 'fuzz-runner.ts');

function tally(results: CaseResult[]): string {
  const counts = new Map<string, number>();
  for (const r of results) {
    const key = r.outcome === 'unreadable' ? `unreadable:${r.code}` : r.outcome;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const slowest = Math.max(...results.map((r) => r.ms));
  return `${[...counts].map(([k, n]) => `${k} ${n}`).join(', ')}; slowest case ${slowest} ms`;
}

function expectNoBadCase(format: string, results: CaseResult[]): void {
  const bad = results.filter((r) => r.outcome === 'bad');
  const detail = bad
    .map((r) => (r.outcome === 'bad' ? `  case ${r.index} (${r.mutation}): ${r.error}` : ''))
    .join('\n');
  expect(bad, `${format} fuzz, seed ${SEED} (FAXDESK_FUZZ_SEED=${SEED}):\n${detail}`).toEqual([]);
}

describe('fuzzed files never crash or hang the reader', () => {
  it(`PDF: ${CASES} mutated files, in process`, async () => {
    const seeds = await seedFiles('pdf');
    const ocr = fakeOcrPool();
    const started = Date.now();
    const results: CaseResult[] = [];
    for (let i = 0; i < CASES; i++) {
      results.push(await runCase(mutate(SEED, i, 'pdf', seeds), CASE_TIMEOUT_MS, ocr));
    }
    console.log(
      `PDF fuzz, seed ${SEED}: ${CASES} cases in ${((Date.now() - started) / 1000).toFixed(1)} s — ${tally(results)}`,
    );
    expectNoBadCase('PDF', results);
    // The mutations must leave some files readable, or the fuzz only tests the first check.
    expect(results.some((r) => r.outcome === 'read')).toBe(true);
  }, 120_000);

  it(`TIFF: ${CASES} mutated files, in a child process`, async () => {
    const started = Date.now();
    const { stdout, failure } = await new Promise<{ stdout: string; failure: string | null }>((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', runner, 'tiff', String(SEED), String(CASES), String(CASE_TIMEOUT_MS)],
        { timeout: 110_000, maxBuffer: 16 * 2 ** 20 },
        (error, out, err) =>
          resolve({
            stdout: out,
            failure: error ? `${error.message} (signal ${error.signal ?? 'none'})\n${err}` : null,
          }),
      );
    });
    const lines = stdout
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const results = lines.filter((l) => !('start' in l)) as CaseResult[];
    if (failure) {
      const last = lines.findLast((l) => 'start' in l);
      expect.fail(
        `TIFF fuzz child died, seed ${SEED}, during case ${String(last?.start)} (${String(last?.mutation)}): ${failure}`,
      );
    }
    console.log(
      `TIFF fuzz, seed ${SEED}: ${CASES} cases in ${((Date.now() - started) / 1000).toFixed(1)} s — ${tally(results)}`,
    );
    expect(results).toHaveLength(CASES);
    expectNoBadCase('TIFF', results);
    expect(results.some((r) => r.outcome === 'read')).toBe(true);
  }, 120_000);
});
