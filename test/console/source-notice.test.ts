/** The console's header says when a fax source (the mailbox) cannot be reached. */
import { describe, expect, it } from 'vitest';
import { indexPage } from '../../adapters/console/pages.ts';
import { consoleStrings } from '../../adapters/console/strings.ts';
import { describeMailHealth } from '../../adapters/inbox/mail/health.ts';

describe('console header: source notice', () => {
  const s = consoleStrings('fr');
  it('shows the mailbox trouble, escaped, as an alert', () => {
    const notice = describeMailHealth({
      source: 'mail',
      ok: false,
      since: '2026-03-02T14:05:00.000Z',
      problem: 'identifiants refusés par le serveur <script>',
    });
    const html = indexPage(s, { user: 'Commis', samples: false, lang: 'fr', notice });
    expect(html).toContain('role="alert">⚠ Boîte aux lettres injoignable depuis 2026-03-02 14:05 UTC');
    expect(html).toContain('&lt;script&gt;');
  });
  it('says nothing when all is well', () => {
    expect(indexPage(s, { user: 'Commis', samples: false, lang: 'fr', notice: null })).not.toContain(
      'source-notice',
    );
  });
});
