/**
 * Files built to make a reader work or allocate without end, each small on disk: the four kinds
 * of issue 12. Built here, byte by byte; no binary is kept in the repository.
 */
import { createDeflate, deflateSync } from 'node:zlib';
import { pdfFromObjects, stripTags, tiffWithEntries } from '../reading/bad-inputs.ts';

function streamObject(dict: string, data: Buffer): string {
  return `<< ${dict} /Length ${data.length} >>\nstream\n${data.toString('latin1')}\nendstream`;
}

function onePagePdf(content: Buffer, resources = '<< >>', extra: string[] = []): Buffer {
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents 4 0 R >>`,
    streamObject('/Filter /FlateDecode', content),
    ...extra,
  ]);
}

/** One page drawing `count` tiny line segments (a 131 KB file for 3 million in the issue). */
export function pathOperationsPdf(count = 3_000_000): Buffer {
  const ops = Buffer.from('1 1 m 2 2 l S\n', 'latin1');
  return onePagePdf(deflateSync(Buffer.alloc(ops.length * count, ops), { level: 9 }));
}

/** One page whose content stream inflates to `bytes` of blanks (1.5 GB from ~1.5 MB in the issue). */
export async function deflateBombPdf(bytes = 1024 * 1024 * 1024): Promise<Buffer> {
  const chunk = Buffer.alloc(16 * 1024 * 1024, 0x20);
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const ended = new Promise((resolve) => deflate.on('end', resolve));
  for (let left = bytes; left > 0; left -= chunk.length) {
    if (!deflate.write(chunk.subarray(0, Math.min(chunk.length, left)))) {
      await new Promise((resolve) => deflate.once('drain', resolve));
    }
  }
  deflate.end();
  await ended;
  return onePagePdf(Buffer.concat(parts));
}

/** One page drawing `count` distinct greyscale images of `side`² pixels, each a few bytes deflated. */
export function manyImagesPdf(count = 5000, side = 1000): Buffer {
  const pixels = deflateSync(Buffer.alloc(side * side, 0x80), { level: 9 });
  const firstImage = 5;
  const names = Array.from({ length: count }, (_, i) => `/Im${i} ${firstImage + i} 0 R`).join(' ');
  const draws = Array.from({ length: count }, (_, i) => `q 612 0 0 792 0 0 cm /Im${i} Do Q\n`).join('');
  const images = Array.from({ length: count }, () =>
    streamObject(
      `/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceGray ` +
        '/BitsPerComponent 8 /Filter /FlateDecode',
      pixels,
    ),
  );
  return onePagePdf(deflateSync(Buffer.from(draws, 'latin1')), `<< /XObject << ${names} >> >>`, images);
}

/**
 * A one-page greyscale TIFF whose single Deflate strip of a few kilobytes inflates to
 * `width` × `height` bytes (under the pixel limit) of small dots: a page of a million specks.
 */
export function inflatingStripTiff(width = 7000, height = 8000): Buffer {
  const row = (dotted: boolean): Buffer =>
    Buffer.from(Array.from({ length: width }, (_, x) => (dotted && x % 6 < 3 ? 0 : 255)));
  const band = Buffer.concat([row(true), row(true), row(true), row(false), row(false), row(false)]);
  const image = Buffer.alloc(width * height, band);
  const strip = deflateSync(image, { level: 9 });
  // 8-bit grey, deflate (8), BlackIsZero (1).
  return tiffWithEntries(
    (dataAt) => stripTags(width, height, dataAt, strip.length, { bits: 8, compression: 8, photometric: 1 }),
    strip,
  );
}
