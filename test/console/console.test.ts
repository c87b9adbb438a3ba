/**
 * The console, driven in headless Chromium against a whole Faxdesk (real store, workflow,
 * outbox, intake): faxes dropped into the inbox show up as cards, the buttons and forms of the
 * official Adaptive Cards renderer work, every open tab follows, the original pages show.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLES_DIR } from '../../adapters/console/index.ts';
import { storeFax } from '../workflow/helpers.ts';
import { generateSpec, renderPages, textPdf, type Scenario } from '../fixtures/index.ts';
import { cardProblems, launchChromium, openConsole, startHarness, type ConsoleHarness } from './harness.ts';

let harness: ConsoleHarness;
let browser: Browser;
let seed = 7000;

/** A typed (text-layer) PDF order for a scenario: read without OCR, so the tests stay fast. */
async function dropOrder(scenario: Scenario, name: string): Promise<void> {
  const spec = generateSpec(seed++, { scenario, layout: 'form', coverPage: false });
  writeFileSync(join(harness.inbox, name), await textPdf(renderPages(spec)));
}

async function ingestOne(): Promise<string> {
  const summary = await harness.ingest();
  const outcome = summary.results[0]?.outcome;
  if (outcome?.kind !== 'stored') throw new Error(`not stored: ${JSON.stringify(outcome)}`);
  return outcome.faxId;
}

/** Waits until the element (or one of them) shows the text. */
async function seeText(locator: Locator, text: string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

const card = (page: Page, faxId: string) => page.locator(`article[data-fax-id="${faxId}"]`);

beforeAll(async () => {
  harness = await startHarness();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
}, 60_000);

describe('the console in a browser', { timeout: 60_000 }, () => {
  it('shows a fax dropped into the inbox, accepts it from the card, and every tab follows', async () => {
    const first = await openConsole(browser, harness.signInUrl!);
    const second = await openConsole(browser, harness.signInUrl!);
    await first.page.locator('.empty').waitFor();

    await dropOrder('valid', 'ordonnance.pdf');
    const faxId = await ingestOne();
    const mine = card(first.page, faxId);
    await mine.waitFor();
    await seeText(mine.locator('.message-card'), 'Télécopie d');
    await card(second.page, faxId).waitFor();

    await mine.locator('button.ac-pushButton', { hasText: 'Accepter' }).first().click();
    await seeText(first.page.locator('.toast'), 'Ordonnance acceptée');
    await seeText(mine, 'Acceptée par Marie Lavoie');
    // The other tab gets the update from the outbox, through the live stream.
    await seeText(card(second.page, faxId), 'Acceptée par Marie Lavoie');
    expect(await card(second.page, faxId).getAttribute('data-status')).toBe('accepted');
    // The accepted card offers no Accept button any more.
    expect(await mine.locator('button.ac-pushButton', { hasText: 'Accepter' }).count()).toBe(0);

    // A click from a card that still showed « pending » is refused as stale, with who and when.
    const stale = await second.page.evaluate(async (id) => {
      const res = await fetch('/api/actions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ verb: 'fax.accept', data: { faxId: id, expectedStatus: 'pending' } }),
      });
      return (await res.json()) as { ok: boolean; code: string; message: string };
    }, faxId);
    expect(stale).toMatchObject({ ok: false, code: 'stale' });
    expect(stale.message).toContain('Marie Lavoie');

    expect(await cardProblems(first.page)).toEqual([]);
    expect(await cardProblems(second.page)).toEqual([]);
    expect([...first.errors, ...second.errors]).toEqual([]);
    await first.context.close();
    await second.context.close();
  });

  it('asks for a reason before accepting an incomplete order', async () => {
    await dropOrder('no_nam', 'incomplete.pdf');
    const faxId = await ingestOne();
    expect((await harness.store.getFax(faxId))?.verdict).toBe('incomplete');
    const { page, context, errors } = await openConsole(browser, harness.signInUrl!);
    const mine = card(page, faxId);
    await mine.waitFor();
    await seeText(mine, 'Incomplète');

    await mine.locator('button.ac-pushButton', { hasText: 'Accepter' }).first().click();
    await seeText(mine, 'Accepter une ordonnance incomplète');
    const submit = mine.locator('button.ac-pushButton', { hasText: 'Accepter' }).nth(1);
    await submit.click();
    // The renderer holds the form back: the reason is required, nothing was sent.
    await seeText(mine, 'Indiquez une raison.');
    expect((await harness.store.getFax(faxId))?.status).toBe('pending');

    await mine.locator('textarea').fill('NAM confirmé par téléphone avec l’usager');
    await submit.click();
    await seeText(mine, 'Acceptée par Marie Lavoie');
    await seeText(mine, 'NAM confirmé par téléphone');
    const accepted = (await harness.store.listEvents(faxId)).find((e) => e.kind === 'accepted');
    expect(accepted?.details['reason']).toBe('NAM confirmé par téléphone avec l’usager');
    expect(await cardProblems(page)).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('reports a problem to the service through the mailer, from the card’s form', async () => {
    await dropOrder('not_service', 'hors-service.pdf');
    const faxId = await ingestOne();
    const { page, context } = await openConsole(browser, harness.signInUrl!);
    const mine = card(page, faxId);
    await mine.waitFor();
    await seeText(mine, 'Provenance non confirmée');

    await mine.locator('button.ac-pushButton', { hasText: 'Signaler un problème' }).click();
    await mine.locator('select').selectOption('missing_header');
    await mine.locator('textarea').fill('Aucun en-tête du service sur la page.');
    await mine.locator('button.ac-pushButton', { hasText: 'Envoyer le signalement' }).click();
    await seeText(page.locator('.toast'), 'Problème signalé');
    await seeText(mine, 'Problème signalé au service');
    expect(harness.mailer.sent).toHaveLength(1);
    expect(harness.mailer.sent[0]?.text).toContain(faxId);
    expect(await cardProblems(page)).toEqual([]);
    await context.close();
  });

  it('shows the original pages as images, from the card’s link', async () => {
    const [fax] = await harness.store.listFaxes({ limit: 1 });
    if (!fax) throw new Error('no fax');
    const { page, context } = await openConsole(browser, harness.signInUrl!);
    const popup = page.waitForEvent('popup');
    // A link in the card's text (its buttons are the workflow's actions).
    await card(page, fax.id).locator('a', { hasText: 'Voir les pages originales' }).click();
    const original = await popup;
    await original.waitForLoadState();
    expect(new URL(original.url()).pathname).toBe(`/faxes/${fax.id}/original`);
    const img = original.locator('.page img').first();
    await img.waitFor();
    await original.waitForFunction(
      "(() => { const el = document.querySelector('.page img'); return el !== null && el.complete && el.naturalWidth > 0; })()",
    );
    const width = (await original.evaluate("document.querySelector('.page img').naturalWidth")) as number;
    expect(width).toBeGreaterThan(500);
    await context.close();
  });

  it('shows a TIFF fax page too, stretched back to square pixels, and only to the console', async () => {
    const tiff = join(DEFAULT_SAMPLES_DIR, '01-ordonnance-conforme.tif');
    const fax = await storeFax(harness.store, { archivePath: tiff, fileKind: 'tiff', pageCount: 1 });
    const res = await fetch(`${harness.adapter.url}faxes/${fax.id}/original/pages/1.png`, {
      headers: harness.authorization,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    // A4 width at most 1200 px wide: the page keeps a portrait shape.
    expect(meta.width).toBeLessThanOrEqual(1200);
    expect((meta.height ?? 0) / (meta.width ?? 1)).toBeGreaterThan(1.2);
    expect(
      (
        await fetch(`${harness.adapter.url}faxes/${fax.id}/original/pages/2.png`, {
          headers: harness.authorization,
        })
      ).status,
    ).toBe(404);
    const download = await fetch(`${harness.adapter.url}faxes/${fax.id}/original/file`, {
      headers: harness.authorization,
    });
    // Named by id: the name it arrived with may hold a patient's name.
    expect(download.headers.get('content-disposition')).toBe(`attachment; filename="${fax.id}.tif"`);
  });

  it('drops the sample faxes into the inbox, and says so when they were already dropped', async () => {
    const { page, context } = await openConsole(browser, harness.signInUrl!);
    await page.click('#drop-samples');
    await seeText(page.locator('.toast').last(), '6 exemples déposés');
    const inbox = readdirSync(harness.inbox).filter((n) => n.startsWith('exemple-'));
    expect(inbox).toHaveLength(6);
    await page.click('#drop-samples');
    await seeText(page.locator('.toast').last(), 'déjà été déposés');
    expect(readdirSync(harness.inbox).filter((n) => n.startsWith('exemple-'))).toHaveLength(6);
    await context.close();
  });
});
