/**
 * Label → value: walks the body lines, keeps track of whose section each line belongs to
 * (prescriber, patient, the order itself), and reads each label's value where forms put it:
 * after the label on the same line, in the cell below it (a row of labels over a row of values),
 * or on the next line; long texts (exam, clinical information) run on until the next label.
 */
import { isBody, type Doc, type Line } from './document.ts';
import { sectionOf, SURNAME_FIRST_LABEL, type LabelHit, type LabelKey, type Role } from './labels.ts';
import { parseDate } from './dates.ts';
import { mentionsModality } from './modality.ts';
import { looksLikeOrganisation, nameWords } from './names.ts';
import { fold, tidy } from './normalise.ts';
import { xAt, type RowCell } from './page-rows.ts';

export interface Field {
  key: LabelKey;
  /** Whose value this is: from the label itself, else from the section it sits in. */
  role: Role | null;
  /** The label said whose it is ("Nom du patient"), as opposed to the section. */
  roleFromLabel: boolean;
  /** A full name under a label that puts the surname first ("Nom et prénom :"). */
  surnameFirst?: boolean;
  value: string;
  /** Line of the label. */
  line: number;
  /** Lines the value was read from. */
  valueLines: number[];
}

/** Who the lines belong to: one role for the whole width, or one per column (by x on the page). */
type SectionState = {
  columns: { x: number; role: Role | null }[];
  /** Opened by a "Dr …" line rather than a header: weak, ends at a blank line. */
  implicit?: boolean;
};

export interface FieldScan {
  fields: Field[];
  /** Section state of each line (index = line number). */
  sections: SectionState[];
}

const single = (role: Role | null): SectionState => ({ columns: [{ x: -Infinity, role }] });

/** Horizontal slack, in characters, when matching a position to a column (ragged OCR boxes). */
const COLUMN_SLACK = 3;

/** Whose is the text at character `index` of line `l`. */
export function roleAt(doc: Doc, scan: FieldScan, l: Line, index: number): Role | null {
  return roleAtX(scan.sections[l.n], xAt(l, index), slackOf(doc, l));
}

function roleAtX(state: SectionState | undefined, x: number, slack: number): Role | null {
  if (!state) return null;
  let role: Role | null = state.columns[0]?.role ?? null;
  for (const c of state.columns) if (c.x <= x + slack) role = c.role;
  return role;
}

function slackOf(doc: Doc, l: Line): number {
  return COLUMN_SLACK * (doc.charWidths[l.page] ?? 1);
}

const NAME_KEYS = new Set<LabelKey>(['lastName', 'firstName', 'fullName']);

/** The rest of a name wrapped onto the next line: one or two capitalised name words, nothing else. */
function isNameContinuation(text: string): boolean {
  const words = text.split(/\s+/);
  return (
    words.length <= 2 &&
    nameWords(text, true).length === words.length &&
    !looksLikeOrganisation(text) &&
    !/\d/.test(text) &&
    // "Radiographie" alone on the next line starts the order, it does not end a name.
    !mentionsModality(fold(text))
  );
}

/** A list of destinations wrapped onto the next line: an open "(", a trailing ";", or the next place's fax. */
function recipientGoesOn(value: string, next: string): boolean {
  const open = (value.match(/\(/g) ?? []).length > (value.match(/\)/g) ?? []).length;
  return open || /[;,]$/.test(value) || /^[^:]{0,60}\(\s*(?:t[ée]l[ée]c|fax)/i.test(next);
}

/** A closing or sign-off line ends a free-text value. */
const CLOSING =
  /^[\s"'“”«»*.,-]*(?:merci|cordialement|salutations|bien a vous|veuillez agreer|je vous (?:remercie|prie d'agreer|prie de recevoir)|en vous remerciant|recevez|avec mes remerciements|best regards|regards|thank|signature|dre?\.?\s|docteure?\s|-{2,}|_{3,})/;
const DOCTOR_LINE =
  /^\s*(?:[Dd][Rr][Ee]?|[Dd]octeure?|DOCTEURE?)\.?\s+\p{Lu}|^\s*\p{Lu}[\p{L}'-]+(?:\s+\p{Lu}[\p{L}'-]+){1,3},?\s+(?:M\.\s?D\.?|MD|IPS\w*)\s*$/u;
/** Labels that only open a value in the addressing part of a page header. */
const HEADER_KEYS = new Set<LabelKey>(['to', 'toFax', 'cc']);

function nextBodyLine(doc: Doc, from: number, maxGap = 2): Line | undefined {
  let gap = 0;
  for (let n = from + 1; n < doc.lines.length; n++) {
    const l = doc.lines[n]!;
    if (l.text.trim().length === 0) {
      if (++gap > maxGap) return undefined;
      continue;
    }
    if (l.header || l.banner) return undefined;
    return l;
  }
  return undefined;
}

/** Does the line start with a label or a section header (so it is not a value)? */
function startsStructure(l: Line): boolean {
  const first = l.cells[0];
  if (!first) return false;
  if (l.labels.some((h) => h.index <= first.start + 1 && !h.keepLabel)) return true;
  return sectionOf(fold(first.text)) !== undefined;
}

function sameLineValue(l: Line, hits: LabelHit[], k: number): string {
  const h = hits[k]!;
  // Free text runs over an "R/O" inside it ("céphalées, R/O SEP").
  const next = hits.slice(k + 1).find((n) => !(h.long && n.keepLabel));
  const end = next?.index ?? l.text.length;
  let raw = l.text.slice(h.valueStart, end);
  if (!h.long) raw = raw.split(/\s{2,}/)[0] ?? '';
  // Free text keeps its closing punctuation until its lines are joined.
  const v = h.long
    ? raw
        .replace(/\s+/g, ' ')
        .replace(/^[\s:;.,\-=>_*•·]+/, '')
        .trim()
    : tidy(raw);
  if (!h.keepLabel || !v) return v;
  // "Toux, fièvre. R/O pneumonie": the words before "R/O" on its line belong to it.
  const before = k === 0 ? tidy(l.text.slice(0, h.index)) : '';
  return tidy(`${before} ${l.text.slice(h.index, h.labelEnd)} ${v}`);
}

/** The cells under a label that starts at `x` (up to the next label of its row, at `nextX`). */
function cellBelow(cells: RowCell[], x: number, nextX: number | undefined, slack: number): string {
  const picked = cells.filter((c) => c.x0 + slack >= x && (nextX === undefined || c.x0 + slack < nextX));
  return picked.map((c) => c.text).join(' ');
}

/**
 * The labels naming each cell of a row where every cell (two or more) starts with a label: the
 * first label of each cell. Null for any other row.
 */
function labelCells(l: Line, hits: LabelHit[]): LabelHit[] | null {
  if (l.cells.length < 2) return null;
  const firsts: LabelHit[] = [];
  for (const c of l.cells) {
    // The label may follow a word or two its vocabulary lacks or OCR garbled ("Ne de permis").
    const h = hits.find(
      (x) =>
        x.index >= c.start &&
        x.index <= c.start + 6 &&
        !x.keepLabel &&
        !/\d/.test(l.text.slice(c.start, x.index)),
    );
    if (!h) return null;
    // What follows the label in its cell may finish the label's wording, never hold a value.
    const rest = l.text.slice(h.labelEnd, c.end);
    if (/\d|[:;=]\s*\S/.test(rest)) return null;
    firsts.push(h);
  }
  return firsts;
}

/** Does a cell of `below` start under a cell of `l` other than the first (a grid, not prose)? */
function alignedUnder(l: Line, below: Line, slack: number): boolean {
  return l.cells.slice(1).some((c) => below.cells.some((b) => Math.abs(b.x0 - c.x0) <= slack));
}

/** Continuation lines of a long value, until a label, a section, a blank line or a sign-off. */
function continuation(doc: Doc, from: number, hasValue: boolean): { text: string[]; lines: number[] } {
  const text: string[] = [];
  const lines: number[] = [];
  let n = from;
  let ended = false;
  for (let count = 0; count < 8; count++) {
    // A sentence cut mid-way goes on even over a blank line (OCR sets wrapped lines apart).
    const l = nextBodyLine(doc, n, (hasValue || text.length > 0) && ended ? 0 : 1);
    if (!l || startsStructure(l) || CLOSING.test(l.folded) || DOCTOR_LINE.test(l.text)) break;
    const firstLabel = l.labels.find((h) => !h.keepLabel);
    text.push(firstLabel ? l.text.slice(0, firstLabel.index) : l.text);
    lines.push(l.n);
    ended = /[.!?]\s*$/.test(l.text);
    if (firstLabel) break;
    n = l.n;
  }
  return { text, lines };
}

export function scanFields(doc: Doc): FieldScan {
  const fields: Field[] = [];
  const sections: SectionState[] = [];
  let state: SectionState = single(null);
  const tableValueLines = new Set<number>();

  for (const l of doc.lines) {
    if (l.text.trim().length === 0 && state.implicit) state = single(null);
    if (l.header) {
      for (const [k, h] of l.labels.entries()) {
        const value = HEADER_KEYS.has(h.key) ? sameLineValue(l, l.labels, k) : '';
        if (value)
          fields.push({ key: h.key, role: null, roleFromLabel: false, value, line: l.n, valueLines: [l.n] });
      }
    }
    if (!isBody(l) || tableValueLines.has(l.n)) {
      sections[l.n] = state;
      continue;
    }
    const cells = l.cells;
    const slack = slackOf(doc, l);
    const xOf = (index: number): number => xAt(l, index);
    const sectionCells = cells.map((c) => sectionOf(fold(c.text)));
    if (cells.length >= 2 && sectionCells.every(Boolean)) {
      state = { columns: cells.map((c, i) => ({ x: c.x0, role: sectionCells[i]!.role })) };
    } else if (sectionCells[0]) {
      state = single(sectionCells[0].role);
    } else if (DOCTOR_LINE.test(l.text)) {
      state = { ...single('prescriber'), implicit: true };
    }
    // "R/O …" inside a free-text value is part of that value, not a field of its own.
    let hits = l.labels.filter(
      (h, i) => !(h.keepLabel && l.labels.slice(0, i).some((p) => p.long && !p.keepLabel)),
    );
    // A row of label cells over a row of values (a form's grid): each cell's first label names the
    // cell, whatever words follow it in the cell ("Tél. pour joindre le médecin").
    const gridLabels = labelCells(l, hits);
    const gridBelow = gridLabels ? nextBodyLine(doc, l.n, 1) : undefined;
    if (
      gridLabels &&
      gridBelow &&
      gridBelow.labels.length === 0 &&
      !startsStructure(gridBelow) &&
      alignedUnder(l, gridBelow, slackOf(doc, l))
    )
      hits = gridLabels;
    const first = hits[0];
    // A free-text order label at the start of a line ends the person sections.
    if (first && first.long && first.index <= (cells[0]?.start ?? 0) + 1 && !first.keepLabel)
      state = single(null);
    sections[l.n] = state;

    const values = hits.map((_, k) => sameLineValue(l, hits, k));
    const nextX = (k: number): number | undefined => {
      const next = hits[k + 1];
      return next ? xOf(next.index) : undefined;
    };
    const valueLines: number[][] = hits.map(() => [l.n]);

    const isLabelRow =
      (hits.length >= 2 && !values.some((v) => v.length > 0)) || (gridLabels !== null && hits === gridLabels);
    if (isLabelRow) {
      const below = nextBodyLine(doc, l.n, 1);
      if (below && below.labels.length === 0) {
        hits.forEach((h, k) => {
          // The column starts where the label's cell starts ("Ne de permis": under "Ne", not "permis").
          const cell = l.cells.find((c) => h.index >= c.start && h.index < c.end);
          values[k] = tidy(cellBelow(below.cells, cell ? cell.x0 : xOf(h.index), nextX(k), slack));
          valueLines[k] = [below.n];
        });
        tableValueLines.add(below.n);
        sections[below.n] = state;
      }
    } else {
      hits.forEach((h, k) => {
        if (values[k] !== '') return;
        // Nothing after the label: the value is under it.
        const below = nextBodyLine(doc, l.n, 1);
        if (!below || startsStructure(below)) return;
        const v =
          hits.length === 1 && h.long
            ? below.text
            : cellBelow(below.cells, xOf(h.index), nextX(k), slack) ||
              (hits.length === 1 ? (below.cells[0]?.text ?? '') : '');
        // A title line ("Infirmière praticienne spécialisée") over a clinic's name is no "label: name".
        if (NAME_KEYS.has(h.key) && looksLikeOrganisation(v)) return;
        values[k] = tidy(v);
        valueLines[k] = [below.n];
      });
    }

    // Values cut by a line break: a form cell wrapped over two lines, a date split in a sentence.
    hits.forEach((h, k) => {
      const value = values[k] ?? '';
      // The wrapped part starts the next line: it belongs to the first cell or to the last one.
      if (!value || h.long || (k !== 0 && k !== hits.length - 1) || valueLines[k]!.length !== 1) return;
      const below = nextBodyLine(doc, valueLines[k]![0]!, 0);
      if (!below || startsStructure(below)) return;
      if ((h.key === 'birthDate' || h.key === 'orderDate') && !parseDate(value)) {
        // "née le 5" / "avril 1974, NAM …": the date goes on up to the next label.
        const joined = `${value} ${below.text.slice(0, below.labels[0]?.index ?? below.text.length)}`;
        if (parseDate(joined)) {
          values[k] = tidy(joined);
          valueLines[k]!.push(below.n);
        }
        return;
      }
      if (below.labels.length > 0) return;
      const more = tidy(below.text);
      // The wrapped words sit in this cell's column: left of the next cell for the first one.
      const nextCell = hits[k + 1];
      const inColumn = !nextCell || xAt(below, below.text.search(/\S/)) < xOf(nextCell.index);
      if (NAME_KEYS.has(h.key) && nameWords(value).length === 1 && inColumn && isNameContinuation(more)) {
        values[k] = `${value} ${more}`;
        valueLines[k]!.push(below.n);
      } else if ((h.key === 'to' || h.key === 'cc') && recipientGoesOn(value, more)) {
        // A closed list item before the break: the next line is the next place.
        const closed = /\)$/.test(value) && !/^[^(]*\)/.test(more);
        values[k] = `${value}${closed ? ' ;' : ''} ${more}`;
        valueLines[k]!.push(below.n);
      }
    });

    hits.forEach((h, k) => {
      if (h.long && values[k] !== '') {
        const last = valueLines[k]![valueLines[k]!.length - 1]!;
        // Only the last label of a line can run on to the next lines.
        if (k === hits.length - 1) {
          const more = continuation(doc, last, /[.!?]\s*$/.test(values[k]!));
          if (more.text.length > 0) {
            values[k] = [values[k], ...more.text].join(' ').replace(/\s+/g, ' ').trim();
            valueLines[k]!.push(...more.lines);
          }
        }
      }
      // A role label ("Patient : …", "Médecin : …") opens that person's section.
      if (h.role && h.role !== 'other' && h.key === 'fullName' && state.columns.length === 1) {
        state = single(h.role);
        sections[l.n] = state;
      }
      // In a "Dr …" block, a bare "Nom :" is more likely the patient's (prescription pads).
      const weak = state.implicit && (h.key === 'lastName' || h.key === 'firstName' || h.key === 'fullName');
      const role = h.role ?? (weak ? null : roleAtX(state, xOf(h.index), slack));
      const value = values[k] ?? '';
      if (value === '') return;
      fields.push({
        key: h.key,
        role,
        roleFromLabel: h.role !== undefined,
        ...(h.key === 'fullName' && SURNAME_FIRST_LABEL.test(l.folded.slice(h.index, h.labelEnd))
          ? { surnameFirst: true }
          : {}),
        value,
        line: l.n,
        valueLines: valueLines[k] ?? [l.n],
      });
    });
  }
  patientEvidence(fields);
  return { fields, sections };
}

/**
 * A bare "Nom :" on the line of a birth date or NAM (or just above it) is the patient's, whatever
 * section it seemed to fall in: only patients have those.
 */
function patientEvidence(fields: Field[]): void {
  for (const f of fields) {
    if (!NAME_KEYS.has(f.key) || f.roleFromLabel || f.role === 'patient') continue;
    const evidence = fields.some(
      (g) => (g.key === 'birthDate' || g.key === 'nam') && (g.line === f.line || g.line === f.line + 1),
    );
    const prescriberHere = fields.some(
      (g) => g.line === f.line && g.roleFromLabel && g.role === 'prescriber' && g.key !== 'permit',
    );
    if (evidence && !prescriberHere) f.role = 'patient';
  }
}
