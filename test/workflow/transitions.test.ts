import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import type { FaxEvent } from '../../src/store/records.ts';
import { createActionPolicy } from '../../src/workflow/policy.ts';
import { UNDO_ACCEPT_WINDOW_MS, type ActionResult } from '../../src/workflow/types.ts';
import { createWorkflow, type Workflow } from '../../src/workflow/workflow.ts';
import {
  CHANNEL,
  JULIEN,
  leakedPatientData,
  MARIE,
  NOW,
  openTempStore,
  RecordingMailer,
  storeFax,
  tempStorePath,
} from './helpers.ts';

const open: SqliteFaxStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function setup(options: { now?: Date; path?: string } = {}): { store: SqliteFaxStore; workflow: Workflow } {
  const store = openTempStore(options.path);
  open.push(store);
  const workflow = createWorkflow({
    store,
    mailer: new RecordingMailer(),
    policy: createActionPolicy({ channelId: CHANNEL }),
    clock: () => options.now ?? NOW,
  });
  return { store, workflow };
}

function expectOk(result: ActionResult): asserts result is Extract<ActionResult, { ok: true }> {
  if (!result.ok) expect.fail(`expected success, got ${result.code}: ${result.message}`);
}

const staffEvents = (events: FaxEvent[]) => events.filter((e) => e.kind !== 'received');

describe('accept', () => {
  it('moves a pending fax to accepted and records who, when and the verdict', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store);
    const result = await workflow.accept(fax.id, MARIE);
    expectOk(result);
    expect(result.fax.status).toBe('accepted');
    expect(result.event).toMatchObject({
      faxId: fax.id,
      kind: 'accepted',
      actor: { id: 'U01MARIE', name: 'Marie Lavoie' },
      at: NOW.toISOString(),
      details: { from: 'pending', to: 'accepted', verdict: 'review', platform: 'slack' },
    });
    expect((await store.getFax(fax.id))?.status).toBe('accepted');
    expect(staffEvents(await store.listEvents(fax.id))).toEqual([result.event]);
  });

  it('refuses a second accept as stale, naming who accepted and when (Toronto time)', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store);
    expectOk(await workflow.accept(fax.id, MARIE));
    const second = await workflow.accept(fax.id, JULIEN);
    expect(second).toMatchObject({
      ok: false,
      code: 'stale',
      message: 'Déjà acceptée par Marie Lavoie à 14 h 32.',
      by: { id: 'U01MARIE', name: 'Marie Lavoie' },
      at: NOW.toISOString(),
    });
    expect((await store.listEvents(fax.id)).filter((e) => e.kind === 'accepted')).toHaveLength(1);
  });

  it('gives the date too when the first click was on another day', async () => {
    const path = tempStorePath();
    const first = setup({ path });
    const fax = await storeFax(first.store);
    expectOk(await first.workflow.accept(fax.id, MARIE));
    const nextDay = setup({ path, now: new Date('2025-03-16T13:00:00.000Z') });
    const result = await nextDay.workflow.accept(fax.id, JULIEN);
    expect(result).toMatchObject({
      code: 'stale',
      message: 'Déjà acceptée par Marie Lavoie le 15 mars 2025 à 14 h 32.',
    });
  });

  it('lets exactly one of two simultaneous accepts through, even when both saw the fax pending', async () => {
    const path = tempStorePath();
    // Two connections to one database, like two Faxdesk processes; each read waits for the other's,
    // so both clicks pass the status check before either writes: only the compare-and-set decides.
    const a = setup({ path });
    const b = setup({ path });
    const fax = await storeFax(a.store);
    let arrived = 0;
    let release: () => void = () => {};
    const bothRead = new Promise<void>((resolve) => (release = resolve));
    for (const store of [a.store, b.store]) {
      const getFax = store.getFax.bind(store);
      let first = true;
      store.getFax = async (id) => {
        const record = await getFax(id);
        if (first) {
          first = false;
          if (++arrived === 2) release();
          await bothRead;
        }
        return record;
      };
    }
    const results = await Promise.all([a.workflow.accept(fax.id, MARIE), b.workflow.accept(fax.id, JULIEN)]);
    expect(arrived).toBe(2);
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    const winner = winners[0];
    const loser = losers[0];
    if (!winner?.ok || loser?.ok !== false) throw new Error('unreachable');
    expect(loser.code).toBe('stale');
    expect(loser.message).toBe(`Déjà acceptée par ${winner.event.actor.name} à 14 h 32.`);
    expect((await a.store.listEvents(fax.id)).filter((e) => e.kind === 'accepted')).toHaveLength(1);
  });

  it('requires a reason to accept an incomplete order, and records it', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store, { verdict: 'incomplete' });
    for (const reason of [undefined, '', '   \n ']) {
      const refused = await workflow.accept(fax.id, MARIE, { reason });
      expect(refused).toMatchObject({ ok: false, code: 'reason_required' });
      if (!refused.ok) expect(refused.message).toMatch(/incomplète.*pourquoi/);
    }
    expect((await store.getFax(fax.id))?.status).toBe('pending');
    const result = await workflow.accept(fax.id, MARIE, { reason: '  Permis confirmé au téléphone ' });
    expectOk(result);
    expect(result.event.details).toMatchObject({
      verdict: 'incomplete',
      reason: 'Permis confirmé au téléphone',
    });
  });

  it('refuses a reason that is too long', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store, { verdict: 'incomplete' });
    expect(await workflow.accept(fax.id, MARIE, { reason: 'x'.repeat(501) })).toMatchObject({
      code: 'invalid',
    });
  });

  it('is stale when the card showed another status than the current one', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store);
    expectOk(await workflow.requestAuthentication(fax.id, MARIE));
    expectOk(await workflow.recordAuthOutcome(fax.id, MARIE, { outcome: 'authenticated' }));
    // Julien's card still shows "awaiting authentication": he is told it was authenticated.
    const result = await workflow.accept(fax.id, JULIEN, { expectedStatus: 'auth_requested' });
    expect(result).toMatchObject({
      code: 'stale',
      message: 'Déjà authentifiée par Marie Lavoie à 14 h 32 : l’ordonnance est de nouveau en attente.',
    });
    expect((await store.getFax(fax.id))?.status).toBe('pending');
  });

  it('answers not_found for an unknown or malformed id', async () => {
    const { workflow } = setup();
    expect(await workflow.accept('01JNZZZZZZZZZZZZZZZZZZZZZZ', MARIE)).toMatchObject({ code: 'not_found' });
    expect(await workflow.accept('../../etc/passwd', MARIE)).toMatchObject({ code: 'not_found' });
  });
});

describe('authentication', () => {
  it('requests authentication, then a second request is stale', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store);
    const result = await workflow.requestAuthentication(fax.id, MARIE);
    expectOk(result);
    expect(result.fax.status).toBe('auth_requested');
    expect(result.event).toMatchObject({
      kind: 'auth_requested',
      details: { from: 'pending', to: 'auth_requested' },
    });
    expect(await workflow.requestAuthentication(fax.id, JULIEN)).toMatchObject({
      code: 'stale',
      message: 'Authentification déjà demandée par Marie Lavoie à 14 h 32.',
    });
    // Accepting while the prescriber has not been reached is not possible either.
    expect(await workflow.accept(fax.id, JULIEN)).toMatchObject({ code: 'stale' });
  });

  it('authenticated → back to pending, ready to accept', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store);
    expectOk(await workflow.requestAuthentication(fax.id, MARIE));
    const result = await workflow.recordAuthOutcome(fax.id, JULIEN, {
      outcome: 'authenticated',
      note: 'Dr joint',
    });
    expectOk(result);
    expect(result.fax.status).toBe('pending');
    expect(result.event).toMatchObject({
      kind: 'auth_authenticated',
      actor: { id: 'U02JULIEN', name: 'Julien Roy' },
      details: {
        outcome: 'authenticated',
        attempt: 1,
        note: 'Dr joint',
        from: 'auth_requested',
        to: 'pending',
      },
    });
    expectOk(await workflow.accept(fax.id, MARIE));
  });

  it('unreachable keeps the status and counts the attempts of the current request', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store);
    expectOk(await workflow.requestAuthentication(fax.id, MARIE));
    for (const attempt of [1, 2]) {
      const result = await workflow.recordAuthOutcome(fax.id, MARIE, { outcome: 'unreachable' });
      expectOk(result);
      expect(result.fax.status).toBe('auth_requested');
      expect(result.event).toMatchObject({
        kind: 'auth_unreachable',
        details: { outcome: 'unreachable', attempt },
      });
    }
    const third = await workflow.recordAuthOutcome(fax.id, MARIE, { outcome: 'authenticated' });
    expectOk(third);
    expect(third.event.details.attempt).toBe(3);
    // A new request starts counting again.
    expectOk(await workflow.requestAuthentication(fax.id, MARIE));
    const again = await workflow.recordAuthOutcome(fax.id, MARIE, { outcome: 'unreachable' });
    expectOk(again);
    expect(again.event.details.attempt).toBe(1);
  });

  it('refused → rejected, with one auth_refused event; later clicks are told why', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store);
    expectOk(await workflow.requestAuthentication(fax.id, MARIE));
    const result = await workflow.recordAuthOutcome(fax.id, MARIE, {
      outcome: 'refused',
      note: 'Pas son patient',
    });
    expectOk(result);
    expect(result.fax.status).toBe('rejected');
    expect(result.event).toMatchObject({
      kind: 'auth_refused',
      details: { outcome: 'refused', from: 'auth_requested', to: 'rejected', note: 'Pas son patient' },
    });
    expect(staffEvents(await store.listEvents(fax.id)).map((e) => e.kind)).toEqual([
      'auth_requested',
      'auth_refused',
    ]);
    expect(await workflow.accept(fax.id, JULIEN)).toMatchObject({
      code: 'stale',
      message:
        'Déjà rejetée : le prescripteur n’a pas confirmé l’ordonnance (noté par Marie Lavoie à 14 h 32).',
    });
    expect(await workflow.recordAuthOutcome(fax.id, JULIEN, { outcome: 'authenticated' })).toMatchObject({
      code: 'stale',
    });
  });

  it('an outcome for a fax that was never sent to authentication is invalid, not stale', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store);
    const result = await workflow.recordAuthOutcome(fax.id, MARIE, { outcome: 'authenticated' });
    expect(result).toMatchObject({ ok: false, code: 'invalid' });
    if (!result.ok) expect(result.message).toContain('en attente');
  });

  it('refuses an unknown outcome', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store);
    expectOk(await workflow.requestAuthentication(fax.id, MARIE));
    const outcome = 'maybe' as 'refused';
    expect(await workflow.recordAuthOutcome(fax.id, MARIE, { outcome })).toMatchObject({ code: 'invalid' });
    expect((await store.getFax(fax.id))?.status).toBe('auth_requested');
  });
});

describe('reject', () => {
  it('requires a reason, then rejects and records it', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store);
    expect(await workflow.reject(fax.id, MARIE, { reason: ' ' })).toMatchObject({ code: 'reason_required' });
    const result = await workflow.reject(fax.id, MARIE, { reason: 'Examen non offert ici' });
    expectOk(result);
    expect(result.fax.status).toBe('rejected');
    expect(result.event.details).toMatchObject({
      reason: 'Examen non offert ici',
      from: 'pending',
      to: 'rejected',
    });
    expect(await workflow.reject(fax.id, JULIEN, { reason: 'doublon' })).toMatchObject({
      code: 'stale',
      message: 'Déjà rejetée par Marie Lavoie à 14 h 32.',
    });
  });
});

describe('event log', () => {
  it('holds who, when and details, and none of the patient data, after every kind of action', async () => {
    const { store, workflow } = setup();
    const a = await storeFax(store, { verdict: 'incomplete' });
    const b = await storeFax(store);
    expectOk(await workflow.requestAuthentication(a.id, MARIE));
    expectOk(await workflow.recordAuthOutcome(a.id, MARIE, { outcome: 'unreachable' }));
    expectOk(await workflow.recordAuthOutcome(a.id, JULIEN, { outcome: 'authenticated' }));
    expectOk(await workflow.accept(a.id, JULIEN, { reason: 'Confirmé par téléphone' }));
    expectOk(
      await workflow.reportProblem(a.id, MARIE, { category: 'missing_pages', description: 'Page 3 absente' }),
    );
    expectOk(await workflow.reject(b.id, MARIE, { reason: 'Mauvais destinataire' }));
    const events = [...(await store.listEvents(a.id)), ...(await store.listEvents(b.id))];
    expect(staffEvents(events)).toHaveLength(6);
    for (const event of staffEvents(events)) {
      expect(event.actor.id).toMatch(/^U0/);
      expect(event.actor.name).toMatch(/^(Marie Lavoie|Julien Roy)$/);
      expect(event.at).toBe(NOW.toISOString());
    }
    expect(leakedPatientData(JSON.stringify(events))).toEqual([]);
  });
});

describe('file (a fax that is not an order, or unreadable)', () => {
  it('is a rejection recorded as filed, no reason needed', async () => {
    const { store, workflow } = setup();
    const fax = await storeFax(store, { verdict: 'not_order' });
    const result = await workflow.reject(fax.id, MARIE, { reason: '', filed: true });
    expectOk(result);
    expect(result.fax.status).toBe('rejected');
    expect(result.event.details).toMatchObject({ disposition: 'filed', verdict: 'not_order' });
    expect(result.event.details['reason']).toBeUndefined();
  });
});

describe('undo an acceptance', () => {
  it('brings the fax back to pending, recorded as accept_undone, for who accepted, within the window', async () => {
    let now = NOW;
    const store = openTempStore();
    open.push(store);
    const workflow = createWorkflow({
      store,
      mailer: new RecordingMailer(),
      policy: createActionPolicy({ channelId: CHANNEL }),
      clock: () => now,
    });
    const fax = await storeFax(store);
    expectOk(await workflow.accept(fax.id, MARIE));
    // Someone else may not take it back.
    expect(await workflow.undoAccept(fax.id, JULIEN)).toMatchObject({ ok: false, code: 'invalid' });
    now = new Date(NOW.getTime() + 5_000);
    const undone = await workflow.undoAccept(fax.id, MARIE, { expectedStatus: 'accepted' });
    expectOk(undone);
    expect(undone.fax.status).toBe('pending');
    expect(undone.event).toMatchObject({
      kind: 'accept_undone',
      details: { from: 'accepted', to: 'pending' },
    });
    // Accepted again, then too late to take back.
    expectOk(await workflow.accept(fax.id, MARIE));
    now = new Date(NOW.getTime() + 5_000 + UNDO_ACCEPT_WINDOW_MS + 1);
    expect(await workflow.undoAccept(fax.id, MARIE)).toMatchObject({ ok: false, code: 'invalid' });
    expect((await store.getFax(fax.id))?.status).toBe('accepted');
  });
});
