/** The digest as plain text for the terminal (`faxdesk digest --print`): every line, no limit. */
import type { DigestCard } from '../digest-card.ts';

export function renderDigestText(card: DigestCard): string {
  const out: string[] = [card.late ? `${card.title} (${card.lateLabel})` : card.title];
  if (card.late) out.push(card.lateNote);
  out.push(card.empty ?? card.counts);
  for (const section of card.sections) {
    out.push('', `${section.title} (${section.count})`);
    for (const l of section.lines) {
      const note = l.note ? ` (${l.note})` : '';
      out.push(
        `  ${l.stale ? '⏰' : ' '} ${l.age.padEnd(14)} ${l.verdictSymbol} ${l.verdictLabel} — ${l.patient} — ${l.exam}${note}  [${l.faxId}]`,
      );
    }
  }
  if (card.staleLegend) out.push('', card.staleLegend);
  return out.join('\n') + '\n';
}
