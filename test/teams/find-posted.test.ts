/**
 * `findPosted` for Teams: the card the Bot Connector took but Faxdesk never recorded is found
 * through Microsoft Graph (channel messages, read with the app's resource-specific consent),
 * against real HTTP stand-ins for the token endpoint, Graph and the Bot Connector.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphClient, GraphUnavailableError } from '../../adapters/teams/graph.ts';
import { ChatDeliveryError } from '../../src/chat/channel.ts';
import { leakedPatientData, storeFax } from '../workflow/helpers.ts';
import { graphMessage } from './graph-stand-in.ts';
import { APP_ID, APP_SECRET, OTHER_APP_ID, startGraphHarness, type GraphHarness } from './graph-harness.ts';
import { CHANNEL, TEAM_GROUP_ID, TENANT, teamInstall, teamInstallationUpdate } from './teams-activities.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const MINUTE = 60_000;

async function installed(opts: Parameters<typeof startGraphHarness>[1] = {}) {
  const h = await startGraphHarness(cleanups, opts);
  expect(await h.send(teamInstall(h.connector.serviceUrl))).toBe(200);
  return h;
}

/** Posts the fax's card through the adapter (the post whose answer is "lost"), a little while ago. */
async function postedCard(h: GraphHarness) {
  const fax = await storeFax(h.store);
  const ref = await h.adapter.post({ fax, events: await h.store.listEvents(fax.id) });
  return { fax, ref };
}

/** Messages newer than our card: others' cards, our cards of other faxes, a person's message. */
async function noise(h: GraphHarness, faxId: string, count: number) {
  const ours = await h.cardOf((await h.store.getFax(faxId))!);
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.now() + (i + 1) * 1000);
    const other = await storeFax(h.store);
    const kind = i % 3;
    h.graph.extra.push(
      graphMessage({
        id: `99000000000${i}`,
        at,
        // Another app showing this very fax's card; our own card of another fax; a person.
        appId: kind === 0 ? OTHER_APP_ID : kind === 1 ? APP_ID : null,
        card: kind === 1 ? await h.cardOf(other) : ours,
      }),
    );
  }
}

describe('Teams findPosted: the card is found through Microsoft Graph', () => {
  it('finds our card among other messages, on the second page, with the reference post() gave', async () => {
    const h = await installed();
    const since = new Date(Date.now() - MINUTE);
    const { fax, ref } = await postedCard(h);
    await noise(h, fax.id, 4);
    h.graph.state.pageSize = 3;

    const found = await h.adapter.findPosted!(fax.id, since);
    expect(found).toEqual(ref);
    expect(found).toEqual({
      platform: 'teams',
      channelId: CHANNEL,
      messageId: h.connector.delivered()[0]!.messageId,
    });

    // Page 1, then the nextLink Graph gave; both with the app's token.
    expect(h.graph.listRequests).toHaveLength(2);
    const [first, second] = h.graph.listRequests;
    expect(new URL(first!.url).pathname).toBe(
      `/v1.0/teams/${TEAM_GROUP_ID}/channels/${encodeURIComponent(CHANNEL)}/messages`,
    );
    expect(new URL(first!.url).searchParams.get('$top')).toBe('50');
    expect(new URL(second!.url).searchParams.get('$skiptoken')).toBe('3');
    expect(first!.authorization).toBe('Bearer graph-token-1');
    expect(second!.authorization).toBe('Bearer graph-token-1');
  });

  it('asks the token by client credentials, for Graph, once while it is valid', async () => {
    const h = await installed();
    const { fax } = await postedCard(h);
    const since = new Date(Date.now() - MINUTE);
    await h.adapter.findPosted!(fax.id, since);
    await h.adapter.findPosted!(fax.id, since);
    expect(h.graph.listRequests).toHaveLength(2);
    expect(h.graph.tokenRequests).toHaveLength(1);
    const form = Object.fromEntries(h.graph.tokenRequests[0]!);
    expect(form).toEqual({
      grant_type: 'client_credentials',
      client_id: APP_ID,
      client_secret: APP_SECRET,
      scope: `${h.graph.origin}/.default`,
    });
  });

  it('asks a new token when the one it has is about to expire, or is refused before its time', async () => {
    // Four minutes of life: under the five-minute margin, so never kept.
    const short = await installed({ tokenLifetime: 240 });
    const { fax } = await postedCard(short);
    await short.adapter.findPosted!(fax.id, new Date());
    await short.adapter.findPosted!(fax.id, new Date());
    expect(short.graph.tokenRequests).toHaveLength(2);

    const h = await installed();
    const posted = await postedCard(h);
    await h.adapter.findPosted!(posted.fax.id, new Date());
    h.graph.revokeTokens();
    await expect(h.adapter.findPosted!(posted.fax.id, new Date())).resolves.toEqual(posted.ref);
    expect(h.graph.tokenRequests).toHaveLength(2);
    expect(h.graph.listRequests.map((r) => r.authorization)).toEqual([
      'Bearer graph-token-1',
      'Bearer graph-token-1',
      'Bearer graph-token-2',
    ]);
  });

  it('returns null when the fax has no card from our app in the channel', async () => {
    const h = await installed();
    const fax = await storeFax(h.store);
    await noise(h, fax.id, 5); // another app's card of this fax, our cards of other faxes
    h.graph.state.pageSize = 2;
    await expect(h.adapter.findPosted!(fax.id, new Date(Date.now() - MINUTE))).resolves.toBeNull();
    expect(h.graph.listRequests).toHaveLength(3); // read to the last page
  });

  it('ignores cards older than five minutes before `since`, and stops paging there', async () => {
    const h = await installed();
    const fax = await storeFax(h.store);
    const card = await h.cardOf(fax);
    const since = new Date();
    const at = (minutes: number) => new Date(since.getTime() + minutes * MINUTE);
    const other = await h.cardOf(await storeFax(h.store));
    h.graph.extra.push(
      graphMessage({ id: '1', at: at(-1), appId: APP_ID, card: other }),
      // This fax's card, from our app, but stamped before the cutoff: not the card looked for.
      graphMessage({ id: '2', at: at(-6), appId: APP_ID, card }),
      // Page 2, never read: page 1 ended before the cutoff.
      graphMessage({ id: '3', at: at(-8), appId: APP_ID, card: other }),
    );
    h.graph.state.pageSize = 2;
    await expect(h.adapter.findPosted!(fax.id, since)).resolves.toBeNull();
    expect(h.graph.listRequests).toHaveLength(1); // page 1 ended before the cutoff

    // Within the five minutes of clock skew, it counts.
    h.graph.extra.push(graphMessage({ id: '4', at: at(-4), appId: APP_ID, card }));
    await expect(h.adapter.findPosted!(fax.id, since)).resolves.toEqual({
      platform: 'teams',
      channelId: CHANNEL,
      messageId: '4',
    });
  });

  it('skips a card deleted from the channel', async () => {
    const h = await installed();
    const fax = await storeFax(h.store);
    const message = graphMessage({ id: '7', at: new Date(), appId: APP_ID, card: await h.cardOf(fax) });
    h.graph.extra.push({ ...message, deletedDateTime: new Date().toISOString() });
    await expect(h.adapter.findPosted!(fax.id, new Date(Date.now() - MINUTE))).resolves.toBeNull();
  });

  it('asks the Bot Connector once for the group id of a team stored without it', async () => {
    const h = await startGraphHarness(cleanups);
    // installationUpdate carries no group id.
    expect(await h.send(teamInstallationUpdate(h.connector.serviceUrl))).toBe(200);
    const { fax, ref } = await postedCard(h);
    await expect(h.adapter.findPosted!(fax.id, new Date(Date.now() - MINUTE))).resolves.toEqual(ref);
    await expect(h.adapter.findPosted!(fax.id, new Date(Date.now() - MINUTE))).resolves.toEqual(ref);
    expect(h.connector.teamLookups).toEqual([CHANNEL]);
    const stored = JSON.parse(readFileSync(join(h.dir, 'teams-conversation.json'), 'utf8')) as object;
    expect(stored).toMatchObject({ teamGroupId: TEAM_GROUP_ID });
  });

  it('returns null before the app is installed, without asking Graph', async () => {
    const h = await startGraphHarness(cleanups);
    const fax = await storeFax(h.store);
    await expect(h.adapter.findPosted!(fax.id, new Date())).resolves.toBeNull();
    expect(h.graph.tokenRequests).toHaveLength(0);
    expect(h.graph.listRequests).toHaveLength(0);
  });
});

describe('Teams findPosted: when Graph fails or cannot be used', () => {
  it('throws a retryable ChatDeliveryError on 429 (with Retry-After) and 5xx, so the card is not posted blind', async () => {
    const h = await installed();
    const { fax } = await postedCard(h);
    h.graph.failures.push({ status: 429, headers: { 'Retry-After': '12' } });
    const limited = await h.adapter.findPosted!(fax.id, new Date()).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(ChatDeliveryError);
    expect(limited).toMatchObject({ code: 'rate_limited', options: { retryAfterMs: 12_000 } });
    expect((limited as ChatDeliveryError).options.permanent).toBeUndefined();

    h.graph.failures.push({ status: 503 });
    const unavailable = await h.adapter.findPosted!(fax.id, new Date()).catch((e: unknown) => e);
    expect(unavailable).toMatchObject({ code: 'graph_503' });
    expect((unavailable as ChatDeliveryError).options.permanent).toBeUndefined();

    await h.graph.close();
    const network = await h.adapter.findPosted!(fax.id, new Date()).catch((e: unknown) => e);
    expect(network).toBeInstanceOf(ChatDeliveryError);
    expect((network as ChatDeliveryError).options.permanent).toBeUndefined();
  });

  it('without the consent (403) returns null and says so once, with no patient data', async () => {
    const h = await installed();
    const { fax } = await postedCard(h);
    h.graph.failures.push({ status: 403 }, { status: 403 });
    await expect(h.adapter.findPosted!(fax.id, new Date())).resolves.toBeNull();
    await expect(h.adapter.findPosted!(fax.id, new Date())).resolves.toBeNull();
    const warnings = h.log.lines.filter(
      (l) => l.level === 'warn' && l.msg.includes('ChannelMessage.Read.Group'),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.fields).toMatchObject({ code: 'graph_403', faxId: fax.id });
    expect(leakedPatientData(JSON.stringify(h.log.lines))).toEqual([]);
  });

  it('with a refused secret returns null and logs the error code, never the secret', async () => {
    const h = await installed({ secret: 'wrong-secret-abcdef' });
    const { fax } = await postedCard(h);
    await expect(h.adapter.findPosted!(fax.id, new Date())).resolves.toBeNull();
    expect(h.graph.listRequests).toHaveLength(0);
    const logged = JSON.stringify(h.log.lines);
    expect(logged).toContain('token_invalid_client');
    expect(logged).not.toContain('wrong-secret');
    expect(logged).not.toContain('AADSTS');
  });

  it('with TEAMS_GRAPH=off, or no app credentials, returns null without calling Graph', async () => {
    for (const opts of [{ graph: { enabled: false } }, { secret: null }]) {
      const h = await installed(opts);
      const { fax } = await postedCard(h);
      await expect(h.adapter.findPosted!(fax.id, new Date())).resolves.toBeNull();
      await expect(h.adapter.findPosted!(fax.id, new Date())).resolves.toBeNull();
      expect(h.graph.tokenRequests).toHaveLength(0);
      const warnings = h.log.lines.filter((l) => l.level === 'warn' && l.msg.includes('without checking'));
      expect(warnings).toHaveLength(1);
    }
  });

  it('never sends the token to another host than Graph’s, whatever a nextLink says', async () => {
    const h = await installed();
    const client = createGraphClient(h.settings.graph!, {
      tenantId: TENANT,
      clientId: APP_ID,
      clientSecret: APP_SECRET,
    });
    const error = await client.get('https://elsewhere.example.org/v1.0/teams').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphUnavailableError);
    expect(h.graph.tokenRequests).toHaveLength(0);
  });
});
