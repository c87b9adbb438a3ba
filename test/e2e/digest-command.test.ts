/** `faxdesk digest --print` / `--now` through the real CLI. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/stores/sqlite/index.ts';
import { storeFax } from '../workflow/helpers.ts';
import { runFaxdesk } from './cli.ts';

let home: string;
const env = () => ({ FAXDESK_HOME: home, FAXDESK_LOG_LEVEL: 'error' });

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'faxdesk-digest-'));
  const store = openSqliteStore(join(home, 'faxdesk.sqlite'));
  await storeFax(store, {
    verdict: 'incomplete',
    receivedAt: new Date(Date.now() - 30 * 3600_000).toISOString(),
  });
  await storeFax(store, { verdict: 'review', status: 'auth_requested' });
  await store.close();
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('faxdesk digest', () => {
  it('--print shows the waiting orders grouped by state, without posting', async () => {
    const run = await runFaxdesk(['digest', '--print'], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('2 ordonnances en attente');
    expect(run.stdout).toMatch(/Jeanne/);
    expect(run.stdout).toMatch(/Échographie abdominale/);
  });

  it('--now refuses clearly when only the local console is configured', async () => {
    const run = await runFaxdesk(['digest', '--now'], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--print');
  });

  it('needs exactly one of --now and --print', async () => {
    expect((await runFaxdesk(['digest'], env())).code).toBe(2);
  });
});
