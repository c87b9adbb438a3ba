import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { FaxReading } from '../../src/domain/reading.ts';
import { createFaxReader } from '../../src/reading/index.ts';
import { stripPageMarkers } from '../../src/reading/pdf-reader.ts';
import { noOcrPool } from './fake-pool.ts';

const paragraph = [
  'Ordonnance individuelle : échographie abdominale et radiographie pulmonaire.',
  'Renseignements cliniques : douleur épigastrique, fièvre légère, perte de poids.',
  'Prescripteur : Dre Émilie Bélanger, téléphone 418 555-0142, permis 1-23456.',
  'Usager : Hélène Côté, née le 15 mars 1985, à Québec. Reçu à 10 h 32.',
];

async function textPdf(pages: string[][]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const lines of pages) {
    const page = doc.addPage([612, 792]);
    lines.forEach((line, i) => page.drawText(line, { x: 40, y: 740 - i * 18, size: 11, font }));
  }
  return Buffer.from(await doc.save());
}

describe('PDF with a text layer', () => {
  it('reads each page from the text layer, accents intact, without OCR', async () => {
    const pool = noOcrPool();
    const pdf = await textPdf([paragraph, [...paragraph].reverse()]);
    const reading = FaxReading.parse(await createFaxReader({ ocr: pool }).read(pdf));
    expect(pool.calls).toBe(0);
    expect(reading.kind).toBe('pdf');
    expect(reading.ocrUsed).toBe(false);
    expect(reading.confidence).toBeNull();
    expect(reading.pages).toHaveLength(2);
    for (const page of reading.pages) {
      expect(page.source).toBe('text-layer');
      expect(page.text).toContain('échographie');
      expect(page.text).toContain('Hélène Côté');
      expect(page.text).toContain('418 555-0142');
      expect(page.text).not.toMatch(/--\s*\d+ of \d+\s*--/);
    }
    expect(reading.pages[1]?.text.indexOf('Usager')).toBeLessThan(
      reading.pages[1]?.text.indexOf('Ordonnance') ?? 0,
    );
  });

  it('strips pdf-parse page markers', () => {
    expect(stripPageMarkers('\n\n-- 1 of 2 --\n\n')).toBe('');
    expect(stripPageMarkers('Bonjour\n-- 2 of 2 --')).toBe('Bonjour');
    expect(stripPageMarkers('Page -- 1 of 2 -- ici')).toBe('Page -- 1 of 2 -- ici');
  });
});
