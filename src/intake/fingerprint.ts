/**
 * Stage (b): the file's SHA-256, read as a stream (faxes can be large PDFs),
 * plus its first bytes to recognise the kind of an unreadable file.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { FileKind } from '../domain/reading.ts';

export interface Fingerprint {
  sha256: string;
  size: number;
  head: Buffer;
}

export async function fingerprint(path: string): Promise<Fingerprint> {
  const hash = createHash('sha256');
  let size = 0;
  const headParts: Buffer[] = [];
  let headLength = 0;
  for await (const chunk of createReadStream(path)) {
    const buf = chunk as Buffer;
    hash.update(buf);
    size += buf.length;
    if (headLength < 8) {
      headParts.push(buf.subarray(0, 8 - headLength));
      headLength += Math.min(buf.length, 8 - headLength);
    }
  }
  return { sha256: hash.digest('hex'), size, head: Buffer.concat(headParts) };
}

/** The kind from magic bytes (names lie; fax servers name PDFs `.fax` or nothing at all). */
export function sniffKind(head: Buffer): FileKind | null {
  if (head.subarray(0, 4).toString('latin1') === '%PDF') return 'pdf';
  const tiffLE = head[0] === 0x49 && head[1] === 0x49 && head[2] === 0x2a && head[3] === 0x00;
  const tiffBE = head[0] === 0x4d && head[1] === 0x4d && head[2] === 0x00 && head[3] === 0x2a;
  if (tiffLE || tiffBE) return 'tiff';
  if (head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'png';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  return null;
}
