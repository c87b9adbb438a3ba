/**
 * Draws the Teams app's two icons with sharp (run once; the PNGs are committed):
 * `color.png` 192×192, a white sheet with a check mark on Faxdesk blue; `outline.png`
 * 32×32, the same sheet in white on a transparent background, as Teams requires.
 *
 *   npx tsx adapters/teams/icons.ts [manifest/teams]
 */
import { resolve } from 'node:path';
import sharp from 'sharp';

/** A sheet with a folded corner and a check mark, on a 32-unit grid. */
function sheet(stroke: string, fill: string, check: string): string {
  return [
    `<path d="M9 4h10l6 6v18H9z" fill="${fill}" stroke="${stroke}" stroke-width="2" stroke-linejoin="round"/>`,
    `<path d="M19 4v6h6" fill="none" stroke="${stroke}" stroke-width="2" stroke-linejoin="round"/>`,
    `<path d="M12.5 18.5l3.2 3.2 6-6.5" fill="none" stroke="${check}" stroke-width="2.4" stroke-linecap="round" stroke-linejoin="round"/>`,
  ].join('');
}

const COLOR_SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 32 32">` +
  `<rect width="32" height="32" rx="6" fill="#1f5fa8"/>` +
  `<g transform="translate(2.4 2.4) scale(0.85)">${sheet('#ffffff', '#ffffff', '#1f5fa8')}</g></svg>`;

const OUTLINE_SVG =
  `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">` +
  `<g>${sheet('#ffffff', 'none', '#ffffff')}</g></svg>`;

export async function writeTeamsIcons(dir: string): Promise<void> {
  await sharp(Buffer.from(COLOR_SVG))
    .resize(192, 192)
    .flatten({ background: '#1f5fa8' })
    .png()
    .toFile(resolve(dir, 'color.png'));
  // Teams wants white on transparent: threshold the alpha so no grey halo is left.
  const { data, info } = await sharp(Buffer.from(OUTLINE_SVG))
    .resize(32, 32)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  for (let i = 0; i < data.length; i += 4) {
    const opaque = data[i + 3]! >= 96;
    data[i] = data[i + 1] = data[i + 2] = 255;
    data[i + 3] = opaque ? 255 : 0;
  }
  await sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
    .png()
    .toFile(resolve(dir, 'outline.png'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await writeTeamsIcons(resolve(process.argv[2] ?? 'manifest/teams'));
}
