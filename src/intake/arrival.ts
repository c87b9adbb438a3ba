/**
 * A fax as intake handles it once it has its content, whatever handed it over: a file in the
 * inbox folder (moved into the archive when recorded) or content a source holds (a mail
 * attachment, written into the archive when recorded). Recording and crash recovery
 * (recording.ts, recovery.ts) see only this, so a new source needs no change there.
 */
import { createHash } from 'node:crypto';
import type { FaxOrigin } from '../store/records.ts';
import { writeFileDurably } from './durable-write.ts';
import { fingerprint } from './fingerprint.ts';
import { DestinationExistsError, exists, moveFile } from './placement.ts';

export interface Arrival {
  /** What the intake result names: the inbox path, or the source's reference. Never logged. */
  label: string;
  /** The name it arrived under (may hold anything: never logged). */
  originalName: string;
  sha256: string;
  size: number;
  /** First bytes, to recognise the kind of a file that cannot be read. */
  head: Buffer;
  /** The content; null when too large to hold, or never opened (a symbolic link). */
  bytes: Buffer | null;
  /** When the file was last written, when known. */
  modifiedAt: Date | null;
  origin: FaxOrigin | null;
  /** Puts the original at `dest` (never overwriting): the inbox file moved, held content written. */
  placeAt(dest: string): Promise<void>;
  /** False once an inbox file has left the inbox (another instance placed it); held content: true. */
  stillHere(): Promise<boolean>;
}

/** A file in the inbox folder, already fingerprinted (or stood in for). */
export function inboxArrival(
  file: string,
  taken: { originalName: string; sha256: string; size: number; head: Buffer; bytes: Buffer | null },
  modifiedAt: Date | null,
  origin: FaxOrigin | null,
): Arrival {
  return {
    label: file,
    ...taken,
    modifiedAt,
    origin,
    placeAt: (dest) => moveFile(file, dest),
    stillHere: () => exists(file),
  };
}

/** Content a source holds in memory (a mail attachment, a whole message set aside). */
export function heldArrival(held: {
  name: string;
  bytes: Buffer;
  origin: FaxOrigin;
  label?: string;
}): Arrival {
  const sha256 = createHash('sha256').update(held.bytes).digest('hex');
  return {
    label: held.label ?? held.origin.ref ?? held.name,
    originalName: held.name,
    sha256,
    size: held.bytes.length,
    head: Buffer.from(held.bytes.subarray(0, 8)),
    bytes: held.bytes,
    modifiedAt: null,
    origin: held.origin,
    async placeAt(dest) {
      try {
        await writeFileDurably(dest, held.bytes);
      } catch (error) {
        // Another instance holding the same content (one message read by two) wrote it first.
        if (!(error instanceof DestinationExistsError) || (await fingerprint(dest)).sha256 !== sha256)
          throw error;
      }
    },
    stillHere: () => Promise.resolve(true),
  };
}
