/**
 * Faxes hold health information: with debug logging on, processing faxes
 * must not write a patient's name, birth date, NAM or a phone number to the log.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, renderFixture } from '../fixtures/index.ts';
import { runFaxdesk } from './cli.ts';

let home: string;
const entries = [
  ...buildCorpus({ seed: 51, count: 6, formats: ['pdf-text'] }),
  ...buildCorpus({ seed: 52, count: 1, formats: ['tiff'], degrade: false }),
];

function secrets(): string[] {
  const out = new Set<string>();
  for (const { expected } of entries) {
    const { patient, prescriber } = expected.fields;
    for (const v of [patient.lastName, patient.firstName, patient.nam, patient.birthDate, prescriber.phone]) {
      if (v && v.length >= 4) out.add(v);
    }
  }
  return [...out];
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'faxdesk-privacy-'));
  await mkdir(join(home, 'inbox'), { recursive: true });
  for (const entry of entries) await writeFile(join(home, 'inbox', entry.name), await renderFixture(entry));
}, 120_000);
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('logs', () => {
  it('carry no patient data, even at debug level', async () => {
    const env = { FAXDESK_HOME: home, FAXDESK_LOG_LEVEL: 'debug', FAXDESK_SETTLE_MS: '100' };
    const run = await runFaxdesk(['watch', '--once'], env);
    expect(run.code).toBe(0);
    expect(run.stderr.length).toBeGreaterThan(0); // debug logging did write something
    const log = run.stderr.toLowerCase();
    const leaked = secrets().filter((s) => log.includes(s.toLowerCase()));
    expect(leaked).toEqual([]);
  }, 300_000);
});
