/**
 * The console's search box in headless Chromium, against a whole Faxdesk (real store, search
 * core, outbox posting to the console): results in a panel, and a click shows the fax's card
 * in the channel — loading it first when it is older than the page shows.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaxRecord } from '../../src/store/records.ts';
import { launchChromium, openConsole, startHarness, type ConsoleHarness } from '../console/harness.ts';
import { patientFax, storeFax } from '../workflow/helpers.ts';
import { storePatients } from './patients.ts';

let harness: ConsoleHarness;
let browser: Browser;
let faxes: Map<string, FaxRecord>;

/** More recent faxes than one page of the console holds, so the patients' cards start unloaded. */
async function storeNewerFaxes(count: number): Promise<FaxRecord[]> {
  const base = patientFax().order;
  if (base === null) throw new Error('the helper fax has no order');
  const stored: FaxRecord[] = [];
  for (let i = 0; i < count; i++) {
    const fax = await storeFax(harness.store, {
      receivedAt: new Date(Date.UTC(2025, 2, 15, 13, i)).toISOString(),
      order: {
        ...base,
        patient: { ...base.patient, firstName: 'Nathalie', lastName: 'Bouchard', nam: null, namRaw: null },
      },
    });
    stored.push(fax);
  }
  return stored;
}

beforeAll(async () => {
  harness = await startHarness();
  browser = await launchChromium();
  faxes = await storePatients(harness.store);
  const all = [...faxes.values(), ...(await storeNewerFaxes(22))];
  harness.deliverer.wake();
  // Every card is in the console's channel before the page opens.
  const deadline = Date.now() + 20_000;
  for (;;) {
    const posted = await Promise.all(
      all.map(async (f) => (await harness.store.listChatMessages(f.id)).length),
    );
    if (posted.every((n) => n > 0)) break;
    if (Date.now() > deadline) throw new Error('cards not posted');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
}, 60_000);

async function search(page: Page, text: string): Promise<void> {
  const headline = page.locator('#search-headline');
  const before = await headline.textContent();
  await page.fill('#search-input', text);
  await page.press('#search-input', 'Enter');
  await page.locator('#search-panel').waitFor({ state: 'visible' });
  // Wait for this answer (the headline changes with every query here).
  await expect.poll(() => headline.textContent()).not.toBe(before);
}

const hits = (page: Page) => page.locator('#search-results .search-hit');

describe('the console’s search box', { timeout: 60_000 }, () => {
  it('finds a fax by name, lists it with its details, and a click shows its card', async () => {
    const { page, errors } = await openConsole(browser, harness.signInUrl!);
    const cote = faxes.get('cote')!;
    // Older than the 20 newest: not on the page yet.
    expect(await page.locator(`article[data-fax-id="${cote.id}"]`).count()).toBe(0);

    await search(page, 'cote');
    await expect
      .poll(() => page.locator('#search-headline').textContent())
      .toBe('1 télécopie trouvée pour « cote » :');
    expect(await hits(page).count()).toBe(1);
    const hit = hits(page).first();
    const text = (await hit.textContent()) ?? '';
    expect(text).toContain('Hélène Côté');
    expect(text).toContain('né(e) le 1974-09-21');
    expect(text).toContain('12 mars 2025');
    expect(text).toContain('En attente d’une décision');
    expect(text).toContain('À vérifier');
    expect(text).toContain('Mammographie de dépistage');
    expect(text).toContain('Voir la fiche');

    await hit.locator('button').click();
    const card = page.locator(`#fax-${cote.id}`);
    await card.waitFor();
    await expect.poll(() => card.getAttribute('class')).toContain('found');
    await expect.poll(() => card.isVisible()).toBe(true);
    const box = await card.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.y + box!.height).toBeGreaterThan(0);
    expect(box!.y).toBeLessThan(900);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('finds names in either order, the most recent first; says when nothing matches; Escape closes', async () => {
    const { page, errors } = await openConsole(browser, harness.signInUrl!);
    await search(page, 'marie tremblay');
    expect(await hits(page).count()).toBe(2);
    expect(await hits(page).nth(0).textContent()).toContain('Échographie abdominale');
    expect(await hits(page).nth(1).textContent()).toContain('Radiographie pulmonaire');

    await search(page, 'saint pierre');
    expect(await hits(page).count()).toBe(1);
    expect(await hits(page).first().textContent()).toContain('Luc Saint-Pierre');

    await search(page, 'zzyzx');
    expect(await page.locator('#search-headline').textContent()).toBe(
      'Aucune télécopie trouvée pour « zzyzx ».',
    );
    expect(await hits(page).count()).toBe(0);

    await search(page, '');
    expect(await page.locator('#search-headline').textContent()).toContain('Tapez le nom de l’usager');

    await page.keyboard.press('Escape');
    await page.locator('#search-panel').waitFor({ state: 'hidden' });
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('answers queries with SQL and FTS syntax', async () => {
    const { page } = await openConsole(browser, harness.signInUrl!);
    const answers = await page.evaluate(async () => {
      const out: { status: number; kind: string }[] = [];
      for (const q of ['"', '*', "'", 'NEAR', 'tremblay" OR *', "o'brien; DROP TABLE faxes; --"]) {
        const res = await fetch('/api/search?q=' + encodeURIComponent(q));
        out.push({ status: res.status, kind: ((await res.json()) as { kind: string }).kind });
      }
      return out;
    });
    for (const a of answers) {
      expect(a.status).toBe(200);
      expect(['none', 'invalid', 'results']).toContain(a.kind);
    }
    await page.context().close();
  });
});
