/**
 * Mentions the parser's corrections in the check they affect, without values: staff learn
 * that a field was guessed from a likely misread and can look at the page themselves.
 */
import type { ParsedOrder } from '../domain/order.ts';
import type { CheckId } from '../domain/report.ts';

/** Field name (last path segment, lower-case) → the check it belongs to and how to say it. */
const BY_FIELD: Record<string, { id: CheckId; said: string } | undefined> = {
  servicenumber: { id: 'service.number', said: 'numéro du service corrigé' },
  nam: { id: 'patient.nam', said: 'NAM corrigé' },
  namraw: { id: 'patient.nam', said: 'NAM corrigé' },
  birthdate: { id: 'patient.birthdate', said: 'date de naissance corrigée' },
  phone: { id: 'prescriber.phone', said: 'téléphone corrigé' },
  permit: { id: 'prescriber.permit', said: 'numéro de permis corrigé' },
  orderdate: { id: 'order.date', said: "date de l'ordonnance corrigée" },
  exam: { id: 'order.exam', said: 'examen corrigé' },
  clinicalinfo: { id: 'order.clinical_info', said: 'renseignements cliniques corrigés' },
  recipients: { id: 'order.single_recipient', said: 'destinataire corrigé' },
};

/** Names belong to whoever owns them: "patient.lastName", "prescriber.firstName", "header.sender.lastName". */
function nameCheck(path: string[]): CheckId | null {
  if (path.includes('patient')) return 'patient.name';
  if (path.includes('prescriber')) return 'prescriber.name';
  if (path.includes('sender') || path.includes('header')) return 'service.sender';
  return null;
}

function target(field: string): { id: CheckId; said: string } | null {
  const path = field
    .toLowerCase()
    .split(/[.[\]/]+/)
    .filter(Boolean);
  const last = path.at(-1) ?? '';
  if (last === 'firstname' || last === 'lastname') {
    const id = nameCheck(path);
    return id ? { id, said: 'nom corrigé' } : null;
  }
  // "phone" alone is the prescriber's: the only phone field of the order.
  if (last === 'phone' && path.includes('patient')) return null;
  return BY_FIELD[last] ?? null;
}

/**
 * " (NAM corrigé d'une erreur de lecture probable, d'après la date de naissance)" when a repair
 * touched this check's field, else "". Without values: check messages travel further than the card
 * (digest, exports); the card shows what was read and what it became from `order.repairs`.
 */
export function repairNote(order: ParsedOrder, id: CheckId): string {
  const said = new Set<string>();
  const why = new Set<string>();
  for (const r of order.repairs) {
    const t = target(r.field);
    if (!t || t.id !== id) continue;
    said.add(t.said);
    why.add(evidence(r.reason));
  }
  if (said.size === 0) return '';
  const what = [...said].join(', ');
  const because = why.size === 1 ? `,${[...why][0]}` : '';
  return ` (${what.charAt(0).toUpperCase()}${what.slice(1)} d'une erreur de lecture probable${because})`;
}

/** What agreed with the correction, from the parser's reason ("comme le prévoit le nom"…). */
export function evidence(reason: string): string {
  const byName = /prévoit le nom/.test(reason);
  const byDate = /prévoit la date de naissance/.test(reason);
  if (byName && byDate) return " d'après le nom et la date de naissance";
  if (byName) return " d'après le nom";
  if (byDate) return " d'après la date de naissance";
  return " d'après la forme attendue";
}
