/**
 * Measures the console's cards: the six sample faxes read through the real pipeline (OCR
 * included), shown in the console's Chromium at 1280 px wide, and the height of each card
 * (its `.message-card`) printed in CSS pixels, pending and once decided (the conforming
 * order accepted). Run before and after a change to the card:
 *   npx tsx test/console/measure-cards.ts [OUT_DIR]
 * With OUT_DIR, it also saves a screenshot of each card there (named by sample).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SAMPLES_DIR, listSamples } from '../../adapters/console/samples.ts';
import { launchChromium, openConsole, startHarness } from './harness.ts';

const outDir = process.argv[2];
const harness = await startHarness();
const browser = await launchChromium();
try {
  const samples = await listSamples(DEFAULT_SAMPLES_DIR);
  for (const name of samples) {
    copyFileSync(join(DEFAULT_SAMPLES_DIR, name), join(harness.inbox, name));
    await harness.ingest();
  }
  const { page } = await openConsole(browser, harness.signInUrl!, { width: 1280, height: 900 });
  const faxes = await harness.store.listFaxes({ limit: 50 });
  await page.waitForFunction(
    `document.querySelectorAll('article.message[data-fax-id]').length >= ${faxes.length}`,
  );
  if (outDir) mkdirSync(outDir, { recursive: true });
  const rows: { sample: string; verdict: string; status: string; height: number }[] = [];
  const measure = async (label: string, faxId: string, verdict: string, status: string) => {
    const card = page.locator(`article[data-fax-id="${faxId}"] .message-card`);
    await card.scrollIntoViewIfNeeded();
    const box = await card.boundingBox();
    rows.push({ sample: label, verdict, status, height: Math.round(box?.height ?? 0) });
    if (outDir) await card.screenshot({ path: join(outDir, `${label}-${status}.png`) });
  };
  for (const fax of faxes) {
    const sample = fax.originalName?.replace(/\.[a-z]+$/, '') ?? fax.id;
    await measure(sample, fax.id, fax.verdict, fax.status);
  }
  const ok = faxes.find((f) => f.verdict === 'ok');
  if (ok) {
    const card = page.locator(`article[data-fax-id="${ok.id}"]`);
    await card
      .locator('button.ac-pushButton', { hasText: /^Accepter$/ })
      .first()
      .click();
    await page.waitForFunction(
      `document.querySelector('article[data-fax-id="${ok.id}"]')?.dataset.status === 'accepted'`,
    );
    await page.waitForTimeout(1600); // the update's highlight fades
    await measure(ok.originalName?.replace(/\.[a-z]+$/, '') ?? ok.id, ok.id, ok.verdict, 'accepted');
  }
  for (const r of rows) console.log(`${r.height} px\t${r.verdict}\t${r.status}\t${r.sample}`);
} finally {
  await browser.close();
  await harness.close();
}
