/**
 * `faxdesk purge --older-than`: old faxes lose their patient data and original files,
 * keep their audit trail (every event, plus `purged`); recent faxes are untouched;
 * `--dry-run` changes nothing; a bad duration is a usage error (exit 2). Every card posted
 * for a purged fax is replaced by the retention card the next time the outbox runs. What
 * staff typed about a purged fax (reasons, notes) is erased from its events, which stay.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runPurge } from '../../adapters/cli/purge-command.ts';
import { buildFaxCard } from '../../cards/fax-card.ts';
import { renderAdaptiveCard } from '../../cards/render/adaptive.ts';
import { renderSlackMessage } from '../../cards/render/slack.ts';
import { UsageError } from '../../adapters/cli/usage-error.ts';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import type { ChatChannel, FaxView } from '../../src/chat/channel.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createIntake } from '../../src/intake/index.ts';
import type { FaxProcessors } from '../../src/intake/processors.ts';
import { silentLogger } from '../../src/log.ts';
import { createDeliverer } from '../../src/posting/deliverer.ts';
import { createActionHandler } from '../../src/actions/handle-action.ts';
import { createActionPolicy } from '../../src/workflow/policy.ts';
import { createWorkflow } from '../../src/workflow/workflow.ts';
import { isPurged, parseRetention, PURGED_NAME, PURGED_TEXT, RetentionError } from '../../src/purge/index.ts';
import { parseSearchQuery } from '../../src/search/parse-query.ts';
import type { ChatMessageRef } from '../../src/store/deliveries.ts';
import { newFaxId } from '../../src/store/ids.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { fakeOrder, fakeProcessors } from '../intake/helpers.ts';
import { CHANNEL, leakedPatientData, MARIE, RecordingMailer, storeFax } from '../workflow/helpers.ts';

const DAY = 24 * 60 * 60 * 1000;
/**
 * "Now" moves a year forward for each test: fax ids follow the clock only while it
 * never steps back (they stay monotonic within a process), as in real life.
 */
let NOW = new Date('2025-06-30T12:00:00.000Z');

/** The intake's fake processors, with a patient named on the first line of the "fax". */
function namedProcessors(): FaxProcessors {
  const base = fakeProcessors();
  return {
    ...base,
    parse(reading) {
      const [firstName = null, lastName = null] = (reading.pages[0]?.text ?? '').split('\n')[0]!.split(' ');
      const order = fakeOrder('IRM');
      return { ...order, patient: { ...order.patient, firstName, lastName, nam: 'TREJ85521512' } };
    },
    validate(order) {
      return {
        verdict: 'review',
        checks: [
          {
            id: 'patient.name',
            status: 'pass',
            message: `${order.patient.firstName} ${order.patient.lastName}`,
          },
        ],
        reason: null,
      };
    },
  };
}

let config: Config;
let store: SqliteFaxStore;

/** Receives `files` (name → content) as if on `at`. */
async function receive(at: Date, files: Record<string, string>): Promise<void> {
  for (const [name, content] of Object.entries(files)) await writeFile(join(config.inbox, name), content);
  const intake = createIntake({
    store,
    processors: namedProcessors(),
    paths: { inbox: config.inbox, archive: config.archive, quarantine: config.quarantine },
    clock: () => at,
    settleMs: 0,
  });
  const summary = await intake.processInboxOnce();
  expect(summary.errors).toBe(0);
}

async function byName(name: string): Promise<FaxRecord> {
  const fax = (await store.listFaxes({ limit: 1000 })).find((f) => f.originalName === name);
  expect(fax).toBeDefined();
  return fax!;
}

async function searchName(text: string): Promise<string[]> {
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return (await store.searchFaxes(parsed.query, 10)).map((h) => h.id);
}

/** The outbox's deliveries not done yet (read straight from SQLite: claiming would change them). */
function pendingDeliveries(): { faxId: string; kind: string }[] {
  return store.db
    .prepare<[], { faxId: string; kind: string }>(
      'SELECT fax_id AS faxId, kind FROM deliveries WHERE done_at IS NULL ORDER BY id',
    )
    .all();
}

/** Everything the store and the disk hold, to prove a dry run changed nothing. */
async function snapshotAll(): Promise<unknown> {
  const faxes = await store.listFaxes({ limit: 1000 });
  const files = async (dir: string): Promise<string[]> =>
    (await readdir(dir, { recursive: true }).catch(() => [] as string[])).sort();
  return {
    faxes,
    pages: await Promise.all(faxes.map((f) => store.getPages(f.id))),
    events: await Promise.all(faxes.map((f) => store.listEvents(f.id))),
    deliveries: pendingDeliveries(),
    archive: await files(config.archive),
    quarantine: await files(config.quarantine),
  };
}

/** What a chat channel was shown: each card rendered for both platforms, as an adapter would. */
interface Shown {
  faxId: string;
  messageId: string;
  /** Every text of the card in Slack Block Kit and in the Adaptive Card, French and English. */
  text: string;
  /** Buttons on the card (Slack action elements and Adaptive actions). */
  buttons: number;
}

class RenderingChannel implements ChatChannel {
  readonly platform = 'test';
  readonly posts: Shown[] = [];
  readonly updates: Shown[] = [];

  private show(view: FaxView, messageId: string): Shown {
    const texts: string[] = [];
    let buttons = 0;
    for (const lang of ['fr', 'en'] as const) {
      const card = buildFaxCard(view.fax, view.events, { lang, originalUrl: 'https://faxdesk.example/o' });
      const slack = renderSlackMessage(card);
      const adaptive = renderAdaptiveCard(card);
      texts.push(JSON.stringify(slack), JSON.stringify(adaptive));
      buttons += slack.blocks.filter((b) => b.type === 'actions').length + adaptive.actions.length;
    }
    return { faxId: view.fax.id, messageId, text: texts.join('\n'), buttons };
  }

  async post(view: FaxView): Promise<ChatMessageRef> {
    const messageId = `m${this.posts.length + 1}`;
    this.posts.push(this.show(view, messageId));
    return { platform: this.platform, channelId: 'C0FAXDESK', messageId };
  }

  async update(message: ChatMessageRef, view: FaxView): Promise<void> {
    this.updates.push(this.show(view, message.messageId));
  }
}

async function purge(olderThan: string, dryRun = false): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out += String(chunk);
    return true;
  });
  try {
    return { code: await runPurge(config, [], { olderThan, dryRun }, NOW), out };
  } finally {
    spy.mockRestore();
  }
}

beforeEach(async () => {
  NOW = new Date(NOW.getTime() + 365 * DAY);
  const home = mkdtempSync(join(tmpdir(), 'faxdesk-purge-'));
  config = loadConfig({ FAXDESK_HOME: home, FAXDESK_LOG_LEVEL: 'error' });
  mkdirSync(config.inbox, { recursive: true });
  store = openSqliteStore(config.database);
  const old = new Date(NOW.getTime() - 120 * DAY);
  await receive(old, {
    'Tremblay Josée.pdf': 'Josée Tremblay\n---PAGE---\npage deux',
    'illisible.tif': 'UNREADABLE',
  });
  // The same content again a little later: set aside in archive/duplicates.
  await receive(new Date(old.getTime() + DAY), { 'copie.pdf': 'Josée Tremblay\n---PAGE---\npage deux' });
  await receive(new Date(NOW.getTime() - 10 * DAY), { 'recente.pdf': 'Marc Tremblay\nIRM' });
});
afterEach(async () => {
  await store.close();
});

describe('retention durations', () => {
  it('reads days and weeks, in English or French letters', () => {
    expect(parseRetention('90d')).toBe(90);
    expect(parseRetention('90j')).toBe(90);
    expect(parseRetention('12w')).toBe(84);
    expect(parseRetention(' 2s ')).toBe(14);
  });

  it('refuses months, zero, nonsense and absurd lengths with a French reason', () => {
    for (const bad of ['6m', '6mo', '0d', '90', 'd90', '-5d', '90 jours', '1000000d', '']) {
      expect(() => parseRetention(bad), bad).toThrow(RetentionError);
    }
    expect(() => parseRetention('6m')).toThrow(/jours/);
  });
});

describe('faxdesk purge --older-than', () => {
  it('purges old faxes only: pages, order, names, files; keeps and extends the event log', async () => {
    const old = await byName('Tremblay Josée.pdf');
    const unreadable = await byName('illisible.tif');
    const recent = await byName('recente.pdf');
    const eventsBefore = await store.listEvents(old.id);
    const recentPagesBefore = await store.getPages(recent.id);
    expect(await searchName('tremblay')).toEqual([recent.id, old.id]);
    const duplicates = await readdir(join(config.archive, 'duplicates'));
    expect(duplicates).toHaveLength(1);

    const run = await purge('90d');
    expect(run.code).toBe(0);
    expect(run.out).toContain(old.id);
    expect(run.out).toContain(unreadable.id);
    expect(run.out).not.toContain(recent.id);
    expect(run.out).not.toMatch(/Tremblay|Josée/);
    expect(run.out).toContain('2 télécopies purgées, 2 fichiers originaux supprimés, 1 doublon supprimé.');
    expect(run.out).toContain('2 cartes seront remplacées dans le canal');
    // Local dates, in French, never an ISO instant.
    expect(run.out).toMatch(/reçues avant le \d{1,2} \p{L}+ \d{4} à \d{1,2} h \d{2}/u);
    expect(run.out).not.toMatch(/\d{4}-\d{2}-\d{2}T/);

    const after = (await store.getFax(old.id))!;
    expect(isPurged(after)).toBe(true);
    expect(after).toMatchObject({
      id: old.id,
      receivedAt: old.receivedAt,
      verdict: old.verdict,
      status: old.status,
      pageCount: 2,
      originalName: PURGED_NAME,
      order: null,
    });
    expect(JSON.stringify(after)).not.toMatch(/Tremblay|Josée|TREJ/);
    expect(after.report.checks.map((c) => [c.id, c.status])).toEqual(
      old.report.checks.map((c) => [c.id, c.status]),
    );
    expect(await store.getPages(old.id)).toEqual([]);
    await expect(readFile(old.archivePath!)).rejects.toMatchObject({ code: 'ENOENT' });

    // Events: the old ones unchanged, one `purged` added, with no patient data.
    const events = await store.listEvents(old.id);
    expect(events.slice(0, -1)).toEqual(eventsBefore);
    const purged = events.at(-1)!;
    expect(purged).toMatchObject({ kind: 'purged', at: NOW.toISOString(), actor: { id: 'system:purge' } });
    expect(purged.details).toEqual({ retentionDays: 90, filesRemoved: 1, pagesDeleted: 2 });

    // Unreadable one: the quarantined original and its note go too.
    const q = (await store.getFax(unreadable.id))!;
    expect(isPurged(q)).toBe(true);
    expect(q.unreadableCode).toBe('corrupt');
    await expect(readFile(unreadable.quarantinePath!)).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readFile(`${unreadable.quarantinePath}.reason.txt`)).rejects.toMatchObject({
      code: 'ENOENT',
    });
    expect(await readdir(config.quarantine)).toEqual([]);
    expect(await readdir(join(config.archive, 'duplicates'))).toEqual([]);

    // One card update queued per purged fax, none for the fax kept.
    const updates = pendingDeliveries().filter((d) => d.kind === 'update');
    expect(updates.map((d) => d.faxId).sort()).toEqual([old.id, unreadable.id].sort());

    // Search forgets the purged fax; the recent one is untouched.
    expect(await searchName('tremblay')).toEqual([recent.id]);
    expect(await searchName('josee')).toEqual([]);
    expect(await store.getFax(recent.id)).toEqual(recent);
    expect(await store.getPages(recent.id)).toEqual(recentPagesBefore);
    expect(await readFile(recent.archivePath!, 'utf8')).toContain('Marc');

    // The event log still refuses changes, and a second run purges nothing more.
    expect(() => store.db.prepare('DELETE FROM fax_events').run()).toThrow(/append-only/);
    const again = await purge('90d');
    expect(again.out).toMatch(/^Aucune télécopie reçue avant le .+ : rien à purger\.$/m);
    expect(again.out).toMatch(/^0 télécopie purgée/m);
    expect((await store.listEvents(old.id)).filter((e) => e.kind === 'purged')).toHaveLength(1);
  });

  it('a file sent again after its fax was purged is a new fax, not a duplicate of nothing', async () => {
    await purge('90d');
    await receive(NOW, { 'renvoi.pdf': 'Josée Tremblay\n---PAGE---\npage deux' });
    const again = await byName('renvoi.pdf');
    expect(again.archivePath).not.toBeNull();
    expect(await store.getPages(again.id)).toHaveLength(2);
  });

  it('--dry-run lists what would go and changes nothing', async () => {
    const old = await byName('Tremblay Josée.pdf');
    const before = await snapshotAll();
    const run = await purge('12w', true);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/Simulation/);
    expect(run.out).toContain(old.id);
    expect(run.out).toContain('2 télécopies seraient purgées, 1 doublon serait supprimé.');
    expect(run.out).toMatch(/^Simulation \(--dry-run\) : rien n’est effacé\.$/m);
    // Every line ends a sentence or lists a fax: never a heading followed by nothing.
    const lines = run.out.trim().split('\n');
    expect(lines.at(-1)).toMatch(/\.$/);
    expect(await snapshotAll()).toEqual(before);
  });

  it('a missing or bad duration is a usage error (exit 2), and nothing is touched', async () => {
    const before = await snapshotAll();
    for (const olderThan of ['6m', 'quatre-vingt-dix jours', '0d']) {
      await expect(runPurge(config, [], { olderThan, dryRun: false }, NOW)).rejects.toBeInstanceOf(
        UsageError,
      );
    }
    await expect(runPurge(config, [], { olderThan: undefined, dryRun: false }, NOW)).rejects.toThrow(
      /--older-than/,
    );
    await expect(runPurge(config, ['90d'], { olderThan: '90d', dryRun: false }, NOW)).rejects.toBeInstanceOf(
      UsageError,
    );
    expect(await snapshotAll()).toEqual(before);
  });
});

describe('cards of purged faxes', () => {
  /** The outbox worker `faxdesk watch` runs, on this store, at the tests' "now". */
  function deliverer(channel: ChatChannel) {
    return createDeliverer({ store, channel, log: silentLogger, clock: () => NOW, minIntervalMs: 0 });
  }
  const last = (shown: Shown[], faxId: string) => shown.filter((x) => x.faxId === faxId).at(-1);

  it('replaces every posted card with the retention card: no patient data, no button', async () => {
    const old = new Date(NOW.getTime() - 120 * DAY);
    const patient = await storeFax(store, { id: newFaxId(old), receivedAt: old.toISOString() });
    const intake = await byName('Tremblay Josée.pdf');
    const recent = await byName('recente.pdf');
    const channel = new RenderingChannel();
    const worker = deliverer(channel);
    expect(await worker.runOnce()).toBe(4);
    // What the channel shows before the purge: the patient (so "nothing leaks" below means something).
    expect(leakedPatientData(last(channel.posts, patient.id)!.text).length).toBeGreaterThan(5);
    expect(last(channel.posts, intake.id)!.text).toMatch(/Josée|TREJ/);
    expect(last(channel.posts, patient.id)!.buttons).toBeGreaterThan(0);

    await purge('90d');
    await worker.runOnce();

    for (const fax of [patient, intake]) {
      const posted = last(channel.posts, fax.id)!;
      const update = last(channel.updates, fax.id);
      expect(update?.messageId, fax.id).toBe(posted.messageId);
      expect(leakedPatientData(update!.text)).toEqual([]);
      expect(update!.text).not.toMatch(/Josée|TREJ/);
      expect(update!.text).toContain('Télécopie effacée (durée de conservation dépassée)');
      expect(update!.text).toContain('Fax erased (retention period over)');
      expect(update!.buttons).toBe(0);
    }
    // The recent fax's card is left alone.
    expect(last(channel.updates, recent.id)).toBeUndefined();
    expect(pendingDeliveries()).toEqual([]);
  });

  it('a fax purged before its card went out gets the retention card as its first post', async () => {
    const old = new Date(NOW.getTime() - 120 * DAY);
    const patient = await storeFax(store, { id: newFaxId(old), receivedAt: old.toISOString() });
    await purge('90d');
    const channel = new RenderingChannel();
    await deliverer(channel).runOnce();
    const posts = channel.posts.filter((x) => x.faxId === patient.id);
    expect(posts).toHaveLength(1);
    expect(leakedPatientData(posts[0]!.text)).toEqual([]);
    expect(posts[0]!.text).toContain('Télécopie effacée (durée de conservation dépassée)');
    expect(posts[0]!.buttons).toBe(0);
    // Its queued update found the card just posted (posts go first) and rendered the same.
    expect(channel.updates.filter((x) => x.faxId === patient.id).every((u) => u.buttons === 0)).toBe(true);
  });
});

describe('a click on an old card of a purged fax', () => {
  /** A button on a card not yet replaced by the retention card: nobody can see that order any more. */
  it('is refused: no transition, no event, no mail', async () => {
    const fax = await byName('Tremblay Josée.pdf');
    expect(fax.status).toBe('pending');
    await purge('90d');
    const mailer = new RecordingMailer();
    const workflow = createWorkflow({
      store,
      mailer,
      policy: createActionPolicy({ channelId: CHANNEL }),
      clock: () => NOW,
    });
    const handle = createActionHandler({ workflow, store, clock: () => NOW });
    const before = await store.listEvents(fax.id);
    const clicks = [
      { action: 'fax.accept', faxId: fax.id, expectedStatus: 'pending' },
      { action: 'fax.auth_request', faxId: fax.id, expectedStatus: 'pending' },
      { action: 'fax.report_problem', faxId: fax.id, category: 'other', description: 'page 2 floue' },
    ] as const;
    for (const click of clicks) {
      const result = await handle(click, MARIE);
      expect(result.ok, click.action).toBe(false);
      if (!result.ok) expect(result.message).toContain('effacé');
    }
    expect((await store.getFax(fax.id))?.status).toBe('pending');
    expect(await store.listEvents(fax.id)).toEqual(before);
    expect(mailer.sent).toEqual([]);
  });
});

describe('what staff typed about a purged fax', () => {
  /** Everything the database holds about one fax, row by row, as text. */
  function rowsOf(faxId: string): string {
    const rows = (sql: string) => store.db.prepare(sql).all(faxId);
    return JSON.stringify({
      fax: rows('SELECT * FROM faxes WHERE id = ?'),
      events: rows('SELECT * FROM fax_events WHERE fax_id = ?'),
      pages: rows('SELECT * FROM fax_pages WHERE fax_id = ?'),
      search: rows('SELECT * FROM fax_search WHERE fax_id = ?'),
    });
  }

  it('is erased from the history, which keeps every event: nothing about the patient is left', async () => {
    const old = new Date(NOW.getTime() - 120 * DAY);
    const at = (hours: number) => new Date(old.getTime() + hours * 3_600_000);
    let clock = at(1);
    const mailer = new RecordingMailer();
    const workflow = createWorkflow({
      store,
      mailer,
      policy: createActionPolicy({ channelId: CHANNEL }),
      clock: () => clock,
    });
    const received = { receivedAt: old.toISOString(), verdict: 'incomplete' as const };
    const accepted = await storeFax(store, { id: newFaxId(old), ...received });
    const refused = await storeFax(store, { id: newFaxId(old), ...received });
    const rejected = await storeFax(store, { id: newFaxId(old), ...received });
    const steps = [
      () => workflow.requestAuthentication(accepted.id, MARIE),
      () =>
        workflow.recordAuthOutcome(accepted.id, MARIE, {
          outcome: 'unreachable',
          note: 'Mme Jeanne Tremblay-Côté absente, rappeler au 514-555-0199',
        }),
      () =>
        workflow.recordAuthOutcome(accepted.id, MARIE, {
          outcome: 'authenticated',
          note: 'Dr Gagnon confirme pour Jeanne',
        }),
      () =>
        workflow.accept(accepted.id, MARIE, {
          reason: 'NAM TREJ85551512 vérifié avec Jeanne Tremblay-Côté, née le 15/05/1985',
        }),
      () =>
        workflow.reportProblem(accepted.id, MARIE, {
          category: 'other',
          description: 'La page 2 de Jeanne Tremblay-Côté (TREJ 8555 1512) est floue',
        }),
      () => workflow.requestAuthentication(refused.id, MARIE),
      () =>
        workflow.recordAuthOutcome(refused.id, MARIE, {
          outcome: 'refused',
          note: 'Le Dr Gagnon ne connaît pas Mme Tremblay',
        }),
      () => workflow.reject(rejected.id, MARIE, { reason: 'Doublon de la demande de Jeanne Tremblay-Côté' }),
    ];
    for (const [i, step] of steps.entries()) {
      clock = at(1 + i);
      expect((await step()).ok, `step ${i}`).toBe(true);
    }
    expect(mailer.sent).toHaveLength(1);
    const faxes = [accepted, refused, rejected];
    const before = await Promise.all(faxes.map((f) => store.listEvents(f.id)));
    // What staff typed names the patient in each fax's history (so "nothing left" means something).
    for (const events of before) expect(leakedPatientData(JSON.stringify(events))).not.toEqual([]);
    expect(await searchName('jeanne')).toEqual(expect.arrayContaining(faxes.map((f) => f.id)));

    const run = await purge('90d');
    expect(run.code).toBe(0);
    expect(leakedPatientData(run.out)).toEqual([]);

    for (const [i, fax] of faxes.entries()) {
      expect(isPurged((await store.getFax(fax.id))!)).toBe(true);
      expect(leakedPatientData(rowsOf(fax.id)), fax.id).toEqual([]);
      // Every event kept, in order, by whom and when; the `purged` one added.
      const after = await store.listEvents(fax.id);
      const shape = (e: { id: number; kind: string; actor: unknown; at: string }) => [
        e.id,
        e.kind,
        e.actor,
        e.at,
      ];
      expect(after.slice(0, -1).map(shape)).toEqual(before[i]!.map(shape));
      expect(after.at(-1)?.kind).toBe('purged');
    }
    const history = await store.listEvents(accepted.id);
    expect(history.map((e) => e.kind)).toEqual([
      'received',
      'auth_requested',
      'auth_unreachable',
      'auth_authenticated',
      'accepted',
      'problem_reported',
      'purged',
    ]);
    expect(history.find((e) => e.kind === 'accepted')?.details).toMatchObject({
      verdict: 'incomplete',
      reason: PURGED_TEXT,
      from: 'pending',
      to: 'accepted',
    });
    expect(history.find((e) => e.kind === 'auth_unreachable')?.details).toMatchObject({
      outcome: 'unreachable',
      attempt: 1,
      note: PURGED_TEXT,
    });
    expect(history.find((e) => e.kind === 'problem_reported')?.details).toMatchObject({
      category: 'other',
      mailed: true,
    });
    expect(history.find((e) => e.kind === 'accepted')?.actor.name).toBe(MARIE.name);
    expect((await store.listEvents(rejected.id)).find((e) => e.kind === 'rejected')?.details.reason).toBe(
      PURGED_TEXT,
    );
    for (const text of ['tremblay', 'jeanne', 'TREJ85551512']) {
      const hits = await searchName(text);
      for (const fax of faxes) expect(hits, text).not.toContain(fax.id);
    }
    // The log is still append-only for anything else.
    expect(() => store.db.prepare("UPDATE fax_events SET actor_name = 'x'").run()).toThrow(/append-only/);
    expect(() => store.db.prepare('DELETE FROM fax_events').run()).toThrow(/append-only/);
  });
});
