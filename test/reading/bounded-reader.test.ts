/**
 * The bounded reader (src/reading/isolation/): the same reading as the in-process reader, from a
 * separate process; a reading process that dies under it (the kernel's OOM killer, a native
 * decoder's crash) costs one fax, quarantined with a French reason, and the next file is read.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createBoundedFaxReader, createFaxReader } from '../../src/reading/index.ts';
import { UnreadableFaxError } from '../../src/domain/reading.ts';
import { buildCorpus, renderFixture } from '../fixtures/index.ts';
import { pathOperationsPdf } from '../hostile/bombs.ts';
import { noOcrPool } from './fake-pool.ts';

const reader = createBoundedFaxReader({ workers: 1 });
afterAll(() => reader.close());

async function textPdf(seed: number): Promise<Buffer> {
  const [entry] = buildCorpus({ seed, count: 1, scenarios: ['valid'], formats: ['pdf-text'] });
  return renderFixture(entry!);
}

/** The reading processes this test process started. */
function readingProcesses(): number[] {
  const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((line) => line.includes('reader-entry'))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

describe('the bounded reader', () => {
  it('starts one reading process ahead of the first file when warmed, and reads on it', async () => {
    const warmed = createBoundedFaxReader({ workers: 2, ocrStart: 'lazy' });
    try {
      const before = readingProcesses();
      warmed.warm();
      warmed.warm();
      const started = readingProcesses().filter((pid) => !before.includes(pid));
      expect(started).toHaveLength(1);
      const reading = await warmed.read(await textPdf(6));
      expect(reading.pages[0]?.source).toBe('text-layer');
      // The file went to the warmed process: no second one was needed for it.
      expect(readingProcesses().filter((pid) => !before.includes(pid))).toEqual(started);
    } finally {
      await warmed.close();
    }
  });

  it("runs a desk's reading processes lean (one malloc arena, no baseline WebAssembly compiler), a one-off check's quick to start", async () => {
    const flags = async (ocrStart: 'eager' | 'lazy') => {
      const r = createBoundedFaxReader({ workers: 1, ocrStart });
      try {
        const before = readingProcesses();
        r.warm();
        const [pid] = readingProcesses().filter((p) => !before.includes(p));
        const args = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0');
        const env = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
        return {
          liftoff: !args.includes('--no-liftoff'),
          arenas: env.find((e) => e.startsWith('MALLOC_ARENA_MAX=')),
        };
      } finally {
        await r.close();
      }
    };
    // An operator's own MALLOC_ARENA_MAX is kept.
    const arenas = `MALLOC_ARENA_MAX=${process.env.MALLOC_ARENA_MAX || '1'}`;
    expect(await flags('eager')).toEqual({ liftoff: false, arenas });
    expect(await flags('lazy')).toEqual({ liftoff: true, arenas });
  });

  it('gives the very reading the in-process reader gives', async () => {
    const pdf = await textPdf(3);
    const inProcess = await createFaxReader({ ocr: noOcrPool() }).read(pdf);
    expect(await reader.read(pdf)).toEqual(inProcess);
  });

  it('turns a reading process killed mid-read into an unreadable fax, and reads the next file', async () => {
    await reader.read(await textPdf(5)); // a reading process up and waiting, as at the desk
    const reading = reader.read(pathOperationsPdf());
    // Killed from outside once it is at work (as the OOM killer or a segfault would end it).
    let killed = false;
    while (!killed) {
      await new Promise((r) => setTimeout(r, 200));
      for (const pid of readingProcesses()) {
        process.kill(pid, 'SIGKILL');
        killed = true;
      }
    }
    const error = await reading.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableFaxError);
    expect(error).toMatchObject({ code: 'interrupted' });
    expect((error as Error).message).toMatch(/^Lecture interrompue : le lecteur s’est arrêté net sur /);
    const next = await reader.read(await textPdf(4));
    expect(next.pages[0]?.source).toBe('text-layer');
  }, 60_000);

  it('leaves no reading process behind when the desk itself is killed mid-read', async () => {
    // A desk of its own, killed with SIGKILL while its reading process is deep in a bomb: no time
    // to stop it, and the reading process's own thread is too busy to notice the parent has gone.
    const repo = fileURLToPath(new URL('../..', import.meta.url));
    const code = `
      import { createBoundedFaxReader } from './src/reading/isolation/bounded-reader.ts';
      import { pathOperationsPdf } from './test/hostile/bombs.ts';
      import { execFileSync } from 'node:child_process';
      const reader = createBoundedFaxReader({ workers: 1 });
      void reader.read(pathOperationsPdf());
      setTimeout(() => {
        const out = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' });
        const pids = out.split('\\n').filter((l) => l.includes('reader-entry')).map((l) => l.trim().split(' ')[0]);
        process.stdout.write(pids.join(',') + '\\n');
      }, 3000);`;
    const desk = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      cwd: repo,
    });
    const pids = await new Promise<number[]>((resolve) =>
      desk.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim().split(',').map(Number))),
    );
    expect(pids.length).toBe(1);
    desk.kill('SIGKILL');
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    while (pids.some(alive)) await new Promise((r) => setTimeout(r, 200));
    expect(pids.filter(alive)).toEqual([]);
  }, 60_000);
});
