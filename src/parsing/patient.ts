/**
 * The patient (usager): name, birth date, NAM — or, without a NAM, another identifier (address or
 * phone). The NAM and the birth date help each other: the birth date's readings guide NAM repairs,
 * and the NAM settles a dd/mm vs mm/dd birth date.
 */
import type { Patient, Repair } from '../domain/order.ts';
import { parseDate, type DateMatch } from './dates.ts';
import { isBody, type Doc } from './document.ts';
import type { Field, FieldScan } from './fields.ts';
import { roleAt } from './fields.ts';
import { findNamLike, parseNam } from './nam.ts';
import { hasCredential, nameWords, type SplitName } from './names.ts';
import { lettersOnly } from './normalise.ts';
import { clearerReading } from './name-readings.ts';
import { civilNamesInProse, isDoctorText } from './people.ts';
import { parsePhone } from './phones.ts';
import { nameFromFields } from './prescriber.ts';

const NAME_KEYS = new Set(['lastName', 'firstName', 'fullName']);

function isPatientNameField(f: Field): boolean {
  if (!NAME_KEYS.has(f.key)) return false;
  if (f.role === 'patient') return true;
  // Unattributed "Nom"/"Prénom": the patient's, unless it reads like a doctor.
  return f.role === null && !isDoctorText(f.value) && !hasCredential(f.value);
}

/** The NAM's text inside a labelled value ("TREJ 8503 1512 exp. 2027-03" → "TREJ 8503 1512"). */
function namTextOf(value: string): string {
  const like = findNamLike(value)[0];
  if (like) return like.text;
  const tokens: string[] = [];
  for (const t of value.split(/\s+/)) {
    if (!/^[A-Za-z0-9\]\)\[|!$-]+$/.test(t) || /^(?:exp|expiration|\(|date)/i.test(t)) break;
    tokens.push(t);
    if (tokens.join('').replace(/-/g, '').length >= 12) break;
  }
  return tokens.join(' ') || value.trim();
}

/**
 * "Bergeron Nathalie" written without capitals or comma reads as first name first; the NAM
 * (surname letters, then the first name's initial) says which word is the surname.
 */
function orderByNam(name: SplitName, nam: string): SplitName {
  if (!name.firstName || !name.lastName) return name;
  const score = (last: string, first: string) => {
    const l = (lettersOnly(last).toUpperCase() + 'XXX').slice(0, 3);
    const f = lettersOnly(first).toUpperCase().slice(0, 1);
    return (nam.slice(0, 3) === l ? 2 : 0) + (nam[3] === f ? 1 : 0);
  };
  const asIs = score(name.lastName, name.firstName);
  const swapped = score(name.firstName, name.lastName);
  return swapped > asIs ? { firstName: name.lastName, lastName: name.firstName } : name;
}

/**
 * "Nom : THIBAULT-DE GRANDPRÉ,  ⏎ Mathieu": a narrow form cell wrapped the first name onto the
 * next line. The comma ending the value says the surname is complete and the first name follows;
 * the next line must start with capitalised name words alone in their cell.
 */
function wrappedName(doc: Doc, field: Field): SplitName | null {
  // The field's value leaves its punctuation out: look at the line itself.
  const line = doc.lines[field.line]?.text ?? '';
  const at = line.indexOf(field.value);
  if (at < 0 || !/^\s*,\s*(?:\s{2}|$)/.test(line.slice(at + field.value.length))) return null;
  const next = doc.lines[field.line + 1];
  if (!next || !isBody(next)) return null;
  const cell = next.text.trim().split(/\s{2,}/)[0] ?? '';
  if (/[:\d]/.test(cell)) return null;
  const first = nameWords(cell, true);
  if (first.length === 0 || first.length > 3 || first.length !== cell.split(/\s+/).length) return null;
  const last = nameWords(field.value);
  if (last.length === 0 || last.length > 4) return null;
  return { lastName: last.join(' '), firstName: first.join(' ') };
}

/**
 * An address or phone whose section says nothing reliable, set among the patient's own fields:
 * the field just before it (on its line or up to two lines above) is labelled as the patient's
 * ("DDN : … ⏎ Adresse : …", "(née le …, tél. : …)").
 */
function amidPatientFields(field: Field, fields: Field[]): boolean {
  if (field.roleFromLabel) return false;
  const at = fields.indexOf(field);
  const previous = fields
    .slice(0, at)
    .reverse()
    .find((g) => g.key !== 'orderDate');
  if (!previous || field.line - previous.line > 2) return false;
  return previous.roleFromLabel && previous.role === 'patient';
}

/** The digits starting the line after a NAM value that ends its line, if any. */
function namCutByLineBreak(doc: Doc, field: Field): string | null {
  const line = doc.lines[field.line]?.text ?? '';
  if (!line.trimEnd().endsWith(field.value.trim())) return null;
  const next = doc.lines[field.line + 1];
  if (!next || !isBody(next)) return null;
  return /^\s*(\d[\dOoIlS]{0,7}(?:\s\d[\dOoIlS]{0,3})?)(?![\p{L}\d])/u.exec(next.text)?.[1] ?? null;
}

const POSTAL_CODE = /\b[A-Z]\d[A-Z]\s?\d[A-Z]\d\b/i;

/** A civic address: number, then a street word within a few words ("7640, 3e Avenue", "12 rue Saint-Jean"). */
const CIVIC =
  /(?<![\d\p{L}])\d{1,6}(?:-\d{1,5})?,?\s+(?:\S+\s+){0,2}?(?:rue|boul(?:evard)?|av(?:enue)?|ch(?:emin)?|rang|route|rte|place|mont[ée]e|c[ôo]te|croissant|all[ée]e|impasse|street|st|road|rd|ave|blvd|drive|dr)\b\.?/iu;

/**
 * The patient's address written in a sentence ("… née le 17 décembre 1991, domiciliée au 7640,
 * 3e Avenue, Laval (Québec) H7G 3Z5."): in the paragraph where the patient's other fields were read,
 * from the civic number to the postal code.
 */
function addressInPatientProse(doc: Doc, fields: Field[]): string | null {
  const start = fields.filter((f) => f.role === 'patient').flatMap((f) => f.valueLines);
  const seen = new Set<number>();
  for (const n of start) {
    let text = '';
    for (let k = n; k < doc.lines.length && k <= n + 2; k++) {
      const l = doc.lines[k]!;
      if (!isBody(l) || seen.has(k)) break;
      seen.add(k);
      text += ` ${l.text.trim()}`;
    }
    const postal = POSTAL_CODE.exec(text);
    if (!postal) continue;
    const before = text.slice(0, postal.index + postal[0].length);
    const civic = CIVIC.exec(before);
    if (civic) return before.slice(civic.index).replace(/\s+/g, ' ').trim();
  }
  return null;
}

export interface PatientResult {
  patient: Patient;
  repairs: Repair[];
}

export function parsePatient(doc: Doc, scan: FieldScan, excluded: Set<number>): PatientResult {
  const { fields } = scan;
  // --- name
  let name: SplitName | null = null;
  let nameFromOneString = false;
  /** The lines the name was read from: each field's line and the row under it. */
  let nameLines: number[] = [];
  const candidates = fields.filter(isPatientNameField);
  const strong = candidates.filter((f) => f.role === 'patient');
  for (const group of [strong, candidates]) {
    if (name || group.length === 0) continue;
    const anchor = group[0]!.line;
    // Around a field labelled as the patient's, an unattributed "Nom :" is the patient's too.
    const near = candidates.filter(
      (f) => Math.abs(f.line - anchor) <= 6 && (group === candidates || f.role !== 'other'),
    );
    name = nameFromFields(near);
    nameLines = near.flatMap((f) => [f.line, f.line + 1]);
    nameFromOneString = !(near.some((f) => f.key === 'lastName') && near.some((f) => f.key === 'firstName'));
    const full = near.find((f) => f.key === 'fullName');
    const wrapped = full && !near.some((f) => f.key === 'firstName') ? wrappedName(doc, full) : null;
    if (wrapped) {
      name = wrapped;
      nameFromOneString = false;
    }
  }
  /** A date written right after the patient's name in a sentence ("Josée Bérubé (1968-02-14)"). */
  let dateAfterName: string | undefined;
  if (!name || (!name.firstName && !name.lastName)) {
    const inProse = civilNamesInProse(doc, excluded)[0];
    name = inProse?.name ?? name;
    dateAfterName = inProse?.dateAfter;
  } else {
    name = clearerReading(doc, name, nameLines, civilNamesInProse(doc, excluded));
  }

  // --- birth date (all readings kept until the NAM is known)
  let birth: DateMatch | null = null;
  for (const f of fields) {
    if (f.key !== 'birthDate' || (f.role !== 'patient' && f.role !== null)) continue;
    birth = parseDate(f.value);
    if (birth) break;
  }
  // No birth date labelled: the one written right after the patient's name in a sentence.
  if (!birth && dateAfterName) birth = parseDate(dateAfterName);
  const readings = birth ? [birth.iso, ...birth.alternatives] : [];

  // --- NAM
  const repairs: Repair[] = [];
  let nam: string | null = null;
  let namRaw: string | null = null;
  const hints = { lastName: name?.lastName, firstName: name?.firstName, birthDates: readings };
  // "Pas de carte RAMQ" is not a NAM: a value without digits is no NAM at all.
  // A NAM cut by the line break ("… maladie : OUEV⏎83560867") has its digits on the next line.
  const namField = fields.find(
    (f) =>
      f.key === 'nam' &&
      f.role !== 'other' &&
      (/\d.*\d/.test(f.value) || (/^\s*[A-Za-z]{4}\s*$/.test(f.value) && namCutByLineBreak(doc, f) !== null)),
  );
  if (namField) {
    const r = parseNam(namTextOf(namField.value), hints);
    // "NAM lixj 4008⏎1391": a NAM cut by the line break goes on at the start of the next line.
    const cut = r.nam ? null : namCutByLineBreak(doc, namField);
    const whole = cut ? parseNam(`${namTextOf(namField.value)} ${cut}`, hints) : null;
    if (r.nam || whole?.nam) {
      nam = r.nam ?? whole?.nam ?? null;
      repairs.push(...(r.nam ? r.repairs : (whole?.repairs ?? [])));
    } else {
      namRaw = r.raw || null;
    }
  } else {
    // No label: a NAM-shaped run in the text, the patient's section first.
    const found: { text: string; rank: number }[] = [];
    for (const l of doc.lines) {
      if (!isBody(l) || excluded.has(l.n)) continue;
      for (const m of findNamLike(l.text)) {
        found.push({ text: m.text, rank: roleAt(doc, scan, l, m.index) === 'patient' ? 0 : 1 });
      }
    }
    found.sort((a, b) => a.rank - b.rank);
    for (const c of found) {
      const r = parseNam(c.text, hints);
      if (r.nam) {
        nam = r.nam;
        repairs.push(...r.repairs);
        break;
      }
    }
  }
  if (nam && name && nameFromOneString) name = orderByNam(name, nam);
  // "02/05/1976" is read as Quebec writes it (day first), whatever the NAM says: choosing the order
  // that agrees with the NAM would hide the very inconsistency the NAM check exists to catch. The
  // check explains a NAM that agrees with the date only with day and month swapped.
  const birthDate = readings[0] ?? null;

  // --- alternate identifier, when there is no usable NAM
  let altId: string | null = null;
  if (!nam) {
    const patients = (f: Field) => f.role === 'patient' || amidPatientFields(f, fields);
    const address = fields.find((f) => f.key === 'address' && (f.role === null || patients(f)));
    const phone = fields.find((f) => f.key === 'phone' && patients(f) && parsePhone(f.value));
    altId = address?.value ?? (phone ? parsePhone(phone.value) : null);
    if (!altId) {
      for (const l of doc.lines) {
        if (altId || !isBody(l) || excluded.has(l.n)) continue;
        if (roleAt(doc, scan, l, 0) === 'patient' && POSTAL_CODE.test(l.text))
          altId = l.text.trim().replace(/\s{2,}/g, ' ');
      }
    }
    altId ??= addressInPatientProse(doc, fields);
  }

  return {
    patient: {
      firstName: name?.firstName ?? null,
      lastName: name?.lastName ?? null,
      birthDate,
      nam,
      namRaw: nam ? null : namRaw,
      altId,
    },
    repairs,
  };
}
