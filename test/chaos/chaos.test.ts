/**
 * The chaos run, small (issue 5, "Tests that prove it"): faxes dropped into the inbox while
 * `faxdesk watch` is killed with SIGKILL and restarted and the chat stand-in fails a fifth of
 * the calls; every fax must end up stored and posted exactly once. `npm run chaos` is the big one.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { chaosLine, runChaos, type ChaosResult } from './driver.ts';

const POSTGRES_URL = process.env.FAXDESK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function expectExactlyOnce(result: ChaosResult, faxes: number) {
  // The whole line on failure says what went wrong (the kills and failures are in it too).
  expect({ line: chaosLine(result), timedOut: result.timedOut }).toEqual({
    line: chaosLine({ ...result, posted: faxes, duplicates: 0, lost: 0 }),
    timedOut: false,
  });
  expect(result.kills).toBeGreaterThan(0);
  expect(result.injectedFailures).toBeGreaterThan(0);
  // Posts whose answer was lost happened, and were found in the channel rather than posted again.
  expect(result.lostAnswers).toBeGreaterThan(0);
  expect(result.stored).toBe(faxes);
  expect(result.postedEventMismatches).toBe(0);
}

describe('chaos: kill -9 and a failing chat platform lose and double-post nothing', () => {
  it('one instance on SQLite', { timeout: 240_000 }, async () => {
    const result = await runChaos({
      faxes: 30,
      instances: 1,
      store: 'sqlite',
      failRate: 0.2,
      lostAnswerRate: 0.1,
      seed: 11,
      maxKills: 3,
      killEveryMs: [3000, 7000],
      maxSeconds: 200,
    });
    expectExactlyOnce(result, 30);
  });

  it(
    'three instances on one PostgreSQL database and one inbox, one killed at a time',
    { timeout: 240_000 },
    async (ctx) => {
      if (!(await postgresReachable())) return ctx.skip();
      const result = await runChaos({
        faxes: 30,
        instances: 3,
        store: 'postgres',
        postgresUrl: POSTGRES_URL,
        failRate: 0.2,
        lostAnswerRate: 0.1,
        seed: 12,
        maxKills: 3,
        killEveryMs: [3000, 7000],
        maxSeconds: 200,
      });
      expectExactlyOnce(result, 30);
    },
  );
});
