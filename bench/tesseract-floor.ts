/**
 * The floor under the desk's memory: tesseract.js alone — the OCR engine the desk must use — with
 * as many workers as the desk has reading processes, French and English models, full page
 * analysis, reading the same pages the peer reads (already cut out as images). Whatever the desk
 * holds beyond this is the desk's own (Node per process, decoders, parser, store).
 *
 * Usage: tsx bench/tesseract-floor.ts PAGES_DIR WORKERS — prints the pages read.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Tesseract from 'tesseract.js';
import { defaultLangDir, OCR_LANGUAGES, prepareLangDir } from '../src/reading/ocr-languages.ts';

const [dir = '', workersArg = '2'] = process.argv.slice(2);
const langDir = defaultLangDir();
await prepareLangDir(langDir);
const workers = await Promise.all(
  Array.from({ length: Number(workersArg) }, async () => {
    const w = await Tesseract.createWorker([...OCR_LANGUAGES], Tesseract.OEM.LSTM_ONLY, {
      langPath: langDir,
      gzip: true,
      cacheMethod: 'none',
    });
    await w.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.AUTO });
    return w;
  }),
);
const pages = (await readdir(dir)).sort().map((name) => join(dir, name));
let read = 0;
await Promise.all(
  workers.map(async (w) => {
    for (let page = pages.shift(); page !== undefined; page = pages.shift()) {
      await w.recognize(await readFile(page), {}, { text: true, tsv: true });
      read += 1;
    }
  }),
);
await Promise.all(workers.map((w) => w.terminate()));
process.stdout.write(`${read}\n`);
