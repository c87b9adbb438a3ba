import type { OcrPool } from '../../src/reading/ocr-pool.ts';

/** A pool that fails the test if anything reaches OCR: errors must come first. */
export function noOcrPool(): OcrPool & { calls: number } {
  return {
    calls: 0,
    size: 1,
    recognize() {
      this.calls += 1;
      return Promise.reject(new Error('OCR must not run for this input'));
    },
    close: () => Promise.resolve(),
  };
}
