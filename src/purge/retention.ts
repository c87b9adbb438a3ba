/**
 * Retention periods as staff write them: `90d` (or `90j`, jours), `12w` (or `12s`,
 * semaines). Months are refused on purpose: `6m` reads as minutes to some and months
 * to others, and a month is not a fixed length; write `180d`. At least one day, at most
 * 100 years: `0d` would erase yesterday's faxes, which no retention policy means.
 */
export class RetentionError extends Error {
  override name = 'RetentionError';
}

const DAY_MS = 24 * 60 * 60 * 1000;
const UNIT_DAYS: Record<string, number> = { d: 1, j: 1, w: 7, s: 7 };
const MAX_DAYS = 36_500;

/** The retention period in whole days. Throws RetentionError (French message) when it cannot be read. */
export function parseRetention(text: string): number {
  const match = /^\s*(\d{1,6})\s*([a-z]+)\s*$/i.exec(text);
  if (!match) {
    throw new RetentionError(
      `Durée illisible : « ${text} ». Écrivez un nombre suivi de d (jours) ou w (semaines), p. ex. 90d.`,
    );
  }
  const amount = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  if (unit === 'm' || unit === 'mo') {
    throw new RetentionError(
      `Durée ambiguë : « ${text} ». Indiquez des jours (p. ex. 180d) plutôt que des mois.`,
    );
  }
  const perUnit = UNIT_DAYS[unit];
  if (perUnit === undefined) {
    throw new RetentionError(`Unité inconnue « ${match[2]} » : d (jours) ou w (semaines), p. ex. 90d.`);
  }
  const days = amount * perUnit;
  if (days < 1 || days > MAX_DAYS) {
    throw new RetentionError(`Durée hors limites : ${days} jours (entre 1 et ${MAX_DAYS}).`);
  }
  return days;
}

/** Faxes received strictly before this instant are past retention. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}
