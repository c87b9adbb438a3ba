/** `faxdesk status` shows a card the outbox gave up on; `faxdesk retry` puts it back in the queue. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/stores/sqlite/index.ts';
import { storeFax } from '../workflow/helpers.ts';
import { runFaxdesk } from './cli.ts';

let home: string;
let faxId: string;
const env = () => ({ FAXDESK_HOME: home, FAXDESK_LOG_LEVEL: 'error' });

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'faxdesk-status-'));
  const store = openSqliteStore(join(home, 'faxdesk.sqlite'));
  faxId = (await storeFax(store)).id;
  await storeFax(store);
  const [delivery] = await store.claimDeliveries(new Date(), 1, 60_000);
  await store.failDelivery(delivery!.id, 'not_authed', new Date(), true);
  await store.close();
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('faxdesk status and retry', () => {
  it('lists faxes by state and the card that could not be delivered, then requeues it', async () => {
    const status = await runFaxdesk(['status'], env());
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/en attente\s+2/);
    expect(status.stdout).toContain(`télécopie ${faxId} · publication · 1 essais · not_authed`);

    const retry = await runFaxdesk(['retry'], env());
    expect(retry.stdout).toContain('1 carte(s) remise(s)');
    expect((await runFaxdesk(['status'], env())).stdout).toContain('aucune en échec');
    const store = openSqliteStore(join(home, 'faxdesk.sqlite'));
    expect((await store.claimDeliveries(new Date(), 10, 1000)).map((d) => d.faxId)).toContain(faxId);
    await store.close();
  });
});
