/**
 * The card of a fax the retention purge erased (src/purge). The purge queues an update of
 * every card posted for the fax, so this card replaces them: a channel stops showing the
 * patient once Faxdesk has forgotten them. It says the content was erased, keeps what the
 * record still holds (when it came, how many pages, its number, the state it was left in and
 * its history: none of it about the patient), and offers nothing to do. No checks (their
 * messages are gone), no reminder to call the prescriber, no link to the original (the file
 * is deleted), no buttons: an erased fax can be neither accepted nor authenticated.
 */
import type { FaxEvent, FaxRecord } from '../src/store/records.ts';
import { formatInstant } from './format.ts';
import { historyEntries, stateLines } from './history.ts';
import { receptionSection } from './reception.ts';
import { cardStrings } from './i18n/index.ts';
import type { CardStrings } from './i18n/types.ts';
import type { Card, CardHeader, Lang, Section } from './model.ts';

function header(fax: FaxRecord, events: readonly FaxEvent[], s: CardStrings): CardHeader {
  const purged = events.filter((e) => e.faxId === fax.id && e.kind === 'purged').at(-1);
  return {
    verdict: fax.verdict,
    // Nothing can change any more: the state stays in its own section, under the erasure.
    state: { text: s.retention.erased, details: [], tone: 'neutral', kind: fax.status, decided: false },
    symbol: s.retention.symbol,
    verdictLabel: s.retention.label,
    hint: s.retention.hint,
    tone: 'neutral',
    title: purged ? s.retention.erasedOn(formatInstant(purged.at, s)) : s.retention.erased,
    subtitle: [s.header.received(formatInstant(fax.receivedAt, s)), s.header.pages(fax.pageCount)].join(
      ' · ',
    ),
  };
}

function stateSection(fax: FaxRecord, events: readonly FaxEvent[], s: CardStrings): Section {
  const [state = s.status[fax.status], ...more] = stateLines(fax, events, s);
  const entries = historyEntries(fax.id, events, s, { freeText: false });
  return {
    id: 'state',
    title: s.sections.state,
    elements: [
      { kind: 'text', text: s.retention.lastState(state), style: 'strong', truncation: 'plain' },
      ...more.map((text) => ({
        kind: 'text' as const,
        text,
        style: 'plain' as const,
        truncation: 'plain' as const,
      })),
      entries.length > 0
        ? { kind: 'history', entries }
        : { kind: 'text', text: s.history.none, style: 'muted', truncation: 'plain' },
    ],
  };
}

/** The card of an erased fax (`isPurged`), in `lang`; read-only whatever the fax's status. */
export function buildRetentionCard(fax: FaxRecord, events: readonly FaxEvent[], lang: Lang): Card {
  const s = cardStrings(lang);
  const head = header(fax, events, s);
  return {
    lang,
    faxId: fax.id,
    status: fax.status,
    header: head,
    summary: `${head.symbol} ${head.verdictLabel} — ${head.subtitle}`,
    sections: [receptionSection(fax, s, undefined), stateSection(fax, events, s)],
    actions: [],
  };
}
