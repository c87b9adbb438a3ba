/**
 * `faxdesk watch` end to end: the real CLI in a child process, real files in
 * FAXDESK_HOME's inbox, the real SQLite database read back afterwards.
 */
import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../adapters/stores/sqlite/index.ts';
import { buildCorpus, renderFixture } from '../fixtures/index.ts';
import { passwordPdf } from '../reading/bad-inputs.ts';
import { BIN, runFaxdesk } from './cli.ts';

let home: string;
const env = () => ({ FAXDESK_HOME: home, FAXDESK_LOG_LEVEL: 'error', FAXDESK_SETTLE_MS: '300' });

async function allFaxes() {
  const store = openSqliteStore(join(home, 'faxdesk.sqlite'));
  try {
    return await store.listFaxes({ limit: 1000 });
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'faxdesk-watch-'));
});
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
});

describe('faxdesk watch --once', () => {
  // Mostly text PDFs to keep OCR time down, and a few faxes that need OCR.
  const entries = [
    ...buildCorpus({ seed: 31, count: 16, formats: ['pdf-text'] }),
    ...buildCorpus({ seed: 32, count: 4, formats: ['tiff', 'pdf-g4'], degrade: false }),
  ].map((e, i) => ({ ...e, name: `${String(i).padStart(2, '0')}-${e.name}` }));
  const originals = new Map<string, Buffer>();

  beforeAll(async () => {
    const inbox = join(home, 'inbox');
    await mkdir(inbox, { recursive: true });
    for (const entry of entries) {
      const bytes = await renderFixture(entry);
      originals.set(entry.name, bytes);
      await writeFile(join(inbox, entry.name), bytes);
    }
    await writeFile(join(inbox, 'vide.pdf'), '');
    await writeFile(
      join(inbox, 'corrompu.pdf'),
      '%PDF-1.4\n1 0 obj << /Type /Catalog >>\nendobj\ntrailer garbage',
    );
    await writeFile(join(inbox, 'chiffre.pdf'), passwordPdf());
  }, 300_000);

  it('stores the 20 faxes dropped at once, archives each original byte for byte, and quarantines the bad ones', async () => {
    const run = await runFaxdesk(['watch', '--once'], env());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Traitées : 20, doublons : 0, en quarantaine : 3');
    expect(await readdir(join(home, 'inbox'))).toEqual([]);

    const faxes = await allFaxes();
    expect(faxes).toHaveLength(23);
    for (const fax of faxes.filter((f) => f.archivePath)) {
      const original = originals.get(fax.originalName);
      expect(original, fax.originalName).toBeDefined();
      expect((await readFile(fax.archivePath!)).equals(original!)).toBe(true);
      expect(fax.status).toBe('pending');
    }
    const quarantined = faxes.filter((f) => f.quarantinePath);
    expect(quarantined.map((f) => f.originalName).sort()).toEqual([
      'chiffre.pdf',
      'corrompu.pdf',
      'vide.pdf',
    ]);
    for (const fax of quarantined) {
      expect(fax.verdict).toBe('unreadable');
      const note = await readFile(`${fax.quarantinePath}.reason.txt`, 'utf8');
      expect(note).toContain(fax.unreadableReason!);
    }
    const reasons = Object.fromEntries(quarantined.map((f) => [f.originalName, f.unreadableReason]));
    expect(reasons['vide.pdf']).toMatch(/vide/i);
    expect(reasons['chiffre.pdf']).toMatch(/mot de passe|chiffr/i);
  });

  it('recognises the same fax dropped again and does not store it twice', async () => {
    const first = entries[0]!;
    await writeFile(join(home, 'inbox', 'encore.pdf'), originals.get(first.name)!);
    const run = await runFaxdesk(['watch', '--once'], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('doublons : 1');
    expect(await allFaxes()).toHaveLength(23);
  });
});

describe('faxdesk watch', () => {
  it('picks up a fax dropped while it runs, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'watch'], {
      env: { ...process.env, ...env(), FAXDESK_POLL_SECONDS: '0.5' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const before = (await allFaxes()).length;
    const [entry] = buildCorpus({ seed: 77, count: 1, formats: ['pdf-text'] });
    const tmp = join(home, 'incoming.pdf');
    await writeFile(tmp, await renderFixture(entry!));
    await copyFile(tmp, join(home, 'inbox', 'nouvelle.pdf'));
    const deadline = Date.now() + 60_000;
    while ((await allFaxes()).length === before && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
    }
    expect((await allFaxes()).length).toBe(before + 1);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('surveille');
  }, 120_000);
});
