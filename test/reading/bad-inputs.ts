/**
 * Broken and oversized inputs built byte by byte, for the error paths.
 */
import { crc32 } from 'node:zlib';

/** A PDF from numbered object bodies, with a correct xref table. */
export function pdfFromObjects(objects: string[], trailerExtra = ''): Buffer {
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/**
 * A PDF whose standard security handler needs a user password: the /U
 * entry does not match the empty password, so no reader can open it.
 */
export function passwordPdf(): Buffer {
  const hex32 = (byte: string): string => `<${byte.repeat(32)}>`;
  return pdfFromObjects(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
      `<< /Filter /Standard /V 1 /R 2 /O ${hex32('5a')} /U ${hex32('a7')} /P -4 >>`,
    ],
    `/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef> <0123456789abcdef0123456789abcdef>]`,
  );
}

/** A PDF whose page tree claims `count` pages (the kids are never needed to refuse it). */
export function manyPagesPdf(count: number): Buffer {
  const kids = Array.from({ length: count }, () => '3 0 R').join(' ');
  return pdfFromObjects([
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${count} >>`,
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
  ]);
}

interface IfdEntry {
  tag: number;
  type: 3 | 4;
  value: number;
  count?: number;
}

/** A little-endian single-page TIFF with the given entries and `pixels` bytes of data. */
export function tiffWithEntries(entries: (dataAt: number) => IfdEntry[], pixels: Buffer): Buffer {
  const header = 8;
  const dataAt = header;
  const ifdAt = dataAt + pixels.length + (pixels.length % 2);
  const list = entries(dataAt).sort((a, b) => a.tag - b.tag);
  const buf = Buffer.alloc(ifdAt + 2 + list.length * 12 + 4);
  buf.write('II', 0, 'latin1');
  buf.writeUInt16LE(42, 2);
  buf.writeUInt32LE(ifdAt, 4);
  pixels.copy(buf, dataAt);
  buf.writeUInt16LE(list.length, ifdAt);
  list.forEach((e, i) => {
    const at = ifdAt + 2 + i * 12;
    buf.writeUInt16LE(e.tag, at);
    buf.writeUInt16LE(e.type, at + 2);
    buf.writeUInt32LE(e.count ?? 1, at + 4);
    if (e.type === 3) buf.writeUInt16LE(e.value, at + 8);
    else buf.writeUInt32LE(e.value, at + 8);
  });
  return buf;
}

/** The tags of a one-strip page: its size, sample depth, compression and photometric reading. */
export function stripTags(
  width: number,
  height: number,
  dataAt: number,
  dataLength: number,
  { bits, compression, photometric }: { bits: number; compression: number; photometric: number },
): IfdEntry[] {
  return [
    { tag: 256, type: 4, value: width },
    { tag: 257, type: 4, value: height },
    { tag: 258, type: 3, value: bits },
    { tag: 259, type: 3, value: compression },
    { tag: 262, type: 3, value: photometric },
    { tag: 273, type: 4, value: dataAt },
    { tag: 277, type: 3, value: 1 },
    { tag: 278, type: 4, value: height },
    { tag: 279, type: 4, value: dataLength },
  ];
}

/** Baseline bilevel tags for an uncompressed page. */
export function bilevelTags(width: number, height: number, dataAt: number, dataLength: number): IfdEntry[] {
  return stripTags(width, height, dataAt, dataLength, { bits: 1, compression: 1, photometric: 0 });
}

/** A PNG header (signature + IHDR) claiming the given size; no pixel data follows. */
export function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const type = Buffer.from('IHDR', 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, ihdr])));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, length, type, ihdr, crc]);
}
