/**
 * Names for files Faxdesk writes: `<faxId>-<safe original name>`. The original
 * name is kept as-is in the store; on disk it must be a single, portable path
 * component, short enough for every filesystem it may land on (255 bytes on
 * ext4/NTFS, 143 under eCryptfs), with room for the id prefix and `.reason.txt`.
 */
import { join } from 'node:path';

/** Bytes left for the original name: 27 (id + dash) + 100 + 11 (`.reason.txt`) = 138 < 143. */
export const SAFE_NAME_MAX_BYTES = 100;

const UNSAFE = /[\\/:*?"<>|\p{Cc}\p{Cf}]/gu;

function byteLength(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Truncates by whole code points (never splits a character) to at most `maxBytes` UTF-8 bytes. */
function truncateBytes(s: string, maxBytes: number): string {
  let out = '';
  for (const ch of s) {
    if (byteLength(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

/** A single portable file-name component that keeps the name recognisable and its extension. */
export function safeFileName(original: string, maxBytes = SAFE_NAME_MAX_BYTES): string {
  let name = original
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '') // no hidden files, no "..", no leading spaces
    .replace(/[.\s]+$/, ''); // Windows drops trailing dots and spaces
  if (name.length === 0) name = 'fax';
  if (byteLength(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
  const stem = truncateBytes(name.slice(0, name.length - ext.length), maxBytes - byteLength(ext)).trimEnd();
  return (stem.length > 0 ? stem : 'fax') + ext;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** archive/YYYY/MM/DD (local date: the day staff would look for it). */
export function archiveDayDir(archiveRoot: string, at: Date): string {
  return join(archiveRoot, String(at.getFullYear()), pad(at.getMonth() + 1), pad(at.getDate()));
}

export function storedName(id: string, originalName: string): string {
  return `${id}-${safeFileName(originalName)}`;
}

export function reasonFilePath(quarantinedPath: string): string {
  return `${quarantinedPath}.reason.txt`;
}
