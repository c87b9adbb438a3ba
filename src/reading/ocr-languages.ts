/**
 * Puts the French and English Tesseract models in one local folder, so the
 * OCR workers load them from disk and never reach for a CDN.
 */
import { copyFile, mkdir, readFile, rename, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const OCR_LANGUAGES = ['fra', 'eng'] as const;

/**
 * `4.0.0_best_int` (LSTM-only, integer) rather than `4.0.0` (legacy + LSTM):
 * measured on a generated 1-bit fax page (fra+eng, 1 worker) it was as
 * accurate and faster to load and run; see the reading report.
 */
export const OCR_MODEL_VARIANT = '4.0.0_best_int';

export function defaultLangDir(): string {
  return join(tmpdir(), `faxdesk-tessdata-${OCR_MODEL_VARIANT}`);
}

const require = createRequire(import.meta.url);

function packagedModel(lang: string): string {
  const pkgJson = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  return join(dirname(pkgJson), OCR_MODEL_VARIANT, `${lang}.traineddata.gz`);
}

/**
 * A traineddata file starts with its table of contents: an int32 entry
 * count, then one int64 offset per entry (-1 when absent), increasing and
 * inside the file. A garbled model fails this; Tesseract would instead
 * silently start without the language.
 */
function looksLikeTraineddata(data: Buffer): boolean {
  if (data.length < 4) return false;
  const entries = data.readInt32LE(0);
  if (entries < 1 || entries > 100 || data.length < 4 + entries * 8) return false;
  let previous = 0;
  let present = 0;
  for (let i = 0; i < entries; i++) {
    const offset = Number(data.readBigInt64LE(4 + i * 8));
    if (offset === -1) continue;
    if (offset < 4 + entries * 8 || offset < previous || offset >= data.length) return false;
    previous = offset;
    present += 1;
  }
  return present > 0;
}

async function isUsableModel(path: string): Promise<boolean> {
  try {
    return looksLikeTraineddata(gunzipSync(await readFile(path)));
  } catch {
    return false;
  }
}

/**
 * Copies `<lang>.traineddata.gz` into `langDir` when missing, then checks
 * every file looks usable. Checking here matters: a language that fails to
 * load inside a tesseract.js worker thread either leaves `createWorker`
 * hanging or, for a garbled model, starts a worker without that language.
 */
export async function prepareLangDir(langDir: string): Promise<void> {
  await mkdir(langDir, { recursive: true });
  for (const lang of OCR_LANGUAGES) {
    const target = join(langDir, `${lang}.traineddata.gz`);
    const present = await stat(target).then(
      (s) => s.isFile() && s.size > 0,
      () => false,
    );
    if (!present) {
      // Copy then rename, so a concurrent process never sees half a file.
      const partial = `${target}.${process.pid}.part`;
      await copyFile(packagedModel(lang), partial);
      await rename(partial, target);
    }
    if (!(await isUsableModel(target))) {
      throw new Error(`OCR model ${lang} in ${langDir} is not a gzip traineddata file`);
    }
  }
}
