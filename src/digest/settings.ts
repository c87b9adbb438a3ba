/**
 * The digest's settings, from the environment, checked at start-up: a wrong cron expression
 * or time zone stops Faxdesk with a message naming the variable, instead of a digest that
 * silently never comes.
 */
import { validate } from 'node-cron';
import { ConfigError } from '../config.ts';
import { DEFAULT_DIGEST_TIME_ZONE } from './build.ts';
import { isKnownTimeZone } from './local-day.ts';

export const DIGEST_ENV = {
  cron: 'FAXDESK_DIGEST_CRON',
  timeZone: 'FAXDESK_DIGEST_TZ',
  staleHours: 'FAXDESK_DIGEST_STALE_HOURS',
  empty: 'FAXDESK_DIGEST_EMPTY',
} as const;

/** Every working day (Monday to Friday) at 07:30. */
export const DEFAULT_DIGEST_CRON = '30 7 * * 1-5';
export const DEFAULT_STALE_HOURS = 24;

export interface DigestSettings {
  /** Five fields (minute hour day-of-month month day-of-week), read in `timeZone`. */
  cron: string;
  /** IANA zone; daylight saving is the scheduler's business (node-cron), never done by hand. */
  timeZone: string;
  staleHours: number;
  /** With nothing waiting: post the one line « Rien en attente », or post nothing. */
  empty: 'post' | 'skip';
}

function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

export function digestSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): DigestSettings {
  const problems: string[] = [];
  const cron = (value(env, DIGEST_ENV.cron) ?? DEFAULT_DIGEST_CRON).replace(/\s+/g, ' ');
  if (cron.split(' ').length !== 5 || !validate(cron)) {
    problems.push(
      `- ${DIGEST_ENV.cron} : expression cron invalide « ${cron} » ` +
        `(cinq champs : minute heure jour mois jour-de-semaine, p. ex. « ${DEFAULT_DIGEST_CRON} » ` +
        'pour 7 h 30 du lundi au vendredi)',
    );
  }
  const timeZone = value(env, DIGEST_ENV.timeZone) ?? DEFAULT_DIGEST_TIME_ZONE;
  if (!isKnownTimeZone(timeZone)) {
    problems.push(
      `- ${DIGEST_ENV.timeZone} : fuseau horaire inconnu « ${timeZone} » ` +
        `(nom IANA attendu, p. ex. ${DEFAULT_DIGEST_TIME_ZONE})`,
    );
  }
  const rawStale = value(env, DIGEST_ENV.staleHours);
  const staleHours = rawStale === undefined ? DEFAULT_STALE_HOURS : Number(rawStale);
  if (!Number.isFinite(staleHours) || staleHours <= 0 || staleHours > 24 * 365) {
    problems.push(
      `- ${DIGEST_ENV.staleHours} : nombre d’heures attendu (plus de 0), reçu « ${rawStale ?? ''} »`,
    );
  }
  const empty = (value(env, DIGEST_ENV.empty) ?? 'post').toLowerCase();
  if (empty !== 'post' && empty !== 'skip') {
    problems.push(`- ${DIGEST_ENV.empty} : « post » ou « skip » attendu, reçu « ${empty} »`);
  }
  if (problems.length > 0) {
    throw new ConfigError(`Configuration du résumé quotidien invalide :\n${problems.join('\n')}`);
  }
  return { cron, timeZone, staleHours, empty: empty as 'post' | 'skip' };
}
