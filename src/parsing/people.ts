/**
 * Shared helpers for finding people in the text: names after a title in prose
 * ("Dr Jean Gagnon", "Mme Élodie Côté"), names before "M.D." or "née le".
 */
import { isBody, type Doc } from './document.ts';
import type { Field } from './fields.ts';
import { findDates } from './dates.ts';
import { editDistance } from './fuzzy.ts';
import { findNamLike } from './nam.ts';
import { fold } from './normalise.ts';
import { nameWords, splitName, type SplitName } from './names.ts';

export interface ProseName {
  name: SplitName;
  line: number;
  index: number;
  /** A date as written right after the name, in parentheses or after a comma ("Josée Bérubé (1968-02-14)"). */
  dateAfter?: string;
}

/**
 * The person's birth date written right after their name in a sentence: "(1968-02-14)",
 * ", 14/02/1968", ", né le 1966-11-07" (the sentence may wrap between "né" and "le"), "(DDN …)".
 */
function dateRightAfter(text: string): string | undefined {
  const folded = fold(text);
  const m =
    /^\s*(?:\(\s*([^()]{6,24}?)\s*\)|,\s*(\d[\d/.-]{5,9}\d)(?![\d/.-])|,?\s*\(?\s*(?:nee?|ne\(e\)|ne-e|ddn|date de naissance)\s*(?:le\s+|:\s*)?([^,;()?]{6,24}))/.exec(
      folded,
    );
  if (!m) return undefined;
  const group = m[1] !== undefined ? 1 : m[2] !== undefined ? 2 : 3;
  const start = folded.indexOf(m[group]!, m.index);
  const written = text.slice(start, start + m[group]!.length);
  const dates = findDates(written);
  return dates.length === 1 && dates[0]!.index <= 1 ? written : undefined;
}

const DOCTOR = /(?<![\p{L}])(?:Dre?|DRE?|dre?|Docteure?|DOCTEURE?|docteure?)\.?\s+(?=\p{L})/gu;
const CIVIL =
  /(?<![\p{L}])(?:Mme|MME|Madame|MADAME|M\.|Monsieur|MONSIEUR|Mlle|Mademoiselle|Mr\.?|Mrs\.?|Ms\.?|(?:[Mm]on|[Mm]a|[Ll]a|[Ll]e|[Nn]otre|[Cc]e|[Cc]ette) (?:patiente?|usag[eè]re?|cliente?|jeune patiente?))\s+(?=\p{Lu})/gu;
const MD_AFTER = /,?\s+(?:M\.\s?D\.?|MD|md|IPS\w*)(?![\p{L}])/gu;

function full(name: SplitName): boolean {
  return !!name.firstName && !!name.lastName;
}

/** The last 2–4 capitalised name words at the end of `text` ("…à Élodie Côté"). */
export function trailingName(text: string): SplitName | null {
  const words = text.trim().replace(/,$/, '').split(/\s+/);
  const picked: string[] = [];
  for (let i = words.length - 1; i >= 0 && picked.length < 4; i--) {
    const w = words[i] ?? '';
    if (!/^\p{Lu}[\p{L}'\-]*$/u.test(w)) break;
    picked.unshift(w);
  }
  if (picked.length < 2) return null;
  const name = splitName(picked.join(' '));
  return full(name) ? name : null;
}

export function doctorNamesInProse(doc: Doc, skip: Set<number>): ProseName[] {
  const out: ProseName[] = [];
  for (const l of doc.lines) {
    if (!isBody(l) || skip.has(l.n)) continue;
    // A greeting names the reader, not the writer.
    if (/^\s*(?:bonjour|bonsoir|cher|chere|dear|hello|allo|salut|a l'attention|attention)/.test(l.folded))
      continue;
    for (const m of l.text.matchAll(DOCTOR)) {
      const rest = l.text.slice((m.index ?? 0) + m[0].length).split(/\s{2,}/)[0] ?? '';
      const words = nameWords(rest, true);
      if (words.length === 0) continue;
      out.push({ name: splitName(words.join(' ')), line: l.n, index: m.index ?? 0 });
    }
    for (const m of l.text.matchAll(MD_AFTER)) {
      const before =
        l.text
          .slice(0, m.index ?? 0)
          .split(/\s{2,}/)
          .pop() ?? '';
      const name = trailingName(before);
      if (name) out.push({ name, line: l.n, index: m.index ?? 0 });
    }
  }
  return out;
}

/** A line and, when its sentence runs on, the next line (a name may be cut by the line break). */
function withNextLine(doc: Doc, n: number): string {
  const l = doc.lines[n]!;
  const next = doc.lines[n + 1];
  // "M." or "Dre." ending a line abbreviates a title: the name is on the next line.
  const sentenceEnd =
    /[.!?:]\s*$/.test(l.text) && !/(?<![\p{L}])(?:M|Mr|Mrs|Ms|Dr|Dre|Pr|St|Ste)\.\s*$/u.test(l.text);
  // A line that opens with its own label ("DDN : …") starts something else.
  const labelled = next?.labels.some((h) => h.index <= 1) ?? false;
  if (!next || !isBody(next) || sentenceEnd || labelled) return l.text;
  return `${l.text.trimEnd()} ${next.text.trim()}`;
}

export function civilNamesInProse(doc: Doc, skip: Set<number>): ProseName[] {
  const out: ProseName[] = [];
  for (const l of doc.lines) {
    if (!isBody(l) || skip.has(l.n)) continue;
    const text = withNextLine(doc, l.n);
    for (const m of text.matchAll(CIVIL)) {
      if ((m.index ?? 0) >= l.text.length) continue;
      // The name ends with its cell or its sentence ("pour M. Pierre Lavoie. Bonne journée."), not
      // at an initial's or "St."'s period.
      const rest =
        text.slice((m.index ?? 0) + m[0].length).split(/\s{2,}|(?<=\p{L}{3,})(?<!Ste)[.!?](?=\s|$)/u)[0] ??
        '';
      const words = nameWords(rest, true);
      if (words.length < 2) continue;
      const afterName = rest.slice(rest.indexOf(words[words.length - 1]!) + words[words.length - 1]!.length);
      const dateAfter = dateRightAfter(afterName);
      out.push({
        name: splitName(words.join(' ')),
        line: l.n,
        index: m.index ?? 0,
        ...(dateAfter ? { dateAfter } : {}),
      });
    }
    // "Élodie Côté, née le 15 mars 1985" / "Jean Roy (DDN 1950-01-02)"
    const born = /,?\s*(?:\(|\s)?(?:nee?|ne\(e\)|ne-e)\s+le\s|\(?\s*ddn\b/.exec(l.folded);
    if (born && born.index > 0) {
      const name = trailingName(l.text.slice(0, born.index));
      if (name) out.push({ name, line: l.n, index: born.index });
    }
  }
  return out;
}

export function isDoctorText(text: string): boolean {
  return (
    /^(?:dre?|docteure?)\.?\s/.test(fold(text.trim())) ||
    /(?:,|\s)(?:m\.\s?d\.?|md)\s*$/.test(fold(text.trim()))
  );
}

/**
 * The header's sender named in the body after a doctor's title that OCR garbled ("bre Claudette
 * Doré, médecin de famille", "Die Claudette Doré" for « Dre »): a three-letter word one slip from
 * « dre », directly before the sender's first and last names. Only the sender's own name counts,
 * so an ordinary word before an ordinary name never makes a prescriber.
 */
export function senderAfterGarbledTitle(
  doc: Doc,
  skip: Set<number>,
  sender: { firstName: string; lastName: string },
): ProseName | null {
  const want = fold(`${sender.firstName} ${sender.lastName}`).split(/\s+/).filter(Boolean);
  for (const l of doc.lines) {
    if (!isBody(l) || skip.has(l.n)) continue;
    const words = [...l.text.matchAll(/[\p{L}'’-]+\.?/gu)];
    for (let i = 0; i + want.length < words.length; i++) {
      const title = fold(words[i]![0]).replace(/\.$/, '');
      if (title.length !== 3 || editDistance(title, 'dre') !== 1) continue;
      const named = words.slice(i + 1, i + 1 + want.length).map((w) => w[0].replace(/\.$/, ''));
      if (fold(named.join(' ')) !== want.join(' ')) continue;
      return { name: splitName(named.join(' ')), line: l.n, index: words[i]!.index ?? 0 };
    }
  }
  return null;
}

/**
 * A value that identifies the patient: a birth ("née le", "DDN") or a NAM. Behind an addressing
 * label ("Pour : M. Paul Roy, né le 1961-07-22, NAM …") it names whom the order is for, not
 * where the fax goes.
 */
export function identifiesPatient(value: string): boolean {
  const folded = fold(value);
  return (
    /(?<![a-z])(?:nee?|ne\(e\)|ne-e)\s+le\s|(?<![a-z])ddn(?![a-z])|date de naissance/.test(folded) ||
    findNamLike(value).length > 0
  );
}

/**
 * An addressing field ("Pour :", "À :") on a line that identifies the patient by their birth date
 * or NAM ("Pour : M. Paul Roy, né le 1961-07-22"): it says whom the order is for, not where the
 * fax goes.
 */
export function patientNotPlace(doc: Doc, f: Pick<Field, 'key' | 'valueLines'>): boolean {
  return f.key === 'to' && f.valueLines.some((n) => identifiesPatient(doc.lines[n]?.text ?? ''));
}
