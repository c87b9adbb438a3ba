import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'faxdesk-config-')), 'faxdesk.json');
  writeFileSync(path, content);
  return path;
}

describe('configuration', () => {
  it('keeps everything under FAXDESK_HOME (./data by default)', () => {
    const config = loadConfig({});
    expect(config.home).toBe(resolve('data'));
    expect(config.inbox).toBe(resolve('data/inbox'));
    expect(config.archive).toBe(resolve('data/archive'));
    expect(config.quarantine).toBe(resolve('data/quarantine'));
    expect(config.database).toBe(resolve('data/faxdesk.sqlite'));
    expect(config.language).toBe('fr');
    expect(config.ocrWorkers).toBeGreaterThanOrEqual(1);
  });

  it('lets each path be overridden, relative to home or absolute', () => {
    const config = loadConfig({
      FAXDESK_HOME: '/srv/fax',
      FAXDESK_INBOX: '/mnt/share/in',
      FAXDESK_DB: 'db/f.sqlite',
    });
    expect(config.inbox).toBe('/mnt/share/in');
    expect(config.database).toBe('/srv/fax/db/f.sqlite');
    expect(config.archive).toBe('/srv/fax/archive');
  });

  it('bounds each reading in time and memory, with safe defaults and a clear error on a bad value', () => {
    expect(loadConfig({})).toMatchObject({ readPageSeconds: 120, readFileSeconds: 1200, readMemoryMb: 1024 });
    expect(
      loadConfig({
        FAXDESK_READ_PAGE_SECONDS: '30',
        FAXDESK_READ_FILE_SECONDS: '300',
        FAXDESK_READ_MEMORY_MB: '512',
      }),
    ).toMatchObject({ readPageSeconds: 30, readFileSeconds: 300, readMemoryMb: 512 });
    expect(() => loadConfig({ FAXDESK_READ_MEMORY_MB: '64' })).toThrow(/FAXDESK_READ_MEMORY_MB/);
    expect(() => loadConfig({ FAXDESK_READ_PAGE_SECONDS: '0' })).toThrow(/FAXDESK_READ_PAGE_SECONDS/);
  });

  it('reads the optional file, and the environment wins over it', () => {
    const path = file(JSON.stringify({ home: '/srv/a', ocrWorkers: 3, pollSeconds: 5 }));
    const config = loadConfig({ FAXDESK_CONFIG: path, FAXDESK_POLL_SECONDS: '1' });
    expect(config).toMatchObject({ home: '/srv/a', ocrWorkers: 3, pollSeconds: 1 });
  });

  it('names the variable and says what is wrong', () => {
    expect(() => loadConfig({ FAXDESK_OCR_WORKERS: 'beaucoup' })).toThrow(ConfigError);
    expect(() => loadConfig({ FAXDESK_OCR_WORKERS: 'beaucoup' })).toThrow(/FAXDESK_OCR_WORKERS/);
    expect(() => loadConfig({ FAXDESK_LOG_LEVEL: 'verbose' })).toThrow(/FAXDESK_LOG_LEVEL/);
    expect(() => loadConfig({ FAXDESK_SUPPORT_EMAIL: 'pas-un-courriel' })).toThrow(/FAXDESK_SUPPORT_EMAIL/);
  });

  it('sets the leases of several instances, within bounds a chat call fits in', () => {
    const defaults = loadConfig({});
    expect(defaults.outboxLeaseSeconds).toBe(60);
    expect(defaults.intakeLeaseSeconds).toBe(60);
    expect(defaults.instanceId).toBeUndefined();
    const set = loadConfig({
      FAXDESK_OUTBOX_LEASE_SECONDS: '120',
      FAXDESK_INTAKE_LEASE_SECONDS: '30',
      FAXDESK_INSTANCE_ID: 'poste-2',
    });
    expect([set.outboxLeaseSeconds, set.intakeLeaseSeconds, set.instanceId]).toEqual([120, 30, 'poste-2']);
    // Shorter than one Slack or Teams call (15 s): a live post would be taken over and sent twice.
    expect(() => loadConfig({ FAXDESK_OUTBOX_LEASE_SECONDS: '10' })).toThrow(/FAXDESK_OUTBOX_LEASE_SECONDS/);
    expect(() => loadConfig({ FAXDESK_INSTANCE_ID: '  ' })).toThrow(/FAXDESK_INSTANCE_ID/);
  });

  it('refuses an unreadable, malformed or unknown-key file with its name', () => {
    expect(() => loadConfig({ FAXDESK_CONFIG: '/nonexistent/faxdesk.json' })).toThrow(/illisible/);
    expect(() => loadConfig({ FAXDESK_CONFIG: file('{ pas du json') })).toThrow(/JSON invalide/);
    expect(() => loadConfig({ FAXDESK_CONFIG: file('{"inbx": "/x"}') })).toThrow(/inbx/);
    expect(() => loadConfig({ FAXDESK_CONFIG: file('{"maxPages": -1}') })).toThrow(/maxPages/);
  });
});

describe('configuration errors in the administrator’s language', () => {
  const message = (env: Record<string, string>) => {
    try {
      loadConfig(env);
    } catch (error) {
      return (error as Error).message;
    }
    return '';
  };

  it('in French by default, saying what value is wanted and what was typed', () => {
    expect(message({ FAXDESK_OCR_WORKERS: 'beaucoup' })).toBe(
      'Configuration invalide :\n- FAXDESK_OCR_WORKERS : un nombre est attendu (reçu « beaucoup »)',
    );
    expect(message({ FAXDESK_LOG_LEVEL: 'verbose' })).toContain(
      'valeurs permises : « error », « warn », « info », « debug »',
    );
    expect(message({ FAXDESK_SUPPORT_EMAIL: 'x' })).toContain('une adresse de courriel est attendue');
    expect(message({ FAXDESK_OUTBOX_LEASE_SECONDS: '10' })).toContain('doit valoir au moins 20');
    // Nothing of zod's English.
    const envs: Record<string, string>[] = [
      { FAXDESK_OCR_WORKERS: 'x' },
      { FAXDESK_CHAT: 'irc' },
      { FAXDESK_POLL_SECONDS: '-1' },
    ];
    for (const env of envs) expect(message(env)).not.toMatch(/expected|received|Invalid|Too small/);
  });

  it('in English with FAXDESK_LANGUAGE=en', () => {
    expect(message({ FAXDESK_LANGUAGE: 'en', FAXDESK_POLL_SECONDS: '-1' })).toBe(
      'Invalid configuration:\n- FAXDESK_POLL_SECONDS: must be greater than 0 (got “-1”)',
    );
    expect(message({ FAXDESK_LANGUAGE: 'en', FAXDESK_CONFIG: '/nonexistent/faxdesk.json' })).toMatch(
      /^Configuration file cannot be read/,
    );
  });

  it('never echoes the database URL (it may hold a password)', () => {
    expect(message({ DATABASE_URL: 'x'.repeat(3), FAXDESK_POLL_SECONDS: 'x' })).not.toContain('xxx');
  });
});
