/**
 * An OCR pool that starts its workers on first use. Loading the French and
 * English models takes seconds per worker; a `faxdesk check` of a text PDF,
 * or a watcher with an empty inbox, should not pay for it.
 */
import type { OcrPool } from '../reading/ocr-pool.ts';

export function lazyOcrPool(size: number, start: () => Promise<OcrPool>): OcrPool {
  let started: Promise<OcrPool> | null = null;
  const pool = () => (started ??= start());
  return {
    size,
    async recognize(image, opts) {
      return (await pool()).recognize(image, opts);
    },
    async close() {
      if (started) await (await started.catch(() => null))?.close();
      started = null;
    },
  };
}
