/**
 * A whole Faxdesk around the console, as `npm start` wires it: a real SQLite store, the
 * workflow with the console's access policy, the action handler, the outbox worker posting
 * to the console, and the real intake (reader, parser, rules) over a temp inbox. Plus a
 * headless Chromium (Debian's) driven with playwright-core.
 */
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import {
  createConsoleAdapter,
  type ConsoleAdapter,
  type ConsoleSettings,
} from '../../adapters/console/index.ts';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { createActionHandler } from '../../src/actions/handle-action.ts';
import { createIntake, type Intake } from '../../src/intake/index.ts';
import { silentLogger, type Logger } from '../../src/log.ts';
import { createDeliverer, type Deliverer } from '../../src/posting/deliverer.ts';
import type { FaxReading } from '../../src/domain/reading.ts';
import { createFaxReader, createOcrPool, type ReadBudget } from '../../src/reading/index.ts';
import { lazyOcrPool } from '../../src/runtime/lazy-ocr-pool.ts';
import { createFaxProcessors } from '../../src/runtime/processors.ts';
import { createActionPolicy } from '../../src/workflow/policy.ts';
import { createWorkflow } from '../../src/workflow/workflow.ts';
import { RecordingMailer } from '../workflow/helpers.ts';

export interface ConsoleHarness {
  dir: string;
  inbox: string;
  store: SqliteFaxStore;
  mailer: RecordingMailer;
  adapter: ConsoleAdapter;
  deliverer: Deliverer;
  intake: Intake;
  /**
   * How a clerk gets in: the sign-in file the console writes under FAXDESK_HOME at start
   * (console-login.html), opened in the browser. Null when the test set a token of its own.
   */
  signInUrl: string | null;
  /** What a script sends: `Authorization: Bearer <token>`, the token read from its file (or the one set). */
  authorization: { Authorization: string };
  /** Takes in everything in the inbox, then lets the outbox post at once. */
  ingest(): ReturnType<Intake['processInboxOnce']>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  settings?: Partial<ConsoleSettings>;
  samplesDir?: string;
  log?: Logger;
  /** The intake's reader; default the in-process reader with one OCR worker. */
  reader?: { read(file: string | Buffer): Promise<FaxReading>; close?(): Promise<void> };
  previewBudget?: Partial<ReadBudget>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<ConsoleHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'faxdesk-console-'));
  const paths = {
    inbox: join(dir, 'inbox'),
    archive: join(dir, 'archive'),
    quarantine: join(dir, 'quarantine'),
  };
  for (const p of Object.values(paths)) mkdirSync(p, { recursive: true });
  const log = opts.log ?? silentLogger;
  const store = openSqliteStore(join(dir, 'faxdesk.sqlite'));
  const mailer = new RecordingMailer();
  const workflow = createWorkflow({
    store,
    mailer,
    policy: createActionPolicy({ channelId: 'console', platform: 'console' }),
  });
  let deliverer: Deliverer | null = null;
  const handleAction = createActionHandler({ workflow, store, onCardChanged: () => deliverer?.wake() });
  const adapter = createConsoleAdapter(
    { host: '127.0.0.1', port: 0, token: null, stateDir: dir, userName: 'Marie Lavoie', ...opts.settings },
    {
      store,
      handleAction,
      log,
      lang: 'fr',
      inboxDir: paths.inbox,
      ...(opts.samplesDir ? { samplesDir: opts.samplesDir } : {}),
      ...(opts.previewBudget ? { previewBudget: opts.previewBudget } : {}),
    },
  );
  await adapter.start();
  const activeDeliverer = createDeliverer({ store, channel: adapter, log, minIntervalMs: 0, pollMs: 100 });
  deliverer = activeDeliverer;
  activeDeliverer.start();
  const ocr = lazyOcrPool(1, () => createOcrPool({ size: 1 }));
  const intake = createIntake({
    store,
    processors: createFaxProcessors(opts.reader ?? createFaxReader({ ocr })),
    paths,
    settleMs: 0,
  });
  const token = adapter.tokenFile
    ? readFileSync(adapter.tokenFile, 'utf8').trim()
    : (opts.settings?.token ?? '');
  return {
    dir,
    signInUrl: adapter.signInFile ? pathToFileURL(adapter.signInFile).href : null,
    authorization: { Authorization: `Bearer ${token}` },
    inbox: paths.inbox,
    store,
    mailer,
    adapter,
    deliverer: activeDeliverer,
    intake,
    async ingest() {
      const summary = await intake.processInboxOnce();
      activeDeliverer.wake();
      return summary;
    },
    async close() {
      await activeDeliverer.stop();
      await adapter.stop();
      await ocr.close();
      await opts.reader?.close?.();
      await store.close();
    },
  };
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Opens the console at `url` — the sign-in file's address (file://…), as a clerk does, or
 * any address that gets in — and waits until its list is loaded and its live stream is connected.
 */
export async function openConsole(browser: Browser, url: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'fr-CA', timezoneId: 'America/Toronto' });
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector('#live[data-state="live"]');
  return { page, context, errors };
}

/** Every parse or validation problem the in-page Adaptive Cards library reported. */
export async function cardProblems(page: Page): Promise<string[]> {
  return (await page.evaluate('window.faxdeskConsole.problems')) as string[];
}
