/**
 * `faxdesk check` end to end on generated faxes: the real CLI in a child
 * process, on files in every format the fax server may deliver, clean and
 * degraded, compared field by field with what the generator put in them.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckResult } from '../../src/check/result.ts';
import { buildCorpus, writeFixture, type CorpusEntry } from '../fixtures/index.ts';
import { runFaxdesk } from './cli.ts';
import { relevantScores, scoreFields } from './score.ts';

let dir: string;
const env = () => ({ FAXDESK_HOME: join(dir, 'home'), FAXDESK_LOG_LEVEL: 'error' });

async function checkAll(entries: CorpusEntry[], sub: string): Promise<Map<string, CheckResult>> {
  const files: string[] = [];
  for (const entry of entries) files.push(await writeFixture(entry, join(dir, sub)));
  const run = await runFaxdesk(['check', '--json', ...files], env());
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const lines = run.stdout.trim().split('\n');
  expect(lines).toHaveLength(entries.length);
  const results = new Map<string, CheckResult>();
  for (const [i, line] of lines.entries()) results.set(entries[i]!.name, CheckResult.parse(JSON.parse(line)));
  return results;
}

function describeMisses(entries: CorpusEntry[], results: Map<string, CheckResult>) {
  const misses: string[] = [];
  let total = 0;
  for (const entry of entries) {
    const result = results.get(entry.name)!;
    const scores = relevantScores(entry.expected.fields, scoreFields(entry.expected.fields, result.fields));
    total += scores.length;
    for (const miss of scores.filter((s) => !s.ok)) {
      misses.push(
        `${entry.name} ${miss.field}: expected ${JSON.stringify(miss.expected)}, got ${JSON.stringify(miss.actual)}`,
      );
    }
  }
  return { misses, total };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faxdesk-check-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('faxdesk check --json on clean generated faxes', () => {
  // Every scenario once, formats rotating, no degradation: every field must be right.
  const entries = buildCorpus({ seed: 11, count: 22, degrade: false });
  let results: Map<string, CheckResult>;
  beforeAll(async () => {
    results = await checkAll(entries, 'clean');
  }, 900_000);

  it('reads every field right', () => {
    const { misses } = describeMisses(entries, results);
    expect(misses).toEqual([]);
  });

  it('gives the expected verdict, and never ok to an order with a failing check', () => {
    for (const entry of entries) {
      const result = results.get(entry.name)!;
      expect([entry.expected.verdict, ...entry.expected.verdictAlternatives], entry.name).toContain(
        result.verdict,
      );
      if (result.verdict === 'ok')
        expect(result.checks.filter((c) => c.status === 'fail' || c.status === 'warn')).toEqual([]);
    }
  });

  it('reports the page count and how the text was obtained', () => {
    for (const entry of entries) {
      const result = results.get(entry.name)!;
      if (entry.format !== 'png' && entry.format !== 'jpeg' && entry.spec.kind !== 'blank') {
        expect(result.pages, entry.name).toBe(entry.expected.pages);
      }
      expect(result.ocr.used, entry.name).toBe(entry.format !== 'pdf-text');
    }
  });

  it('says where each field was read: page, box, confidence (null for a text layer), repaired', () => {
    for (const entry of entries) {
      const result = results.get(entry.name)!;
      if (!result.fields.patient.nam) continue;
      const nam = result.provenance['patient.nam'];
      expect(nam, entry.name).toMatchObject({ page: expect.any(Number), repaired: expect.any(Boolean) });
      expect(nam?.box, entry.name).toHaveLength(4);
      if (entry.format === 'pdf-text') expect(nam?.confidence, entry.name).toBeNull();
      else expect(nam?.confidence, entry.name).toBeGreaterThan(0);
    }
  });
});

describe('faxdesk check --json on degraded faxes (noise, skew, rotation, normal resolution)', () => {
  const entries = buildCorpus({ seed: 23, count: 12, formats: ['tiff', 'pdf-g4', 'png'] });
  let results: Map<string, CheckResult>;
  beforeAll(async () => {
    results = await checkAll(entries, 'degraded');
  }, 900_000);

  it('reads nearly every field right', () => {
    const { misses, total } = describeMisses(entries, results);
    expect(misses.length / total, misses.join('\n')).toBeLessThanOrEqual(0.05);
  });

  it('never gives ok where the generator put a failing check', () => {
    for (const entry of entries) {
      const failing = Object.values(entry.expected.checks).includes('fail');
      if (failing) expect(results.get(entry.name)!.verdict, entry.name).not.toBe('ok');
    }
  });
});

describe('faxdesk check: arguments and unreadable files', () => {
  it('prints a French summary with the verdict and one mark per check', async () => {
    const [entry] = buildCorpus({ seed: 5, count: 1, formats: ['pdf-text'], scenarios: ['no_nam'] });
    const file = await writeFixture(entry!, join(dir, 'summary'));
    const run = await runFaxdesk(['check', file], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Verdict : ❌ Incomplète');
    expect(run.stdout).toMatch(/✗ patient\.nam — /);
    expect(run.stdout).toMatch(/✓ service\.number — /);
  });

  it('gives an unreadable file its line, with the reason, and goes on with the next', async () => {
    const empty = join(dir, 'empty.pdf');
    const corrupt = join(dir, 'corrupt.pdf');
    await writeFile(empty, '');
    await writeFile(corrupt, '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF garbage');
    const [entry] = buildCorpus({ seed: 5, count: 1, formats: ['pdf-text'], scenarios: ['valid'] });
    const good = await writeFixture(entry!, join(dir, 'good'));
    const run = await runFaxdesk(['check', '--json', empty, corrupt, good], env());
    expect(run.code).toBe(0);
    const [a, b, c] = run.stdout
      .trim()
      .split('\n')
      .map((l) => CheckResult.parse(JSON.parse(l)));
    expect(a).toMatchObject({ file: empty, verdict: 'unreadable', pages: 0 });
    expect(a!.reason).toMatch(/vide/i);
    expect(b).toMatchObject({ file: corrupt, verdict: 'unreadable' });
    expect(b!.reason).toBeTruthy();
    expect(c!.verdict).toBe('ok');
  });

  it('exits 2 with a clear message on a missing file, before doing any work', async () => {
    const run = await runFaxdesk(['check', join(dir, 'nope.pdf')], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Fichier introuvable');
    expect(run.stdout).toBe('');
  });

  it('exits 2 on an unknown option or command, and on a bad configuration', async () => {
    expect((await runFaxdesk(['check', '--jsn', 'x'], env())).code).toBe(2);
    expect((await runFaxdesk(['frobnicate'], env())).code).toBe(2);
    const bad = await runFaxdesk(['check', 'x'], { ...env(), FAXDESK_OCR_WORKERS: 'beaucoup' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('FAXDESK_OCR_WORKERS');
  });
});
