/**
 * Files built to stall a reader (issue 12): millions of path operations, a deflate bomb, a page
 * of thousands of images, a TIFF strip that inflates a thousandfold. Each goes through the whole
 * desk — the console and the intake in one process, as `faxdesk watch` runs them, the intake on
 * the bounded reader — and must be quarantined with a French reason once its budget is spent,
 * keep its original and get its card, while the console goes on answering and the next fax is
 * read. Its original pages, asked for in the console, are bounded the same way.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoundedFaxReader, type BoundedFaxReader, type ReadBudget } from '../../src/reading/index.ts';
import { buildCorpus, renderFixture } from '../fixtures/index.ts';
import { startHarness, type ConsoleHarness } from '../console/harness.ts';
import { deflateBombPdf, inflatingStripTiff, manyImagesPdf, pathOperationsPdf } from './bombs.ts';
import { CONFIG_LIMITS, expectFrenchReason } from './harness.ts';

/** Small budgets, so the suite does not wait minutes for each bomb; the defaults are in src/config.ts. */
const BUDGET: ReadBudget = { pageMs: 8_000, fileMs: 60_000, memoryBytes: 600 * 1024 * 1024 };
/** The bound on the console's answer while a bomb is being read. */
const CONSOLE_ANSWER_MS = 1000;

let h: ConsoleHarness;
let reader: BoundedFaxReader;

beforeAll(async () => {
  reader = createBoundedFaxReader({ workers: 1, limits: CONFIG_LIMITS, budget: BUDGET });
  h = await startHarness({ reader, previewBudget: BUDGET });
});
afterAll(async () => {
  await h?.close();
});

/**
 * Runs `work` while asking the console for its cards every quarter second; every request
 * must be answered (200) within the bound.
 */
async function probingConsole<T>(work: Promise<T>): Promise<{ result: T; probes: number }> {
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  let probes = 0;
  const probe = async (): Promise<void> => {
    while (!done) {
      const res = await fetch(`${h.adapter.url}api/cards`, {
        headers: h.authorization,
        signal: AbortSignal.timeout(CONSOLE_ANSWER_MS),
      });
      expect(res.status).toBe(200);
      await res.arrayBuffer();
      probes += 1;
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  const [result] = await Promise.all([finished, probe()]);
  return { result, probes };
}

const bombs: [string, string, () => Buffer | Promise<Buffer>][] = [
  ['three million path operations', 'traces.pdf', () => pathOperationsPdf()],
  ['a content stream inflating to 1 GiB', 'bombe-compression.pdf', () => deflateBombPdf()],
  ['a page of 5,000 images', 'images.pdf', () => manyImagesPdf()],
  ['a TIFF strip inflating a thousandfold', 'bande.tif', () => inflatingStripTiff()],
];

describe('hostile files that ask for endless work or memory', () => {
  it.each(bombs.map((b, i) => [...b, i] as const))(
    '%s: quarantined with its reason, the console answering and the next fax read',
    async (_, name, make, i) => {
      const bomb = await make();
      const [entry] = buildCorpus({ seed: 40 + i, count: 1, scenarios: ['valid'], formats: ['pdf-text'] });
      const good = await renderFixture(entry!);
      await writeFile(join(h.inbox, name), bomb);
      await new Promise((r) => setTimeout(r, 20));
      await writeFile(join(h.inbox, `zz-bonne-${i}.pdf`), good);

      const { result: summary, probes } = await probingConsole(h.ingest());
      expect(probes).toBeGreaterThan(0);
      expect(summary.errors).toBe(0);

      const faxes = await h.store.listFaxes({ limit: 100 });
      const fax = faxes.find((f) => f.originalName === name);
      expect(fax).toMatchObject({ verdict: 'unreadable', unreadableCode: 'interrupted' });
      expect(fax!.unreadableReason).toMatch(
        /^Lecture interrompue : la page 1 demande trop de (calcul|mémoire)/,
      );
      expectFrenchReason(fax!.unreadableReason);
      expect(await readFile(fax!.quarantinePath!)).toEqual(bomb);
      expect(await readFile(`${fax!.quarantinePath}.reason.txt`, 'utf8')).toContain(fax!.unreadableReason!);
      // Its card, in the console's list like any fax's.
      const cards = await fetch(`${h.adapter.url}api/cards?limit=100`, { headers: h.authorization });
      expect(await cards.text()).toContain(fax!.id);

      const next = faxes.find((f) => f.originalName === `zz-bonne-${i}.pdf`);
      expect(next?.verdict).not.toBe('unreadable');
      expect(next?.archivePath).not.toBeNull();

      // The clerk opens the bomb's original: the page preview is bounded too.
      const { result: page } = await probingConsole(
        fetch(`${h.adapter.url}faxes/${fax!.id}/original/pages/1.png`, { headers: h.authorization }),
      );
      expect(page.status).toBe(404);
    },
    180_000,
  );
});
