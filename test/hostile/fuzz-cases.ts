/**
 * Seeded mutations of valid fax files, and one fuzz case run against the real reader
 * with a fake OCR pool (the fuzz is about parsing and decoding, not Tesseract).
 * Shared by fuzz.test.ts (PDF cases, in process) and fuzz-runner.ts (TIFF cases, in a
 * child process, in case libtiff/libvips ever crashes natively).
 */
import { FaxReading, UnreadableFaxError } from '../../src/domain/reading.ts';
import { createFaxReader, type OcrPool } from '../../src/reading/index.ts';
import { encodeG4, FINE_DPI, g4Pdf, Rng, textPdf, writeG4Tiff, type Bitmap } from '../fixtures/index.ts';
import { buildCorpus, renderPages } from '../fixtures/index.ts';
import { rawPage, textPage } from '../reading/render-page.ts';

export type FuzzFormat = 'pdf' | 'tiff';

/** Answers instantly with plausible text: the pages still go through rasterising and straightening. */
export function fakeOcrPool(): OcrPool {
  return {
    size: 1,
    recognize: () => Promise.resolve({ text: 'Ordonnance IRM', confidence: 90, tsv: '' }),
    close: () => Promise.resolve(),
  };
}

/** Small pages keep each case fast: the fuzz is about structure, not size. */
async function smallPage(lines: string[]): Promise<Bitmap> {
  const raw = await rawPage(textPage(lines, { width: 480, height: 320, fontSize: 28, top: 60 }));
  return { ...raw, xRes: FINE_DPI.x, yRes: FINE_DPI.y };
}

export async function seedFiles(format: FuzzFormat): Promise<Buffer[]> {
  const pages = await Promise.all([
    smallPage(['Ordonnance', 'IRM genou']),
    smallPage(['Page 2', 'Signature']),
  ]);
  const g4 = await Promise.all(pages.map(encodeG4));
  if (format === 'tiff') return [writeG4Tiff(g4), writeG4Tiff(g4.slice(0, 1))];
  const [entry] = buildCorpus({ seed: 2, count: 1, formats: ['pdf-text'] });
  return [await g4Pdf(g4), await textPdf(renderPages(entry!.spec))];
}

export interface FuzzCase {
  index: number;
  mutation: string;
  bytes: Buffer;
}

function bitFlips(rng: Rng, buf: Buffer, from = 0, to = buf.length): string {
  const n = rng.int(1, 16);
  for (let i = 0; i < n; i++) {
    const at = rng.int(from, Math.min(to, buf.length) - 1);
    buf[at] = (buf[at] as number) ^ (1 << rng.int(0, 7));
  }
  return `bit flips ×${n}`;
}

function randomBytes(rng: Rng, n: number): Buffer {
  return Buffer.from(Array.from({ length: n }, () => rng.int(0, 255)));
}

/** A value chosen to hurt: 0, 1, max, a bit past the end, huge, negative-looking. */
function nastyNumber(rng: Rng, length: number): number {
  return rng.pick([
    0,
    1,
    0xffff,
    0xffffffff,
    0x7fffffff,
    length,
    length + 1,
    length * 4,
    rng.int(0, 0xffffffff),
  ]);
}

/** Overwrites a TIFF header field: the first IFD offset, an IFD's entry count, or an entry's type/count/value. */
function tiffField(rng: Rng, buf: Buffer): string {
  const ifd = buf.readUInt32LE(4);
  const entries = ifd + 2 <= buf.length ? buf.readUInt16LE(ifd) : 0;
  const choice = rng.int(0, 3);
  if (choice === 0 || entries === 0) {
    buf.writeUInt32LE(nastyNumber(rng, buf.length) >>> 0, 4);
    return 'first IFD offset';
  }
  if (choice === 1) {
    buf.writeUInt16LE(rng.pick([0, 1, entries + 1, 500, 0xffff]), ifd);
    return 'IFD entry count';
  }
  const entry = ifd + 2 + rng.int(0, entries - 1) * 12;
  if (entry + 12 > buf.length) return 'none (IFD past end)';
  const tag = buf.readUInt16LE(entry);
  if (choice === 2) {
    buf.writeUInt32LE(nastyNumber(rng, buf.length) >>> 0, entry + 4);
    return `count of tag ${tag}`;
  }
  if (rng.chance(0.3)) {
    buf.writeUInt16LE(rng.int(0, 20), entry + 2);
    return `type of tag ${tag}`;
  }
  buf.writeUInt32LE(nastyNumber(rng, buf.length) >>> 0, entry + 8);
  return `value/offset of tag ${tag}`;
}

/** Overwrites one number after a PDF key that matters to the parser (/Length, xref offsets, sizes…). */
function pdfField(rng: Rng, buf: Buffer): string {
  const text = buf.toString('latin1');
  const keys = [
    '/Length ',
    '/Count ',
    '/Width ',
    '/Height ',
    '/Size ',
    'startxref\n',
    '/MediaBox [',
    '/Columns ',
    '/K ',
  ];
  const found: { key: string; at: number }[] = [];
  for (const key of keys) {
    for (let at = text.indexOf(key); at !== -1; at = text.indexOf(key, at + 1))
      found.push({ key, at: at + key.length });
  }
  const xref = text.lastIndexOf('xref\n');
  if (xref !== -1) {
    // An offset in the xref table: "0000001234 00000 n".
    const entry = /(\d{10}) \d{5} n/g;
    entry.lastIndex = xref;
    for (let m = entry.exec(text); m; m = entry.exec(text)) found.push({ key: 'xref entry', at: m.index });
  }
  if (found.length === 0) return bitFlips(rng, buf);
  const { key, at } = rng.pick(found);
  const digits = /^-?\d+/.exec(text.slice(at))?.[0] ?? '';
  const value = String(rng.pick([0, -1, 1, 99999999999, nastyNumber(rng, buf.length)]));
  // Same width where possible, so the rest of the file keeps its offsets.
  const replacement =
    digits.length > 0
      ? value.padStart(digits.length, '0').slice(-Math.max(digits.length, value.length))
      : value;
  buf.write(replacement.slice(0, Math.max(digits.length, 1)), at, 'latin1');
  return `${key.trim()} = ${replacement.slice(0, Math.max(digits.length, 1))}`;
}

/** One mutated file; the same (seed, index) always gives the same bytes. */
export function mutate(seed: number, index: number, format: FuzzFormat, seeds: Buffer[]): FuzzCase {
  const rng = new Rng(seed).fork(`${format}:${index}`);
  const base = rng.pick(seeds);
  let bytes = Buffer.from(base);
  const steps: string[] = [];
  const rounds = rng.int(1, 3);
  for (let r = 0; r < rounds; r++) {
    const kind = rng.int(0, 4);
    if (kind === 0 && format === 'tiff' && bytes.length > 16 && rng.chance(0.5)) {
      // Inside the first page's G4 data (the fixture writes it right after the header),
      // where the structure check cannot help and the native decoder must cope.
      steps.push(`G4 data: ${bitFlips(rng, bytes, 8, Math.min(bytes.length, 8 + 400))}`);
    } else if (kind === 0) steps.push(bitFlips(rng, bytes));
    else if (kind === 1) {
      const at = rng.int(0, bytes.length - 1);
      bytes = bytes.subarray(0, at);
      steps.push(`truncated at ${at}`);
    } else if (kind === 2) {
      const at = rng.int(0, bytes.length);
      const n = rng.int(1, 512);
      bytes = Buffer.concat([bytes.subarray(0, at), randomBytes(rng, n), bytes.subarray(at)]);
      steps.push(`${n} bytes inserted at ${at}`);
    } else if (kind === 3) {
      const at = rng.int(0, bytes.length - 1);
      const n = rng.int(1, 512);
      bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + n)]);
      steps.push(`${n} bytes deleted at ${at}`);
    } else {
      steps.push(format === 'tiff' && bytes.length >= 8 ? tiffField(rng, bytes) : pdfField(rng, bytes));
    }
    if (bytes.length === 0) break;
  }
  return { index, mutation: steps.join(', '), bytes };
}

export type CaseResult =
  | { index: number; outcome: 'read'; pages: number; ms: number }
  | { index: number; outcome: 'unreadable'; code: string; ms: number }
  | { index: number; outcome: 'bad'; error: string; mutation: string; ms: number };

/** Runs one case: a valid reading or an UnreadableFaxError; anything else (or a hang) is a bug. */
export async function runCase(c: FuzzCase, timeoutMs: number, ocr: OcrPool): Promise<CaseResult> {
  const reader = createFaxReader({ ocr, limits: { ocrTimeoutMsPerPage: timeoutMs } });
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`hang: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const reading = await Promise.race([reader.read(c.bytes), hang]);
    const parsed = FaxReading.safeParse(reading);
    if (!parsed.success) {
      return {
        index: c.index,
        outcome: 'bad',
        error: `invalid FaxReading: ${parsed.error.message}`,
        mutation: c.mutation,
        ms: Date.now() - started,
      };
    }
    return { index: c.index, outcome: 'read', pages: parsed.data.pages.length, ms: Date.now() - started };
  } catch (error) {
    if (error instanceof UnreadableFaxError)
      return { index: c.index, outcome: 'unreadable', code: error.code, ms: Date.now() - started };
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { index: c.index, outcome: 'bad', error: text, mutation: c.mutation, ms: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
