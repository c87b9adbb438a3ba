/**
 * The digest's content over a real SQLite store: faxes in every state and of every age,
 * grouped, oldest first, stale ones flagged, finals left out; and its French card.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { buildDigestCard, formatAge, digestStrings, renderDigestText } from '../../cards/index.ts';
import { buildDigest } from '../../src/digest/index.ts';
import { openTempStore } from '../workflow/helpers.ts';
import { bigDigest, HOUR, markPosted, reportProblem, waitingFax } from './helpers.ts';

/** Monday 10 March 2025, 07:30 in Montréal (EDT since the day before). */
const NOW = new Date('2025-03-10T11:30:00.000Z');
const stores: SqliteFaxStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

async function scenario() {
  const store = openTempStore();
  stores.push(store);
  const oldPending = await waitingFax(store, NOW, 75, { first: 'Aline', last: 'Côté' });
  const freshPending = await waitingFax(store, NOW, 2, { first: 'Bruno', last: 'Gagnon', verdict: 'ok' });
  const callback = await waitingFax(store, NOW, 30, {
    status: 'auth_requested',
    first: 'Carole',
    last: 'Roy',
  });
  const callbackFresh = await waitingFax(store, NOW, 0.5, {
    status: 'auth_requested',
    first: 'Denis',
    last: 'Roy',
  });
  const problemPending = await waitingFax(store, NOW, 5, { first: 'Émile', last: 'Saint-Pierre' });
  const problemCallback = await waitingFax(store, NOW, 50, {
    status: 'auth_requested',
    first: 'Fanny',
    last: 'Lee',
  });
  const accepted = await waitingFax(store, NOW, 100, { status: 'accepted', first: 'Gilles', last: 'Fini' });
  const rejected = await waitingFax(store, NOW, 100, { status: 'rejected', first: 'Hélène', last: 'Fini' });
  const acceptedProblem = await waitingFax(store, NOW, 90, {
    status: 'accepted',
    first: 'Ivan',
    last: 'Fini',
  });
  for (const f of [problemPending, problemCallback, acceptedProblem]) await reportProblem(store, f.id, NOW);
  await markPosted(store, NOW);
  return {
    store,
    faxes: {
      oldPending,
      freshPending,
      callback,
      callbackFresh,
      problemPending,
      problemCallback,
      accepted,
      rejected,
    },
  };
}

describe('buildDigest', () => {
  it('groups the waiting orders, oldest first, leaves finished ones out, and flags stale ones', async () => {
    const { store, faxes } = await scenario();
    const digest = await buildDigest(store, NOW, { staleHours: 24 });
    const ids = (g: string) => digest.groups.find((x) => x.id === g)!.items.map((i) => i.faxId);

    expect(digest.groups.map((g) => g.id)).toEqual(['pending', 'auth_requested', 'problem_reported']);
    expect(ids('pending')).toEqual([faxes.oldPending.id, faxes.freshPending.id]);
    expect(ids('auth_requested')).toEqual([faxes.callback.id, faxes.callbackFresh.id]);
    // A reported problem is what the order waits for: it is listed there only, whatever its status.
    expect(ids('problem_reported')).toEqual([faxes.problemCallback.id, faxes.problemPending.id]);
    expect(digest.total).toBe(6);
    expect(digest.day).toBe('2025-03-10');

    const all = digest.groups.flatMap((g) => g.items);
    const byId = new Map(all.map((i) => [i.faxId, i]));
    expect(byId.get(faxes.oldPending.id)).toMatchObject({
      ageMs: 75 * HOUR,
      stale: true,
      verdict: 'review',
      patient: { firstName: 'Aline', lastName: 'Côté' },
      exam: 'Échographie abdominale',
      cards: [{ platform: 'slack', channelId: 'C0FAXDESK' }],
    });
    expect(byId.get(faxes.freshPending.id)).toMatchObject({ stale: false, verdict: 'ok' });
    expect(
      all
        .filter((i) => i.stale)
        .map((i) => i.faxId)
        .sort(),
    ).toEqual([faxes.oldPending.id, faxes.callback.id, faxes.problemCallback.id].sort());
    expect(digest.staleTotal).toBe(3);
    expect(byId.get(faxes.problemCallback.id)).toMatchObject({ status: 'auth_requested', problemCount: 1 });
  });

  it('leaves out waiting faxes whose content the retention purge erased', async () => {
    const { store, faxes } = await scenario();
    expect(await store.purgeFax(faxes.oldPending.id, NOW)).toBe(true);
    expect(await store.purgeFax(faxes.callback.id, NOW)).toBe(true);
    const ids = (await buildDigest(store, NOW, { staleHours: 48 })).groups.flatMap((g) =>
      g.items.map((i) => i.faxId),
    );
    expect(ids).not.toContain(faxes.oldPending.id);
    expect(ids).not.toContain(faxes.callback.id);
    expect(ids).toContain(faxes.freshPending.id);
  });

  it('follows the configured threshold', async () => {
    const { store } = await scenario();
    expect((await buildDigest(store, NOW, { staleHours: 72 })).staleTotal).toBe(1);
    expect((await buildDigest(store, NOW, { staleHours: 1 })).staleTotal).toBe(5);
  });

  it('is empty when nothing waits, and says so in one line', async () => {
    const store = openTempStore();
    stores.push(store);
    await waitingFax(store, NOW, 3, { status: 'accepted' });
    const digest = await buildDigest(store, NOW, { staleHours: 24 });
    expect(digest.total).toBe(0);
    expect(digest.groups.every((g) => g.items.length === 0)).toBe(true);
    const card = buildDigestCard(digest);
    expect(card.empty).toBe('Rien en attente.');
    expect(card.sections).toEqual([]);
    expect(card.summary).toContain('rien en attente');
  });
});

describe('the digest card (French)', () => {
  it('shows the counts, each line with its age, verdict, patient and exam, and the late mark', async () => {
    const { store, faxes } = await scenario();
    const digest = await buildDigest(store, NOW, { staleHours: 24, late: true });
    const card = buildDigestCard(digest, { link: (i) => `https://example.test/${i.faxId}` });
    expect(card.title).toBe('Résumé du jour — lundi 10 mars 2025');
    expect(card.late).toBe(true);
    expect(card.counts).toBe(
      '6 ordonnances en attente · 2 à décider · 2 en attente de rappel · 2 problèmes notés · 3 depuis plus de 24 h',
    );
    const first = card.sections[0]!.lines[0]!;
    expect(first).toMatchObject({
      faxId: faxes.oldPending.id,
      age: 'il y a 3 j',
      stale: true,
      verdictLabel: 'À vérifier',
      patient: 'Aline Côté',
      exam: 'Échographie abdominale',
      link: `https://example.test/${faxes.oldPending.id}`,
    });
    expect(card.sections[1]!.lines.map((l) => l.age)).toEqual(['il y a 30 h', 'il y a 30 min']);
    expect(card.sections[2]!.lines.map((l) => l.note)).toEqual(['rappel demandé', 'à décider']);
    // The notification text carries counts only.
    expect(card.summary).toBe('Résumé du jour (lundi 10 mars 2025) : 6 ordonnances en attente');

    const text = renderDigestText(card);
    expect(text).toContain('(en retard)');
    expect(text).toContain('Aline Côté — Échographie abdominale');
    expect(text).toContain(faxes.problemPending.id);
  });

  it('words ages in minutes, hours, then days', () => {
    const s = digestStrings('fr');
    expect(formatAge(5 * 60_000, s)).toBe('il y a 5 min');
    expect(formatAge(3 * HOUR, s)).toBe('il y a 3 h');
    expect(formatAge(47 * HOUR, s)).toBe('il y a 47 h');
    expect(formatAge(49 * HOUR, s)).toBe('il y a 2 j');
    expect(formatAge(3 * HOUR, digestStrings('en'))).toBe('3 h ago');
  });
});

describe('a problem report that was not e-mailed', () => {
  it('is not called reported: the line says it was not sent and whom to phone', () => {
    const digest = bigDigest(3);
    const group = digest.groups.find((g) => g.id === 'problem_reported');
    const item = group?.items[0];
    if (!item) throw new Error('no problem item');
    item.unsentReport = true;
    const card = buildDigestCard(digest);
    const line = card.sections.find((s) => s.id === 'problem_reported')?.lines[0];
    expect(line?.note).toBe('signalement non envoyé : téléphonez au 1 833 564-0404 · à décider');
    expect(card.sections.find((s) => s.id === 'problem_reported')?.title).toBe(
      'Problème noté (signalé ou à signaler)',
    );
  });
});
