/**
 * A required field the reader was not sure of cannot be taken on its own word. When one was read
 * with low OCR confidence and nothing confirmed it (the NAM, see src/parsing/provenance.ts), the
 * legibility check says which fields to look at and becomes a `warn` — legibility is what is in
 * doubt, the field itself is there — so the fax gets `review`, never `ok`, and the card marks the
 * field « à vérifier ».
 */
import type { FieldPath, ParsedOrder } from '../domain/order.ts';
import type { Check, CheckId } from '../domain/report.ts';

const FIELDS_OF: Partial<Record<CheckId, { path: FieldPath; label: string }[]>> = {
  'prescriber.name': [
    { path: 'prescriber.lastName', label: 'nom du prescripteur' },
    { path: 'prescriber.firstName', label: 'prénom du prescripteur' },
  ],
  'prescriber.phone': [{ path: 'prescriber.phone', label: 'téléphone du prescripteur' }],
  'patient.name': [
    { path: 'patient.lastName', label: 'nom de l’usager' },
    { path: 'patient.firstName', label: 'prénom de l’usager' },
  ],
  'patient.birthdate': [{ path: 'patient.birthDate', label: 'date de naissance' }],
  'patient.nam': [{ path: 'patient.nam', label: 'NAM' }],
  'order.exam': [{ path: 'exam', label: 'examen demandé' }],
};

export function flagUncertainFields(checks: Check[], order: ParsedOrder): Check[] {
  const unsure = Object.values(FIELDS_OF)
    .flat()
    .filter((f) => order.provenance[f.path]?.uncertain)
    .map((f) => `${f.label} (confiance ${order.provenance[f.path]?.confidence ?? '?'} %)`);
  if (unsure.length === 0) return checks;
  const note = `Lu avec une faible confiance, à vérifier sur l’original : ${unsure.join(', ')}`;
  return checks.map((check) => {
    if (check.id !== 'order.legible') return check;
    return check.status === 'pass'
      ? { ...check, status: 'warn', message: note }
      : { ...check, message: `${check.message}. ${note}` };
  });
}
