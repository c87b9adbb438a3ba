/** `faxdesk digest --print` prints the French digest without posting; wrong uses are usage errors. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runDigest } from '../../adapters/cli/digest-command.ts';
import { openSqliteStore } from '../../adapters/stores/sqlite/index.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { storeFax } from '../workflow/helpers.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

function config() {
  return loadConfig({
    FAXDESK_HOME: mkdtempSync(join(tmpdir(), 'faxdesk-digest-cli-')),
    FAXDESK_LOG_LEVEL: 'error',
  });
}

describe('faxdesk digest', () => {
  it('--print writes the digest in French in the terminal', async () => {
    const cfg = config();
    const store = openSqliteStore(cfg.database);
    const fax = await storeFax(store, { receivedAt: new Date(Date.now() - 26 * 3_600_000).toISOString() });
    await store.close();
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    expect(await runDigest(cfg, [], { now: false, print: true }, {})).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/^Résumé du jour — /);
    expect(text).toContain('1 ordonnance en attente');
    expect(text).toContain('1 depuis plus de 24 h');
    expect(text).toContain('Jeanne Tremblay-Côté — Échographie abdominale');
    expect(text).toContain(`⏰ il y a 26 h`);
    expect(text).toContain(fax.id);
  });

  it('asks for exactly one of --now and --print, and checks the digest settings', async () => {
    await expect(runDigest(config(), [], { now: false, print: false }, {})).rejects.toThrow(/--now/);
    await expect(runDigest(config(), [], { now: true, print: true }, {})).rejects.toThrow(/--now/);
    await expect(
      runDigest(config(), [], { now: false, print: true }, { FAXDESK_DIGEST_CRON: '99 * * * *' }),
    ).rejects.toBeInstanceOf(ConfigError);
  });

  it('--now refuses when only the local console is configured', async () => {
    await expect(runDigest(config(), [], { now: true, print: false }, {})).rejects.toThrow(/--print/);
  });
});
