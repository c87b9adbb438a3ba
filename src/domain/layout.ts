/**
 * What a page looks like once read: one tree, page → block → line → word, each word with its
 * box and confidence (after docTR's document model). OCR pages and PDF text layers both give
 * this tree, so every field reader works on geometry the same way whatever the source.
 *
 * Plain data only (it crosses worker boundaries and is stored as JSON). Boxes are
 * `[x0, y0, x1, y1]` in the page's own units (pixels as OCR saw the page, or PDF points), with y
 * growing downwards; `PageLayout.width`/`height` give the scale.
 */
import { z } from 'zod';

export const Box = z.tuple([z.number(), z.number(), z.number(), z.number()]);
export type Box = z.infer<typeof Box>;

export const LayoutWord = z.object({
  text: z.string(),
  box: Box,
  /** OCR confidence 0–100; null for a text layer (the characters are exact). */
  confidence: z.number().min(0).max(100).nullable(),
});
export type LayoutWord = z.infer<typeof LayoutWord>;

export const LayoutLine = z.object({
  box: Box,
  words: z.array(LayoutWord),
});
export type LayoutLine = z.infer<typeof LayoutLine>;

export const LayoutBlock = z.object({
  box: Box,
  lines: z.array(LayoutLine),
});
export type LayoutBlock = z.infer<typeof LayoutBlock>;

export const PageLayout = z.object({
  width: z.number().positive(),
  height: z.number().positive(),
  unit: z.enum(['px', 'pt', 'char']),
  blocks: z.array(LayoutBlock),
});
export type PageLayout = z.infer<typeof PageLayout>;

/** The box around a set of boxes. */
export function unionBox(boxes: readonly Box[]): Box {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return x0 === Infinity ? [0, 0, 0, 0] : [x0, y0, x1, y1];
}
