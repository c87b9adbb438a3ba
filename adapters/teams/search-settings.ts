/**
 * Who may look up faxes from Teams, from the environment: TEAMS_ALLOWED_USERS, a comma-separated
 * list of Entra object ids (GUIDs) or Teams user ids (`29:…`). Unset: the members of the team
 * Faxdesk is installed in (see search-access.ts).
 */
import { ConfigError } from '../../src/config.ts';

export const TEAMS_ALLOWED_USERS_ENV = 'TEAMS_ALLOWED_USERS';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEAMS_USER = /^29:[\w\-.:]+$/;

export interface TeamsSearchSettings {
  allowedUsers: string[];
}

export function teamsSearchSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): TeamsSearchSettings {
  const ids = (env[TEAMS_ALLOWED_USERS_ENV] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const wrong = ids.filter((id) => !GUID.test(id) && !TEAMS_USER.test(id));
  if (wrong.length > 0) {
    throw new ConfigError(
      `${TEAMS_ALLOWED_USERS_ENV} : identifiants d’utilisateurs attendus (identifiant d’objet Entra, un GUID, ` +
        `ou identifiant Teams 29:…), séparés par des virgules ; ${wrong.length} valeur(s) non reconnue(s).`,
    );
  }
  return { allowedUsers: ids };
}
