/**
 * Finding: a Bot Framework failure printed the raw stack trace (botbuilder's CloudAdapter writes
 * it with console.error, outside the JSON log, into journald) and answered with the error's
 * internal text — 401 "Unauthorized Access. Request is not authorized", or 500 with whatever
 * failed (here, the Bot Framework's sign-in metadata that could not be fetched). Now each
 * failure is one log line (its name and status, nothing of the activity) and the caller gets a
 * generic error.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTeamsAdapter } from '../../adapters/teams/adapter.ts';
import { leakedPatientData, openTempStore, recordingLogger } from '../workflow/helpers.ts';
import { personalMessage } from '../chat-search/teams-activities.ts';
import { MARIE_T, TENANT, localTeamsSettings } from '../teams/teams-activities.ts';

const APP_ID = '0b5c6d7e-8f90-4a1b-9c2d-3e4f5a6b7c8d';
const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A token shaped like the Bot Framework's, signed by nobody: checking it fails one way or another. */
function forgedToken(): string {
  const now = Math.floor(Date.now() / 1000);
  return [
    b64({ alg: 'RS256', typ: 'JWT', kid: 'forged' }),
    b64({
      iss: 'https://api.botframework.com',
      aud: APP_ID,
      exp: now + 600,
      nbf: now - 10,
      serviceurl: SERVICE_URL,
    }),
    'c2lnbmF0dXJl',
  ].join('.');
}

describe('Bot Framework failures', () => {
  it('answer a generic error, print no stack trace, and log one line without patient data', async () => {
    const printed: string[] = [];
    for (const method of ['error', 'warn', 'log', 'info'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        printed.push(args.map((a) => (a instanceof Error ? `${a.stack}` : String(a))).join(' '));
      });
    }
    const store = openTempStore();
    cleanups.push(() => store.close());
    const log = recordingLogger();
    const dir = mkdtempSync(join(tmpdir(), 'faxdesk-sec-bf-'));
    const adapter = createTeamsAdapter(
      {
        ...localTeamsSettings(dir),
        localMode: false,
        appId: APP_ID,
        appPassword: 'secret',
        tenantId: TENANT,
      },
      {
        store,
        handleAction: async () => ({ ok: false as const, code: 'invalid' as const, message: 'non' }),
        log,
        lang: 'fr',
      },
    );
    await adapter.start();
    cleanups.push(() => adapter.stop());
    // What the activity says names a patient: none of it may reach a log or an answer.
    const activity = personalMessage(SERVICE_URL, MARIE_T, 'fax Tremblay-Côté Jeanne TREJ85551512');

    for (const authorization of [undefined, 'Bearer garbage', `Bearer ${forgedToken()}`]) {
      const linesBefore = log.lines.length;
      const res = await fetch(`http://127.0.0.1:${adapter.port()}/api/messages`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          ...(authorization ? { Authorization: authorization } : {}),
        },
        body: JSON.stringify(activity),
      });
      const text = await res.text();
      expect([401, 403, 500], text).toContain(res.status);
      const body = JSON.parse(text) as { error: { code: string; message: string } };
      expect(['Unauthorized', 'Forbidden', 'InternalError']).toContain(body.error.code);
      expect(body.error.message).toBe(body.error.code);

      const lines = log.lines.slice(linesBefore);
      expect(lines, JSON.stringify(lines)).toHaveLength(1);
      expect(['warn', 'error']).toContain(lines[0]!.level);
      expect(leakedPatientData(JSON.stringify(lines))).toEqual([]);
    }
    expect(printed.join('\n')).not.toMatch(/\n\s+at /);
    expect(printed).toEqual([]);
  });
});
