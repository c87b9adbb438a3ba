/**
 * The desk as `faxdesk watch` wires it — bounded reading processes, the intake reading as many
 * faxes at once as there are workers, SQLite — over an inbox filled by bench/desk-bench.ts, in a
 * process of its own so that its whole process tree can be measured. Prints one JSON line.
 *
 * Usage: tsx bench/desk-run.ts HOME WORKERS
 */
import { join } from 'node:path';
import { readdir } from 'node:fs/promises';
import { openSqliteStore } from '../adapters/stores/sqlite/index.ts';
import { createIntake } from '../src/intake/index.ts';
import { createBoundedFaxReader } from '../src/reading/isolation/bounded-reader.ts';
import { createFaxProcessors } from '../src/runtime/processors.ts';

const [home = '', workersArg = '2'] = process.argv.slice(2);
const workers = Number(workersArg);
const paths = {
  inbox: join(home, 'inbox'),
  archive: join(home, 'archive'),
  quarantine: join(home, 'quarantine'),
};
const store = openSqliteStore(join(home, 'faxdesk.sqlite'));
const reader = createBoundedFaxReader({
  workers,
  langDir: join(home, '.tessdata'),
  limits: { maxBytes: 100 * 1024 * 1024, maxPixelsPerPage: 60_000_000, ocrTimeoutMsPerPage: 180_000 },
});
const intake = createIntake({ store, processors: createFaxProcessors(reader), paths, settleMs: 0 });

const files = (await readdir(paths.inbox)).sort().map((name) => join(paths.inbox, name));
const started = performance.now();
let faxMs = 0;
const outcomes: Record<string, number> = {};
await Promise.all(
  Array.from({ length: workers }, async () => {
    for (let file = files.shift(); file !== undefined; file = files.shift()) {
      const t0 = performance.now();
      const outcome = await intake.processFile(file, { stable: true });
      faxMs += performance.now() - t0;
      outcomes[outcome.kind] = (outcomes[outcome.kind] ?? 0) + 1;
    }
  }),
);
const wallMs = performance.now() - started;
const faxes = await store.listFaxes({ limit: 10_000 });
const pages = faxes.reduce((sum, f) => sum + f.pageCount, 0);
await reader.close();
await store.close();
process.stdout.write(
  JSON.stringify({ wallMs, faxMs, ocrMs: reader.stats.ocrMs, faxes: faxes.length, pages, outcomes }) + '\n',
);
