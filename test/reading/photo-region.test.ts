/**
 * A photograph pasted into a fax page is found and made readable: its dark surround and grey paper
 * must not hide the writing (one global threshold would keep only the surround).
 */
import { describe, expect, it } from 'vitest';
import type { GreyPage } from '../../src/reading/grey-page.ts';
import { adaptiveBinarise, findPhotoRegion } from '../../src/reading/photo-region.ts';

/** A white 800×1000 page with black text strokes at the top and a photo block at (200, 300). */
function pageWithPhoto(): GreyPage {
  const width = 800;
  const height = 1000;
  const data = Buffer.alloc(width * height, 255);
  for (let x = 50; x < 700; x += 12) for (let y = 40; y < 60; y++) data[y * width + x] = 0; // typed text
  for (let y = 300; y < 900; y++) {
    for (let x = 200; x < 650; x++) {
      const paper = x > 280 && x < 570 && y > 380 && y < 820;
      data[y * width + x] = paper ? 150 : 45; // grey paper on a dark table
    }
  }
  // Writing on the paper: strokes darker than the paper, lighter than the table.
  for (let y = 400; y < 415; y++) for (let x = 300; x < 550; x += 3) data[y * width + x] = 90;
  return { data, width, height, dpi: 200 };
}

describe('a photograph in a fax page', () => {
  it('is found as one region around the photo, not the typed text', () => {
    const region = findPhotoRegion(pageWithPhoto())!;
    expect(region).not.toBeNull();
    expect(region.left).toBeGreaterThanOrEqual(192);
    expect(region.left).toBeLessThanOrEqual(224);
    expect(region.top).toBeGreaterThanOrEqual(288);
    expect(region.top + region.height).toBeLessThanOrEqual(912);
    expect(region.left + region.width).toBeLessThanOrEqual(672);
  });

  it('is not found on a plain fax page', () => {
    const page = pageWithPhoto();
    page.data.fill(255, 200 * page.width);
    expect(findPhotoRegion(page)).toBeNull();
  });

  it('keeps the writing as ink and the paper and the dark table as paper after local thresholding', () => {
    const page = pageWithPhoto();
    const out = adaptiveBinarise(page);
    const at = (x: number, y: number) => out.data[y * page.width + x];
    expect(at(300, 405)).toBe(0); // a stroke of writing
    expect(at(400, 600)).toBe(255); // the grey paper
    expect(at(230, 600)).toBe(255); // inside the dark table, away from its edge
  });
});
