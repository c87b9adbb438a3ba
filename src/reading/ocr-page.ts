/**
 * One rasterised page through OCR: straighten it, recognise it, and when the
 * result looks poor check cheaply whether the page was upside down.
 */
import type { Box, PageLayout } from '../domain/layout.ts';
import type { PageReading } from '../domain/reading.ts';
import { binariseDownscaled } from './binary-image.ts';
import { type GreyPage, greyRatio, ocrImage, type OcrImage, ocrStrip } from './grey-page.ts';
import { type OcrPool, type OcrResult, OcrTimeoutError } from './ocr-pool.ts';
import { blockText, coverCodeBlock, missingCoverCodeBand } from './cover-code.ts';
import { layoutFromTsv } from './ocr-layout.ts';
import { findOrientation } from './page-orientation.ts';
import { enhancedPhoto, findPhotoRegion, type Region } from './photo-region.ts';
import { messages, unreadable } from './unreadable.ts';

/** Share of mid-grey pixels above which a page may hold a photograph (a pure fax page has ~0). */
const MIN_PHOTO_GREY = 0.05;

/**
 * The page's words with those the first pass read inside the photograph replaced by the photo's own
 * reading, moved to where the photo sits on the page (its slight turn is not undone in the boxes:
 * the words keep their order and rows, which is what the field readers use).
 */
function withPhotoWords(page: PageLayout, photo: PageLayout, region: Region): PageLayout {
  const inside = (b: Box) => {
    const cx = (b[0] + b[2]) / 2;
    const cy = (b[1] + b[3]) / 2;
    return (
      cx >= region.left &&
      cx < region.left + region.width &&
      cy >= region.top &&
      cy < region.top + region.height
    );
  };
  const move = (b: Box): Box => [
    b[0] + region.left,
    b[1] + region.top,
    b[2] + region.left,
    b[3] + region.top,
  ];
  const kept = page.blocks
    .map((block) => ({ ...block, lines: block.lines.filter((l) => !inside(l.box)) }))
    .filter((block) => block.lines.length > 0);
  const moved = photo.blocks.map((block) => ({
    box: move(block.box),
    lines: block.lines.map((l) => ({
      box: move(l.box),
      words: l.words.map((w) => ({ ...w, box: move(w.box) })),
    })),
  }));
  return { ...page, blocks: [...kept, ...moved] };
}

/** Below this mean confidence the first pass "looks bad" and the flip is checked. */
const GOOD_CONFIDENCE = 70;
/** The flipped strip must beat the first one by this much to turn the page. */
const FLIP_MARGIN = 10;

async function recognize(
  pool: OcrPool,
  input: OcrImage,
  timeoutMs: number,
  index: number,
): Promise<OcrResult> {
  try {
    return await pool.recognize(input.image, { timeoutMs, dpi: input.dpi });
  } catch (error) {
    if (error instanceof OcrTimeoutError) {
      throw unreadable('too-large', messages.ocrTimeout(index, Math.round(timeoutMs / 1000)), error);
    }
    throw error;
  }
}

export async function ocrPage(
  page: GreyPage,
  index: number,
  pool: OcrPool,
  timeoutMs: number,
): Promise<PageReading> {
  const grey = greyRatio(page);
  const orientation = findOrientation(await binariseDownscaled(page));
  let rotation = orientation.rotation;
  const angle = (r: number): number => r + orientation.skew;
  let result = await recognize(pool, await ocrImage(page, angle(rotation)), timeoutMs, index);

  if (result.text.trim() !== '' && result.confidence < GOOD_CONFIDENCE) {
    // Profiles cannot tell 0° from 180°: compare OCR confidence on the
    // densest band read both ways before paying for a second full page.
    const { top, height } = orientation.band;
    const flipped = (rotation + 180) % 360;
    const probe = async (r: number, t: number): Promise<number> => {
      const strip = await ocrStrip(page, angle(r), t, height);
      return (await recognize(pool, strip, timeoutMs, index)).confidence;
    };
    const [asIs, turned] = await Promise.all([probe(rotation, top), probe(flipped, 1 - top - height)]);
    if (turned > asIs + FLIP_MARGIN) {
      rotation = flipped;
      result = await recognize(pool, await ocrImage(page, angle(rotation)), timeoutMs, index);
    }
  }

  const size = rotatedSize(page, angle(rotation));
  let layout = layoutFromTsv(result.tsv, size.width, size.height);
  let text = result.text;
  const band = missingCoverCodeBand(text, layout);
  if (band) {
    const strip = await ocrStrip(page, angle(rotation), band.top / size.height, band.height / size.height);
    const again = await recognize(pool, strip, timeoutMs, index);
    const code = coverCodeBlock(layoutFromTsv(again.tsv, size.width, band.height), band.top);
    if (code) {
      layout = { ...layout, blocks: [...layout.blocks, code] };
      text = `${text.trimEnd()}\n${blockText(code)}\n`;
    }
  }
  // A photograph of a paper order pasted into the page: read it again on its own, enhanced.
  const region =
    rotation === 0 && Math.abs(orientation.skew) < 1 && grey > MIN_PHOTO_GREY ? findPhotoRegion(page) : null;
  if (region) {
    const { photo, skew } = await enhancedPhoto(page, region);
    const inPhoto = await recognize(pool, await ocrImage(photo, skew), timeoutMs, index);
    const photoSize = rotatedSize(photo, skew);
    layout = withPhotoWords(layout, layoutFromTsv(inPhoto.tsv, photoSize.width, photoSize.height), region);
    text = `${text.trimEnd()}\n\n${inPhoto.text}`;
  }
  return {
    index,
    text,
    source: 'ocr',
    confidence: result.confidence,
    rotation,
    skew: orientation.skew,
    greyRatio: grey,
    width: size.width,
    height: size.height,
    layout,
  };
}

function rotatedSize(page: GreyPage, degrees: number): { width: number; height: number } {
  const rad = (degrees * Math.PI) / 180;
  const cos = Math.abs(Math.cos(rad));
  const sin = Math.abs(Math.sin(rad));
  return {
    width: Math.round(page.width * cos + page.height * sin),
    height: Math.round(page.width * sin + page.height * cos),
  };
}
