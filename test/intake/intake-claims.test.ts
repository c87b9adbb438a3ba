/**
 * Several instances on one inbox and one store: the content of a new file is claimed in the
 * store before it is read, so only one instance reads and OCRs it. The claim is renewed while
 * reading goes on, and taken over once its holder has been dead for the lease.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteFaxStore } from '../../adapters/stores/sqlite/store.ts';
import { fingerprint } from '../../src/intake/fingerprint.ts';
import { createIntake, type IntakeOptions } from '../../src/intake/intake.ts';
import type { FaxProcessors } from '../../src/intake/processors.ts';
import { fakeProcessors, makeDataDirs, type DataDirs } from './helpers.ts';

const stores: SqliteFaxStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

/** One "instance": its own store connection and intake on the shared folders. */
function instance(dirs: DataDirs, name: string, extra: Partial<IntakeOptions> = {}) {
  const store = openSqliteStore(dirs.db);
  stores.push(store);
  const calls = { read: 0 };
  const intake = createIntake({
    store,
    processors: fakeProcessors(calls),
    paths: dirs,
    settleMs: 0,
    owner: name,
    ...extra,
  });
  return { store, intake, calls };
}

/** Processors whose reading waits until `release()`: an instance caught mid-OCR. */
function heldProcessors(calls: { read: number }) {
  let release = () => {};
  const released = new Promise<void>((r) => (release = r));
  let started = () => {};
  const reading = new Promise<void>((r) => (started = r));
  const inner = fakeProcessors(calls);
  const processors: FaxProcessors = {
    ...inner,
    async read(file) {
      started();
      await released;
      return inner.read(file);
    },
  };
  return { processors, release, reading };
}

describe('intake claims across instances', () => {
  it('a file being read by one instance is not read by another; the first records and places it', async () => {
    const dirs = makeDataDirs();
    const file = join(dirs.inbox, 'fax.pdf');
    writeFileSync(file, 'Demande TDM thorax\n');
    const aCalls = { read: 0 };
    const held = heldProcessors(aCalls);
    const a = instance(dirs, 'a', { processors: held.processors });
    const b = instance(dirs, 'b');

    const aDone = a.intake.processFile(file, { stable: true });
    await held.reading;
    expect(await b.intake.processFile(file, { stable: true })).toEqual({
      kind: 'skipped',
      reason: 'claimed',
    });
    held.release();
    expect(await aDone).toMatchObject({ kind: 'stored' });

    expect(aCalls.read).toBe(1);
    expect(b.calls.read).toBe(0);
    expect(await a.store.listFaxes()).toHaveLength(1);
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });

  it('two instances taking in the same 20 files at once read each file once', async () => {
    const dirs = makeDataDirs();
    for (let i = 0; i < 20; i++) writeFileSync(join(dirs.inbox, `fax-${i}.pdf`), `Demande ${i}\n`);
    const a = instance(dirs, 'a');
    const b = instance(dirs, 'b');

    const [sa, sb] = await Promise.all([a.intake.processInboxOnce(), b.intake.processInboxOnce()]);

    expect(a.calls.read + b.calls.read).toBe(20);
    expect(sa.errors + sb.errors).toBe(0);
    expect(await a.store.listFaxes({ limit: 100 })).toHaveLength(20);
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });

  it('a claim whose holder died is taken over once its lease has run out', async () => {
    const dirs = makeDataDirs();
    const file = join(dirs.inbox, 'fax.pdf');
    writeFileSync(file, 'Demande IRM lombaire\n');
    const { sha256 } = await fingerprint(file);
    let now = new Date('2026-11-26T10:00:00Z');
    const b = instance(dirs, 'b', { clock: () => now, claimLeaseMs: 60_000 });
    // An instance killed mid-OCR left its claim behind.
    expect(await b.store.claimIntake(sha256, 'dead', now, 60_000)).toBe(true);

    expect(await b.intake.processFile(file, { stable: true })).toEqual({
      kind: 'skipped',
      reason: 'claimed',
    });
    now = new Date(now.getTime() + 61_000);
    expect(await b.intake.processFile(file, { stable: true })).toMatchObject({ kind: 'stored' });
    expect(b.calls.read).toBe(1);
    // Given back after recording: the dead instance's name holds nothing any more.
    expect(await b.store.claimIntake(sha256, 'someone-else', now, 60_000)).toBe(true);
  });

  it('a long reading keeps its claim past the lease: it is renewed while the work goes on', async () => {
    const dirs = makeDataDirs();
    const file = join(dirs.inbox, 'fax.pdf');
    writeFileSync(file, 'Demande échographie\n');
    const aCalls = { read: 0 };
    const held = heldProcessors(aCalls);
    const a = instance(dirs, 'a', { processors: held.processors, claimLeaseMs: 1000 });
    const b = instance(dirs, 'b', { claimLeaseMs: 1000 });

    const aDone = a.intake.processFile(file, { stable: true });
    await held.reading;
    await new Promise((r) => setTimeout(r, 2500)); // more than twice the lease
    expect(await b.intake.processFile(file, { stable: true })).toEqual({
      kind: 'skipped',
      reason: 'claimed',
    });
    held.release();
    expect(await aDone).toMatchObject({ kind: 'stored' });
    expect(b.calls.read).toBe(0);
  });

  it('a reading that fails on the machinery gives the claim back at once', async () => {
    const dirs = makeDataDirs();
    const file = join(dirs.inbox, 'fax.pdf');
    writeFileSync(file, 'Demande radiographie\n');
    const { sha256 } = await fingerprint(file);
    const a = instance(dirs, 'a', {
      onStage: (stage) => {
        if (stage === 'read') throw new Error('disk full');
      },
    });
    expect(await a.intake.processFile(file, { stable: true })).toMatchObject({ kind: 'error' });
    const b = instance(dirs, 'b');
    expect(await b.store.claimIntake(sha256, 'b', new Date(), 60_000)).toBe(true);
  });
});
