/**
 * The requested imaging / nuclear-medicine exam, as written (with its region): from an
 * "Examen demandé" label, from checked boxes (see checkbox.ts: OCR'd boxes included), or from
 * prose ("faire une échographie abdominale à Mme …").
 */
import { isBody, type Doc, type Line } from './document.ts';
import type { FieldScan } from './fields.ts';
import { isDangling, isHeadingLead, markersOf, pickChecked, readGrid, type GridOption } from './checkbox.ts';
import { sectionOf } from './labels.ts';
import { cellsOf, fold, tidy } from './normalise.ts';
import { MODALITY, mentionsModality } from './modality.ts';

export { MODALITY, mentionsModality };

const MODALITY_G = new RegExp(MODALITY.source, 'g');

/** Capitalise a heading written in capitals ("ÉCHOGRAPHIE" → "Échographie"). */
function heading(text: string): string {
  const t = tidy(text.replace(/[:()]/g, ' '));
  return t === t.toUpperCase() ? t.charAt(0) + t.slice(1).toLowerCase() : t;
}

/** Where a phrase about the exam stops in prose. */
const PHRASE_END =
  /\s(?:a|au|aux|pour|chez|de mme|de m\.|svp|s\.v\.p\.?|merci|car|afin|en raison|r\/o|because|for|to|on|le plus tot|des que|stp|urgent|si possible|dans les|d'ici)(?=[\s,;:.]|$)|[,;:.](?:\s|$)|\s\(|\s-\s|$/;

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
  /(?:faire|fais|effectuer|realiser|proceder|planifier|vouloir|obligeance|gre de|demande|demandons|requiert|requis|prescri|svp|s\.v\.p|stp|please|request|would you|aimerais|veuillez|priere|merci de|prevoir|obtenir|ordonnance|rx\s*:|a faire|pour|rendez-vous)/;
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

/** A line that ends a grid: a label or section starting it, a sign-off, a doctor's name. */
function endsGrid(l: Line): boolean {
  const lead = l.text.search(/\S/);
  if (l.labels.some((h) => h.index <= lead + 1 && !h.keepLabel)) return true;
  if (sectionOf(fold(l.text.trim())) !== undefined) return true;
  return /^[\s"'*.,-]*(?:merci|cordialement|signature|dre?\.?\s|docteure?\s|-{2,}|_{3,})/.test(l.folded);
}

/**
 * Rows of a checkbox grid starting at line `from` (from column `col`): box lines, wrapped
 * options and options whose box vanished, up to a label, a section, a sign-off or a blank gap.
 */
function gridRows(doc: Doc, from: number, col: number, excluded: Set<number>): { text: string; n: number }[] {
  const rows: { text: string; n: number }[] = [];
  const first = doc.lines[from]!.text.slice(col);
  if (first.trim()) rows.push({ text: first, n: from });
  let blanks = 0;
  let unmarked = 0;
  for (let n = from + 1; n < doc.lines.length && rows.length < 30; n++) {
    const l = doc.lines[n]!;
    if (l.text.trim().length === 0) {
      // OCR sets grid rows apart with blank lines; two in a row end the grid.
      if (++blanks > 1) break;
      continue;
    }
    blanks = 0;
    if (!isBody(l) || excluded.has(n) || endsGrid(l)) break;
    if (markersOf(l.text).length > 0) unmarked = 0;
    else {
      // A line with no box: a wrapped option, or an option whose box vanished — not a third in a row.
      const prev = rows[rows.length - 1]?.text ?? '';
      const wrapped = /^\s*\p{Ll}/u.test(l.text) || isDangling(prev);
      if (!wrapped && (!MODALITY.test(l.folded) || l.text.trim().length > 90)) {
        if (rows.length === 0 || !/^\s*\p{Lu}/u.test(l.text) || l.text.trim().length > 60) break;
      }
      if (++unmarked > 2) break;
    }
    rows.push({ text: l.text, n });
  }
  return rows;
}

/** The body line above `n` (over at most one blank line). */
function previousRow(doc: Doc, n: number): Line | undefined {
  for (let k = n - 1, blanks = 0; k >= 0; k--) {
    const l = doc.lines[k]!;
    if (l.text.trim().length > 0) return isBody(l) ? l : undefined;
    if (++blanks > 1) return undefined;
  }
  return undefined;
}

interface GridCount {
  markers: number;
  strong: number;
  /** Rows starting with a marker. */
  leading: number;
}

function countMarkers(rows: { text: string }[]): GridCount {
  let markers = 0;
  let strong = 0;
  let leading = 0;
  for (const r of rows) {
    const ms = markersOf(r.text);
    markers += ms.length;
    strong += ms.filter((m) => m.strong).length;
    if (ms[0] && r.text.slice(0, ms[0].index).trim() === '') leading++;
  }
  return { markers, strong, leading };
}

/** The picked options' text, with a heading when the option itself names no modality. */
function optionsText(
  options: GridOption[],
  heading: (o: GridOption) => string | null,
  needModality: boolean,
): string[] {
  const out: string[] = [];
  for (const o of options) {
    if (MODALITY.test(fold(o.text))) out.push(o.text);
    else {
      const h = heading(o);
      if (h) out.push(`${h} ${o.text}`);
      else if (!needModality) out.push(o.text);
    }
  }
  return out;
}

/**
 * The exam of a grid under an exam label. Checked options (with their modality heading), or
 * null when the grid does not say which: a clerk must look, which is safer than the whole grid.
 */
function examFromLabelledGrid(rows: { text: string; n: number }[]): ExamResult {
  const grid = readGrid(rows);
  const pick = pickChecked(grid);
  const lead = grid.lead ? heading(grid.lead) : null;
  const leadHeading = lead && MODALITY.test(fold(lead)) ? lead : null;
  if (pick) {
    const withModality = optionsText(pick.options, () => leadHeading, true);
    // Picked by a vanished box: only believable for an option that names an exam.
    const texts =
      withModality.length > 0 || pick.by === 'missing'
        ? withModality
        : optionsText(pick.options, () => leadHeading, false);
    if (texts.length > 0)
      return {
        exam: texts.join(' ; '),
        source: 'checkbox',
        lines: [...new Set(pick.options.map((o) => o.line))],
      };
  }
  // A single option with a box nobody could read: it is the exam asked for.
  if (grid.options.length === 1 && MODALITY.test(fold(grid.options[0]!.text)))
    return { exam: grid.options[0]!.text, source: 'label', lines: [grid.options[0]!.line] };
  return { exam: null, source: null, lines: [] };
}

export function parseExam(doc: Doc, scan: FieldScan, excluded: Set<number>): ExamResult {
  // 1. An exam written out after its label ("Examen / région : IRM genou droit"): the most explicit
  // a form gets, and read as written, where a grid's boxes only say which modality (when OCR kept them).
  for (const f of scan.fields) {
    if (f.key !== 'exam' || !mentionsModality(foldValue(f.value))) continue;
    if (f.valueLines.some((n) => markersOf(doc.lines[n]!.text).length > 0)) continue;
    return { exam: f.value, source: 'label', lines: f.valueLines };
  }
  // 2. "Examen demandé" over a grid of boxes, or with an imaging word in it (a lab requisition's
  // "Examens" are not ours).
  for (const f of scan.fields) {
    if (f.key !== 'exam') continue;
    const labelLine = doc.lines[f.line]!;
    const hit = labelLine.labels.find((h) => h.key === 'exam');
    if (hit) {
      const rows = gridRows(doc, f.line, hit.valueStart, excluded);
      const count = countMarkers(rows);
      if (count.strong >= 1 || count.markers >= 2) {
        const grid = examFromLabelledGrid(rows);
        if (grid.exam || rows.some((r) => MODALITY.test(fold(r.text)))) return grid;
        continue;
      }
    }
    if (mentionsModality(foldValue(f.value))) return { exam: f.value, source: 'label', lines: f.valueLines };
  }
  // 3. Checkbox grids with no exam label: the checked item names the modality, or a heading does
  // (same line or above).
  const fromBoxes: string[] = [];
  const boxLines: number[] = [];
  const gridLines = new Set<number>();
  let lastHeading: Line | null = null;
  for (const l of doc.lines) {
    if (!isBody(l) || excluded.has(l.n) || gridLines.has(l.n)) continue;
    const markers = markersOf(l.text);
    const startsWithBox = markers[0] !== undefined && l.text.slice(0, markers[0].index).trim() === '';
    const leadHeading = markers[0] && isHeadingLead(l.text.slice(0, markers[0].index));
    if (markers.length === 0 || (!markers.some((m) => m.strong) && !startsWithBox)) {
      if (MODALITY.test(l.folded) && l.text.trim().length <= 90) lastHeading = l;
      else if (lastHeading && l.n - lastHeading.n > 12) lastHeading = null;
      continue;
    }
    if (!startsWithBox && !leadHeading && !markers.some((m) => m.strong)) continue;
    // The row above may start with the option whose box vanished ("IRM genou   O TDM tête").
    const prev = previousRow(doc, l.n);
    const start =
      prev &&
      !excluded.has(prev.n) &&
      !gridLines.has(prev.n) &&
      !endsGrid(prev) &&
      markersOf(prev.text).length > 0
        ? prev.n
        : l.n;
    const rows = gridRows(doc, start, 0, excluded);
    const count = countMarkers(rows);
    const grid = readGrid(rows);
    const modalityOptions = grid.options.filter((o) => MODALITY.test(fold(o.text))).length;
    // Letters OCR made of boxes only count as a grid over two box rows naming exams.
    if (count.strong === 0 && (count.leading < 2 || modalityOptions < 2)) continue;
    rows.forEach((r) => gridLines.add(r.n));
    const pick = pickChecked(grid);
    if (!pick) continue;
    const lead = grid.lead ? heading(grid.lead) : null;
    const above = lastHeading;
    const texts = optionsText(
      pick.options,
      (o) => (lead && MODALITY.test(fold(lead)) ? lead : above ? headingAt(above, o.col) : null),
      true,
    );
    if (texts.length === 0) continue;
    fromBoxes.push(...texts);
    boxLines.push(...pick.options.map((o) => o.line));
  }
  if (fromBoxes.length > 0)
    return { exam: fromBoxes.join(' ; '), source: 'checkbox', lines: [...new Set(boxLines)] };

  // 4. Prose asking for an exam. A bare modality word ("Rx" heading a prescription) is a last resort.
  let bare: ExamResult | null = null;
  for (const l of doc.lines) {
    if (!isBody(l) || excluded.has(l.n) || gridLines.has(l.n)) continue;
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
