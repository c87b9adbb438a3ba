/**
 * A note that the fax was sent for the prescriber by someone else — a secretary or an agent whose
 * name the service then stamps in the header: "Envoyé par Léa Roy, agente administrative, au nom de
 * Dre Côté", "Transmis par M. Roy pour le compte du Dr Côté", "Sent by Lea Roy on behalf of Dr Cote".
 */
import type { PersonName } from '../domain/order.ts';
import { isBody, type Doc } from './document.ts';
import { splitName } from './names.ts';

const TITLE = /^(?:(?:la|le|du|de la)\s+)?(?:(?:dre?|docteure?|doctor|mme|m|madame|monsieur)\.?\s+)?/iu;

const ON_BEHALF =
  /(?:envoy[ée]e?|transmise?|exp[ée]di[ée]e?|sent|faxed)\s+par\s+(?:(?:mme|m|madame|monsieur)\.?\s+)?([\p{L}'’.\- ]{3,60}?)\s*(?:,[^,]{0,60})?,?\s+(?:au nom d[eu]|pour le compte d[eu]|de la part d[eu]|on behalf of)\s+([\p{L}'’.\- ]{2,60}?)\s*[.,;)]?\s*$/iu;

export function parseOnBehalf(doc: Doc): { sender: PersonName; prescriber: PersonName } | undefined {
  for (const l of doc.lines) {
    if (!isBody(l)) continue;
    const m = ON_BEHALF.exec(l.text);
    if (!m) continue;
    const sender = splitName(m[1]!.trim());
    const forWhom = m[2]!.trim().replace(TITLE, '');
    const prescriber = /\s/.test(forWhom) ? splitName(forWhom) : { firstName: null, lastName: forWhom };
    if ((sender.firstName || sender.lastName) && prescriber.lastName) return { sender, prescriber };
  }
  return undefined;
}
