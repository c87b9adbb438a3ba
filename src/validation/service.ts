/**
 * Provenance: did the fax come through the ministry's web fax service? The parser finds
 * the number and the cover text; these rules only judge what it found.
 */
import type { Rule } from './rule.ts';
import { check } from './rule.ts';
import { repairNote } from './repairs.ts';
import { present } from './text.ts';

/** The service's unique fax number, 10 digits. Staff must never call or fax it back. */
export const SERVICE_NUMBER = '4184256508';
/** As staff know it. */
export const SERVICE_NUMBER_DISPLAY = '1 418 425-6508';

export const serviceNumber: Rule = (order) => {
  const { serviceNumberInHeader, serviceNumberAnywhere } = order.header;
  if (serviceNumberInHeader) {
    return check(
      'service.number',
      'pass',
      `Numéro du service (${SERVICE_NUMBER_DISPLAY}) trouvé dans l'en-tête${repairNote(order, 'service.number')}`,
    );
  }
  if (serviceNumberAnywhere) {
    return check(
      'service.number',
      'fail',
      `Numéro du service (${SERVICE_NUMBER_DISPLAY}) trouvé, mais pas dans l'en-tête en haut de la première page : provenance non confirmée`,
    );
  }
  return check(
    'service.number',
    'fail',
    `Numéro du service (${SERVICE_NUMBER_DISPLAY}) absent de l'en-tête : la télécopie n'a pas transité par le service`,
  );
};

export const serviceSender: Rule = (order) => {
  const sender = order.header.sender;
  const first = present(sender?.firstName);
  const last = present(sender?.lastName);
  if (first && last) return check('service.sender', 'pass', "Expéditeur nommé dans l'en-tête");
  if (first || last) return check('service.sender', 'warn', "Nom de l'expéditeur incomplet dans l'en-tête");
  return check('service.sender', 'warn', "Aucun expéditeur nommé dans l'en-tête");
};

const BANNER_PARTS = [
  ['transit', 'texte de transit par le service (MSSS)'],
  ['doNotReply', 'avertissement « Ne jamais répondre au numéro »'],
  ['confidentiality', 'avis de confidentialité'],
  ['formCode', 'code de formulaire 21-210-184W'],
] as const;

export const serviceBanner: Rule = (order) => {
  const missing = BANNER_PARTS.filter(([key]) => !order.header.banner[key]).map(([, label]) => label);
  if (missing.length === 0) return check('service.banner', 'pass', 'Texte standard du service présent');
  if (missing.length === BANNER_PARTS.length) {
    return check('service.banner', 'warn', 'Texte standard du service absent');
  }
  return check(
    'service.banner',
    'warn',
    `Texte standard du service incomplet, manque : ${missing.join(', ')}`,
  );
};

export const serviceRules: Rule[] = [serviceNumber, serviceSender, serviceBanner];
