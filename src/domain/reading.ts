/**
 * What reading a fax file produced: per-page text, how it was obtained, and
 * the page-level signals the legibility rule needs.
 */
import { z } from 'zod';
import { PageLayout } from './layout.ts';

export const FileKind = z.enum(['pdf', 'tiff', 'png', 'jpeg']);
export type FileKind = z.infer<typeof FileKind>;

export const PageReading = z.object({
  /** 1-based page number. */
  index: z.number().int().positive(),
  text: z.string(),
  /** How the text was obtained: the PDF's text layer, or OCR. */
  source: z.enum(['text-layer', 'ocr']),
  /** Mean OCR word confidence 0–100; null for a text layer. */
  confidence: z.number().min(0).max(100).nullable(),
  /** Rotation applied before OCR (0, 90, 180, 270) and small deskew angle in degrees. */
  rotation: z.number(),
  skew: z.number(),
  /** Share of mid-grey pixels (0–1): high on photos/scans of paper, ~0 on a 1-bit fax. */
  greyRatio: z.number().min(0).max(1).nullable(),
  /** Page size in pixels as OCR saw it (after resolution correction), if rasterised. */
  width: z.number().int().nonnegative().nullable(),
  height: z.number().int().nonnegative().nullable(),
  /** The page as a tree of blocks, lines and words with their boxes; absent when not kept (older records, tests): then the text alone is read. */
  layout: PageLayout.nullish(),
});
export type PageReading = z.infer<typeof PageReading>;

export const FaxReading = z.object({
  kind: FileKind,
  pages: z.array(PageReading),
  /** True if any page went through OCR. */
  ocrUsed: z.boolean(),
  /** Mean OCR confidence over OCR'd pages, weighted by text length; null when no OCR. */
  confidence: z.number().min(0).max(100).nullable(),
});
export type FaxReading = z.infer<typeof FaxReading>;

/**
 * A file that cannot be read raises this, with a reason a clerk can read
 * (French first: it ends up on a card and in the quarantine note).
 */
export class UnreadableFaxError extends Error {
  constructor(
    /** Stable machine code: 'empty', 'corrupt', 'encrypted', 'unsupported', 'too-large', 'no-text', … */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'UnreadableFaxError';
  }
}
