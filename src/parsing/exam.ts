/**
 * The requested imaging / nuclear-medicine exam, as written (with its region): from an
 * "Examen demandé" label, from checked boxes (☒, [X], (x), ■ — not ☐ or [ ]), or from prose
 * ("faire une échographie abdominale à Mme …").
 */
import { isBody, type Doc, type Line } from './document.ts';
import type { FieldScan } from './fields.ts';
import { cellsOf, fold, loose, tidy } from './normalise.ts';

const MODALITY_SRC = [
  'radiographies?',
  'radio(?![a-z])',
  'rx(?![a-z])',
  'x-?rays?',
  'rayons? x',
  'echographies?',
  'echo(?:-?doppler|-?cardiographie)?(?![a-z])',
  'doppler',
  'ultrasons?',
  'ultrasound',
  'tomodensitometries?',
  'tdm',
  'ct(?:-?scan)?(?![a-z])',
  'scan(?:ner)?(?![a-z])',
  'taco',
  'irm',
  'mri',
  'resonance magnetique',
  'angio-?(?:irm|tdm|ct|scan)',
  'mammographies?',
  'mammo(?![a-z])',
  'scintigraphies?',
  'scinti(?![a-z])',
  'osteodensitometries?',
  'densitometries?(?: osseuse)?',
  'dmo',
  'dexa',
  'tep(?:-?scan|-?tdm)?(?![a-z])',
  'pet(?:-?scan|-?ct)?(?![a-z])',
  'tomographie par emission',
  'fluoroscopies?',
  'angiographies?',
  'medecine nucleaire',
  'arthrographies?',
  'arthro-?(?:irm|tdm|scan)',
  'hysterosalpingographies?',
  'myelographies?',
  'cholangio-?(?:irm|graphie)',
  'transit (?:oeso|baryte|intestinal|du grele)',
  'lavement baryte',
  'serie (?:osseuse|gastro)',
  'venographies?',
  'phlebographies?',
  'biopsie (?:echo|sous|guidee)',
  'cysto-?graphie',
  'urographies?',
];
/** An imaging or nuclear-medicine modality word, matched on folded text. */
export const MODALITY = new RegExp(`(?<![a-z])(?:${MODALITY_SRC.map(loose).join('|')})`);
const MODALITY_G = new RegExp(MODALITY.source, 'g');

export function mentionsModality(folded: string): boolean {
  return MODALITY.test(folded);
}

/** Checkbox marks. Checked: ☒ ☑ ✓ ✔ ✗ ✘ ■ ● ⊠ [X] (x) |X|; unchecked: ☐ □ [ ] ( ) ○. */
const CHECKED = /[☒☑✓✔✗✘■◼●⊠▣]|[[(|]\s?[xX✓✔*]\s?[\])|]/g;
const IS_CHECKED = new RegExp(`^(?:${CHECKED.source})$`);
const ANY_BOX = /[☒☑✓✔✗✘■◼●⊠▣☐□○◯❏❑]|[[(|]\s?[xX✓✔*_ ]?\s?[\])|]/g;

interface Item {
  text: string;
  checked: boolean;
  /** Column of the box. */
  col: number;
}

/** The boxes of a line and the text following each (up to the next box or column gap). */
export function checkboxItems(text: string): Item[] {
  const boxes = [...text.matchAll(ANY_BOX)];
  return boxes.map((m, i) => {
    const start = (m.index ?? 0) + m[0].length;
    const end = boxes[i + 1]?.index ?? text.length;
    const raw = text.slice(start, end).split(/\s{2,}/)[0] ?? '';
    return { text: tidy(raw), checked: IS_CHECKED.test(m[0]), col: m.index ?? 0 };
  });
}

const ANY_BOX_ONE = new RegExp(ANY_BOX.source);

/** Capitalise a heading written in capitals ("ÉCHOGRAPHIE" → "Échographie"). */
function heading(text: string): string {
  const t = tidy(text.replace(/[:()]/g, ' '));
  return t === t.toUpperCase() ? t.charAt(0) + t.slice(1).toLowerCase() : t;
}

/** Where a phrase about the exam stops in prose. */
const PHRASE_END =
  /\s(?:a|au|aux|pour|chez|de mme|de m\.|svp|s\.v\.p\.?|merci|car|afin|en raison|r\/o|because|for|to|on|le plus tot|des que|stp|urgent|si possible|dans les|d'ici)(?=\s|$)|[,;:.](?:\s|$)|\s\(|\s-\s|$/;

/** The exam phrase that starts at the modality word in `line`. */
function phraseAt(line: Line, index: number): string {
  const tail = line.folded.slice(index);
  // Skip the first character so the phrase keeps at least the modality word.
  const m = PHRASE_END.exec(tail.slice(1));
  const end = m ? index + 1 + m.index : line.text.length;
  return tidy(line.text.slice(index, end));
}

/** Prose that asks for an exam (vs. mentions a past one). */
const REQUEST =
  /(?:faire|fais|effectuer|demande|demandons|requiert|requis|prescri|svp|s\.v\.p|stp|please|request|aimerais|veuillez|priere|merci de|prevoir|obtenir|ordonnance|rx\s*:|a faire|pour|rendez-vous)/;
const PAST =
  /(?:a eu|a passe|a subi|deja fait|anterieure?|precedente?|montre|montrant|demontre|revele|normale?|resultat|rapport|compte rendu|protocole|conclusion|impression|trouvailles|had|showed|revealed)/;

export interface ExamResult {
  exam: string | null;
  /** Where it came from: a label or a box is an explicit request; prose is weaker. */
  source: 'label' | 'checkbox' | 'prose' | null;
  /** Lines the exam was read from. */
  lines: number[];
}

function foldValue(v: string): string {
  return fold(v);
}

/** The modality heading above a box: the heading line's cell over the box's column. */
function headingAt(h: Line, col: number): string {
  const cells = cellsOf(h.text).filter((c) => MODALITY.test(fold(c.text)));
  let pick = cells[0];
  for (const c of cells) if (c.start <= col + 3) pick = c;
  return pick ? heading(pick.text) : heading(h.text);
}

export function parseExam(doc: Doc, scan: FieldScan, excluded: Set<number>): ExamResult {
  // 1. "Examen demandé : …" with an imaging word in it (a lab requisition's "Examens" are not ours).
  for (const f of scan.fields) {
    if (f.key !== 'exam') continue;
    const boxed = checkboxItems(f.value);
    if (boxed.length > 0) {
      const checked = boxed.filter((b) => b.checked && b.text && MODALITY.test(foldValue(b.text)));
      if (checked.length > 0)
        return { exam: checked.map((b) => b.text).join(' ; '), source: 'checkbox', lines: f.valueLines };
      continue;
    }
    if (mentionsModality(foldValue(f.value))) return { exam: f.value, source: 'label', lines: f.valueLines };
  }
  // 2. Checked boxes: the item itself names the modality, or a heading names it (same line or above).
  const fromBoxes: string[] = [];
  const boxLines: number[] = [];
  let lastHeading: Line | null = null;
  for (const l of doc.lines) {
    if (!isBody(l) || excluded.has(l.n)) continue;
    const items = checkboxItems(l.text);
    if (items.length === 0) {
      if (MODALITY.test(l.folded) && l.text.trim().length <= 90) lastHeading = l;
      else if (lastHeading && l.n - lastHeading.n > 12) lastHeading = null;
      continue;
    }
    const firstBox = l.text.search(ANY_BOX_ONE);
    const lead = firstBox > 0 ? l.text.slice(0, firstBox) : '';
    const leadHeading = MODALITY.test(fold(lead)) ? heading(lead) : null;
    for (const item of items) {
      if (!item.checked || !item.text) continue;
      if (MODALITY.test(fold(item.text))) fromBoxes.push(item.text);
      else if (leadHeading) fromBoxes.push(`${leadHeading} ${item.text}`);
      else if (lastHeading) fromBoxes.push(`${headingAt(lastHeading, item.col)} ${item.text}`);
      else continue;
      boxLines.push(l.n);
    }
  }
  if (fromBoxes.length > 0) return { exam: fromBoxes.join(' ; '), source: 'checkbox', lines: boxLines };

  // 3. Prose asking for an exam. A bare modality word ("Rx" heading a prescription) is a last resort.
  let bare: ExamResult | null = null;
  for (const l of doc.lines) {
    if (!isBody(l) || excluded.has(l.n)) continue;
    const m = MODALITY_G.exec(l.folded);
    MODALITY_G.lastIndex = 0;
    if (!m) continue;
    const before = l.folded.slice(0, m.index);
    const startsWithIt = /^[\s\-*•·\d.)]*$/.test(before);
    const asks = REQUEST.test(l.folded);
    if (PAST.test(l.folded) && !/(?:faire|demande|svp|merci de|veuillez|please)/.test(before)) continue;
    if (!asks && !startsWithIt) continue;
    const phrase = phraseAt(l, m.index);
    if (fold(phrase).replace(/[^a-z]/g, '') === m[0].replace(/[^a-z]/g, '')) {
      // "Rx" heading a prescription is the prescription sign, not an exam: the line under it is.
      if (!/^rx$/i.test(phrase)) bare ??= { exam: phrase, source: 'prose', lines: [l.n] };
      continue;
    }
    return { exam: phrase, source: 'prose', lines: [l.n] };
  }
  return bare && !/^rx$/i.test(bare.exam ?? '') ? bare : { exam: null, source: null, lines: [] };
}
