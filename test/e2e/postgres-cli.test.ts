/**
 * DATABASE_URL selects PostgreSQL for every command: two `faxdesk watch --once`
 * runs (two "instances") share one database; status, search and purge use it too.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, renderFixture } from '../fixtures/index.ts';
import { POSTGRES_URL } from '../store-contract/harness.ts';
import { runFaxdesk } from './cli.ts';

const dbName = `faxdesk_e2e_${Math.random().toString(36).slice(2, 10)}`;
let home: string;
let databaseUrl: string;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await admin(`CREATE DATABASE ${dbName}`);
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${dbName}`;
  databaseUrl = url.toString();
  home = await mkdtemp(join(tmpdir(), 'faxdesk-pg-'));
  await mkdir(join(home, 'inbox'), { recursive: true });
});
afterAll(async () => {
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await rm(home, { recursive: true, force: true });
});

describe('faxdesk on PostgreSQL (DATABASE_URL)', () => {
  it('stores faxes from two runs in one database, finds them, and purge keeps recent ones', async () => {
    const env = {
      FAXDESK_HOME: home,
      FAXDESK_LOG_LEVEL: 'error',
      FAXDESK_SETTLE_MS: '100',
      DATABASE_URL: databaseUrl,
    };
    const entries = buildCorpus({ seed: 61, count: 4, formats: ['pdf-text'], scenarios: ['valid'] });
    for (const [i, entry] of entries.entries()) {
      await writeFile(join(home, 'inbox', `a${i}.pdf`), await renderFixture(entry));
      if (i === 1) expect((await runFaxdesk(['watch', '--once'], env)).stdout).toContain('Traitées : 2');
    }
    expect((await runFaxdesk(['watch', '--once'], env)).stdout).toContain('Traitées : 2');
    const status = await runFaxdesk(['status'], env);
    expect(status.stdout).toContain('PostgreSQL');
    expect(status.stdout).toMatch(/en attente\s+4/);

    const lastName = entries[0]!.expected.fields.patient.lastName!;
    const search = await runFaxdesk(['search', '--json', lastName], env);
    expect(search.code).toBe(0);
    expect(search.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(1);
    expect(search.stdout).toContain(lastName);
    const purge = await runFaxdesk(['purge', '--older-than', '30d'], env);
    expect(purge.code).toBe(0);
    expect((await runFaxdesk(['status'], env)).stdout).toMatch(/en attente\s+4/);
    expect((await runFaxdesk(['search', lastName], env)).stdout).toContain(lastName);
    const badDuration = await runFaxdesk(['purge', '--older-than', '6m'], env);
    expect(badDuration.code).toBe(2);
    // The database file of the embedded default is never created.
    const { existsSync } = await import('node:fs');
    expect(existsSync(join(home, 'faxdesk.sqlite'))).toBe(false);
  }, 120_000);
});
