/**
 * The desk against a scripter's native run, side by side in one run, on the files of
 * ../shared/corpus (a realistic mix of clean, degraded, 98-dpi, multi-page and photographed faxes):
 *
 *  - throughput: pages per minute of the desk (bench/desk-run.ts: bounded reading processes,
 *    the intake, SQLite) over the peer — native `tesseract`, 2 processes, OMP_THREAD_LIMIT=1,
 *    pages cut out with pdftoppm (200 dpi, grey) and tiffsplit — printed as a ratio;
 *  - peak resident memory of each whole process tree (bench/process-tree.ts);
 *  - the desk's per-fax overhead beside OCR: (time in the intake − time in OCR) / time in OCR;
 *  - start-up: `faxdesk check` of one text-layer PDF, wall time of the whole command;
 *  - the floor under the desk's memory: tesseract.js alone, as many workers, on the same pages
 *    (bench/tesseract-floor.ts), and what the desk holds beyond it.
 *
 * Without the Debian tools (tesseract-ocr, poppler-utils, libtiff-tools) the peer is skipped and
 * the bench says which are missing.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildCorpus, renderFixture } from '../test/fixtures/index.ts';
import { watchTreeRss } from './process-tree.ts';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '..');
const CORPUS = resolve(REPO, '../shared/corpus/faxes');
const FAX_FILE = /\.(pdf|tiff?|png|jpe?g)$/i;

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const mib = (bytes: number) => `${fmt(bytes / 1024 / 1024, 0)} MiB`;
const peaks = (p: { total: number; largest: number } | null) =>
  p === null ? 'n/a (no /proc)' : `${mib(p.total)} (largest process ${mib(p.largest)})`;
const line = (label: string, value: string) => console.log(`${label.padEnd(52)} ${value}`);

/** Runs a command to its end, its process tree's memory sampled meanwhile. */
function measured(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{
  ms: number;
  peakRss: { total: number; largest: number } | null;
  stdout: string;
  code: number | null;
}> {
  const started = performance.now();
  const child = spawn(command, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const memory = watchTreeRss(child.pid as number);
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  return new Promise((done) =>
    child.on('exit', (code) => {
      const ms = performance.now() - started;
      void memory.stop().then((peakRss) => done({ ms, peakRss, stdout, code }));
    }),
  );
}

async function missingTools(): Promise<string[]> {
  const missing: string[] = [];
  for (const [tool, pkg] of [
    ['tesseract', 'tesseract-ocr tesseract-ocr-fra'],
    ['pdftoppm', 'poppler-utils'],
    ['tiffsplit', 'libtiff-tools'],
  ] as const) {
    try {
      await run('sh', ['-c', `command -v ${tool}`]);
    } catch {
      missing.push(`${tool} (apt-get install ${pkg})`);
    }
  }
  if (missing.length === 0) {
    const { stdout } = await run('tesseract', ['--list-langs']);
    if (!/\bfra\b/.test(stdout)) missing.push('French model (apt-get install tesseract-ocr-fra)');
  }
  return missing;
}

/** The peer: what a scripter would write, one file per job, two jobs at a time. */
const PEER_SCRIPT = `
one() {
  d=$(mktemp -d)
  case "$1" in
    *.pdf|*.PDF) pdftoppm -r 200 -gray -png "$1" "$d/p" ;;
    *.tif|*.tiff|*.TIF|*.TIFF) tiffsplit "$1" "$d/p" ;;
    *) cp "$1" "$d/" ;;
  esac
  for page in "$d"/*; do
    OMP_THREAD_LIMIT=1 tesseract "$page" - -l fra+eng >/dev/null 2>&1 && echo page
  done
  rm -rf "$d"
}
export -f one
find "$1" -maxdepth 1 -type f | sort | xargs -P 2 -n 1 bash -c 'one "$0"'
`;

/** Every page of the corpus cut out as an image, as the peer does, into one folder. */
const CUT_PAGES = `
n=0
for f in $(find "$1" -maxdepth 1 -type f | sort); do
  n=$((n+1))
  case "$f" in
    *.pdf|*.PDF) pdftoppm -r 200 -gray -png "$f" "$2/f$n-p" ;;
    *.tif|*.tiff|*.TIF|*.TIFF) tiffsplit "$f" "$2/f$n-p" ;;
    *.png|*.PNG|*.jpg|*.jpeg) cp "$f" "$2/f$n-$(basename "$f")" ;;
  esac
done
`;

async function startUp(dir: string): Promise<number[]> {
  const [entry] = buildCorpus({ seed: 7, count: 1, scenarios: ['valid'], formats: ['pdf-text'] });
  const file = join(dir, 'texte.pdf');
  await writeFile(file, await renderFixture(entry!));
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const r = await measured(process.execPath, [join(REPO, 'bin/faxdesk.js'), 'check', file], {
      FAXDESK_HOME: join(dir, 'check-home'),
      FAXDESK_LOG_LEVEL: 'error',
    });
    times.push(r.ms);
  }
  return times.sort((a, b) => a - b);
}

export async function runDeskBench(opts: { workers: number }): Promise<void> {
  console.log(`Desk vs native script on ${CORPUS} (${opts.workers} workers each)`);
  const dir = await mkdtemp(join(tmpdir(), 'faxdesk-desk-bench-'));
  try {
    const startTimes = await startUp(dir);
    line('start-up: faxdesk check of one text-layer PDF, median of 3', `${fmt(startTimes[1]! / 1000, 2)} s`);

    let names: string[];
    try {
      names = (await readdir(CORPUS)).filter((n) => FAX_FILE.test(n)).sort();
    } catch {
      line('corpus', `not found (${CORPUS}): desk vs native skipped`);
      return;
    }
    const home = join(dir, 'home');
    await mkdir(join(home, 'inbox'), { recursive: true });
    for (const name of names) await copyFile(join(CORPUS, name), join(home, 'inbox', name));

    const desk = await measured(process.execPath, [
      '--import',
      'tsx',
      join(REPO, 'bench/desk-run.ts'),
      home,
      String(opts.workers),
    ]);
    const result = JSON.parse(desk.stdout.trim().split('\n').at(-1) ?? '{}') as {
      wallMs: number;
      faxMs: number;
      ocrMs: number;
      faxes: number;
      pages: number;
    };
    const deskRate = result.pages / (desk.ms / 60_000);
    line('desk: files, pages', `${names.length} files, ${result.faxes} faxes stored, ${result.pages} pages`);
    line(
      'desk: pages per minute (whole process, start to end)',
      `${fmt(deskRate)} (${fmt(desk.ms / 1000)} s)`,
    );
    line('desk: peak RSS of the process tree', peaks(desk.peakRss));
    line(
      'desk: per-fax overhead beside OCR',
      `${fmt((100 * (result.faxMs - result.ocrMs)) / Math.max(1, result.ocrMs))} % ` +
        `(intake ${fmt(result.faxMs / 1000)} s, of which OCR ${fmt(result.ocrMs / 1000)} s, summed over faxes)`,
    );

    const missing = await missingTools();
    if (missing.length > 0) {
      line('native script', `skipped, missing: ${missing.join(', ')}`);
      return;
    }
    const peer = await measured('bash', ['-c', PEER_SCRIPT, 'peer', CORPUS]);
    const peerPages = peer.stdout.split('\n').filter((l) => l === 'page').length;
    const peerRate = peerPages / (peer.ms / 60_000);
    line(
      'native script: pages per minute',
      `${fmt(peerRate)} (${peerPages} pages, ${fmt(peer.ms / 1000)} s)`,
    );
    line('native script: peak RSS of the process tree', peaks(peer.peakRss));
    line('throughput ratio desk / native script', `${fmt(deskRate / peerRate, 2)}×`);
    if (desk.peakRss !== null && peer.peakRss !== null) {
      line('memory ratio desk / native script', `${fmt(desk.peakRss.total / peer.peakRss.total, 2)}×`);
    }

    // The floor: tesseract.js alone on the same pages, as many workers as the desk.
    const pagesDir = join(dir, 'pages');
    await mkdir(pagesDir);
    await run('bash', ['-c', CUT_PAGES, 'cut', CORPUS, pagesDir]);
    const floor = await measured(process.execPath, [
      '--import',
      'tsx',
      join(REPO, 'bench/tesseract-floor.ts'),
      pagesDir,
      String(opts.workers),
    ]);
    line(
      `tesseract.js alone, ${opts.workers} workers: peak RSS`,
      `${peaks(floor.peakRss)} (${floor.stdout.trim()} pages, ${fmt(floor.ms / 1000)} s)`,
    );
    if (desk.peakRss !== null && floor.peakRss !== null) {
      line(
        'desk beyond tesseract.js alone',
        `${mib(desk.peakRss.total - floor.peakRss.total)} (desk / floor ${fmt(desk.peakRss.total / floor.peakRss.total, 2)}×)`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
