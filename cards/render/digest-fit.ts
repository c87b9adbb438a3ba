/**
 * How much of a digest a message shows: all lines when they fit, else the oldest of each
 * group up to a cap, tried from generous to sparse until the platform's limits hold. The
 * last level shows no line at all (counts and « et N autres » only), which always fits.
 */
import type { DigestCard, DigestSection } from '../digest-card.ts';

/** Lines shown per group, most generous first. */
export const DIGEST_LINE_LEVELS: readonly number[] = [100, 60, 40, 25, 15, 10, 5, 2, 0];

/** One value read from a fax (a name, an exam) is cut to this on a digest line. */
export const DIGEST_VALUE_CHARS = 80;

export interface ShownSection {
  section: DigestSection;
  lines: DigestSection['lines'];
  /** Lines left out of this group. */
  hidden: number;
}

export function shownSections(card: DigestCard, maxLines: number): ShownSection[] {
  return card.sections.map((section) => {
    const lines = section.lines.slice(0, maxLines);
    return { section, lines, hidden: section.lines.length - lines.length };
  });
}

/** The first level whose rendering `fits`; the sparsest otherwise. */
export function fitDigest<T>(render: (maxLines: number) => T, fits: (rendered: T) => boolean): T {
  let rendered: T | undefined;
  for (const level of DIGEST_LINE_LEVELS) {
    rendered = render(level);
    if (fits(rendered)) return rendered;
  }
  if (rendered === undefined) throw new Error('no digest level');
  return rendered;
}
