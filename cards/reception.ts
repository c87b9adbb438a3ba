/**
 * The card's reception section: when the fax came, how many pages, its id, and a link to the
 * original when there is one to show. Shared by the fax card and the retention card.
 */
import type { FaxRecord } from '../src/store/records.ts';
import { formatInstant } from './format.ts';
import type { CardStrings } from './i18n/types.ts';
import type { CardElement, Fact, Link, Section } from './model.ts';

/** A file dropped in the inbox folder says nothing more; a mailbox or a receive hook says which. */
function viaElements(fax: FaxRecord, s: CardStrings): CardElement[] {
  const origin = fax.origin;
  if (!origin || origin.via === 'folder') return [];
  return [
    {
      kind: 'text',
      text: s.receivedVia(origin.via, origin.sender ?? null),
      style: 'muted',
      truncation: 'plain',
    },
  ];
}

/**
 * The fax card's compact reception line: its number and the link to the original (when and how
 * many pages are already in the header).
 */
export function receptionLine(fax: FaxRecord, s: CardStrings, originalUrl: string | undefined): Section {
  const links: Link[] = originalUrl ? [{ label: s.originalPages(fax.pageCount), url: originalUrl }] : [];
  return {
    id: 'reception',
    title: '',
    elements: [
      ...viaElements(fax, s),
      { kind: 'text', text: s.faxIdLine(fax.id), style: 'muted', truncation: 'plain' },
      ...(links.length > 0 ? [{ kind: 'links' as const, links }] : []),
    ],
  };
}

export function receptionSection(fax: FaxRecord, s: CardStrings, originalUrl: string | undefined): Section {
  const facts: Fact[] = [
    { label: s.labels.receivedAt, value: formatInstant(fax.receivedAt, s) },
    fax.pageCount > 0
      ? { label: s.labels.pageCount, value: String(fax.pageCount) }
      : { label: s.labels.pageCount, value: s.values.noPages, missing: true },
    { label: s.labels.faxId, value: fax.id },
  ];
  const links: Link[] = originalUrl ? [{ label: s.originalPages(fax.pageCount), url: originalUrl }] : [];
  return {
    id: 'reception',
    title: s.sections.reception,
    elements: [
      ...viaElements(fax, s),
      { kind: 'facts', facts },
      ...(links.length > 0 ? [{ kind: 'links' as const, links }] : []),
    ],
  };
}
