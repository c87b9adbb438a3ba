import { afterEach, describe, expect, it } from 'vitest';
import type { SqliteFaxStore } from '../../adapters/stores/sqlite/index.ts';
import { createActionPolicy, type ActionPolicyConfig } from '../../src/workflow/policy.ts';
import type { ActionActor } from '../../src/workflow/types.ts';
import { createWorkflow } from '../../src/workflow/workflow.ts';
import {
  CHANNEL,
  JULIEN,
  MARIE,
  NOW,
  openTempStore,
  recordingLogger,
  RecordingMailer,
  storeFax,
} from './helpers.ts';

const open: SqliteFaxStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

function setup(config: ActionPolicyConfig) {
  const store = openTempStore();
  open.push(store);
  const logger = recordingLogger();
  const mailer = new RecordingMailer();
  const workflow = createWorkflow({
    store,
    mailer,
    policy: createActionPolicy(config),
    clock: () => NOW,
    logger,
  });
  return { store, workflow, logger, mailer };
}

describe('who may act', () => {
  it('refuses every action from another channel, records no event, logs ids only', async () => {
    const { store, workflow, logger, mailer } = setup({ channelId: CHANNEL });
    const fax = await storeFax(store);
    const stranger: ActionActor = { ...MARIE, channelId: 'C0RANDOM' };
    const results = [
      await workflow.accept(fax.id, stranger),
      await workflow.requestAuthentication(fax.id, stranger),
      await workflow.recordAuthOutcome(fax.id, stranger, { outcome: 'refused' }),
      await workflow.reject(fax.id, stranger, { reason: 'x' }),
      await workflow.reportProblem(fax.id, stranger, { category: 'other', description: 'x' }),
    ];
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, code: 'forbidden' });
      if (!result.ok) expect(result.message).toContain('canal');
    }
    expect(mailer.sent).toHaveLength(0);
    expect((await store.listEvents(fax.id)).map((e) => e.kind)).toEqual(['received']);
    expect((await store.getFax(fax.id))?.status).toBe('pending');
    const refusals = logger.lines.filter((l) => l.msg === 'workflow action refused');
    expect(refusals).toHaveLength(5);
    expect(refusals[0]?.fields).toEqual({
      action: 'accept',
      faxId: fax.id,
      actorId: 'U01MARIE',
      platform: 'slack',
      channelId: 'C0RANDOM',
      reason: 'wrong_channel',
    });
    // No display name either: the log gets ids and codes only.
    expect(JSON.stringify(logger.lines)).not.toContain('Marie');
  });

  it('refuses a click with no channel, and one from another platform when the platform is set', async () => {
    const { store, workflow } = setup({ channelId: CHANNEL, platform: 'slack' });
    const fax = await storeFax(store);
    const noChannel: ActionActor = { id: MARIE.id, name: MARIE.name, platform: 'slack' };
    expect(await workflow.accept(fax.id, noChannel)).toMatchObject({ code: 'forbidden' });
    expect(await workflow.accept(fax.id, { ...MARIE, platform: 'teams' })).toMatchObject({
      code: 'forbidden',
    });
    expect(await workflow.accept(fax.id, MARIE)).toMatchObject({ ok: true });
  });

  it('only lets the listed users act when users are configured', async () => {
    const { store, workflow, logger } = setup({ channelId: CHANNEL, userIds: [JULIEN.id] });
    const fax = await storeFax(store);
    const refused = await workflow.accept(fax.id, MARIE);
    expect(refused).toMatchObject({ code: 'forbidden' });
    if (!refused.ok) expect(refused.message).toContain('autorisé');
    expect(logger.lines.at(-1)?.fields.reason).toBe('user_not_allowed');
    expect(await workflow.accept(fax.id, JULIEN)).toMatchObject({ ok: true });
  });

  it('matches any of the ids the platform gives one person (Teams: Entra object id and 29: id)', async () => {
    const { store, workflow } = setup({ channelId: CHANNEL, userIds: ['29:1abc-julien'] });
    const fax = await storeFax(store);
    expect(await workflow.accept(fax.id, { ...MARIE, otherIds: ['29:1xyz-marie'] })).toMatchObject({
      code: 'forbidden',
    });
    expect(await workflow.accept(fax.id, { ...JULIEN, otherIds: ['29:1abc-julien'] })).toMatchObject({
      ok: true,
    });
  });

  it('asks the platform about group membership, and fails closed when it cannot tell', async () => {
    const members = new Set([MARIE.id]);
    let lookupWorks = true;
    const { store, workflow, logger } = setup({
      channelId: CHANNEL,
      groupId: 'S0RADIOLOGIE',
      isGroupMember: async (userId, groupId) => {
        if (!lookupWorks) throw new Error('platform down');
        return groupId === 'S0RADIOLOGIE' && members.has(userId);
      },
    });
    const fax = await storeFax(store);
    expect(await workflow.requestAuthentication(fax.id, JULIEN)).toMatchObject({ code: 'forbidden' });
    lookupWorks = false;
    expect(await workflow.requestAuthentication(fax.id, MARIE)).toMatchObject({ code: 'forbidden' });
    expect(logger.lines.at(-1)?.fields.reason).toBe('group_check_failed');
    lookupWorks = true;
    expect(await workflow.requestAuthentication(fax.id, MARIE)).toMatchObject({ ok: true });
  });

  it('checks the policy before saying whether a fax exists', async () => {
    const { workflow } = setup({ channelId: CHANNEL });
    const result = await workflow.accept('01JNZZZZZZZZZZZZZZZZZZZZZZ', { ...MARIE, channelId: 'C0RANDOM' });
    expect(result).toMatchObject({ code: 'forbidden' });
  });

  it('refuses configurations it could not enforce', () => {
    expect(() => createActionPolicy({ channelId: ' ' })).toThrow(/channel/);
    expect(() => createActionPolicy({ channelId: CHANNEL, groupId: 'S0X' })).toThrow(/group/);
  });

  it('refuses an actor without an id', async () => {
    const { store, workflow } = setup({ channelId: CHANNEL });
    const fax = await storeFax(store);
    expect(await workflow.accept(fax.id, { ...MARIE, id: ' ' })).toMatchObject({ code: 'forbidden' });
  });
});
