/**
 * The prescriber: name, a phone number where they can be reached, and their permit number.
 * Sources, best first: labelled fields in the prescriber's section or with a prescriber label;
 * then "Dr …" / "…, M.D." in the text; the e-mail's "De :" with a doctor's title; the signature.
 */
import type { Prescriber } from '../domain/order.ts';
import { isBody, type Doc } from './document.ts';
import type { Field, FieldScan } from './fields.ts';
import { roleAt } from './fields.ts';
import {
  hasCredential,
  looksLikeOrganisation,
  looksLikeFullName,
  namePart,
  nameWords,
  splitName,
  type SplitName,
} from './names.ts';
import { doctorNamesInProse, isDoctorText, senderAfterGarbledTitle } from './people.ts';
import { findPhones, isServiceNumber, parsePhone } from './phones.ts';
import { findDates } from './dates.ts';

const NAME_KEYS = new Set(['lastName', 'firstName', 'fullName']);

/** A name field that belongs to the prescriber. */
function isPrescriberNameField(f: Field): boolean {
  if (!NAME_KEYS.has(f.key) || looksLikeOrganisation(f.value)) return false;
  if (f.role === 'prescriber') return true;
  return f.role === null && (isDoctorText(f.value) || hasCredential(f.value));
}

/** First/last names from a group of name fields (one person). */
export function nameFromFields(fields: Field[]): SplitName | null {
  const first = fields.find((f) => f.key === 'firstName');
  const full = fields.find((f) => f.key === 'fullName');
  // "Nom du médecin : Paquette" next to "Prénom du médecin : Luc": the one word is the surname.
  const last =
    fields.find((f) => f.key === 'lastName') ??
    (first && full && nameWordsCount(full.value) === 1 ? full : undefined);
  if (last && first) {
    const l = namePart(last.value);
    const fn = namePart(first.value);
    if (l || fn) return { lastName: l, firstName: fn };
  }
  const whole = full ?? last ?? first;
  if (!whole) return null;
  const name = splitName(whole.value, { surnameFirst: whole.surnameFirst === true });
  if (!name.lastName && !name.firstName) return null;
  if (whole === first && !last && !full) return { firstName: name.lastName, lastName: null };
  return name;
}

function nameWordsCount(value: string): number {
  return splitName(value).firstName ? 2 : splitName(value).lastName ? 1 : 0;
}

/** "no", "n°", "#" between the label and the number ("Permis no 12345") is not part of the permit. */
const NUMBER_WORD = /^\s*(?:n[o°]\.?|num(?:[eé]ro)?\.?|#)\s*(?:de\s+|d')?[:.]?\s*/i;
/**
 * A permit: digits, maybe grouped ("1-12345"), maybe with a short letter prefix ("A-1234") or an
 * order's suffix ("12345-IPS"). Never a date.
 */
const PERMIT = /(?<![\p{L}\d])(?:\p{Lu}{1,3}-)?\d(?:[\d -]{1,12}\d)?(?:\s?-\s?\p{Lu}{2,5}(?![\p{L}]))?/u;

function permitOf(value: string): string | null {
  const v = value.replace(NUMBER_WORD, '');
  const m = PERMIT.exec(v);
  if (!m || m[0].replace(/\D/g, '').length < 3) return null;
  if (findDates(m[0]).length > 0) return null;
  return m[0].replace(/\s+/g, ' ').trim();
}

export interface PrescriberResult {
  prescriber: Prescriber;
  /** Lines the prescriber's name was read from (to look for an unlabelled phone near it). */
  nameLine: number | null;
}

export function parsePrescriber(
  doc: Doc,
  scan: FieldScan,
  excluded: Set<number>,
  /** The transmission header's sender, whose name in the body may follow a garbled title. */
  sender: { firstName: string; lastName: string } | null = null,
): PrescriberResult {
  const { fields } = scan;
  // --- name
  let name: SplitName | null = null;
  let nameLine: number | null = null;
  const labelled = fields.filter(isPrescriberNameField);
  const byLabel = labelled.filter((f) => f.roleFromLabel);
  for (const group of [byLabel, labelled]) {
    if (name || group.length === 0) continue;
    // Fields of one person sit close together: take the first field's neighbourhood.
    const anchor = group[0]!.line;
    const near = group.filter((f) => Math.abs(f.line - anchor) <= 6);
    name = nameFromFields(near);
    nameLine = anchor;
  }
  if (!name) {
    const prose = doctorNamesInProse(doc, excluded).filter((p) => p.name.lastName);
    // Prefer the doctor whose contact details follow (a signature block), else the last one named.
    const withContact = prose.find((p) =>
      fields.some(
        (f) => (f.key === 'phone' || f.key === 'permit') && f.line >= p.line && f.line - p.line <= 4,
      ),
    );
    const pick = withContact ?? prose.find((p) => p.name.firstName) ?? prose[0];
    if (pick) {
      name = pick.name;
      nameLine = pick.line;
    }
  }
  if (!name) {
    const block = nameOverContacts(doc, scan, excluded);
    if (block) {
      name = block.name;
      nameLine = block.line;
    }
  }
  if (!name && sender) {
    const named = senderAfterGarbledTitle(doc, excluded, sender);
    if (named) {
      name = named.name;
      nameLine = named.line;
    }
  }
  if (!name) {
    const from = fields.find((f) => f.key === 'from' && (isDoctorText(f.value) || hasCredential(f.value)));
    const sig = fields.find((f) => f.key === 'signature' && splitName(f.value).firstName);
    const src = from ?? sig ?? fields.find((f) => f.key === 'from' && personBefore(f.value));
    if (src) {
      name = splitName(src === from || src === sig ? src.value : (personBefore(src.value) ?? ''));
      nameLine = src.line;
    }
  }

  // --- phone
  let phone: string | null = null;
  const phoneFields = fields.filter((f) => f.key === 'phone' && (f.role === 'prescriber' || f.role === null));
  const own = phoneFields.filter((f) => f.role === 'prescriber');
  for (const f of own) phone ??= parsePhone(f.value); // the prescriber's own label: returned even if it is the service number
  if (!phone) {
    for (const f of phoneFields) {
      const p = parsePhone(f.value);
      if (p && !isServiceNumber(p)) {
        phone = p;
        break;
      }
    }
  }
  phone ??= unlabelledPhone(doc, scan, excluded, nameLine);
  if (!phone) {
    for (const f of phoneFields) phone ??= parsePhone(f.value);
  }

  // --- permit
  let permit: string | null = null;
  for (const f of fields)
    if (f.key === 'permit' && f.role !== 'patient' && f.role !== 'other') permit ??= permitOf(f.value);
  permit ??= unlabelledPermit(doc, scan, excluded, nameLine);

  return {
    prescriber: { firstName: name?.firstName ?? null, lastName: name?.lastName ?? null, phone, permit },
    nameLine,
  };
}

/** Labels that make a number on their line someone else's (or not a phone at all). */
const NOT_PRESCRIBER_PHONE = new Set([
  'fax',
  'toFax',
  'to',
  'cc',
  'from',
  'address',
  'nam',
  'birthDate',
  'other',
  'orderDate',
]);

/**
 * A phone number written without a label: in the prescriber's section first, then near the
 * prescriber's name, then anywhere in the order outside the patient's section. Never the service
 * number, never a number announced as a fax or a destination.
 */
function unlabelledPhone(
  doc: Doc,
  scan: FieldScan,
  excluded: Set<number>,
  nameLine: number | null,
): string | null {
  const candidates: { digits: string; rank: number; line: number }[] = [];
  for (const l of doc.lines) {
    if (!isBody(l) || excluded.has(l.n)) continue;
    for (const p of findPhones(l.text)) {
      if (isServiceNumber(p.digits)) continue;
      const governing = [...l.labels].reverse().find((h) => h.index < p.index);
      if (governing && (NOT_PRESCRIBER_PHONE.has(governing.key) || governing.key === 'phone')) continue;
      if (governing && governing.role === 'patient') continue;
      const role = roleAt(doc, scan, l, p.index);
      if (role === 'patient' || role === 'other') continue;
      const rank = role === 'prescriber' ? 0 : nameLine !== null && Math.abs(l.n - nameLine) <= 3 ? 1 : 2;
      candidates.push({ digits: p.digits, rank, line: l.n });
    }
  }
  candidates.sort((a, b) => a.rank - b.rank || a.line - b.line);
  return candidates[0]?.digits ?? null;
}

/**
 * The Collège des médecins writes a physician's permit "1-" and five digits ("1-89263"): a shape no
 * phone, date or postal code has. When OCR garbled the permit's label past reading (« rere » for
 * « Permis »), such a number near the prescriber's name, outside the patient's section, is the
 * permit. Bare digits are never taken without a label: too many other numbers look like them.
 */
const PHYSICIAN_PERMIT = /(?<![\d-])1\s?-\s?\d{5}(?![\d-])/;

function unlabelledPermit(
  doc: Doc,
  scan: FieldScan,
  excluded: Set<number>,
  nameLine: number | null,
): string | null {
  if (nameLine === null) return null;
  for (const l of doc.lines) {
    if (!isBody(l) || excluded.has(l.n) || Math.abs(l.n - nameLine) > 3) continue;
    const m = PHYSICIAN_PERMIT.exec(l.text);
    if (!m) continue;
    const role = roleAt(doc, scan, l, m.index);
    if (role === 'patient' || role === 'other') continue;
    return m[0].replace(/\s+/g, '');
  }
  return null;
}

/** The person's name leading a value ("Marie Roy <m.roy@…>", "Marie Roy, Clinique X"), if it is one. */
function personBefore(value: string): string | null {
  const head = value.split(/[<,(|]|\s{2,}/)[0]?.trim() ?? '';
  return looksLikeFullName(head) && !looksLikeOrganisation(head) && !/@/.test(head) ? head : null;
}

/** Contact labels that follow a prescriber's name in a letterhead or a signature block. */
const CONTACT_KEYS = new Set(['phone', 'permit', 'fax']);

/**
 * A letterhead or signature block: a line holding only a person's name, followed within a few lines
 * (no blank line) by the prescriber's phone or permit. "Ali Beaulieu / Pneumologie / Clinique X /
 * Tél. : …". The patient's section and addressing lines are skipped.
 */
function nameOverContacts(
  doc: Doc,
  scan: FieldScan,
  excluded: Set<number>,
): { name: SplitName; line: number } | null {
  for (const l of doc.lines) {
    if (!isBody(l) || excluded.has(l.n) || l.labels.length > 0) continue;
    if (roleAt(doc, scan, l, 0) === 'patient') continue;
    const text = l.text.trim().replace(/,\s*$/, '');
    if (!looksLikeFullName(text) || looksLikeOrganisation(text) || /\d|[:@]/.test(text)) continue;
    if (text.split(/\s+/).length > 5) continue;
    // A name standing alone is written with capitals: not the end of a sentence ("… injection de contraste.").
    if (nameWords(text, true).length !== nameWords(text).length) continue;
    // The block may be spaced out (name and specialty, a gap, the clinic and its phone): one blank
    // row between its parts is still the block, two end it.
    let contact = false;
    for (let n = l.n + 1, seen = 0, blanks = 0; n < doc.lines.length && seen < 5; n++) {
      const next = doc.lines[n]!;
      if (next.text.trim().length === 0) {
        if (++blanks > 1) break;
        continue;
      }
      if (!isBody(next)) break;
      blanks = 0;
      seen++;
      if (next.labels.some((h) => CONTACT_KEYS.has(h.key) && h.role !== 'patient')) contact = true;
    }
    if (!contact) continue;
    const name = splitName(text);
    if (name.firstName && name.lastName) return { name, line: l.n };
  }
  return null;
}
