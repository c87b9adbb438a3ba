/** The prescriber: who wrote the order and how staff can reach them to authenticate it. */
import type { ParsedOrder, PersonName } from '../domain/order.ts';
import { repairNote } from './repairs.ts';
import type { Rule } from './rule.ts';
import { check } from './rule.ts';
import { SERVICE_NUMBER } from './service.ts';
import { nameWords, present } from './text.ts';

export const prescriberName: Rule = (order) => {
  const { firstName, lastName } = order.prescriber;
  const note = repairNote(order, 'prescriber.name');
  if (present(firstName) && present(lastName))
    return check('prescriber.name', 'pass', `Prescripteur nommé${note}`);
  if (present(lastName)) return check('prescriber.name', 'fail', `Prénom du prescripteur absent${note}`);
  if (present(firstName))
    return check('prescriber.name', 'fail', `Nom de famille du prescripteur absent${note}`);
  return check('prescriber.name', 'fail', 'Aucun nom du prescripteur');
};

/** NANP: area code and exchange start with 2–9; N11 area codes are service codes, not numbers. */
function isNorthAmericanNumber(digits: string): boolean {
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(digits) && !/^[2-9]11/.test(digits);
}

export const prescriberPhone: Rule = (order) => {
  const raw = order.prescriber.phone;
  const note = repairNote(order, 'prescriber.phone');
  if (!present(raw)) return check('prescriber.phone', 'fail', 'Aucun numéro de téléphone du prescripteur');
  const digits = raw.replace(/\D/g, '').replace(/^1(?=\d{10}$)/, '');
  if (digits === SERVICE_NUMBER) {
    return check(
      'prescriber.phone',
      'fail',
      'Le numéro indiqué est celui du service de télécopie : ne jamais rappeler ce numéro ; aucun numéro où joindre le prescripteur',
    );
  }
  if (!isNorthAmericanNumber(digits)) {
    return check('prescriber.phone', 'fail', `Numéro de téléphone du prescripteur invalide${note}`);
  }
  return check('prescriber.phone', 'pass', `Numéro de téléphone du prescripteur présent${note}`);
};

export const prescriberPermit: Rule = (order) => {
  const note = repairNote(order, 'prescriber.permit');
  return present(order.prescriber.permit)
    ? check('prescriber.permit', 'pass', `Numéro de permis du prescripteur présent${note}`)
    : check('prescriber.permit', 'warn', 'Aucun numéro de permis du prescripteur');
};

/** Name parts as comparison keys: folded, titles dropped, separators removed ("Jean-Pierre" = "Jean Pierre" = "JEANPIERRE"). */
function keys(p: PersonName): string[] {
  return [p.firstName, p.lastName]
    .filter(present)
    .map((s) => nameWords(s).join(''))
    .filter(Boolean);
}

function words(p: PersonName): string[] {
  return [p.firstName, p.lastName].filter(present).flatMap(nameWords).sort();
}

/**
 * Same person when the names have the same words in any order (fields swapped, accents,
 * case, titles, hyphens and spaces ignored). When one side gives a single name part, each
 * of its words must be among the other side's words.
 */
export function sameName(a: PersonName, b: PersonName): boolean {
  const [ka, kb] = [keys(a), keys(b)];
  if (ka.length === 0 || kb.length === 0) return false;
  if (ka.length === 2 && kb.length === 2) {
    // Run together, so "Jean-Pierre" matches "Jeanpierre"; either field order.
    const joined = ka.join('');
    return (
      joined === kb.join('') || joined === [...kb].reverse().join('') || words(a).join() === words(b).join()
    );
  }
  const [short, long] = ka.length <= kb.length ? [a, b] : [b, a];
  const longWords = words(long);
  return keys(short).every((k) => keys(long).includes(k)) || words(short).every((w) => longWords.includes(w));
}

function hasName(p: PersonName | null): p is PersonName {
  return p !== null && (present(p.firstName) || present(p.lastName));
}

export const prescriberSenderMatch: Rule = (order: ParsedOrder) => {
  const sender = order.header.sender;
  if (!hasName(sender)) {
    return check(
      'prescriber.sender_match',
      'skip',
      "Aucun expéditeur dans l'en-tête : comparaison impossible",
    );
  }
  if (!hasName(order.prescriber)) {
    return check('prescriber.sender_match', 'skip', 'Aucun nom du prescripteur : comparaison impossible');
  }
  if (sameName(sender, order.prescriber))
    return check('prescriber.sender_match', 'pass', "Le prescripteur est l'expéditeur nommé dans l'en-tête");
  // "Envoyé par <the header's sender> au nom de <the prescriber>": the order explains the difference.
  const onBehalf = order.sentOnBehalf;
  if (onBehalf && sameName(sender, onBehalf.sender) && sameName(onBehalf.prescriber, order.prescriber)) {
    return check(
      'prescriber.sender_match',
      'pass',
      "L'expéditeur nommé dans l'en-tête a envoyé l'ordonnance au nom du prescripteur, comme l'ordonnance l'indique",
    );
  }
  return check(
    'prescriber.sender_match',
    'warn',
    "Le prescripteur n'est pas l'expéditeur nommé dans l'en-tête : vérifier qui a envoyé l'ordonnance",
  );
};

export const prescriberRules: Rule[] = [
  prescriberName,
  prescriberPhone,
  prescriberPermit,
  prescriberSenderMatch,
];
