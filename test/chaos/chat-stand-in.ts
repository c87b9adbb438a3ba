/**
 * The chaos run's Slack Web API stand-in (node:http on 127.0.0.1, a random port). It answers
 * what `faxdesk watch` calls (auth.test, chat.postMessage, chat.update, conversations.history),
 * fails a seeded share of those calls with 429 (Retry-After: 1) or 500 — a failed call posts
 * nothing — and, when asked (`lostAnswerRate`), takes a share of the posts and answers 500 all
 * the same, as when Slack's answer is lost. It records every card it accepted, by fax id (read
 * from the card's content, not from the metadata tag under test), with the message ts it gave
 * back, so the driver can count each fax's posts and tell which of them Faxdesk recorded. The
 * channel keeps its messages with their metadata for conversations.history, as Slack does.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Rng } from '../fixtures/index.ts';
import { ChannelHistory, parseMetadata } from '../slack/channel-history.ts';

export interface AcceptedPost {
  /** The fax the card is about; null for a message that is no fax card (a digest). */
  faxId: string | null;
  ts: string;
  at: number;
}

export interface ChaosStandInOptions {
  token: string;
  channelId: string;
  /** Share of chat.postMessage / chat.update / conversations.history calls answered 429 or 500 (half each). */
  failRate: number;
  /** Share of the other posts taken into the channel but answered 500 (lost answers); default 0. */
  lostAnswerRate?: number;
  seed: number;
}

/** The bot the token belongs to: what auth.test says and what its posts carry. */
const BOT = { userId: 'U0FAXBOT', botId: 'B0FAXBOT', appId: 'A0FAXDESK' } as const;

const FAX_ID = /(?<![0-9A-Z])[0-9A-HJKMNP-TV-Z]{26}(?![0-9A-Z])/g;

/** The fax id a card carries: its actions block is `fax_actions:<id>`; else the one id in its text. */
export function cardFaxId(args: Record<string, unknown>): string | null {
  const blocks = JSON.stringify(args.blocks ?? []);
  const action = /fax_actions:([0-9A-HJKMNP-TV-Z]{26})/.exec(blocks);
  if (action) return action[1] ?? null;
  const ids = new Set(blocks.match(FAX_ID) ?? []);
  return ids.size === 1 ? ([...ids][0] ?? null) : null;
}

async function readArgs(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (req.headers['content-type']?.includes('application/json')) {
    return JSON.parse(text || '{}') as Record<string, unknown>;
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = key === 'blocks' || key === 'metadata' ? JSON.parse(value) : value;
  }
  return args;
}

export class ChaosStandIn {
  readonly posts: AcceptedPost[] = [];
  injectedFailures = 0;
  /** Of those, posts taken into the channel and answered 500 (`lostAnswerRate`). */
  lostAnswers = 0;
  updates = 0;
  private server: Server | null = null;
  private readonly channel = new ChannelHistory();
  private readonly rng: Rng;
  url = '';

  constructor(private readonly options: ChaosStandInOptions) {
    this.rng = new Rng(options.seed).fork('chat-stand-in');
  }

  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** Accepted fax cards, by fax id. */
  postsByFax(): Map<string, AcceptedPost[]> {
    const byFax = new Map<string, AcceptedPost[]>();
    for (const post of this.posts) {
      if (post.faxId === null) continue;
      byFax.set(post.faxId, [...(byFax.get(post.faxId) ?? []), post]);
    }
    return byFax;
  }

  private send(res: ServerResponse, status: number, body: Record<string, unknown>, headers = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = new URL(req.url ?? '/', this.url).pathname.replace(/^\/api\//, '');
    const args = await readArgs(req);
    if (req.headers.authorization !== `Bearer ${this.options.token}`) {
      return this.send(res, 200, { ok: false, error: 'invalid_auth' });
    }
    const isChat =
      method === 'chat.postMessage' || method === 'chat.update' || method === 'conversations.history';
    if (isChat && args.channel !== this.options.channelId) {
      return this.send(res, 200, { ok: false, error: 'channel_not_found' });
    }
    if (isChat && this.rng.chance(this.options.failRate)) {
      this.injectedFailures++;
      if (this.rng.chance(0.5)) {
        return this.send(res, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      }
      return this.send(res, 500, { ok: false, error: 'internal_error' });
    }
    switch (method) {
      case 'auth.test':
        return this.send(res, 200, {
          ok: true,
          url: 'https://faxdesk-chaos.slack.com/',
          team: 'Faxdesk chaos',
          user: 'faxdesk',
          team_id: 'T0CHAOS',
          user_id: BOT.userId,
          bot_id: BOT.botId,
        });
      case 'chat.postMessage': {
        const metadata = parseMetadata(args.metadata);
        if (metadata === 'invalid') {
          return this.send(res, 200, { ok: false, error: 'invalid_metadata_format' });
        }
        // Recorded before answering: like Slack, the message exists once the call is taken.
        const { ts } = this.channel.add({
          user: BOT.userId,
          bot_id: BOT.botId,
          app_id: BOT.appId,
          ...(metadata !== undefined ? { metadata } : {}),
        });
        this.posts.push({ faxId: cardFaxId(args), ts, at: Date.now() });
        const lostAnswerRate = this.options.lostAnswerRate ?? 0;
        // Drawn only when asked for, so a seed fails the same calls as before without it.
        if (lostAnswerRate > 0 && this.rng.chance(lostAnswerRate)) {
          this.injectedFailures++;
          this.lostAnswers++;
          return this.send(res, 500, { ok: false, error: 'internal_error' });
        }
        return this.send(res, 200, { ok: true, channel: args.channel, ts, message: { ts } });
      }
      case 'conversations.history':
        return this.send(res, 200, this.channel.page(args));
      case 'chat.update':
        this.updates++;
        return this.send(res, 200, { ok: true, channel: args.channel, ts: args.ts });
      default:
        return this.send(res, 200, { ok: false, error: 'unknown_method' });
    }
  }
}
