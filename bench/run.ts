/**
 * `npm run bench`: how fast Faxdesk reads faxes on this machine.
 *
 *  1. OCR throughput of the worker pool (pages per minute) on generated fax pages;
 *  2. the same pages through the native `tesseract` command, when installed
 *     (apt-get install tesseract-ocr tesseract-ocr-fra), one process per core
 *     with OMP_THREAD_LIMIT=1, printed side by side as a ratio;
 *  3. end-to-end time per fax through the real intake (file → read → parsed →
 *     validated → stored in SQLite), with field accuracy against the generator;
 *  4. peak memory (max RSS) of this process;
 *  5. search by patient name over 100,000 stored faxes (bench/search.ts);
 *  6. the desk against a scripter's native run on ../shared/corpus: throughput ratio, peak RSS of
 *     each process tree, overhead beside OCR, `faxdesk check` start-up (bench/desk-bench.ts).
 *
 * Options: --pages N (default 12), --faxes N (default 8), --workers N (default: cores),
 * --search-only (only 5), --desk-only (only 6).
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { openSqliteStore } from '../adapters/stores/sqlite/index.ts';
import { fieldsOf } from '../src/check/result.ts';
import { createIntake } from '../src/intake/index.ts';
import { createFaxReader, createOcrPool } from '../src/reading/index.ts';
import { createFaxProcessors } from '../src/runtime/processors.ts';
import { bitmapToPng, buildCorpus, renderBitmaps, renderFixture } from '../test/fixtures/index.ts';
import { relevantScores, scoreFields } from '../test/e2e/score.ts';
import { runDeskBench } from './desk-bench.ts';
import { runSearchBench } from './search.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    pages: { type: 'string', default: '12' },
    faxes: { type: 'string', default: '8' },
    workers: { type: 'string', default: String(availableParallelism()) },
    'search-only': { type: 'boolean', default: false },
    'desk-only': { type: 'boolean', default: false },
  },
});
const pageCount = Number(values.pages);
const faxCount = Number(values.faxes);
const workers = Number(values.workers);

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const line = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);

async function generatePages(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of buildCorpus({ seed: 101, count: pageCount, formats: ['tiff'], degrade: false })) {
    if (files.length >= pageCount) break;
    for (const bitmap of await renderBitmaps(entry.spec, entry.degrade)) {
      if (files.length >= pageCount) break;
      const file = join(dir, `page-${files.length}.png`);
      await writeFile(file, await bitmapToPng(bitmap));
      files.push(file);
    }
  }
  return files;
}

async function hasNativeTesseract(): Promise<boolean> {
  try {
    const { stdout } = await run('tesseract', ['--list-langs']);
    return stdout.includes('fra') && stdout.includes('eng');
  } catch {
    return false;
  }
}

/** Native tesseract, one single-threaded process per worker, pages handed out as processes finish. */
async function nativePagesPerMinute(files: string[]): Promise<number> {
  const queue = [...files];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        await run('tesseract', [file, 'stdout', '-l', 'fra+eng'], {
          env: { ...process.env, OMP_THREAD_LIMIT: '1' },
          maxBuffer: 16 * 1024 * 1024,
        });
      }
    }),
  );
  return files.length / ((performance.now() - started) / 60_000);
}

async function main() {
  const dir = await mkdtemp(join(tmpdir(), 'faxdesk-bench-'));
  try {
    console.log(
      `Faxdesk benchmark — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}`,
    );
    console.log(`OCR pool: ${workers} workers; ${pageCount} pages; ${faxCount} faxes end to end\n`);

    const pages = await generatePages(dir);
    const poolStart = performance.now();
    const pool = await createOcrPool({ size: workers, langDir: join(dir, 'tessdata') });
    line('OCR pool start-up', `${fmt((performance.now() - poolStart) / 1000, 2)} s`);
    const { readFile } = await import('node:fs/promises');
    const images = await Promise.all(pages.map((p) => readFile(p)));
    const ocrStart = performance.now();
    await Promise.all(images.map((png) => pool.recognize(png)));
    const poolRate = images.length / ((performance.now() - ocrStart) / 60_000);
    line('OCR, tesseract.js worker pool', `${fmt(poolRate)} pages/min`);
    if (await hasNativeTesseract()) {
      const nativeRate = await nativePagesPerMinute(pages);
      line('OCR, native tesseract (OMP_THREAD_LIMIT=1)', `${fmt(nativeRate)} pages/min`);
      line('ratio pool / native', `${fmt(poolRate / nativeRate, 2)}×`);
    } else {
      line('OCR, native tesseract', 'not installed (apt-get install tesseract-ocr tesseract-ocr-fra)');
    }

    // End to end through the real intake and SQLite store.
    const home = join(dir, 'home');
    const paths = {
      inbox: join(home, 'inbox'),
      archive: join(home, 'archive'),
      quarantine: join(home, 'quarantine'),
    };
    await mkdir(paths.inbox, { recursive: true });
    const store = openSqliteStore(join(home, 'faxdesk.sqlite'));
    const processors = createFaxProcessors(createFaxReader({ ocr: pool }));
    const intake = createIntake({ store, processors, paths, settleMs: 0 });
    const entries = buildCorpus({
      seed: 202,
      count: faxCount,
      formats: ['tiff', 'pdf-g4', 'pdf-text', 'png'],
    });
    const times: number[] = [];
    let right = 0;
    let total = 0;
    for (const entry of entries) {
      const file = join(paths.inbox, entry.name);
      await writeFile(file, await renderFixture(entry));
      const t0 = performance.now();
      const outcome = await intake.processFile(file, { stable: true });
      times.push(performance.now() - t0);
      if (outcome.kind === 'stored') {
        const fax = await store.getFax(outcome.faxId);
        if (fax?.order) {
          const scores = relevantScores(
            entry.expected.fields,
            scoreFields(entry.expected.fields, fieldsOf(fax.order)),
          );
          right += scores.filter((s) => s.ok).length;
          total += scores.length;
        }
      }
    }
    await store.close();
    await pool.close();
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    line('end to end per fax (file → stored), mean', `${fmt(mean / 1000, 2)} s`);
    line(
      'end to end per fax, median / max',
      `${fmt(times[Math.floor(times.length / 2)]! / 1000, 2)} s / ${fmt(times.at(-1)! / 1000, 2)} s`,
    );
    line(
      'fields read right (generated faxes, some degraded)',
      `${right}/${total} (${fmt((100 * right) / Math.max(1, total))} %)`,
    );
    line('peak memory (max RSS)', `${fmt(process.resourceUsage().maxRSS / 1024)} MiB`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (values['desk-only']) {
  await runDeskBench({ workers });
} else {
  if (!values['search-only']) await main();
  console.log('');
  await runSearchBench();
  if (!values['search-only']) {
    console.log('');
    await runDeskBench({ workers });
  }
}
