/**
 * Builds a page layout the way OCR returns one, from rows of text written here: each word gets a
 * box from its position (10 units per character, 30 per row) and a confidence, so tests can say
 * "this word was read at 41 %" without an image.
 */
import type { PageLayout } from '../../src/domain/layout.ts';

/** `rows`: one string per visual row; `confidence(word)` gives each word's OCR confidence. */
export function ocrLayout(rows: string[], confidence: (word: string) => number = () => 95): PageLayout {
  const blocks = rows.flatMap((row, y) => {
    const words = [...row.matchAll(/\S+/g)].map((m) => ({
      text: m[0],
      box: [m.index * 10, y * 30, (m.index + m[0].length) * 10, y * 30 + 20] as [
        number,
        number,
        number,
        number,
      ],
      confidence: confidence(m[0]),
    }));
    if (words.length === 0) return [];
    const box: [number, number, number, number] = [
      words[0]!.box[0],
      y * 30,
      words.at(-1)!.box[2],
      y * 30 + 20,
    ];
    return [{ box, lines: [{ box, words }] }];
  });
  return { width: 1200, height: rows.length * 30 + 30, unit: 'px', blocks };
}
