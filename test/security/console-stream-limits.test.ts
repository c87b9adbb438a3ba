/**
 * Finding: the console's Server-Sent Events had no connection limit: one client could open
 * streams until the server ran out of sockets or memory. Now they are capped per client address
 * (FAXDESK_CONSOLE_MAX_STREAMS_PER_CLIENT) and in all (FAXDESK_CONSOLE_MAX_STREAMS); one more
 * gets 429 with Retry-After, and a closed stream frees its place.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { consoleSettingsFromEnv } from '../../adapters/console/index.ts';
import { ConfigError } from '../../src/config.ts';
import { startHarness, type ConsoleHarness } from '../console/harness.ts';

let harness: ConsoleHarness | null = null;
const aborts: AbortController[] = [];
afterEach(async () => {
  for (const a of aborts.splice(0)) a.abort();
  await harness?.close();
  harness = null;
});

async function openStream(
  h: ConsoleHarness,
): Promise<{ status: number; abort: AbortController; retryAfter: string | null }> {
  const abort = new AbortController();
  aborts.push(abort);
  const res = await fetch(`${h.adapter.url}api/stream`, { headers: h.authorization, signal: abort.signal });
  if (res.status === 200) await res.body!.getReader().read(); // the first frame: the stream is open
  return { status: res.status, abort, retryAfter: res.headers.get('retry-after') };
}

describe('live stream limits', () => {
  it('reads its limits from the environment, per client at most the total', () => {
    expect(consoleSettingsFromEnv({})).toMatchObject({ maxStreams: 100, maxStreamsPerClient: 10 });
    expect(
      consoleSettingsFromEnv({
        FAXDESK_CONSOLE_MAX_STREAMS: '3',
        FAXDESK_CONSOLE_MAX_STREAMS_PER_CLIENT: '8',
      }),
    ).toMatchObject({ maxStreams: 3, maxStreamsPerClient: 3 });
    expect(() => consoleSettingsFromEnv({ FAXDESK_CONSOLE_MAX_STREAMS: '0' })).toThrow(ConfigError);
    expect(() => consoleSettingsFromEnv({ FAXDESK_CONSOLE_MAX_STREAMS_PER_CLIENT: 'many' })).toThrow(
      /FAXDESK_CONSOLE_MAX_STREAMS_PER_CLIENT/,
    );
  });

  it('answers 429 to a client past its limit, and takes it again once one of its streams closes', async () => {
    harness = await startHarness({ settings: { maxStreamsPerClient: 3, maxStreams: 50 } });
    const open = [await openStream(harness), await openStream(harness), await openStream(harness)];
    expect(open.map((s) => s.status)).toEqual([200, 200, 200]);

    const refused = await openStream(harness);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);

    open[0]!.abort.abort();
    await expect.poll(async () => (await openStream(harness!)).status, { timeout: 5000 }).toBe(200);
  });

  it('answers 429 past the total, whoever asks', async () => {
    harness = await startHarness({ settings: { maxStreamsPerClient: 10, maxStreams: 2 } });
    expect((await openStream(harness)).status).toBe(200);
    expect((await openStream(harness)).status).toBe(200);
    expect((await openStream(harness)).status).toBe(429);
    // Other pages still answer: only streams are counted.
    expect((await fetch(`${harness.adapter.url}api/cards`, { headers: harness.authorization })).status).toBe(
      200,
    );
  });
});
