/**
 * Fifty faxes at once, three Faxdesk instances on one database, one Slack channel: the cards
 * go out one at a time with the pause between them shared by all instances (Slack allows
 * about one message a second per channel), each fax posted once. The interval is scaled
 * down so the test runs in seconds; production uses 1.1 s (adapters/cli/chat-runtime.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createActionHandler } from '../../src/actions/handle-action.ts';
import { createDeliverer } from '../../src/posting/deliverer.ts';
import { createActionPolicy } from '../../src/workflow/policy.ts';
import { createWorkflow } from '../../src/workflow/workflow.ts';
import { createSlackAdapter, type SlackAdapter } from '../../adapters/slack/adapter.ts';
import { slackPolicyConfig } from '../../adapters/slack/settings.ts';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/store.ts';
import { RecordingMailer, recordingLogger, storeFax, tempStorePath } from '../workflow/helpers.ts';
import { SlackStandIn } from './stand-in.ts';

const TOKEN = 'xoxb-burst-test';
const CHANNEL = 'C0BURST01';
const INTERVAL_MS = 150;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** One instance: its own store connection, Slack adapter and outbox worker. */
async function instance(dbPath: string, standIn: SlackStandIn) {
  const store: SqliteFaxStore = openSqliteStore(dbPath);
  cleanup.push(() => store.close());
  const settings = standIn.adapterSettings(CHANNEL);
  const workflow = createWorkflow({
    store,
    mailer: new RecordingMailer(),
    policy: createActionPolicy(slackPolicyConfig(settings)),
    lang: 'fr',
  });
  const log = recordingLogger();
  const adapter: SlackAdapter = createSlackAdapter(settings, {
    store,
    handleAction: createActionHandler({ workflow, store }),
    log,
    lang: 'fr',
  });
  await adapter.start();
  cleanup.push(() => adapter.stop());
  const deliverer = createDeliverer({
    store,
    channel: adapter,
    log,
    minIntervalMs: INTERVAL_MS,
    paceKey: `slack:${CHANNEL}`,
  });
  return { store, deliverer };
}

describe('a burst of 50 faxes on three instances', () => {
  it(
    'posts each card once, at the pace of one channel whatever the number of instances',
    { timeout: 60_000 },
    async () => {
      const standIn = new SlackStandIn({ token: TOKEN, channels: [CHANNEL] });
      await standIn.start();
      cleanup.push(() => standIn.stop());
      const dbPath = tempStorePath();
      const instances = [];
      for (let i = 0; i < 3; i++) instances.push(await instance(dbPath, standIn));
      const faxIds: string[] = [];
      for (let i = 0; i < 50; i++) faxIds.push((await storeFax(instances[0]!.store)).id);

      // Each instance drains the outbox as fast as its worker goes, all three at once.
      const drain = async (d: Awaited<ReturnType<typeof instance>>['deliverer']) => {
        while ((await d.runOnce()) > 0);
      };
      await Promise.all(instances.map((i) => drain(i.deliverer)));

      const posts = standIn.callsTo('chat.postMessage');
      const metadataIds = posts.map(
        (c) => (c.args.metadata as { event_payload: { fax_id: string } }).event_payload.fax_id,
      );
      expect(metadataIds.sort()).toEqual([...faxIds].sort());
      const times = posts.map((c) => c.at).sort((a, b) => a - b);
      // The slots are INTERVAL_MS apart; what the stand-in sees also varies by the time each card
      // takes to render and travel after its slot (tens of ms on a busy machine), a jitter that
      // does not add up: any 5 consecutive posts span at least 4 intervals, less that jitter.
      // Paced per instance only, three instances would send 3 cards in each interval.
      for (let k = 4; k < times.length; k++) {
        expect(times[k]! - times[k - 4]!).toBeGreaterThanOrEqual(4 * INTERVAL_MS - 100);
      }
      for (const id of faxIds) expect(await instances[1]!.store.listChatMessages(id)).toHaveLength(1);
    },
  );
});
