/** The patient (usager): who the exam is for, and whether their NAM fits them. */
import { isNamShape, isWellFormedNam, namConsistency, normalizeNam } from './nam.ts';
import { repairNote } from './repairs.ts';
import type { Rule } from './rule.ts';
import { check } from './rule.ts';
import { isCalendarDate, present } from './text.ts';

export const patientName: Rule = (order) => {
  const { firstName, lastName } = order.patient;
  const note = repairNote(order, 'patient.name');
  if (present(firstName) && present(lastName)) return check('patient.name', 'pass', `Usager nommé${note}`);
  if (present(lastName)) return check('patient.name', 'fail', `Prénom de l'usager absent${note}`);
  if (present(firstName)) return check('patient.name', 'fail', `Nom de famille de l'usager absent${note}`);
  return check('patient.name', 'fail', "Aucun nom de l'usager");
};

export const patientBirthdate: Rule = (order) => {
  const { birthDate } = order.patient;
  const note = repairNote(order, 'patient.birthdate');
  if (!present(birthDate)) return check('patient.birthdate', 'fail', "Date de naissance de l'usager absente");
  if (!isCalendarDate(birthDate)) {
    return check('patient.birthdate', 'fail', `Date de naissance de l'usager invalide${note}`);
  }
  // ISO dates compare as strings. Born after the order was written: a misread, not a newborn.
  if (present(order.orderDate) && isCalendarDate(order.orderDate) && birthDate > order.orderDate) {
    return check(
      'patient.birthdate',
      'fail',
      `Date de naissance postérieure à la date de l'ordonnance${note}`,
    );
  }
  return check('patient.birthdate', 'pass', `Date de naissance de l'usager présente${note}`);
};

export const patientNam: Rule = (order) => {
  const { nam, namRaw, altId } = order.patient;
  const note = repairNote(order, 'patient.nam');
  if (present(nam)) {
    if (!isWellFormedNam(nam)) return check('patient.nam', 'fail', `NAM mal formé${note}`);
    if (present(namRaw)) {
      return check(
        'patient.nam',
        'warn',
        `NAM bien formé, mais une autre valeur semblable à un NAM est mal formée : vérifier${note}`,
      );
    }
    return check('patient.nam', 'pass', `NAM présent et bien formé${note}`);
  }
  if (present(namRaw)) return check('patient.nam', 'fail', `NAM mal formé${note}`);
  if (present(altId)) {
    return check('patient.nam', 'warn', 'NAM absent, mais autre identifiant fourni (adresse ou téléphone)');
  }
  return check('patient.nam', 'fail', "Aucun NAM ni autre identifiant de l'usager (adresse ou téléphone)");
};

const PART_LABELS = {
  surname: 'au nom de famille',
  givenName: 'au prénom',
  birthDate: 'à la date de naissance',
} as const;

/** The same date with day and month exchanged ("1976-05-02" → "1976-02-05"), when both are dates. */
function swapDayAndMonth(iso: string): string | null {
  const [y, m, d] = iso.split('-');
  if (!y || !m || !d || m === d || Number(d) > 12) return null;
  return `${y}-${d}-${m}`;
}

/** Never 'fail': a NAM can legitimately differ (surname changed since birth, sex unknown to us…). */
export const patientNamConsistency: Rule = (order) => {
  const { nam } = order.patient;
  if (!present(nam) || !isNamShape(nam)) {
    return check('patient.nam_consistency', 'skip', 'Pas de NAM lisible : cohérence non vérifiée');
  }
  // The order does not give the sex: namConsistency then accepts the month as is or + 50.
  const result = namConsistency(normalizeNam(nam), order.patient);
  const parts = (['surname', 'givenName', 'birthDate'] as const).filter((k) => result[k] === 'mismatch');
  if (parts.length > 0) {
    const what = parts.map((k) => PART_LABELS[k]).join(', ');
    const swapped = order.patient.birthDate ? swapDayAndMonth(order.patient.birthDate) : null;
    if (
      parts.includes('birthDate') &&
      swapped &&
      namConsistency(normalizeNam(nam), { birthDate: swapped }).birthDate === 'match'
    ) {
      return check(
        'patient.nam_consistency',
        'warn',
        `NAM ne correspond pas ${what} : la date de naissance lue (${order.patient.birthDate}) correspondrait au NAM avec le jour et le mois inversés (${swapped}) ; vérifier la date auprès du prescripteur`,
      );
    }
    return check(
      'patient.nam_consistency',
      'warn',
      `NAM ne correspond pas ${what} : vérifier (un NAM peut différer légitimement, p. ex. nom changé)`,
    );
  }
  if (result.complete) {
    return check(
      'patient.nam_consistency',
      'pass',
      'NAM cohérent avec le nom, le prénom et la date de naissance',
    );
  }
  if (result.surname === 'unknown' && result.givenName === 'unknown' && result.birthDate === 'unknown') {
    return check(
      'patient.nam_consistency',
      'skip',
      "Nom et date de naissance de l'usager absents : cohérence non vérifiée",
    );
  }
  return check(
    'patient.nam_consistency',
    'pass',
    'NAM cohérent avec les éléments disponibles (vérification partielle)',
  );
};

export const patientRules: Rule[] = [patientName, patientBirthdate, patientNam, patientNamConsistency];
