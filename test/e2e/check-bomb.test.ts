/**
 * `faxdesk check` reads through the same bounded reading processes as the desk: a file that asks
 * for endless work is stopped at its budget and reported unreadable with the same French reason.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CheckResult } from '../../src/check/result.ts';
import { pathOperationsPdf } from '../hostile/bombs.ts';
import { runFaxdesk } from './cli.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faxdesk-check-bomb-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('faxdesk check on a file built to stall its reader', () => {
  it('stops at the page budget and gives the reason', async () => {
    const file = join(dir, 'traces.pdf');
    await writeFile(file, pathOperationsPdf());
    const env = {
      FAXDESK_HOME: join(dir, 'home'),
      FAXDESK_LOG_LEVEL: 'error',
      FAXDESK_READ_PAGE_SECONDS: '5',
    };

    const json = await runFaxdesk(['check', '--json', file], env);
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const result = CheckResult.parse(JSON.parse(json.stdout));
    expect(result.verdict).toBe('unreadable');
    expect(JSON.stringify(result)).toContain(
      'Lecture interrompue : la page 1 demande trop de calcul (plus de 5 s)',
    );

    const text = await runFaxdesk(['check', file], env);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Lecture interrompue : la page 1 demande trop de calcul (plus de 5 s)');
  }, 120_000);
});
