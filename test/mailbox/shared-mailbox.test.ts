/**
 * Two instances on one PostgreSQL store reading the same mailbox at the same time (two
 * servers of one department): each message's fax is recorded once, no duplicate is reported
 * for a message only re-read, and every message ends up in Faxdesk/Traités.
 */
import { randomBytes } from 'node:crypto';
import type { ImapFlow } from 'imapflow';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, type PostgresFaxStore } from '../../adapters/stores/postgres/index.ts';
import { POSTGRES_URL } from '../store-contract/harness.ts';
import { startDovecot, type Dovecot } from './dovecot.ts';
import {
  DONE,
  append,
  count,
  emptyMailbox,
  imapClient,
  intakeFor,
  mailbox,
  makeDataDirs,
} from './harness.ts';
import { faxMessage, tinyPdf } from './messages.ts';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

const reachable = await postgresReachable();
if (!reachable && process.env.CI) throw new Error('PostgreSQL unreachable, and CI is set: it must be tested');

describe.skipIf(!reachable)('two instances, one mailbox, one PostgreSQL store', () => {
  let server: Dovecot;
  let client: ImapFlow;
  const schema = `faxdesk_test_${randomBytes(6).toString('hex')}`;
  const stores: PostgresFaxStore[] = [];

  beforeAll(async () => {
    server = await startDovecot();
    client = await imapClient(server);
    await emptyMailbox(client);
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
    await client?.logout().catch(() => {});
    await server?.stop();
  });

  it('reads each message once', async () => {
    const dirs = makeDataDirs(); // one shared data folder, as the folder inbox requires too
    const messages = [];
    for (let i = 0; i < 12; i++) {
      messages.push(await faxMessage([{ filename: `fax${i}.pdf`, content: tinyPdf(`Demande IRM ${i}`) }]));
    }
    await append(client, messages);
    const [storeA, storeB] = [
      await openPostgresStore(POSTGRES_URL, { schema, poolSize: 4 }),
      await openPostgresStore(POSTGRES_URL, { schema, poolSize: 4 }),
    ];
    stores.push(storeA, storeB);
    const logged: string[] = [];
    const log = {
      info: () => {},
      warn: (m: string, f: object = {}) => void logged.push(`${m} ${JSON.stringify(f)}`),
      error: (m: string, f: object = {}) => void logged.push(`${m} ${JSON.stringify(f)}`),
    };
    const a = {
      intake: intakeFor(storeA, dirs, { owner: 'a', log }),
      source: mailbox(server, dirs, {}, { log }),
    };
    const b = { intake: intakeFor(storeB, dirs, { owner: 'b' }), source: mailbox(server, dirs) };

    const [first, second] = await Promise.all([a.source.runOnce(a.intake), b.source.runOnce(b.intake)]);
    // What one left to the other (claimed while the other read it) is moved on a later pass.
    for (let pass = 0; pass < 5 && (await count(client, 'INBOX')) > 0; pass++) {
      await Promise.all([a.source.runOnce(a.intake), b.source.runOnce(b.intake)]);
    }

    expect(logged).toEqual([]);
    expect(first.errors + second.errors).toBe(0);
    expect(first.processed + second.processed).toBe(12);
    const faxes = await storeA.listFaxes({ limit: 100 });
    expect(faxes).toHaveLength(12);
    expect(new Set(faxes.map((f) => f.origin!.messageId)).size).toBe(12);
    for (const fax of faxes) {
      const events = await storeA.listEvents(fax.id);
      expect(events.filter((e) => e.kind === 'received')).toHaveLength(1);
    }
    expect(await count(client, 'INBOX')).toBe(0);
    expect(await count(client, DONE)).toBe(12);
  });
});
