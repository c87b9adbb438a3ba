/**
 * 500 waiting orders (and names built to swell when escaped): the digest still fits Slack's
 * Block Kit limits and Teams' 28 KB, keeps the oldest lines, and counts the rest.
 */
import { describe, expect, it } from 'vitest';
import {
  ADAPTIVE_LIMITS,
  adaptiveCardBytes,
  buildDigestCard,
  renderDigestAdaptive,
  renderDigestSlack,
  SLACK_LIMITS,
  slackMessageChars,
} from '../../cards/index.ts';
import { bigDigest } from './helpers.ts';

const NASTY = (i: number) => `<&>*_[${'ÉÈ&<'.repeat(40)}](${i})`;

function hiddenCounts(text: string): number {
  return [...text.matchAll(/et (\d+) autres?/g)].reduce((n, m) => n + Number(m[1]), 0);
}

describe('a digest of 500 orders', () => {
  for (const [label, names] of [
    ['plain names', undefined],
    ['names that swell when escaped', NASTY],
  ] as const) {
    it(`fits Slack's limits (${label})`, () => {
      const digest = bigDigest(500, names);
      const message = renderDigestSlack(
        buildDigestCard(digest, { link: () => 'https://x.slack.com/archives/C0FAXDESK/p1' }),
      );
      expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
      expect(slackMessageChars(message)).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
      for (const block of message.blocks) {
        if (block.type === 'section')
          expect(block.text!.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        if (block.type === 'header')
          expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      }
      const text = JSON.stringify(message);
      const shown = (text.match(/• /g) ?? []).length;
      expect(shown).toBeGreaterThan(0);
      expect(shown + hiddenCounts(text)).toBe(500);
      // The oldest order (500 h) is one of those kept.
      expect(digest.groups[0]!.items[0]!.ageMs).toBe(500 * 3_600_000);
      expect(text).toContain('il y a 20 j');
      expect(text).toContain('faxdesk digest --print');
    });

    it(`fits Teams' 28 KB (${label})`, () => {
      const digest = bigDigest(500, names);
      const card = renderDigestAdaptive(
        buildDigestCard(digest, {
          link: () => 'https://teams.microsoft.com/l/message/19%3Aa%40thread.tacv2/1',
        }),
      );
      expect(adaptiveCardBytes(card)).toBeLessThanOrEqual(ADAPTIVE_LIMITS.cardBytes);
      expect(adaptiveCardBytes(card)).toBeLessThan(ADAPTIVE_LIMITS.teamsMessageBytes);
      const text = JSON.stringify(card);
      const shown = card.body.filter((b) => typeof b.text === 'string' && /^(⏰ )?\[/.test(b.text)).length;
      expect(shown).toBeGreaterThan(0);
      expect(shown + hiddenCounts(text)).toBe(500);
    });
  }

  it('shows every line when they fit', () => {
    const digest = bigDigest(9);
    const slack = JSON.stringify(renderDigestSlack(buildDigestCard(digest)));
    expect((slack.match(/• /g) ?? []).length).toBe(9);
    expect(slack).not.toContain('autres');
    const teams = JSON.stringify(renderDigestAdaptive(buildDigestCard(digest)));
    expect(teams).not.toContain('autres');
  });

  it('links to a page with the whole list when one is given', () => {
    const card = renderDigestAdaptive(buildDigestCard(bigDigest(500), { restUrl: 'http://127.0.0.1:8080/' }));
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Voir la liste complète', url: 'http://127.0.0.1:8080/' },
    ]);
  });
});
