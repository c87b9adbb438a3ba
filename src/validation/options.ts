/**
 * Tunable thresholds of the rules. Defaults are conservative: when in doubt a page is
 * flagged for review, never silently accepted.
 */
import { z } from 'zod';

export const ValidationOptions = z.object({
  /** OCR'd pages whose mean word confidence (0–100) is below this are flagged as hard to read. */
  minOcrConfidence: z.number().min(0).max(100).default(60),
  /**
   * Pages whose share of mid-grey pixels is above this look like a photo or a greyscale scan of
   * paper (a true fax is 1-bit, ~0). Greyscale scans of printed forms stay well under 0.2.
   */
  maxGreyRatio: z.number().min(0).max(1).default(0.2),
  /**
   * Fewer letters/digits than this over all pages means nothing usable was read (OCR of a blank
   * page yields a few specks of punctuation, not words).
   */
  minUsableChars: z.number().int().min(0).default(3),
  /**
   * An OCR'd page below this mean confidence that gave only a few characters (fewer than
   * `noiseMaxChars`) read noise, not text: OCR of a photo or a speckled blank page "finds" a
   * handful of junk words at ~30. Such a page counts as no text. A real order read badly has
   * far more characters and goes through, flagged by `order.legible`.
   */
  noiseOcrConfidence: z.number().min(0).max(100).default(45),
  noiseMaxChars: z.number().int().min(0).default(80),
});
export type ValidationOptions = z.infer<typeof ValidationOptions>;

/** Fills in the defaults; throws a ZodError on out-of-range values (a configuration error). */
export function resolveOptions(partial?: Partial<ValidationOptions>): ValidationOptions {
  return ValidationOptions.parse(partial ?? {});
}

export const DEFAULT_OPTIONS: ValidationOptions = resolveOptions();
