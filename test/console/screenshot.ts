/**
 * Takes docs/console.png: the console at 1280×900 with three sample faxes read through the
 * real pipeline (OCR included): one not from the service, one incomplete, one accepted.
 *   npx tsx test/console/screenshot.ts [OUT]
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SAMPLES_DIR } from '../../adapters/console/index.ts';
import { cardProblems, launchChromium, openConsole, startHarness } from './harness.ts';

const out = process.argv[2] ?? fileURLToPath(new URL('../../docs/console.png', import.meta.url));
const harness = await startHarness();
const browser = await launchChromium();
try {
  // Oldest first: the accepted order ends up on top, as the newest card.
  for (const name of [
    '03-provenance-non-confirmee.tif',
    '02-ordonnance-sans-nam.pdf',
    '01-ordonnance-conforme.tif',
  ]) {
    copyFileSync(join(DEFAULT_SAMPLES_DIR, name), join(harness.inbox, name));
    await harness.ingest();
  }
  const { page } = await openConsole(browser, harness.signInUrl!);
  const [newest] = await harness.store.listFaxes({ limit: 1 });
  if (!newest) throw new Error('nothing was stored');
  const card = page.locator(`article[data-fax-id="${newest.id}"]`);
  await card.locator('button.ac-pushButton', { hasText: 'Accepter' }).first().click();
  await card.filter({ hasText: 'Acceptée par' }).waitFor();
  await page.waitForTimeout(3000); // the highlight of the update fades
  // Frame the accepted card's state and the incomplete order below it.
  await page.evaluate(`(() => {
    const feed = document.getElementById('feed');
    const blocks = document.querySelectorAll('article[data-fax-id="${newest.id}"] .ac-textBlock');
    const reception = [...blocks].find((el) => el.textContent === 'Réception');
    if (feed && reception) feed.scrollTop += reception.getBoundingClientRect().top - 80;
  })()`);
  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out });
  const problems = await cardProblems(page);
  console.log(`screenshot: ${out}; card problems: ${problems.length}`);
} finally {
  await browser.close();
  await harness.close();
}
