/**
 * A local stand-in for Slack's Web API (node:http on 127.0.0.1, a random port): it checks the
 * bot token, answers the methods Faxdesk calls the way Slack does (`{ ok, … }`, `ok: false`
 * with an error code, 429 with Retry-After), records every call, and can be told to fail the
 * next call to a method. It also takes what an adapter sends to a click's `response_url`.
 * Each channel keeps its messages (with their metadata) for conversations.history, which,
 * like Slack, needs a history scope on the token (the token's scopes are sent back in the
 * `x-oauth-scopes` header of every answer).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackSettings } from '../../adapters/slack/settings.ts';
import { ChannelHistory, parseMetadata, type StoredMessage } from './channel-history.ts';

export interface RecordedCall {
  method: string;
  /** The bearer token the call carried. */
  token: string | null;
  args: Record<string, unknown>;
  /** When it arrived (performance.now()): pacing tests look at the gaps. */
  at: number;
}

export interface ScriptedAnswer {
  status?: number;
  headers?: Record<string, string>;
  body?: Record<string, unknown>;
}

/** Fields Slack's clients send JSON-encoded inside a form body. */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata']);

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseArgs(contentType: string | undefined, text: string): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(text || '{}') as Record<string, unknown>;
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
  }
  return args;
}

/** The bot the stand-in's token belongs to: what auth.test says and what its posts carry. */
export const STAND_IN_BOT = { userId: 'U0FAXBOT', botId: 'B0FAXBOT', appId: 'A0FAXDESK' } as const;

export const ALL_SCOPES = ['chat:write', 'commands', 'channels:history', 'groups:history'] as const;

export class SlackStandIn {
  readonly calls: RecordedCall[] = [];
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  private readonly scripted = new Map<string, ScriptedAnswer[]>();
  private readonly lost = new Map<string, ScriptedAnswer[]>();
  private server: Server | null = null;
  private readonly history = new Map<string, ChannelHistory>();
  private nextView = 1;
  url = '';

  constructor(
    private readonly options: {
      token: string;
      channels: readonly string[];
      /** The token's scopes; all the adapter needs by default. */
      scopes?: readonly string[];
    },
  ) {
    for (const channel of options.channels) this.history.set(channel, new ChannelHistory());
  }

  private get scopes(): readonly string[] {
    return this.options.scopes ?? ALL_SCOPES;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req, res).catch(() => {
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }

  /** A Slack adapter's settings for this stand-in: its token, HTTP mode on loopback, a free port. */
  adapterSettings(
    channelId: string,
    more: { signingSecret?: string; allowedUsers?: string[] } = {},
  ): SlackSettings {
    return {
      botToken: this.options.token,
      channelId,
      allowedUsers: more.allowedUsers ?? [],
      mode: {
        kind: 'http',
        signingSecret: more.signingSecret ?? 'stand-in-signing-secret-0123456789',
        port: 0,
        host: '127.0.0.1',
        path: '/slack/events',
      },
      apiUrl: this.apiUrl,
    };
  }

  /** The Web API base URL to give the adapter (SLACK_API_URL). */
  get apiUrl(): string {
    return `${this.url}/api/`;
  }

  /** A response_url for a click: what is sent there is recorded under `responses`. */
  responseUrl(id: string): string {
    return `${this.url}/respond/${id}`;
  }

  /** The next call(s) to `method` get this answer instead of the normal one. */
  failNext(method: string, answer: ScriptedAnswer): void {
    const queue = this.scripted.get(method) ?? [];
    queue.push(answer);
    this.scripted.set(method, queue);
  }

  /**
   * The next call to `method` is carried out (a post is in the channel), but its answer is
   * lost: the caller gets this one instead (a 500, a gateway timeout).
   */
  loseNextAnswer(method: string, answer: ScriptedAnswer): void {
    this.lost.set(method, [...(this.lost.get(method) ?? []), answer]);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** A channel's messages, oldest first, as posted (metadata included). */
  messagesIn(channel: string): readonly StoredMessage[] {
    return this.channel(channel).all;
  }

  /**
   * Puts a message in a channel as if someone (a person, another app, this bot earlier)
   * had posted it; `ts` defaults to now.
   */
  addMessage(channel: string, message: Omit<StoredMessage, 'ts' | 'type'> & { ts?: string }): StoredMessage {
    return this.channel(channel).add(message);
  }

  /** A Slack ts for a moment, to place a message in the past. */
  static tsAt(date: Date): string {
    return `${Math.floor(date.getTime() / 1000)}.${String((date.getTime() % 1000) * 1000).padStart(6, '0')}`;
  }

  private channel(channel: string): ChannelHistory {
    const history = this.history.get(channel);
    if (!history) throw new Error(`the stand-in has no channel ${channel}`);
    return history;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const text = await readBody(req);
    if (path.startsWith('/respond/')) {
      this.responses.push({ path, body: JSON.parse(text || '{}') as Record<string, unknown> });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const method = path.replace(/^\/api\//, '');
    const auth = req.headers.authorization ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : null;
    const args = parseArgs(req.headers['content-type'], text);
    this.calls.push({ method, token, args, at: performance.now() });

    const lostAnswer = this.lost.get(method)?.shift();
    if (lostAnswer) this.answer(method, token, args);
    const scripted = lostAnswer ?? this.scripted.get(method)?.shift();
    if (scripted) {
      res
        .writeHead(scripted.status ?? 200, { 'content-type': 'application/json', ...scripted.headers })
        .end(JSON.stringify(scripted.body ?? {}));
      return;
    }
    res
      .writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': this.scopes.join(',') })
      .end(JSON.stringify(this.answer(method, token, args)));
  }

  private answer(
    method: string,
    token: string | null,
    args: Record<string, unknown>,
  ): Record<string, unknown> {
    if (token === null) return { ok: false, error: 'not_authed' };
    if (token !== this.options.token) return { ok: false, error: 'invalid_auth' };
    const channelOk = () => typeof args.channel === 'string' && this.options.channels.includes(args.channel);
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://faxdesk-test.slack.com/',
          team: 'Faxdesk test',
          user: 'faxdesk',
          team_id: 'T0TEST',
          user_id: STAND_IN_BOT.userId,
          bot_id: STAND_IN_BOT.botId,
        };
      case 'chat.postMessage': {
        if (!channelOk()) return { ok: false, error: 'channel_not_found' };
        const blocks = args.blocks;
        if (!Array.isArray(blocks) || blocks.length > 50) return { ok: false, error: 'invalid_blocks' };
        const metadata = parseMetadata(args.metadata);
        if (metadata === 'invalid') return { ok: false, error: 'invalid_metadata_format' };
        const { ts } = this.channel(String(args.channel)).add({
          text: typeof args.text === 'string' ? args.text : undefined,
          user: STAND_IN_BOT.userId,
          bot_id: STAND_IN_BOT.botId,
          app_id: STAND_IN_BOT.appId,
          blocks,
          ...(metadata !== undefined ? { metadata } : {}),
        });
        return { ok: true, channel: args.channel, ts, message: { type: 'message', text: args.text, ts } };
      }
      case 'chat.update': {
        if (!channelOk()) return { ok: false, error: 'channel_not_found' };
        const message =
          typeof args.ts === 'string' ? this.channel(String(args.channel)).find(args.ts) : undefined;
        if (message === undefined) return { ok: false, error: 'message_not_found' };
        if (message.bot_id !== STAND_IN_BOT.botId) return { ok: false, error: 'cant_update_message' };
        const metadata = parseMetadata(args.metadata);
        if (metadata === 'invalid') return { ok: false, error: 'invalid_metadata_format' };
        if (typeof args.text === 'string') message.text = args.text;
        if (args.blocks !== undefined) message.blocks = args.blocks;
        if (metadata !== undefined) message.metadata = metadata;
        return { ok: true, channel: args.channel, ts: message.ts, text: args.text };
      }
      case 'conversations.history': {
        if (!channelOk()) return { ok: false, error: 'channel_not_found' };
        if (!this.scopes.includes('channels:history') && !this.scopes.includes('groups:history')) {
          return {
            ok: false,
            error: 'missing_scope',
            needed: 'channels:history,groups:history,mpim:history,im:history',
            provided: this.scopes.join(','),
          };
        }
        return this.channel(String(args.channel)).page(args);
      }
      case 'chat.postEphemeral':
        if (!channelOk()) return { ok: false, error: 'channel_not_found' };
        if (typeof args.user !== 'string') return { ok: false, error: 'user_not_in_channel' };
        // Shown to one person, never in the channel's history.
        return { ok: true, message_ts: this.channel(String(args.channel)).nextTs() };
      case 'views.open': {
        if (typeof args.trigger_id !== 'string' || args.trigger_id === '') {
          return { ok: false, error: 'invalid_trigger_id' };
        }
        const view = args.view as Record<string, unknown> | undefined;
        if (view?.type !== 'modal') return { ok: false, error: 'invalid_arguments' };
        return { ok: true, view: { id: `V0VIEW${this.nextView++}`, ...view } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
