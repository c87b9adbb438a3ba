/**
 * Child process for the 60-page test: runs one intake pass over an inbox with the real
 * reader and a small OCR pool, then prints what it measured as one JSON line. Run in
 * its own process so its peak memory (maxRSS) is the fax's, not the test runner's.
 *
 * argv: <root dir holding inbox/> <ocr workers>
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openSqliteStore } from '../../adapters/stores/sqlite/index.ts';
import { createIntake } from '../../src/intake/index.ts';
import { createFaxReader, createOcrPool } from '../../src/reading/index.ts';
import { createFaxProcessors } from '../../src/runtime/processors.ts';
import { CONFIG_LIMITS } from './harness.ts';

const [root = '', workers = '1'] = process.argv.slice(2);
mkdirSync(join(root, 'inbox'), { recursive: true });
const store = openSqliteStore(join(root, 'faxdesk.sqlite'));
const ocr = await createOcrPool({ size: Number(workers) });
const rssAfterStart = process.memoryUsage().rss;
const started = Date.now();
try {
  const intake = createIntake({
    store,
    processors: createFaxProcessors(createFaxReader({ ocr, limits: CONFIG_LIMITS })),
    paths: {
      inbox: join(root, 'inbox'),
      archive: join(root, 'archive'),
      quarantine: join(root, 'quarantine'),
    },
    settleMs: 50,
  });
  const summary = await intake.processInboxOnce();
  process.stdout.write(
    JSON.stringify({
      outcomes: summary.results.map((r) => r.outcome),
      seconds: (Date.now() - started) / 1000,
      rssAfterStartBytes: rssAfterStart,
      // maxRSS is in kilobytes; it covers the OCR worker threads too (same process).
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    }) + '\n',
  );
} finally {
  await ocr.close();
  await store.close();
}
