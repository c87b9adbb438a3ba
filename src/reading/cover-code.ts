/**
 * The service's cover text ends with its form code (21-210-184W): a lone short word, small, often
 * in the corner of the cover's frame. On a degraded page, full-page analysis can throw that word
 * away with the frame's rule as noise, while the same word read in a band of its own comes back.
 * So when a page shows the cover's sentences but not its code, the band around the cover is read
 * once more and the lines holding the code join the page. Nothing else is read twice, and a page
 * without the cover's sentences never pays for it.
 */
import { type LayoutBlock, type LayoutLine, type PageLayout, unionBox } from '../domain/layout.ts';
import { findBanner, hasFormCode, isBannerLine } from '../parsing/banner.ts';

/** A band of the page, in pixels of the page as OCR saw it. */
export interface Band {
  top: number;
  height: number;
}

/** Lines of margin above and below the cover's lines: the code sits just outside them. */
const MARGIN_LINES = 3;

function lineText(l: LayoutLine): string {
  return l.words.map((w) => w.text).join(' ');
}

/**
 * The band to read again, or null when there is nothing to look for: the cover's sentences were
 * not read (no cover, or not this page), or its code already was.
 */
export function missingCoverCodeBand(text: string, layout: PageLayout): Band | null {
  const cover = findBanner(text);
  if (cover.formCode || !(cover.transit || cover.doNotReply || cover.confidentiality)) return null;
  const coverLines = layout.blocks.flatMap((b) => b.lines).filter((l) => isBannerLine(lineText(l)));
  if (coverLines.length === 0) return null;
  const box = unionBox(coverLines.map((l) => l.box));
  const lineHeight = Math.max(...coverLines.map((l) => l.box[3] - l.box[1]));
  const top = Math.max(0, box[1] - MARGIN_LINES * lineHeight);
  const bottom = Math.min(layout.height, box[3] + MARGIN_LINES * lineHeight);
  return bottom > top ? { top, height: bottom - top } : null;
}

/**
 * The band's lines that hold the form code, moved to where the band sits on the page, as one
 * block; null when the second look did not find it either.
 */
export function coverCodeBlock(band: PageLayout, top: number): LayoutBlock | null {
  const lines = band.blocks
    .flatMap((b) => b.lines)
    .filter((l) => hasFormCode(lineText(l)))
    .map((l) => ({
      box: [l.box[0], l.box[1] + top, l.box[2], l.box[3] + top] as LayoutLine['box'],
      words: l.words.map((w) => ({
        ...w,
        box: [w.box[0], w.box[1] + top, w.box[2], w.box[3] + top] as LayoutLine['box'],
      })),
    }));
  if (lines.length === 0) return null;
  return { box: unionBox(lines.map((l) => l.box)), lines };
}

export function blockText(block: LayoutBlock): string {
  return block.lines.map(lineText).join('\n');
}
