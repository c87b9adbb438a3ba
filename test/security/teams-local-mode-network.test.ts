/**
 * Finding (medium): TEAMS_LOCAL_MODE skips Bot Framework authentication while TEAMS_HOST
 * defaulted to 0.0.0.0, so anyone on the network could post activities to the bot and name a
 * `serviceUrl` that would then receive the cards, with their patient data. Now local mode listens
 * on loopback only (and refuses to start otherwise, saying why), and an activity naming a
 * Bot Connector other than Microsoft's (for our tenant), TEAMS_SERVICE_URLS, or — in local mode
 * only — this computer, is refused before the bot reads it.
 */
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { hostname, networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../adapters/teams/adapter.ts';
import { teamsSettingsFromEnv } from '../../adapters/teams/settings.ts';
import { ConfigError } from '../../src/config.ts';
import { createDeliverer } from '../../src/posting/deliverer.ts';
import { silentLogger } from '../../src/log.ts';
import { CHANNEL, TENANT, localTeamsSettings, teamInstall } from '../teams/teams-activities.ts';
import { openTempStore, recordingLogger, storeFax } from '../workflow/helpers.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const LOCAL = { TEAMS_CHANNEL_ID: CHANNEL, TEAMS_LOCAL_MODE: '1', TEAMS_TENANT_ID: TENANT };

function deps() {
  const store = openTempStore();
  cleanups.push(() => store.close());
  return {
    store,
    handleAction: async () => ({ ok: false as const, code: 'invalid' as const, message: 'non' }),
    log: recordingLogger(),
    lang: 'fr' as const,
  };
}

/** This machine's first address on a network interface (not loopback), if it has one. */
function networkAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (!a.internal && a.family === 'IPv4') return a.address;
  }
  return null;
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/** Someone's Bot Connector stand-in, on every interface of this machine: counts what it gets. */
async function catcher(): Promise<{ url: string; received: string[] }> {
  const received: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push(`${req.method} ${req.url} ${Buffer.concat(chunks).toString('utf8')}`);
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: '1700000000001' }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '0.0.0.0', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  );
  const { port } = server.address() as { port: number };
  // Named by this machine's host name: an address that is not loopback by name.
  return { url: `http://${hostname()}:${port}/`, received };
}

describe('Teams local mode listens on loopback only', () => {
  it('defaults TEAMS_HOST to 127.0.0.1 in local mode, and refuses any other address with a clear message', () => {
    expect(teamsSettingsFromEnv(LOCAL)).toMatchObject({ localMode: true, host: '127.0.0.1' });
    expect(() => teamsSettingsFromEnv({ ...LOCAL, TEAMS_HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => teamsSettingsFromEnv({ ...LOCAL, TEAMS_HOST: '0.0.0.0' })).toThrow(
      /TEAMS_HOST.*127\.0\.0\.1/s,
    );
    expect(teamsSettingsFromEnv({ ...LOCAL, TEAMS_HOST: '::1' })).toMatchObject({ host: '::1' });
    const dir = mkdtempSync(join(tmpdir(), 'faxdesk-sec-local-'));
    expect(() => createTeamsAdapter({ ...localTeamsSettings(dir), host: '0.0.0.0' }, deps())).toThrow(
      ConfigError,
    );
  });

  it('cannot be reached from the network', async () => {
    const settings = teamsSettingsFromEnv(
      { ...LOCAL, TEAMS_PORT: '0' },
      mkdtempSync(join(tmpdir(), 'faxdesk-sec-')),
    );
    const adapter = createTeamsAdapter(settings!, deps());
    await adapter.start();
    cleanups.push(() => adapter.stop());
    const port = adapter.port()!;
    expect(await reachable('127.0.0.1', port)).toBe(true);
    const address = networkAddress();
    if (address !== null) expect(await reachable(address, port)).toBe(false);
  });
});

describe('Teams: activities naming an unknown Bot Connector are refused', () => {
  it('in local mode, refuses a serviceUrl that is not this computer: nothing stored, no card sent there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'faxdesk-sec-local-'));
    const d = deps();
    const adapter = createTeamsAdapter(localTeamsSettings(dir), d);
    await adapter.start();
    cleanups.push(() => adapter.stop());
    const evil = await catcher();

    const res = await fetch(`http://127.0.0.1:${adapter.port()}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(teamInstall(evil.url)),
    });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toMatch(/\n\s+at |Error:/);
    expect(d.log.lines.some((l) => l.level === 'warn' && l.msg.includes('service URL not allowed'))).toBe(
      true,
    );

    await storeFax(d.store);
    const deliverer = createDeliverer({
      store: d.store,
      channel: adapter,
      log: silentLogger,
      minIntervalMs: 0,
    });
    await deliverer.runOnce();
    expect(evil.received).toEqual([]);
  });

  it('outside local mode, accepts Microsoft’s Bot Connector for our tenant, and TEAMS_SERVICE_URLS, only', async () => {
    // Outside local mode a request needs a Bot Framework token only Microsoft can sign: the rule is checked alone.
    const { createServiceUrlCheck } = await import('../../adapters/teams/service-url.ts');
    const check = createServiceUrlCheck({
      tenantId: TENANT,
      localMode: false,
      allowed: ['https://bots.sante.example/teams/'],
    });
    for (const ok of [
      'https://smba.trafficmanager.net/amer/',
      'https://smba.trafficmanager.net/teams/',
      `https://smba.trafficmanager.net/amer/${TENANT}/`,
      'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://bots.sante.example/teams/',
    ]) {
      expect(check(ok), ok).toBeNull();
    }
    expect(check('http://smba.trafficmanager.net/amer/')).toBe('not_https');
    expect(check('https://smba.trafficmanager.net:8443/amer/')).toBe('not_https');
    expect(check('https://evil.example/amer/')).toBe('unknown_host');
    expect(check('https://smba.trafficmanager.net.evil.example/amer/')).toBe('unknown_host');
    expect(check('https://bots.sante.example/autre/')).toBe('unknown_host');
    expect(check('http://127.0.0.1:3978/')).toBe('not_https');
    expect(check('https://smba.trafficmanager.net/amer/11111111-2222-4333-8444-555555555555/')).toBe(
      'other_tenant',
    );
    expect(check('https://user:pw@smba.trafficmanager.net/amer/')).toBe('malformed');
    expect(check(undefined)).toBe('missing');
    expect(
      teamsSettingsFromEnv({ ...LOCAL, TEAMS_SERVICE_URLS: 'https://bots.sante.example/teams/' }),
    ).toMatchObject({
      serviceUrls: ['https://bots.sante.example/teams/'],
    });
    expect(() =>
      teamsSettingsFromEnv({ ...LOCAL, TEAMS_SERVICE_URLS: 'http://bots.sante.example/' }),
    ).toThrow(/TEAMS_SERVICE_URLS/);
  });
});
