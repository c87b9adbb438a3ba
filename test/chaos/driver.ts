/**
 * The chaos run (issue 5, "Exactly-once"): N fixture faxes dropped into the inbox in bursts
 * while K `faxdesk watch` processes are killed with SIGKILL at random moments and restarted,
 * and the chat stand-in fails a share of the calls. At the end every fax must be stored once
 * and its card posted once: the stand-in's accepted posts are counted by fax id.
 *
 * With K > 1 the instances share one inbox folder and one PostgreSQL database (a fresh one,
 * dropped afterwards); SQLite is one instance. Everything random is seeded (the kill times
 * still depend on how fast the machine is).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openStore } from '../../adapters/stores/open-store.ts';
import { isIgnoredName } from '../../src/intake/candidates.ts';
import type { FaxStore } from '../../src/store/store.ts';
import { buildCorpus, renderFixture, Rng } from '../fixtures/index.ts';
import { deflateBombPdf, inflatingStripTiff, manyImagesPdf, pathOperationsPdf } from '../hostile/bombs.ts';
import { ChaosStandIn } from './chat-stand-in.ts';

export interface ChaosOptions {
  faxes: number;
  instances: number;
  store: 'sqlite' | 'postgres';
  failRate: number;
  /**
   * Share of the posts the stand-in takes into the channel and answers 500 all the same (Slack's
   * answer lost): the window where a retry would post a card twice unless it looks first.
   */
  lostAnswerRate: number;
  seed: number;
  maxSeconds: number;
  /** Pause between two kills, drawn in this range (ms). */
  killEveryMs: [number, number];
  /** Stop killing after this many (a short run in the suite); default no limit. */
  maxKills?: number;
  /** PostgreSQL server (a database is created in it for the run); default the local one. */
  postgresUrl?: string;
  /** Keep FAXDESK_HOME (with each instance's log) after the run. */
  keep?: boolean;
  /** Progress lines go here (never the final line). */
  progress?: (line: string) => void;
  /**
   * Files built to stall a reader (test/hostile/bombs.ts) mixed in among the faxes: each must be
   * quarantined (unreadable, « Lecture interrompue … ») with its card posted once, like any fax.
   */
  hostile?: number;
}

export const DEFAULT_CHAOS: ChaosOptions = {
  faxes: 200,
  instances: 1,
  store: 'sqlite',
  failRate: 0.2,
  lostAnswerRate: 0.05,
  seed: 1,
  maxSeconds: 1200,
  killEveryMs: [4000, 12000],
};

export interface ChaosResult {
  faxes: number;
  kills: number;
  injectedFailures: number;
  /** Of those, posts that reached the channel with their answer lost. */
  lostAnswers: number;
  /** Distinct faxes whose card the stand-in accepted. */
  posted: number;
  /** Accepted posts beyond the first, per fax. */
  duplicates: number;
  /** Of those, posts the platform took but Faxdesk never recorded (the crash window). */
  unrecordedPosts: number;
  /** Faxes never stored, or stored and never posted. */
  lost: number;
  stored: number;
  /** Faxes whose `posted` events are not exactly one. */
  postedEventMismatches: number;
  /** Outbox deliveries that gave up (kept for `faxdesk retry`). */
  failedDeliveries: number;
  /** Hostile files mixed in, and how many of them were quarantined with a reading interruption. */
  hostile: number;
  hostileQuarantined: number;
  /** Ordinary faxes stopped by a reading budget all the same (the budget too tight for this machine). */
  ordinaryInterrupted: number;
  timedOut: boolean;
  seconds: number;
  home: string;
}

export function chaosLine(r: ChaosResult): string {
  const hostile = r.hostile > 0 ? `, ${r.hostileQuarantined}/${r.hostile} hostile quarantined` : '';
  return (
    `chaos: ${r.faxes} faxes, ${r.kills} kills, ${r.injectedFailures} injected failures, ` +
    `${r.posted} posted, ${r.duplicates} duplicates, ${r.lost} lost${hostile}`
  );
}

const TOKEN = 'xoxb-chaos-0000-test';
const CHANNEL = 'C0CHAOS001';
const REPO = resolve(import.meta.dirname, '../..');

interface Fax {
  name: string;
  bytes: Buffer;
  sha256: string;
}

/**
 * N fixture faxes of distinct content (two identical faxes are one fax plus a duplicate, which
 * the intake sets aside: not what is counted here). The generator repeats itself now and then
 * over a few hundred entries, so it is asked for more and the repeats are left out.
 */
async function renderFaxes(count: number, seed: number): Promise<Fax[]> {
  const out: Fax[] = [];
  const seen = new Set<string>();
  for (const entry of buildCorpus({ seed, count: count * 2, formats: ['pdf-text'] })) {
    if (out.length === count) break;
    const bytes = await renderFixture(entry);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (seen.has(sha256)) continue;
    seen.add(sha256);
    out.push({ name: entry.name, bytes, sha256 });
  }
  if (out.length < count) throw new Error(`only ${out.length} distinct fixture faxes`);
  return out;
}

/** `count` bombs, the four kinds in turn, each of its own content. */
async function renderBombs(count: number): Promise<Fax[]> {
  const out: Fax[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    const bytes =
      kind === 0
        ? pathOperationsPdf(3_000_000 + i)
        : kind === 1
          ? await deflateBombPdf(1024 * 1024 * 1024 + i * 1024)
          : kind === 2
            ? manyImagesPdf(5000 + i)
            : inflatingStripTiff(7000 + i, 8000);
    const name = `bombe-${i + 1}.${kind === 3 ? 'tif' : 'pdf'}`;
    out.push({ name, bytes, sha256: createHash('sha256').update(bytes).digest('hex') });
  }
  return out;
}

/** The environment of one instance: nothing inherited that could point it elsewhere. */
function instanceEnv(
  index: number,
  home: string,
  apiUrl: string,
  databaseUrl: string | null,
  hostile: boolean,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(FAXDESK_|SLACK_|TEAMS_|SMTP_|DATABASE_URL$|PG)/.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    FAXDESK_HOME: home,
    // One host, one data folder: each instance needs its own name in the shared claims.
    FAXDESK_INSTANCE_ID: `chaos-${index}`,
    FAXDESK_SETTLE_MS: '200',
    FAXDESK_POLL_SECONDS: '1',
    FAXDESK_LOG_LEVEL: 'info',
    FAXDESK_CHAT: 'slack',
    SLACK_BOT_TOKEN: TOKEN,
    SLACK_CHANNEL_ID: CHANNEL,
    SLACK_SIGNING_SECRET: 'chaos-signing-secret-0123456789',
    SLACK_PORT: '0',
    SLACK_HOST: '127.0.0.1',
    SLACK_API_URL: apiUrl,
    ...(databaseUrl !== null ? { DATABASE_URL: databaseUrl } : {}),
    // Bombs are stopped sooner than by default (5 s a page, 768 MB), so the run is not spent waiting on them.
    ...(hostile
      ? {
          FAXDESK_READ_PAGE_SECONDS: '5',
          FAXDESK_READ_MEMORY_MB: '768',
          FAXDESK_MAX_PIXELS_PER_PAGE: '60000000',
        }
      : {}),
  };
}

/** What is still to do in the outbox (not done, not given up), and what gave up. */
interface OutboxPeek {
  pending: number;
  failed: number;
}

function outboxPeeker(kind: 'sqlite' | 'postgres', where: string): () => Promise<OutboxPeek> {
  const sql = `SELECT
      COUNT(*) FILTER (WHERE done_at IS NULL AND failed_at IS NULL) AS pending,
      COUNT(*) FILTER (WHERE done_at IS NULL AND failed_at IS NOT NULL) AS failed
    FROM deliveries`;
  if (kind === 'sqlite') {
    return async () => {
      const db = new Database(where, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare<[], { pending: number; failed: number }>(sql).get();
        return { pending: Number(row?.pending ?? 0), failed: Number(row?.failed ?? 0) };
      } finally {
        db.close();
      }
    };
  }
  return async () => {
    const client = new pg.Client({ connectionString: where });
    await client.connect();
    try {
      const { rows } = await client.query<{ pending: string; failed: string }>(sql);
      return { pending: Number(rows[0]?.pending ?? 0), failed: Number(rows[0]?.failed ?? 0) };
    } finally {
      await client.end();
    }
  };
}

async function withAdmin<T>(serverUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function databaseUrlFor(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

class Instance {
  child: ChildProcess | null = null;
  generation = 0;
  /** Killed on purpose and not restarted yet: the driver's watch loop leaves it down. */
  down = false;
  private exited: Promise<void> = Promise.resolve();

  constructor(
    readonly index: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly logDir: string,
  ) {}

  start(): void {
    if (this.child !== null) return; // never two processes for one instance
    this.down = false;
    this.generation++;
    const log = createWriteStream(join(this.logDir, `instance-${this.index}-${this.generation}.log`));
    const child = spawn(process.execPath, [join(REPO, 'bin/faxdesk.js'), 'watch'], {
      cwd: REPO,
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log, { end: false });
    child.stderr.pipe(log, { end: false });
    this.child = child;
    this.exited = new Promise((done) =>
      child.once('exit', () => {
        log.end();
        if (this.child === child) this.child = null;
        done();
      }),
    );
  }

  get alive(): boolean {
    return this.child !== null;
  }

  async kill(signal: NodeJS.Signals, graceMs = 0): Promise<void> {
    const child = this.child;
    if (!child) return;
    child.kill(signal);
    if (graceMs > 0) {
      const stopped = await Promise.race([this.exited.then(() => true), sleep(graceMs).then(() => false)]);
      if (!stopped) child.kill('SIGKILL');
    }
    await this.exited;
  }
}

async function inboxFiles(inbox: string): Promise<string[]> {
  return (await readdir(inbox)).filter((name) => !isIgnoredName(name));
}

export async function runChaos(partial: Partial<ChaosOptions> = {}): Promise<ChaosResult> {
  const o: ChaosOptions = { ...DEFAULT_CHAOS, ...partial };
  if (o.store === 'sqlite' && o.instances !== 1) {
    throw new Error('SQLite is one instance: use --store postgres for several');
  }
  const say = o.progress ?? (() => {});
  const started = performance.now();
  const rng = new Rng(o.seed).fork('chaos-driver');
  const bombs = await renderBombs(o.hostile ?? 0);
  // Bombs among the ordinary faxes, at places drawn from the seed.
  const faxes = await renderFaxes(o.faxes, o.seed);
  for (const bomb of bombs) faxes.splice(rng.int(0, faxes.length), 0, bomb);
  const home = await mkdtemp(join(tmpdir(), 'faxdesk-chaos-'));
  const inbox = join(home, 'inbox');
  const staging = join(home, 'staging');
  const logDir = join(home, 'logs');
  for (const dir of [inbox, staging, logDir]) await mkdir(dir, { recursive: true });

  for (const fax of faxes) await writeFile(join(staging, fax.name), fax.bytes);
  say(`${faxes.length} faxes rendered in ${home}`);

  const serverUrl = o.postgresUrl ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `faxdesk_chaos_${process.pid}_${Date.now()}`;
  let databaseUrl: string | null = null;
  if (o.store === 'postgres') {
    await withAdmin(serverUrl, (c) => c.query(`CREATE DATABASE ${dbName}`));
    databaseUrl = databaseUrlFor(serverUrl, dbName);
  }

  const standIn = new ChaosStandIn({
    token: TOKEN,
    channelId: CHANNEL,
    failRate: o.failRate,
    lostAnswerRate: o.lostAnswerRate,
    seed: o.seed,
  });
  await standIn.start();
  const sqlitePath = join(home, 'faxdesk.sqlite');
  // Opened (and migrated) before any instance starts; read only from here on.
  let store: FaxStore | null = await openStore({ databaseUrl: databaseUrl ?? undefined, sqlitePath });
  const peekOutbox = outboxPeeker(o.store, databaseUrl ?? sqlitePath);
  const instances = Array.from(
    { length: o.instances },
    (_, i) =>
      new Instance(i + 1, instanceEnv(i + 1, home, standIn.apiUrl, databaseUrl, bombs.length > 0), logDir),
  );
  let kills = 0;
  let finished = false;
  let timedOut = false;

  try {
    for (const instance of instances) instance.start();

    const dropper = (async () => {
      const queue = [...faxes];
      while (queue.length > 0 && !finished) {
        const burst = queue.splice(0, rng.int(1, Math.max(2, Math.ceil(o.faxes / 8))));
        // A rename is how a fax server finishes a file: the inbox never sees it half-written.
        for (const fax of burst) await rename(join(staging, fax.name), join(inbox, fax.name));
        await sleep(rng.int(200, 3000));
      }
    })();

    const killer = (async () => {
      while (!finished && kills < (o.maxKills ?? Infinity)) {
        // A bomb is read again from the start after each kill: with bombs, some gaps between kills
        // must outlast a bomb's budget (and the restart), or no bomb ever reaches it.
        const [least, most] = o.killEveryMs;
        await sleep(
          rng.int(
            bombs.length > 0 ? Math.max(least, 8000) : least,
            bombs.length > 0 ? Math.max(most, 20_000) : most,
          ),
        );
        if (finished) break;
        const alive = instances.filter((i) => i.alive);
        const victim = alive[rng.int(0, alive.length - 1)];
        if (!victim) continue;
        victim.down = true;
        await victim.kill('SIGKILL');
        kills++;
        say(`kill ${kills}: instance ${victim.index} (${standIn.posts.length} posts so far)`);
        await sleep(rng.int(100, 1500));
        if (!finished) victim.start();
      }
    })();

    const deadline = started + o.maxSeconds * 1000;
    const shas = faxes.map((f) => f.sha256);
    for (;;) {
      await sleep(1000);
      // Anything that died on its own (a crash, not one of ours) comes back too: count it.
      for (const instance of instances) {
        if (!instance.alive && !instance.down && !finished) {
          say(`instance ${instance.index} exited on its own: restarted`);
          instance.start();
        }
      }
      const posted = standIn.postsByFax();
      let done = 0;
      for (const sha of shas) {
        const fax = await store.findBySha256(sha);
        if (fax && posted.has(fax.id)) done++;
      }
      const outbox = await peekOutbox().catch(() => ({ pending: 1, failed: 0 }));
      const left = (await inboxFiles(inbox)).length;
      if (done === shas.length && outbox.pending === 0 && left === 0) break;
      if (performance.now() > deadline) {
        timedOut = true;
        say(`time limit: ${done}/${shas.length} done, ${outbox.pending} in the outbox, ${left} in the inbox`);
        break;
      }
    }
    finished = true;
    await killer;
    await dropper;
    // A late duplicate would come from an instance still running: stop them all, gently.
    await Promise.all(instances.map((i) => i.kill('SIGTERM', 15_000)));

    const posted = standIn.postsByFax();
    let stored = 0;
    let lost = 0;
    let postedEventMismatches = 0;
    let hostileQuarantined = 0;
    let ordinaryInterrupted = 0;
    const bombShas = new Set(bombs.map((b) => b.sha256));
    const ours = new Set<string>();
    for (const fax of faxes) {
      const record = await store.findBySha256(fax.sha256);
      if (!record) {
        lost++;
        continue;
      }
      stored++;
      if (
        bombShas.has(fax.sha256) &&
        record.unreadableCode === 'interrupted' &&
        record.quarantinePath !== null
      ) {
        hostileQuarantined++;
      }
      if (!bombShas.has(fax.sha256) && record.unreadableCode === 'interrupted') ordinaryInterrupted++;
      ours.add(record.id);
      if (!posted.has(record.id)) lost++;
      const postedEvents = (await store.listEvents(record.id)).filter((e) => e.kind === 'posted').length;
      if (postedEvents !== 1) postedEventMismatches++;
    }
    let duplicates = 0;
    let unrecordedPosts = 0;
    for (const [faxId, posts] of posted) {
      // A card for a fax that is not one of ours (a second record of one content) is extra too.
      duplicates += ours.has(faxId) ? posts.length - 1 : posts.length;
      const recorded = new Set((await store.listChatMessages(faxId)).map((m) => m.messageId));
      unrecordedPosts += posts.filter((p) => !recorded.has(p.ts)).length;
    }
    const outbox = await peekOutbox();
    return {
      faxes: faxes.length,
      hostile: bombs.length,
      hostileQuarantined,
      ordinaryInterrupted,
      kills,
      injectedFailures: standIn.injectedFailures,
      lostAnswers: standIn.lostAnswers,
      posted: [...posted.keys()].filter((id) => ours.has(id)).length,
      duplicates,
      unrecordedPosts,
      lost,
      stored,
      postedEventMismatches,
      failedDeliveries: outbox.failed,
      timedOut,
      seconds: Math.round((performance.now() - started) / 1000),
      home,
    };
  } finally {
    finished = true;
    await Promise.all(instances.map((i) => i.kill('SIGKILL')));
    await store?.close();
    store = null;
    await standIn.stop();
    if (o.store === 'postgres') {
      await withAdmin(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`));
    }
    if (!o.keep) await rm(home, { recursive: true, force: true });
  }
}
