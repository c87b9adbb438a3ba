/**
 * Where a reading process starts (reading-process.ts forks it with plain Node, no loader).
 *
 * The libraries that read untrusted bytes are loaded here, natively, before the TypeScript loader
 * (tsx) is registered for our own modules: through tsx, pdf.js and its worker cost some 400 MB more
 * per process and seconds of start-up (tsx keeps and rewrites the source of every module it
 * loads). Loaded first, they are in Node's module cache and never pass through it.
 */
const { ocr = 'eager' } = JSON.parse(process.argv[2] ?? '{}');
const [, pdfWorker, , sharp] = await Promise.all([
  import('pdfjs-dist/legacy/build/pdf.mjs'),
  import('pdfjs-dist/legacy/build/pdf.worker.mjs'),
  import('pdf-parse'),
  import('sharp'),
  import('tesseract.js'),
  // pdf-lib decodes fax PDFs' pictures (pdf-page-image.ts): a desk reads many, a one-off check of
  // a text-layer PDF none, so only a desk's process pays for it up front.
  ...(ocr === 'eager' ? [import('pdf-lib')] : []),
]);
// One fax at a time per process, one process per core: libvips needs no threads of its own, nor
// its cache of recent operations (up to 50 MB kept per process for images never seen again).
sharp.default.cache(false);
sharp.default.concurrency(1);
// pdf.js runs its "worker" in this thread; given the module, it does not import it again.
globalThis.pdfjsWorker = pdfWorker;

const { register } = await import('tsx/esm/api');
register();
await import('./reader-child.ts');
