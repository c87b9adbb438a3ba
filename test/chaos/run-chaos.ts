/**
 * `npm run chaos [-- --faxes N --instances K --store sqlite|postgres --fail-rate R --lost-answer-rate L --seed S
 * --max-seconds T --max-kills M --hostile H --keep]`: the chaos run on its own. Progress goes to stderr; stdout gets
 * details, then exactly one last line:
 *   chaos: N faxes, K kills, F injected failures, P posted, D duplicates, L lost[, Q/H hostile quarantined]
 * With --hostile H, H files built to stall a reader (test/hostile/bombs.ts) are among the N faxes.
 * Exit 0 iff D = 0, L = 0 and every hostile file was quarantined.
 */
import { parseArgs } from 'node:util';
import { chaosLine, DEFAULT_CHAOS, runChaos } from './driver.ts';

const { values } = parseArgs({
  options: {
    faxes: { type: 'string' },
    instances: { type: 'string' },
    store: { type: 'string' },
    'fail-rate': { type: 'string' },
    'lost-answer-rate': { type: 'string' },
    seed: { type: 'string' },
    'max-seconds': { type: 'string' },
    'max-kills': { type: 'string' },
    keep: { type: 'boolean' },
    hostile: { type: 'string' },
  },
});

function num(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: a number is expected`);
  return n;
}

const store = values.store ?? DEFAULT_CHAOS.store;
if (store !== 'sqlite' && store !== 'postgres') throw new Error('--store: sqlite or postgres');

const result = await runChaos({
  faxes: Math.floor(num(values.faxes, DEFAULT_CHAOS.faxes, 'faxes')),
  instances: Math.max(1, Math.floor(num(values.instances, DEFAULT_CHAOS.instances, 'instances'))),
  store,
  failRate: num(values['fail-rate'], DEFAULT_CHAOS.failRate, 'fail-rate'),
  lostAnswerRate: num(values['lost-answer-rate'], DEFAULT_CHAOS.lostAnswerRate, 'lost-answer-rate'),
  seed: Math.floor(num(values.seed, DEFAULT_CHAOS.seed, 'seed')),
  maxSeconds: num(values['max-seconds'], DEFAULT_CHAOS.maxSeconds, 'max-seconds'),
  ...(values['max-kills'] !== undefined ? { maxKills: num(values['max-kills'], 0, 'max-kills') } : {}),
  keep: values.keep === true,
  hostile: Math.floor(num(values.hostile, 0, 'hostile')),
  progress: (line) => process.stderr.write(`${line}\n`),
});

process.stdout.write(
  `stored ${result.stored}, posted events off by one: ${result.postedEventMismatches}, ` +
    `answers lost on purpose: ${result.lostAnswers}, posts not recorded (crash window): ${result.unrecordedPosts}, deliveries given up: ${result.failedDeliveries}, ` +
    `ordinary faxes stopped by a reading budget: ${result.ordinaryInterrupted}, ` +
    `${result.seconds} s${result.timedOut ? ' (time limit reached)' : ''}${values.keep ? `, kept in ${result.home}` : ''}\n`,
);
process.stdout.write(`${chaosLine(result)}\n`);
process.exitCode =
  result.duplicates === 0 && result.lost === 0 && result.hostileQuarantined === result.hostile ? 0 : 1;
