/**
 * The console as a clerk meets it, in headless Chromium against a whole Faxdesk: it works from
 * a 360 px phone to a wide screen, depends on no emoji font, filters by state with counts, puts
 * the number waiting in the title, finds a fax by a piece of its id typed in lower case, lets
 * an acceptance be undone for a few seconds (recorded), shows keyboard focus, gives each card a
 * heading, announces arrivals by sender only, and says so when the sign-in is gone or the live
 * stream is refused.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSpec, renderPages, textPdf, type Scenario } from '../fixtures/index.ts';
import { cardProblems, launchChromium, openConsole, startHarness, type ConsoleHarness } from './harness.ts';

let harness: ConsoleHarness;
let browser: Browser;
let seed = 9100;
const ids: Record<string, string> = {};

async function dropOrder(scenario: Scenario, name: string): Promise<string> {
  const spec = generateSpec(seed++, { scenario, layout: 'form', coverPage: false });
  writeFileSync(join(harness.inbox, name), await textPdf(renderPages(spec)));
  const summary = await harness.ingest();
  const outcome = summary.results[0]?.outcome;
  if (outcome?.kind !== 'stored') throw new Error(`not stored: ${JSON.stringify(outcome)}`);
  return outcome.faxId;
}

const card = (page: Page, faxId: string) => page.locator(`article[data-fax-id="${faxId}"]`);

async function allCards(page: Page): Promise<void> {
  await page.waitForFunction(
    `document.querySelectorAll('article.message').length >= ${Object.keys(ids).length}`,
  );
}

beforeAll(async () => {
  harness = await startHarness();
  browser = await launchChromium();
  ids['ok'] = await dropOrder('valid', 'a.pdf');
  ids['incomplete'] = await dropOrder('no_nam', 'b.pdf');
  ids['lab'] = await dropOrder('lab_results', 'c.pdf');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
}, 60_000);

describe('the console on any screen', { timeout: 60_000 }, () => {
  it.each([360, 600, 900, 1280, 1920])(
    'shows every card at %i px wide, with nothing cut off',
    async (width) => {
      const { page, context, errors } = await openConsole(browser, harness.signInUrl!, {
        width,
        height: 800,
      });
      await allCards(page);
      const layout = (await page.evaluate(`(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      cards: [...document.querySelectorAll('.message-card')].map((el) => el.getBoundingClientRect().width),
    }))()`)) as { scrollWidth: number; cards: number[] };
      expect(layout.cards.length).toBeGreaterThanOrEqual(3);
      // Each card takes the room there is: at least 300 px on a phone, never 0.
      for (const w of layout.cards) expect(w).toBeGreaterThanOrEqual(Math.min(300, width - 60));
      expect(layout.scrollWidth).toBeLessThanOrEqual(width);
      // Prescriber and patient side by side where there is room, one under the other on a phone.
      const columns = (await page.evaluate(
        "[...document.querySelector('.message-card .ac-columnSet').children].filter((c) => c.classList.contains('ac-container')).map((c) => c.getBoundingClientRect().top)",
      )) as number[];
      expect(columns).toHaveLength(2);
      if (width <= 400) expect(columns[1]).toBeGreaterThan(columns[0] as number);
      else expect(columns[1]).toBe(columns[0]);
      expect(await cardProblems(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    },
  );

  it('fits a conforming order’s card in 600 px of height at 1,280 px wide, decision buttons included', async () => {
    const { page, context } = await openConsole(browser, harness.signInUrl!, { width: 1280, height: 900 });
    const ok = card(page, ids['ok'] as string);
    await ok.waitFor();
    expect(await ok.getAttribute('data-verdict')).toBe('ok');
    const box = await ok.locator('.message-card').boundingBox();
    expect(box?.height).toBeGreaterThan(200);
    expect(box?.height).toBeLessThanOrEqual(600);
    // The verdict, the state and the sender are in its first lines.
    const top = (await ok.locator('.message-card').innerText()).split('\n').slice(0, 4).join(' ');
    expect(top).toContain('Conforme');
    expect(top).toContain('En attente d’une décision');
    expect(top).toMatch(/Télécopie d/);
    await context.close();
  });

  it('needs no emoji font: the cards carry no emoji', async () => {
    const { page, context } = await openConsole(browser, harness.signInUrl!);
    await allCards(page);
    const text = (await page.evaluate("document.getElementById('feed').innerText")) as string;
    expect(text).not.toMatch(/\p{Extended_Pictographic}/u);
    expect(text).toContain('Conforme');
    await context.close();
  });
});

describe('finding one’s way', { timeout: 60_000 }, () => {
  it('filters by state with counts, and puts the number waiting in the title', async () => {
    const { page, context } = await openConsole(browser, harness.signInUrl!);
    await allCards(page);
    const pending = (await harness.store.listFaxes({ limit: 50 })).filter(
      (f) => f.status === 'pending',
    ).length;
    await expect.poll(() => page.title()).toMatch(new RegExp(`^\\(${pending}\\) `));
    expect(await page.locator('[data-count="pending"]').textContent()).toBe(String(pending));
    await page.locator('.filter[data-filter="accepted"]').click();
    expect(await page.locator('article.message:visible').count()).toBe(0);
    await expect.poll(() => page.locator('.filter-empty').isVisible()).toBe(true);
    await page.locator('.filter[data-filter="pending"]').click();
    expect(await page.locator('article.message:visible').count()).toBe(pending);
    await context.close();
  });

  it('finds a fax by a piece of its id typed in lower case', async () => {
    const { page, context } = await openConsole(browser, harness.signInUrl!);
    const id = ids['lab'] as string;
    // A piece is taken for an id only when it holds a digit (a name never does): take the last
    // 8-character window of the id that has one (ULIDs' random tail is sometimes all letters).
    const start = [...Array(id.length - 7).keys()].reverse().find((i) => /\d/.test(id.slice(i, i + 8)))!;
    const piece = id.slice(start, start + 8).toLowerCase();
    const answer = (await page.evaluate(
      async (q) => (await fetch(`/api/search?q=${encodeURIComponent(q)}`)).json(),
      piece,
    )) as { items: { faxId: string }[] };
    expect(answer.items.map((i) => i.faxId)).toEqual([id]);
    await context.close();
  });

  it('gives each card a heading, and announces a new fax by its sender only', async () => {
    const { page, context } = await openConsole(browser, harness.signInUrl!);
    await allCards(page);
    const headings = (await page.evaluate(
      "[...document.querySelectorAll('article.message')].map((a) => document.getElementById(a.getAttribute('aria-labelledby'))?.textContent ?? '')",
    )) as string[];
    for (const h of headings) expect(h).toMatch(/ — Télécopie/);
    expect(await page.locator('#feed').getAttribute('aria-live')).toBeNull();
    ids['arrival'] = await dropOrder('valid', 'd.pdf');
    await card(page, ids['arrival']).waitFor();
    const announced = (await page.locator('#announcer').textContent()) ?? '';
    expect(announced).toMatch(/^Nouvelle télécopie d(e |’)\S/);
    expect(announced.length).toBeLessThan(80);
    await context.close();
  });

  it('shows where the keyboard focus is', async () => {
    const { page, context } = await openConsole(browser, harness.signInUrl!);
    await allCards(page);
    const button = card(page, ids['ok'] as string)
      .locator('button.ac-pushButton')
      .first();
    await button.focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const outline = (await button.evaluate(
      "((el) => { const style = getComputedStyle(el); return style.outlineStyle + ' ' + style.outlineWidth; })(document.activeElement)",
    )) as string;
    expect(outline).toBe('solid 3px');
    await context.close();
  });
});

describe('an acceptance can be undone', { timeout: 60_000 }, () => {
  it('for a few seconds, by who accepted, recorded as an event', async () => {
    const { page, context, errors } = await openConsole(browser, harness.signInUrl!);
    const id = ids['ok'] as string;
    const mine = card(page, id);
    await mine.waitFor();
    await mine
      .locator('button.ac-pushButton', { hasText: /^Accepter$/ })
      .first()
      .click();
    await page.locator('.toast', { hasText: 'Ordonnance acceptée' }).waitFor();
    await page.locator('.toast .toast-action', { hasText: 'Annuler' }).click();
    await page.locator('.toast', { hasText: 'Acceptation annulée' }).waitFor();
    await expect.poll(async () => (await harness.store.getFax(id))?.status).toBe('pending');
    const kinds = (await harness.store.listEvents(id))
      .map((e) => e.kind)
      .filter((k) => k === 'accepted' || k === 'accept_undone');
    expect(kinds).toEqual(['accepted', 'accept_undone']);
    await expect.poll(() => mine.getAttribute('data-status')).toBe('pending');
    expect(await mine.innerText()).toContain('a annulé son acceptation');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('when the live stream is refused', { timeout: 60_000 }, () => {
  it('asks to sign in again on a 401', async () => {
    const { page, context } = await openConsole(browser, harness.signInUrl!);
    await page.route('**/api/stream', (route) =>
      route.fulfill({ status: 401, contentType: 'application/json', body: '{"ok":false}' }),
    );
    await page.reload();
    await page.locator('#session', { hasText: 'Votre session a expiré' }).waitFor();
    expect(await page.locator('#session a').getAttribute('href')).toBe('/');
    await context.close();
  });

  it('backs off on a 429, as long as Retry-After says', async () => {
    const { page, context } = await openConsole(browser, harness.signInUrl!);
    let calls = 0;
    await page.route('**/api/stream', (route) => {
      calls++;
      return route.fulfill({ status: 429, headers: { 'Retry-After': '7' }, body: '{}' });
    });
    await page.reload();
    await page.locator('#live', { hasText: 'nouvelle tentative dans 7 s' }).waitFor();
    // No hammering: the stream and the one look at why, then nothing until the 7 s are up.
    expect(calls).toBeLessThanOrEqual(2);
    await context.close();
  });
});
