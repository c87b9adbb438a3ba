/**
 * The results model and its renderings, without a platform: texts read from faxes escaped,
 * within Slack's and Teams' limits whatever the faxes hold, the card a messaging-extension
 * result inserts free of patient data, French first and English complete.
 */
import { describe, expect, it } from 'vitest';
import { adaptiveCardBytes, ADAPTIVE_LIMITS, SLACK_LIMITS, slackMessageChars } from '../../cards/index.ts';
import {
  buildSearchResults,
  slackMessageLink,
  teamsMessageLink,
  type SearchOutcome,
} from '../../cards/search-results.ts';
import {
  renderSearchResultsCard,
  searchResultPreview,
  searchResultShareCard,
} from '../../cards/search-results-adaptive.ts';
import { renderSearchResultsSlack } from '../../cards/search-results-slack.ts';
import { MAX_SEARCH_RESULTS, type SearchHit } from '../../src/search/types.ts';

function hit(overrides: Partial<SearchHit> = {}): SearchHit {
  return {
    id: '01JQ8Z6V3N4M5K6J7H8G9F0E1D',
    receivedAt: '2025-03-12T12:05:00.000Z',
    status: 'pending',
    verdict: 'review',
    patient: { firstName: 'Hélène', lastName: 'Côté', birthDate: '1974-09-21' },
    exam: 'Mammographie',
    ...overrides,
  };
}

const found = (hits: SearchHit[]): SearchOutcome => ({ ok: true, hits });

describe('search results', () => {
  it('escapes what was read from the fax in Slack mrkdwn, and says when a card is not posted yet', () => {
    const results = buildSearchResults(
      'cote',
      found([hit({ patient: { firstName: '<!channel>', lastName: 'Côté & *fils*', birthDate: null } })]),
      { lang: 'fr', command: '/fax' },
    );
    const message = renderSearchResultsSlack(results);
    const item = JSON.stringify(message.blocks.at(-1));
    expect(item).toContain('&lt;!channel&gt; Côté &amp; *fils*');
    expect(item).not.toContain('<!channel>');
    expect(item).toContain('_Fiche pas encore publiée_');
  });

  it('fills in what a fax does not give, and passes on the core’s refusal of a query', () => {
    const results = buildSearchResults(
      'x',
      found([
        hit({
          patient: { firstName: null, lastName: null, birthDate: null },
          exam: null,
          verdict: 'unreadable',
        }),
      ]),
      { lang: 'fr', command: '/fax' },
    );
    expect(results.items[0]).toMatchObject({
      patient: 'Usager non nommé',
      birth: null,
      exam: 'Examen non indiqué',
      verdictLabel: '🚫 Illisible',
      statusLabel: 'En attente d’une décision',
    });
    const refused = buildSearchResults(
      't',
      { ok: false, message: 'Recherche trop courte.' },
      { lang: 'fr', command: '/fax' },
    );
    expect(refused).toMatchObject({ kind: 'invalid', headline: 'Recherche trop courte.', items: [] });
  });

  it('stays within Slack’s and Teams’ limits with ten faxes full of very long texts, and says the list is capped', () => {
    const long = 'Échographie '.repeat(600);
    const hits = Array.from({ length: MAX_SEARCH_RESULTS + 3 }, (_, i) =>
      hit({
        id: `01JQ8Z6V3N4M5K6J7H8G9F0E${String(i).padStart(2, '0')}`,
        patient: { firstName: long, lastName: long, birthDate: '1974-09-21' },
        exam: long,
      }),
    );
    const links = new Map(
      hits.map((h) => [h.id, slackMessageLink('faxdesk', 'C0FAXDESK', '1742060000.000100')]),
    );
    const results = buildSearchResults('q'.repeat(500), found(hits), { lang: 'fr', command: '/fax', links });
    expect(results.items).toHaveLength(MAX_SEARCH_RESULTS);
    expect(results.note).toContain('Seules les 10 plus récentes');
    const slack = renderSearchResultsSlack(results);
    expect(slack.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(slackMessageChars(slack)).toBeLessThanOrEqual(SLACK_LIMITS.messageChars);
    for (const block of slack.blocks) {
      if (block.type === 'section')
        expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    }
    const card = renderSearchResultsCard(results);
    expect(adaptiveCardBytes(card)).toBeLessThanOrEqual(ADAPTIVE_LIMITS.cardBytes);
  });

  it('gives the messaging extension a preview with the patient, and a card to insert without any', () => {
    const links = new Map([
      ['01JQ8Z6V3N4M5K6J7H8G9F0E1D', teamsMessageLink('19:abc@thread.tacv2', '1700000000001', 'tenant-1')],
    ]);
    const results = buildSearchResults('cote', found([hit()]), { lang: 'fr', command: 'fax', links });
    const item = results.items[0]!;
    expect(searchResultPreview(item)).toEqual({
      title: 'Hélène Côté · né(e) le 1974-09-21',
      subtitle: 'Mammographie',
      text: expect.stringContaining('En attente d’une décision · ⚠️ À vérifier'),
    });
    const inserted = JSON.stringify(searchResultShareCard(item, results));
    for (const secret of ['Hélène', 'Côté', '1974', 'Mammographie']) expect(inserted).not.toContain(secret);
    expect(inserted).toContain(
      'https://teams.microsoft.com/l/message/19%3Aabc%40thread.tacv2/1700000000001?tenantId=tenant-1&parentMessageId=1700000000001',
    );
  });

  it('builds Slack links from the workspace domain, or through app_redirect without it', () => {
    expect(slackMessageLink('faxdesk-test', 'C0FAXDESK', '1742060000.000100')).toBe(
      'https://faxdesk-test.slack.com/archives/C0FAXDESK/p1742060000000100',
    );
    expect(slackMessageLink(null, 'C0FAXDESK', '1742060000.000100')).toBe(
      'https://slack.com/app_redirect?channel=C0FAXDESK&message_ts=1742060000.000100',
    );
    expect(slackMessageLink('evil.example/x', 'C0FAXDESK', '1.2')).toContain(
      'https://slack.com/app_redirect',
    );
  });

  it('speaks English when asked', () => {
    const none = buildSearchResults('zz', found([]), { lang: 'en', command: '/fax' });
    expect(none.headline).toBe('No fax found for “zz”.');
    const some = buildSearchResults('cote', found([hit()]), { lang: 'en', command: '/fax' });
    expect(some.headline).toBe('1 fax found for “cote”:');
    expect(some.items[0]?.statusLabel).toBe('Waiting for a decision');
    const help = buildSearchResults('', null, { lang: 'en', command: '/fax' });
    expect(help.kind).toBe('help');
    expect(help.headline).toContain('/fax');
  });
});
