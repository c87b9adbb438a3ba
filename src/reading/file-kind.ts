/**
 * Tells what a fax file is from its first bytes. The extension is ignored:
 * inbox software names files however it likes.
 */
import type { FileKind } from '../domain/reading.ts';

function startsWith(buf: Buffer, bytes: number[], at = 0): boolean {
  return buf.length >= at + bytes.length && bytes.every((b, i) => buf[at + i] === b);
}

export function detectFileKind(buf: Buffer): FileKind | null {
  // %PDF may follow some junk; PDF readers accept it within the first 1 KiB.
  if (buf.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  // Classic TIFF (42) and BigTIFF (43), little- and big-endian.
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(buf, [0x49, 0x49, 0x2b, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2b])) return 'tiff';
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpeg';
  return null;
}
