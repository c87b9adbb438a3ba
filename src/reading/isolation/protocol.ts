/**
 * Messages between the desk and a reading process (reading-process.ts ↔ reader-child.ts), sent
 * over Node's IPC channel with the "advanced" serialisation (bytes travel as bytes).
 */
import type { ReadLimits } from '../limits.ts';

/** What a reading process can be asked to do with a file's bytes. */
export type ReadingJob =
  | { op: 'read'; bytes: Uint8Array; limits: ReadLimits }
  | { op: 'preview'; bytes: Uint8Array; index: number }
  | { op: 'count'; bytes: Uint8Array };

export type ToChild = ReadingJob & { id: number };

/** A failure the child caught: an unreadable fax (with its French reason) or a fault of ours. */
export interface ChildFailure {
  unreadable: boolean;
  code: string;
  message: string;
}

export type FromChild =
  | { type: 'ready' }
  | { type: 'page'; id: number; index: number }
  | { type: 'done'; id: number; result: unknown; ocrMs: number }
  | { type: 'failed'; id: number; error: ChildFailure };

/** Options a reading process is started with (its first argument, as JSON). */
export interface ChildOptions {
  /** Where the OCR models are kept; unset: the reader's default. */
  langDir?: string;
  /**
   * When its OCR worker starts: 'eager' (default) as soon as the process is up, for a desk that
   * reads fax after fax; 'lazy' at the first page that needs it (a one-off `faxdesk check`);
   * 'never' for a process that only shows previews.
   */
  ocr?: 'eager' | 'lazy' | 'never';
}
