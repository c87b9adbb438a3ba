/**
 * Finding: after `faxdesk purge`, the console kept serving the page images of purged faxes from
 * its in-memory cache (the cache was read first, and the purged record was still found). Now a
 * purge leaves no copy behind: the console serves nothing of a purged fax (page images, the
 * original file, its page), drops what it kept, and the search finds it by no name or NAM; its
 * pages' text and its card's patient data are gone. Here the purge runs as the administrator
 * runs it: `faxdesk purge` in another process, while the console is up.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLES_DIR } from '../../adapters/console/index.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { startHarness, type ConsoleHarness } from '../console/harness.ts';
import { runFaxdesk } from '../e2e/cli.ts';
import { leakedPatientData, storeFax } from '../workflow/helpers.ts';

let harness: ConsoleHarness;
let fax: FaxRecord;

/** Every address the console shows a fax at: its card's link, each page image, the file. */
function addresses(id: string): string[] {
  return [`faxes/${id}/original`, `faxes/${id}/original/pages/1.png`, `faxes/${id}/original/file`];
}

/** What a person may search a patient by: last name, first name, both, the NAM (two spellings). */
const SEARCHES = ['tremblay', 'jeanne', 'cote jeanne', 'TREJ85551512', 'TREJ 8555 1512'];

function get(path: string): Promise<Response> {
  return fetch(harness.adapter.url + path, { headers: harness.authorization });
}

async function searchIds(q: string): Promise<string[]> {
  const res = await get(`api/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { faxId: string }[] }).items.map((i) => i.faxId);
}

beforeAll(async () => {
  harness = await startHarness();
  const day = join(harness.dir, 'archive', '2025', '03', '15');
  mkdirSync(day, { recursive: true });
  const archivePath = join(day, 'tremblay.tif');
  copyFileSync(join(DEFAULT_SAMPLES_DIR, '01-ordonnance-conforme.tif'), archivePath);
  fax = await storeFax(harness.store, { archivePath, fileKind: 'tiff', pageCount: 1 });
  harness.deliverer.wake();
  const deadline = Date.now() + 20_000;
  while ((await harness.store.listChatMessages(fax.id)).length === 0) {
    if (Date.now() > deadline) throw new Error('card not posted to the console');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);

afterAll(async () => {
  await harness?.close();
}, 60_000);

describe('a purged fax leaves nothing in the console', () => {
  it('serves nothing of it after `faxdesk purge`, not even the pages it had shown', async () => {
    // Before: everything is there, and the page image is now kept in the console's memory.
    for (const path of addresses(fax.id)) expect((await get(path)).status, path).toBe(200);
    for (const q of SEARCHES) expect(await searchIds(q), q).toContain(fax.id);

    const purge = await runFaxdesk(['purge', '--older-than', '30d'], {
      FAXDESK_HOME: harness.dir,
      FAXDESK_LOG_LEVEL: 'error',
    });
    expect(purge.code, purge.stderr).toBe(0);
    expect(purge.stdout).toContain(fax.id);

    for (const path of addresses(fax.id)) {
      const res = await get(path);
      const body = Buffer.from(await res.arrayBuffer());
      expect(res.status, path).not.toBe(200);
      expect(res.headers.get('content-type') ?? '', path).not.toMatch(/image|octet-stream/);
      expect(body.subarray(1, 4).toString('latin1'), path).not.toBe('PNG');
      expect(leakedPatientData(body.toString('utf8')), path).toEqual([]);
    }
    const page = await (await get(`faxes/${fax.id}/original`)).text();
    expect(page).not.toContain('<img');
    for (const q of SEARCHES) expect(await searchIds(q), q).not.toContain(fax.id);
    expect(await harness.store.getPages(fax.id)).toEqual([]);
  });

  it('replaces its card in the console with the retention card, without patient data', async () => {
    await expect
      .poll(
        async () => {
          const res = await get('api/cards');
          const { cards } = (await res.json()) as { cards: { faxId: string; card: unknown }[] };
          return JSON.stringify(cards.find((c) => c.faxId === fax.id)?.card ?? null);
        },
        { timeout: 20_000 },
      )
      .toContain('effacée');
    const { cards } = (await (await get('api/cards')).json()) as {
      cards: { faxId: string; card: unknown }[];
    };
    expect(leakedPatientData(JSON.stringify(cards.find((c) => c.faxId === fax.id)))).toEqual([]);
  });
});
