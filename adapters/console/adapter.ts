/**
 * The local console: Faxdesk's embedded chat channel when no Slack or Teams is configured.
 * A small web server on 127.0.0.1 whose page looks like a team channel: the cards newest
 * first, drawn by the official Adaptive Cards renderer from the very JSON Teams would get,
 * with working buttons and forms, live updates to every open tab (Server-Sent Events), the
 * original pages, and a button that drops sample faxes into the inbox.
 *
 * As a ChatChannel it is posted to by the outbox like any platform: `post` and `update` push
 * the card to the open pages; the store remembers what was posted (message id = fax id).
 *
 * Every request needs the access token (access.ts), on loopback too; the token is the
 * administrator's (FAXDESK_CONSOLE_TOKEN) or generated at first start (console-token.ts), and
 * the clerk signs in with the sign-in file written at each start, or by pasting the token.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SearchFn } from '../../cards/search-results.ts';
import type { ChatAdapter, ChatAdapterDeps } from '../../src/chat/adapter.ts';
import type { FaxView } from '../../src/chat/channel.ts';
import { ConfigError } from '../../src/config.ts';
import type { DigestModel } from '../../src/digest/model.ts';
import { isPurged } from '../../src/purge/redact.ts';
import type { ChatMessageRef } from '../../src/store/deliveries.ts';
import { FAX_ID_PATTERN } from '../../src/store/ids.ts';
import type { ActionActor } from '../../src/workflow/types.ts';
import { createAccessCheck, type AccessCheck } from './access.ts';
import { loadOrCreateConsoleToken, signInPage, writeSignInFile } from './console-token.ts';
import { parseClick } from './actions.ts';
import { createAssets } from './assets.ts';
import { consoleDigestEntry } from './digest.ts';
import { CONSOLE_CHANNEL, CONSOLE_PLATFORM, consoleCard, listConsoleCards } from './feed.ts';
import { BodyTooLargeError, readJson, readSignInToken, send, sendHtml, sendJson } from './http.ts';
import { createLiveHub } from './live.ts';
import { createOriginals, OriginalUnavailableError } from './originals.ts';
import type { ReadBudget } from '../../src/reading/isolation/budget.ts';
import { signedInPage, signInFormPage, signInStrings } from './login-page.ts';
import { indexPage, messagePage, originalPage } from './pages.ts';
import { DEFAULT_SAMPLES_DIR, dropSamples, listSamples } from './samples.ts';
import { consoleSearch, storeSearch } from './search.ts';
import {
  checkConsoleSettings,
  CONSOLE_ENV,
  consoleSignInFile,
  consoleTokenFile,
  isLoopbackHost,
  type ConsoleSettings,
} from './settings.ts';
import { consoleStrings } from './strings.ts';

export interface ConsoleAdapterDeps extends ChatAdapterDeps {
  /** Where « Déposer des exemples » copies the samples: the intake's inbox. */
  inboxDir: string;
  /** The sample faxes; default the ones shipped in adapters/console/samples/. */
  samplesDir?: string;
  /** What the search box searches with; the search core over the store by default. */
  search?: SearchFn;
  /** What rendering one original page for the browser may cost (originals.ts); defaults otherwise. */
  previewBudget?: Partial<ReadBudget>;
  /** A fax source in trouble (the mailbox unreachable), shown in the header; null: all well. */
  sourceNotice?: () => Promise<string | null>;
}

export interface ConsoleAdapter extends ChatAdapter {
  readonly platform: 'console';
  /** The console's address, once started (without the token). */
  readonly url: string;
  /** `url` with `?token=…`: signs in on a first visit (for an administrator's own use, never printed). */
  readonly loginUrl: string;
  /**
   * The page that signs the clerk in when opened (FAXDESK_HOME/console-login.html, mode 0600),
   * written at start when the token is the generated one; null with FAXDESK_CONSOLE_TOKEN.
   */
  readonly signInFile: string | null;
  /** Where the generated token is kept; null with FAXDESK_CONSOLE_TOKEN. */
  readonly tokenFile: string | null;
  /** Listening beyond loopback, in plain HTTP: the banner and the log say so. */
  readonly exposed: boolean;
  /** Who acts from this console (actor of every click). */
  readonly actor: ActionActor;
  /** The daily digest, pushed to the open pages as a message of the channel. */
  postDigest(digest: DigestModel): Promise<void>;
}

const PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const FAX_PATH = /^\/faxes\/([0-9A-Z]{26})\/original(?:\/(file|pages\/(\d{1,4})\.png))?$/;

function displayHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

export function createConsoleAdapter(settings: ConsoleSettings, deps: ConsoleAdapterDeps): ConsoleAdapter {
  checkConsoleSettings(settings);
  const { store, log, lang } = deps;
  const s = consoleStrings(lang);
  const samplesDir = deps.samplesDir ?? DEFAULT_SAMPLES_DIR;
  const actor: ActionActor = {
    id: `console:${settings.userName}`,
    name: settings.userName,
    platform: CONSOLE_PLATFORM,
    channelId: CONSOLE_CHANNEL,
  };
  let access: AccessCheck | null = null;
  let token: string | null = settings.token;
  let signInFile: string | null = null;
  const tokenFile = settings.token === null ? consoleTokenFile(settings) : null;
  const signIn = signInStrings(lang);
  const exposed = !isLoopbackHost(settings.host);
  const hub = createLiveHub({
    ...(settings.maxStreams !== undefined ? { maxStreams: settings.maxStreams } : {}),
    ...(settings.maxStreamsPerClient !== undefined
      ? { maxStreamsPerClient: settings.maxStreamsPerClient }
      : {}),
  });
  const assets = createAssets();
  const originals = createOriginals(deps.previewBudget ? { budget: deps.previewBudget } : {});
  const search = deps.search ?? storeSearch(store);
  let url = '';

  async function currentCard(faxId: string) {
    const fax = await store.getFax(faxId);
    return fax ? consoleCard({ fax, events: await store.listEvents(faxId) }, lang) : null;
  }

  async function onAction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const click = parseClick(await readJson(req));
    if (click.kind === 'invalid') {
      sendJson(res, 400, { ok: false, code: 'invalid', message: s.invalidAction });
      return;
    }
    if (click.kind === 'refresh') {
      sendJson(res, 200, { ok: true, message: null, card: await currentCard(click.faxId) });
      return;
    }
    const { action } = click;
    const result = await deps.handleAction(action, actor);
    log.info('console action', {
      faxId: action.faxId,
      action: action.action,
      ok: result.ok,
      code: result.ok ? null : result.code,
    });
    sendJson(res, 200, {
      ok: result.ok,
      code: result.ok ? null : result.code,
      message: result.ok ? s.done[action.action] : result.message,
      card: await currentCard(action.faxId),
    });
  }

  async function onOriginal(
    res: ServerResponse,
    faxId: string,
    part: string | undefined,
    page: number | null,
  ) {
    const fax = FAX_ID_PATTERN.test(faxId) ? await store.getFax(faxId) : null;
    if (!fax) {
      sendHtml(res, 404, messagePage(s, s.original.title, s.original.notFound));
      return;
    }
    if (isPurged(fax)) {
      // Purged (perhaps by `faxdesk purge` in another process): nothing of it is shown, and
      // whatever was kept of it here goes.
      originals.forget(fax.id);
      if (part === undefined) sendHtml(res, 410, originalPage(s, fax.id, null, 0));
      else send(res, 410, 'gone', 'text/plain; charset=utf-8');
      return;
    }
    if (part === undefined) {
      const file = await originals.describe(fax);
      sendHtml(res, 200, originalPage(s, fax.id, file, file?.pageCount ?? 0));
      return;
    }
    if (part === 'file') {
      const buf = await originals.read(fax);
      if (buf === null) {
        sendHtml(res, 404, messagePage(s, s.original.title, s.original.missing));
        return;
      }
      const ext = fax.fileKind === 'tiff' ? 'tif' : fax.fileKind === 'jpeg' ? 'jpg' : (fax.fileKind ?? 'bin');
      // Named by id, never by the name it arrived with (that may hold a patient's name).
      send(res, 200, buf, 'application/octet-stream', {
        'Content-Disposition': `attachment; filename="${fax.id}.${ext}"`,
      });
      return;
    }
    try {
      const png = await originals.pagePng(fax, (page ?? 1) - 1);
      send(res, 200, png, 'image/png');
    } catch (error) {
      if (!(error instanceof OriginalUnavailableError)) throw error;
      log.warn('console original page not shown', { faxId: fax.id, page });
      send(res, 404, 'page unavailable', 'text/plain; charset=utf-8');
    }
  }

  async function onSignIn(check: AccessCheck, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const cookie = check.signIn(req, await readSignInToken(req));
    if (cookie === null) {
      log.warn('console sign-in refused', {});
      sendHtml(res, 401, signInFormPage(signIn, { tokenFile, wrong: true }));
      return;
    }
    log.info('console sign-in', {});
    send(res, 200, signedInPage(signIn), 'text/html; charset=utf-8', { 'Set-Cookie': cookie });
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestUrl = new URL(req.url ?? '/', 'http://console.invalid');
    if (access === null) {
      send(res, 503, 'starting', 'text/plain; charset=utf-8');
      return;
    }
    const decision = access.decide(req, requestUrl);
    if (decision.kind === 'sign-in') {
      await onSignIn(access, req, res);
      return;
    }
    if (decision.kind === 'login') {
      res.writeHead(303, {
        Location: decision.location,
        'Set-Cookie': decision.cookie,
        'Cache-Control': 'no-store',
      });
      res.end();
      return;
    }
    if (decision.kind === 'deny') {
      log.warn('console request refused', { reason: decision.reason, status: decision.status });
      const text =
        decision.reason === 'token'
          ? s.denied.token
          : decision.reason === 'host'
            ? s.denied.host
            : s.denied.other;
      const extra: Record<string, string> =
        decision.status === 401 ? { 'WWW-Authenticate': 'Bearer realm="faxdesk-console"' } : {};
      if (decision.reason === 'token' && !requestUrl.pathname.startsWith('/api/')) {
        // A page, not signed in: the sign-in form.
        send(
          res,
          401,
          signInFormPage(signIn, { tokenFile, wrong: false }),
          'text/html; charset=utf-8',
          extra,
        );
      } else if (requestUrl.pathname.startsWith('/api/')) {
        send(
          res,
          decision.status,
          JSON.stringify({ ok: false, message: text }),
          'application/json; charset=utf-8',
          extra,
        );
      } else {
        send(res, decision.status, messagePage(s, s.denied.title, text), 'text/html; charset=utf-8', extra);
      }
      return;
    }

    const path = requestUrl.pathname;
    const method = req.method ?? 'GET';
    if (method === 'GET' && path === '/') {
      sendHtml(
        res,
        200,
        indexPage(s, {
          user: settings.userName,
          samples: (await listSamples(samplesDir)).length > 0,
          lang,
          notice: (await deps.sourceNotice?.().catch(() => null)) ?? null,
        }),
      );
      return;
    }
    if (method === 'GET' && path.startsWith('/assets/')) {
      const asset = await assets(path.slice('/assets/'.length));
      if (asset) send(res, 200, asset.body, asset.type);
      else send(res, 404, 'not found', 'text/plain; charset=utf-8');
      return;
    }
    if (method === 'GET' && path === '/api/cards') {
      const before = requestUrl.searchParams.get('before');
      const limit = Number(requestUrl.searchParams.get('limit') ?? PAGE_SIZE);
      const page = await listConsoleCards(store, lang, {
        ...(before !== null && FAX_ID_PATTERN.test(before) ? { before } : {}),
        limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, MAX_PAGE_SIZE) : PAGE_SIZE,
      });
      sendJson(res, 200, page);
      return;
    }
    if (method === 'GET' && path === '/api/search') {
      sendJson(
        res,
        200,
        await consoleSearch({ store, log, lang, search }, requestUrl.searchParams.get('q') ?? ''),
      );
      return;
    }
    if (method === 'GET' && path === '/api/stream') {
      const client = req.socket.remoteAddress ?? 'unknown';
      if (!hub.attach(res, client)) {
        log.warn('console live stream refused: too many open', { open: hub.size });
        send(
          res,
          429,
          JSON.stringify({ ok: false, message: s.tooManyStreams }),
          'application/json; charset=utf-8',
          {
            'Retry-After': '30',
          },
        );
      }
      return;
    }
    if (method === 'POST' && path === '/api/actions') {
      await onAction(req, res);
      return;
    }
    if (method === 'POST' && path === '/api/samples') {
      if ((await listSamples(samplesDir)).length === 0) {
        sendJson(res, 200, { dropped: 0, already: 0, message: s.samplesNone });
        return;
      }
      const result = await dropSamples(store, samplesDir, deps.inboxDir);
      log.info('console samples dropped', { dropped: result.dropped, already: result.already });
      sendJson(res, 200, { ...result, message: s.samples(result.dropped, result.already) });
      return;
    }
    const original = method === 'GET' ? FAX_PATH.exec(path) : null;
    if (original) {
      const part = original[2] === undefined ? undefined : original[2] === 'file' ? 'file' : 'page';
      await onOriginal(res, original[1] as string, part, original[3] ? Number(original[3]) : null);
      return;
    }
    send(res, 404, 'not found', 'text/plain; charset=utf-8');
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const tooLarge = error instanceof BodyTooLargeError;
      log.error('console request failed', { code: error instanceof Error ? error.name : 'unknown' });
      if (res.headersSent) {
        res.destroy();
        return;
      }
      sendJson(res, tooLarge ? 413 : 500, { ok: false, message: s.internalError });
    });
  });

  function broadcast(view: FaxView): void {
    hub.broadcast('card', consoleCard(view, lang));
  }

  return {
    platform: CONSOLE_PLATFORM,
    actor,
    get url() {
      return url;
    },
    get loginUrl() {
      return token === null || url === '' ? url : `${url}?token=${encodeURIComponent(token)}`;
    },
    get signInFile() {
      return signInFile;
    },
    tokenFile,
    exposed,

    async post(view: FaxView): Promise<ChatMessageRef> {
      broadcast(view);
      return { platform: CONSOLE_PLATFORM, channelId: CONSOLE_CHANNEL, messageId: view.fax.id };
    },

    async update(_message: ChatMessageRef, view: FaxView): Promise<void> {
      if (isPurged(view.fax)) originals.forget(view.fax.id);
      broadcast(view);
    },

    async postDigest(digest: DigestModel): Promise<void> {
      hub.broadcast('card', consoleDigestEntry(digest, lang));
    },

    async start(): Promise<void> {
      if (token === null) token = (await loadOrCreateConsoleToken(tokenFile as string)).token;
      access = createAccessCheck({ host: settings.host, token, publicUrl: settings.publicUrl ?? null });
      await new Promise<void>((resolveStart, rejectStart) => {
        const onError = (error: NodeJS.ErrnoException) => {
          server.off('listening', onListening);
          rejectStart(
            error.code === 'EADDRINUSE' || error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL'
              ? new ConfigError(
                  `La console ne peut pas écouter sur ${settings.host}:${settings.port} (${error.code}) : ` +
                    `choisissez un autre port avec ${CONSOLE_ENV.port} ou une autre adresse avec ${CONSOLE_ENV.host}.`,
                )
              : error,
          );
        };
        const onListening = () => {
          server.off('error', onError);
          resolveStart();
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(settings.port, settings.host);
      });
      const { port } = server.address() as AddressInfo;
      url = `http://${displayHost(settings.host)}:${port}/`;
      if (tokenFile !== null) {
        signInFile = consoleSignInFile(settings);
        await writeSignInFile(signInFile, signInPage(url, token, lang));
      }
      log.info('console listening', { port, loopbackOnly: !exposed, generatedToken: tokenFile !== null });
      if (exposed) {
        log.warn('console listening beyond loopback in plain HTTP: put it behind an HTTPS reverse proxy', {
          port,
        });
      }
    },

    async stop(): Promise<void> {
      if (!server.listening) return;
      hub.close();
      const closed = new Promise<void>((resolveStop) => server.close(() => resolveStop()));
      server.closeIdleConnections();
      await closed;
      await originals.close();
    },
  };
}
