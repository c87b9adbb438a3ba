/** `faxdesk card FILE --platform …`: the real CLI prints a card each platform accepts. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCorpus, writeFixture } from '../fixtures/index.ts';
import { adaptiveCardReport, slackLimitProblems } from '../cards/helpers.ts';
import { runFaxdesk } from './cli.ts';

let dir: string;
let file: string;
const env = () => ({ FAXDESK_HOME: join(dir, 'home'), FAXDESK_LOG_LEVEL: 'error' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faxdesk-card-'));
  const [entry] = buildCorpus({ seed: 9, count: 1, formats: ['pdf-text'], scenarios: ['no_nam'] });
  file = await writeFixture(entry!, dir);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('faxdesk card', () => {
  it('prints an Adaptive Card the official library parses without a problem', async () => {
    const run = await runFaxdesk(['card', file, '--platform', 'teams'], env());
    expect(run.code).toBe(0);
    const card = JSON.parse(run.stdout) as { type: string; version: string };
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(adaptiveCardReport(card).problems).toEqual([]);
    expect(run.stdout).toContain('Incomplète');
  });

  it('prints Slack blocks within Block Kit limits', async () => {
    const run = await runFaxdesk(['card', file, '--platform', 'slack'], env());
    expect(run.code).toBe(0);
    const message = JSON.parse(run.stdout) as { blocks: unknown[] };
    expect(message.blocks.length).toBeGreaterThan(3);
    expect(slackLimitProblems(message)).toEqual([]);
  });

  it('refuses an unknown platform with exit status 2', async () => {
    const run = await runFaxdesk(['card', file, '--platform', 'fax'], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--platform');
  });
});
