/** The reception section says how a fax came in when it was not dropped in the inbox folder. */
import { describe, expect, it } from 'vitest';
import { buildFaxCard } from '../../cards/fax-card.ts';
import type { FaxRecord } from '../../src/store/records.ts';
import { faxFromScenario } from './helpers.ts';

function receptionTexts(fax: FaxRecord, lang: 'fr' | 'en'): string[] {
  const section = buildFaxCard(fax, [], { lang }).sections.find((s) => s.id === 'reception')!;
  return section.elements.flatMap((e) => (e.kind === 'text' ? [e.text] : []));
}

describe('card: how the fax came in', () => {
  const base = faxFromScenario('valid', 11);
  it('by e-mail, with the sender', () => {
    const fax = { ...base, origin: { via: 'mail', ref: 'INBOX;UID=1', sender: 'fax@rightfax.example' } };
    expect(receptionTexts(fax, 'fr')).toContain('Reçue par courriel de fax@rightfax.example');
    expect(receptionTexts(fax, 'en')).toContain('Received by e-mail from fax@rightfax.example');
  });
  it('from a fax server’s receive hook', () => {
    const fax = { ...base, origin: { via: 'hylafax', ref: '000123' } };
    expect(receptionTexts(fax, 'fr')).toContain('Reçue du serveur de télécopie (hylafax)');
  });
  it('nothing more for a file dropped in the folder', () => {
    expect(receptionTexts(base, 'fr').filter((t) => /^Reçue/.test(t))).toEqual([]);
  });
});
