import { appendFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { createFolderInbox } from '../../adapters/inbox/folder.ts';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/store.ts';
import { createIntake } from '../../src/intake/intake.ts';
import type { InboxSource } from '../../src/intake/source.ts';
import { fakeProcessors, makeDataDirs } from './helpers.ts';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(25);
  }
}

function setup(useFsEvents: boolean, pollIntervalMs: number) {
  const dirs = makeDataDirs();
  const store: SqliteFaxStore = openSqliteStore(dirs.db);
  const intake = createIntake({ store, processors: fakeProcessors(), paths: dirs, settleMs: 100 });
  const delivered: string[] = [];
  const source: InboxSource = createFolderInbox({
    dir: dirs.inbox,
    useFsEvents,
    pollIntervalMs,
    settleMs: 150,
  });
  cleanup.push(
    () => store.close(),
    () => source.stop(),
  );
  const deliver = async (file: string) => {
    delivered.push(file);
    await intake.processFile(file, { stable: true });
  };
  return { dirs, store, source, deliver, delivered };
}

describe('folder inbox', () => {
  it('picks up a file dropped after start by polling alone (no change events, as on a network share)', async () => {
    const { dirs, store, source, deliver } = setup(false, 200);
    await source.start(deliver);
    await sleep(100);
    writeFileSync(join(dirs.inbox, 'nouveau.pdf'), 'Demande IRM');
    // Recorded first, moved second: wait for both.
    await until(async () => readdirSync(dirs.inbox).length === 0, 5000);
    expect(await store.listFaxes()).toHaveLength(1);
  });

  it('picks up files with change events on, and those already there at start', async () => {
    const { dirs, store, source, deliver } = setup(true, 60_000); // polling too slow to matter
    writeFileSync(join(dirs.inbox, 'avant.pdf'), 'Demande IRM avant');
    await source.start(deliver);
    writeFileSync(join(dirs.inbox, 'après.pdf'), 'Demande IRM après');
    await until(async () => (await store.listFaxes()).length === 2, 5000);
  });

  it('does not deliver a file until it stops changing', async () => {
    const { dirs, source, deliver, delivered } = setup(false, 50);
    await source.start(deliver);
    const path = join(dirs.inbox, 'lent.pdf');
    writeFileSync(path, 'Demande IRM\n');
    const started = Date.now();
    while (Date.now() - started < 800) {
      appendFileSync(path, 'x');
      await sleep(30);
      expect(delivered).toEqual([]);
    }
    await until(() => delivered.length === 1, 3000);
  });

  it('survives a failing handler and keeps delivering', async () => {
    const { dirs, source } = setup(false, 100);
    const seen: string[] = [];
    await source.start(async (file) => {
      seen.push(file);
      throw new Error('handler failed');
    });
    writeFileSync(join(dirs.inbox, 'a.pdf'), 'a');
    await until(() => seen.length >= 1, 3000);
    writeFileSync(join(dirs.inbox, 'b.pdf'), 'b');
    await until(() => seen.some((f) => f.endsWith('b.pdf')), 3000);
  });

  it('finishes the file in flight when stopped, and delivers nothing after', async () => {
    const { dirs, source } = setup(false, 50);
    let finished = 0;
    const seen: string[] = [];
    await source.start(async (file) => {
      seen.push(file);
      await sleep(300);
      finished++;
    });
    writeFileSync(join(dirs.inbox, 'a.pdf'), 'a');
    await until(() => seen.length === 1, 3000);
    await source.stop();
    expect(finished).toBe(1);
    writeFileSync(join(dirs.inbox, 'b.pdf'), 'b');
    await sleep(400);
    expect(seen).toHaveLength(1);
  });
});
