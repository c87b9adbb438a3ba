/**
 * What `faxdesk watch` tells the person who started it about the console: its address and
 * how to get in — the sign-in file (a path, harmless in journald or a terminal's scrollback;
 * the file itself is readable by this account only), never the token.
 */
import { pathToFileURL } from 'node:url';
import type { ConsoleAdapter } from './adapter.ts';
import { CONSOLE_ENV } from './settings.ts';

export function consoleBanner(
  adapter: Pick<ConsoleAdapter, 'url' | 'signInFile' | 'tokenFile' | 'exposed'>,
): string {
  const lines = [`Console : ${adapter.url}`];
  if (adapter.signInFile !== null) {
    lines.push(
      `  Pour l’ouvrir, ouvrez ce fichier dans le navigateur : ${pathToFileURL(adapter.signInFile).href}`,
      `  (il vous connecte ; lisible par ce compte seulement. Le jeton d’accès est dans ${adapter.tokenFile ?? '?'}.)`,
    );
  } else {
    lines.push(`  Connexion : avec le jeton d’accès de ${CONSOLE_ENV.token}.`);
  }
  if (adapter.exposed) {
    lines.push(
      '  Attention : la console écoute au-delà de cet ordinateur, en HTTP non chiffré : placez-la derrière ' +
        'un mandataire inverse HTTPS (voir SECURITY.md).',
    );
  }
  return lines.join('\n');
}
