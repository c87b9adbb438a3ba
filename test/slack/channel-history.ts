/**
 * A Slack channel's messages as the stand-ins keep them, and conversations.history over them
 * the way Slack answers it: newest first, `oldest`/`latest` exclusive unless `inclusive`,
 * `limit` (default 100, at most 999) with an opaque `cursor`, and message metadata only when
 * `include_all_metadata` is asked for. Timestamps follow the clock (seconds, six decimals),
 * strictly increasing, so that `oldest` means what it means in Slack.
 */

export interface StoredMessage {
  ts: string;
  type: 'message';
  text?: string;
  /** The author: a person, or a bot's user. */
  user?: string;
  /** Set on messages a bot (an app) posted. */
  bot_id?: string;
  app_id?: string;
  blocks?: unknown;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

/** A Slack ts as one comparable number (microseconds). */
export function tsKey(ts: string): bigint {
  const [seconds = '0', fraction = ''] = ts.split('.');
  return BigInt(seconds) * 1_000_000n + BigInt(fraction.padEnd(6, '0').slice(0, 6) || '0');
}

function formatTs(micros: bigint): string {
  return `${micros / 1_000_000n}.${(micros % 1_000_000n).toString().padStart(6, '0')}`;
}

/** The metadata a post carries, or `invalid` when Slack would refuse it (invalid_metadata_format). */
export function parseMetadata(value: unknown): StoredMessage['metadata'] | 'invalid' | undefined {
  if (value === undefined) return undefined;
  const meta = value as { event_type?: unknown; event_payload?: unknown } | null;
  if (typeof meta?.event_type !== 'string' || !/^[a-z0-9_]{1,255}$/.test(meta.event_type)) return 'invalid';
  if (typeof meta.event_payload !== 'object' || meta.event_payload === null) return 'invalid';
  return { event_type: meta.event_type, event_payload: meta.event_payload as Record<string, unknown> };
}

const truthy = (value: unknown) => value === true || value === 'true' || value === '1' || value === 1;

export class ChannelHistory {
  private readonly messages: StoredMessage[] = [];
  private lastTs = 0n;

  /** A new message's ts: now, or just after the last one when the clock has not moved. */
  nextTs(): string {
    const now = BigInt(Date.now()) * 1000n;
    this.lastTs = now > this.lastTs ? now : this.lastTs + 1n;
    return formatTs(this.lastTs);
  }

  /** Adds a message; its ts is the next one unless given (an older message, for a test). */
  add(message: Omit<StoredMessage, 'ts' | 'type'> & { ts?: string }): StoredMessage {
    const stored: StoredMessage = { ...message, type: 'message', ts: message.ts ?? this.nextTs() };
    this.messages.push(stored);
    return stored;
  }

  find(ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.ts === ts);
  }

  get all(): readonly StoredMessage[] {
    return this.messages;
  }

  /** The body of a conversations.history answer (`ok` and all), or Slack's error. */
  page(args: Record<string, unknown>): Record<string, unknown> {
    const inclusive = truthy(args.inclusive);
    const oldest = tsKey(typeof args.oldest === 'string' && args.oldest !== '' ? args.oldest : '0');
    const latest = typeof args.latest === 'string' && args.latest !== '' ? tsKey(args.latest) : null;
    const limit = args.limit === undefined ? 100 : Number(args.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 999) return { ok: false, error: 'invalid_limit' };
    let before: bigint | null = null;
    if (typeof args.cursor === 'string' && args.cursor !== '') {
      const decoded = /^next_ts:(\d+\.\d+)$/.exec(Buffer.from(args.cursor, 'base64').toString('utf8'));
      if (!decoded?.[1]) return { ok: false, error: 'invalid_cursor' };
      before = tsKey(decoded[1]);
    }
    const inRange = this.messages
      .filter((m) => {
        const key = tsKey(m.ts);
        if (inclusive ? key < oldest : key <= oldest) return false;
        if (latest !== null && (inclusive ? key > latest : key >= latest)) return false;
        return before === null || key <= before;
      })
      .sort((a, b) => (tsKey(b.ts) > tsKey(a.ts) ? 1 : -1));
    const withMetadata = truthy(args.include_all_metadata);
    const messages = inRange.slice(0, limit).map(({ metadata, ...rest }) => ({
      ...rest,
      ...(withMetadata && metadata !== undefined ? { metadata } : {}),
    }));
    const next = inRange[limit];
    return {
      ok: true,
      messages,
      has_more: next !== undefined,
      pin_count: 0,
      ...(next !== undefined
        ? { response_metadata: { next_cursor: Buffer.from(`next_ts:${next.ts}`).toString('base64') } }
        : {}),
    };
  }
}
