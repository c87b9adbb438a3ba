/**
 * Takes the README's pictures from the real product, and prints each card's height:
 *   docs/console.png        the console at 1280×900: four sample faxes read through the real
 *                           pipeline (OCR included), the lab result filed with « Classer ».
 *   docs/console-phone.png  the same console on a 390 px phone.
 *   docs/teams-card.png     the conforming order's card as Teams gets it (Adaptive Card 1.5,
 *                           emoji included), drawn by the official Adaptive Cards renderer, the
 *                           one the Adaptive Cards Designer uses, with a Teams-like light theme.
 *   docs/slack-card.png     the same card as Slack gets it (Block Kit), drawn by a stand-in for
 *                           Slack's renderer (test/console/slack-stand-in.ts).
 *   npx tsx test/console/screenshot.ts [OUT_DIR]
 * Emoji show in the Teams and Slack pictures only with an emoji font installed
 * (Debian: fonts-noto-color-emoji); the console itself uses none.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SAMPLES_DIR } from '../../adapters/console/samples.ts';
import { buildFaxCard, renderAdaptiveCard, renderSlackMessage } from '../../cards/index.ts';
import { cardProblems, launchChromium, openConsole, startHarness } from './harness.ts';
import { slackMessageHtml } from './slack-stand-in.ts';

const outDir = process.argv[2] ?? fileURLToPath(new URL('../../docs/', import.meta.url));
mkdirSync(outDir, { recursive: true });
const harness = await startHarness();
const browser = await launchChromium();
try {
  // Oldest first: the conforming order ends up on top, as the newest card.
  for (const name of [
    '06-resultats-laboratoire.tif',
    '03-provenance-non-confirmee.tif',
    '02-ordonnance-sans-nam.pdf',
    '01-ordonnance-conforme.tif',
  ]) {
    copyFileSync(join(DEFAULT_SAMPLES_DIR, name), join(harness.inbox, name));
    await harness.ingest();
  }
  const faxes = await harness.store.listFaxes({ limit: 10 });
  const lab = faxes.find((f) => f.verdict === 'not_order');
  const ok = faxes.find((f) => f.verdict === 'ok');
  if (!lab || !ok) throw new Error('the samples were not read as expected');

  const { page, context } = await openConsole(browser, harness.signInUrl!);
  await page.waitForFunction(`document.querySelectorAll('article.message').length >= ${faxes.length}`);
  const labCard = page.locator(`article[data-fax-id="${lab.id}"]`);
  await labCard.locator('button.ac-pushButton', { hasText: 'Classer' }).click();
  await labCard.filter({ hasText: 'Classée par' }).waitFor();
  await page.locator('.toast').first().waitFor({ state: 'detached', timeout: 15_000 });
  await page.evaluate("document.getElementById('feed').scrollTop = 0");
  await page.screenshot({ path: join(outDir, 'console.png') });
  const heights: string[] = [];
  for (const fax of faxes) {
    const box = await page.locator(`article[data-fax-id="${fax.id}"] .message-card`).boundingBox();
    const status = (await harness.store.getFax(fax.id))?.status;
    heights.push(
      `console 1280 px: ${Math.round(box?.height ?? 0)} px  ${fax.verdict}/${status}  ${fax.originalName}`,
    );
  }
  const problems = await cardProblems(page);
  await context.close();

  const phone = await openConsole(browser, harness.signInUrl!, { width: 390, height: 844 });
  await phone.page.waitForFunction(`document.querySelectorAll('article.message').length >= ${faxes.length}`);
  await phone.page.screenshot({ path: join(outDir, 'console-phone.png') });
  await phone.context.close();

  // The conforming order as Teams and Slack get it, drawn by the Adaptive Cards renderer and the Slack stand-in.
  const card = buildFaxCard(ok, await harness.store.listEvents(ok.id), {
    lang: 'fr',
    originalUrl: 'https://faxdesk.example/faxes/original',
  });
  const teams = await openConsole(browser, harness.signInUrl!);
  const preview = JSON.stringify({
    faxId: 'zz-teams-preview',
    receivedAt: ok.receivedAt,
    status: ok.status,
    verdict: ok.verdict,
    reported: false,
    heading: card.summary,
    announcement: '',
    card: renderAdaptiveCard(card),
  });
  await teams.page.evaluate(`window.faxdeskConsole.reveal(${preview})`);
  const teamsCard = teams.page.locator('article[data-fax-id="zz-teams-preview"] .message-card');
  await teamsCard.screenshot({ path: join(outDir, 'teams-card.png') });
  heights.push(
    `Teams (Adaptive Cards renderer, 816 px card): ${Math.round((await teamsCard.boundingBox())?.height ?? 0)} px`,
  );
  await teams.context.close();

  const slack = await browser.newContext({ viewport: { width: 800, height: 900 }, locale: 'fr-CA' });
  const slackPage = await slack.newPage();
  await slackPage.setContent(slackMessageHtml(renderSlackMessage(card)));
  const message = slackPage.locator('.message');
  await message.screenshot({ path: join(outDir, 'slack-card.png') });
  heights.push(
    `Slack (stand-in, 760 px message): ${Math.round((await message.boundingBox())?.height ?? 0)} px`,
  );
  await slack.close();

  console.log(heights.join('\n'));
  console.log(`screenshots in ${outDir}; card problems: ${problems.length}`);
} finally {
  await browser.close();
  await harness.close();
}
