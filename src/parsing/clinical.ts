/**
 * Clinical information: "Renseignements cliniques", "Raison de l'examen", "Indication", "Motif",
 * "Histoire", "R/O", "Clinical information"… (values may run over several lines). In a prose
 * request, the reason given in the same sentence ("… pour douleur au QSD, R/O lithiase").
 */
import { isBody, type Doc } from './document.ts';
import type { ExamResult } from './exam.ts';
import type { FieldScan } from './fields.ts';
import { tidy } from './normalise.ts';

const REASON = /\s(?:pour|car|en raison d[e'u]|because of|for|suite a|r\/o|rule out|suspicion de)\s/;
const NOT_A_REASON =
  /^(?:mme|m\.|madame|monsieur|mlle|mr|mrs|ms|le patient|la patiente|l'usager|mon patient|ma patiente)(?![\p{L}])/iu;

/** The sentence of a prose request: its line and the lines after it up to a blank line or a label. */
function paragraphFrom(doc: Doc, first: number): { text: string; folded: string; lines: number[] } {
  const lines: number[] = [];
  for (let n = first; n < doc.lines.length && lines.length < 6; n++) {
    const l = doc.lines[n]!;
    const lead = l.text.search(/\S/);
    // A "Label :" starting the line is form content, not the sentence going on.
    const formLine = l.labels.some(
      (h) => h.index === lead && /[:;=]/.test(l.text.slice(h.labelEnd, h.valueStart)),
    );
    if (!isBody(l) || (n > first && formLine)) break;
    lines.push(n);
    if (/[.!?]\s*$/.test(l.text)) break;
  }
  const text = lines.map((n) => doc.lines[n]!.text.trim()).join(' ');
  const folded = lines.map((n) => doc.lines[n]!.folded.trim()).join(' ');
  return { text, folded, lines };
}

function proseReason(doc: Doc, exam: ExamResult): { reason: string; lines: number[] } | null {
  if (exam.source !== 'prose' || exam.lines[0] === undefined) return null;
  const p = paragraphFrom(doc, exam.lines[0]);
  const re = new RegExp(REASON.source, 'g');
  for (const m of p.folded.matchAll(re)) {
    const tail = tidy(p.text.slice((m.index ?? 0) + m[0].length).replace(/[.!]+\s*$/, ''));
    if (!tail || NOT_A_REASON.test(tail)) continue;
    const isRuleOut = /r\/o|rule out/.test(m[0]);
    return {
      reason: isRuleOut ? `${tidy(p.text.slice(m.index ?? 0, (m.index ?? 0) + m[0].length))} ${tail}` : tail,
      lines: p.lines,
    };
  }
  // No "pour …": what the paragraph says after the request sentence ("… à ma patiente. Antécédents …").
  const examAt = exam.exam ? p.text.indexOf(exam.exam) : -1;
  // A sentence ends at ". ", not at a title's abbreviation ("chez M. Jean Roy").
  const after = /(?<![\s(](?:M|Mme|Mlle|Mr|Mrs|Ms|Dr|Dre|Pr|St|Ste))[.!?]\s+(\p{Lu}.*)$/u.exec(
    examAt >= 0 ? p.text.slice(examAt) : p.text,
  );
  const rest = after?.[1] ? tidy(after[1].replace(/[.!]+\s*$/, '')) : '';
  return rest.length >= 4 ? { reason: rest, lines: p.lines } : null;
}

export function parseClinical(doc: Doc, scan: FieldScan, exam: ExamResult): string | null {
  const clinical = scan.fields.filter((f) => f.key === 'clinical');
  const prose = proseReason(doc, exam);
  // "R/O …" inside the request sentence is part of the reason read from the sentence.
  const kept = clinical.filter(
    (f) => !(prose && prose.lines.includes(f.line) && /^r\s*\/\s*o|^rule/i.test(f.value)),
  );
  const parts: string[] = [];
  if (prose) parts.push(prose.reason);
  for (const f of kept) {
    const v = f.value.replace(/[\s.,;:]+$/, '');
    if (!parts.some((p) => p.includes(v))) parts.push(v);
  }
  return parts.length > 0 ? parts.join(' ; ').replace(/[\s.,;:]+$/, '') : null;
}
