/**
 * `faxdesk search QUERY [--json]`: finds faxes by patient name (either order, any accents,
 * prefixes), NAM or fax id, the most recent first, at most 10. Prints patient data to the
 * terminal of the person who asked, never to the log.
 *
 * Exit status: 0 when the search ran (even with no match), 2 for a missing or unusable query.
 */
import { existsSync } from 'node:fs';
import { cardStrings, formatInstant } from '../../cards/index.ts';
import type { Config } from '../../src/config.ts';
import { MAX_SEARCH_RESULTS, parseSearchQuery, searchFaxes, type SearchHit } from '../../src/search/index.ts';
import { openConfiguredStore } from './store.ts';
import { UsageError } from './usage-error.ts';

export interface SearchCommandOptions {
  json: boolean;
  /** Where results go (tests); standard output by default. */
  write?: (text: string) => void;
}

const NO_MATCH = 'Aucune télécopie trouvée.';

/** "1985-05-15" → "15 mai 1985" (a calendar date: no time zone to shift it). */
function formatBirthDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('fr-CA', { timeZone: 'UTC', dateStyle: 'long' }).format(date);
}

function patientLine(hit: SearchHit): string {
  const { firstName, lastName, birthDate } = hit.patient;
  const name = [firstName, lastName].filter(Boolean).join(' ') || '(nom non lu)';
  return birthDate ? `${name}, né(e) le ${formatBirthDate(birthDate)}` : name;
}

export function formatHits(hits: SearchHit[]): string {
  if (hits.length === 0) return `${NO_MATCH}\n`;
  const fr = cardStrings('fr');
  const header =
    hits.length === 1
      ? '1 télécopie trouvée :'
      : hits.length >= MAX_SEARCH_RESULTS
        ? `Les ${hits.length} télécopies les plus récentes (précisez la recherche pour en voir d’autres) :`
        : `${hits.length} télécopies trouvées, les plus récentes d’abord :`;
  const blocks = hits.map((hit) =>
    [
      `Reçue le ${formatInstant(hit.receivedAt, fr)} — ${fr.status[hit.status]} — ${fr.verdict[hit.verdict].label}`,
      `  Usager : ${patientLine(hit)}`,
      `  Examen : ${hit.exam ?? '(non lu)'}`,
      `  Télécopie : ${hit.id}`,
    ].join('\n'),
  );
  return `${header}\n\n${blocks.join('\n\n')}\n`;
}

export async function runSearch(
  config: Config,
  positionals: string[],
  opts: SearchCommandOptions,
): Promise<number> {
  const write = opts.write ?? ((text: string) => process.stdout.write(text));
  const text = positionals.join(' ');
  // Checked before the database is opened: a bad query is a usage error, whatever is stored.
  const parsed = parseSearchQuery(text);
  if (!parsed.ok) throw new UsageError(`search : ${parsed.message}`);

  let hits: SearchHit[] = [];
  // No database yet: nothing stored, so nothing found (and no empty database left behind).
  if (config.databaseUrl !== undefined || existsSync(config.database)) {
    const store = await openConfiguredStore(config);
    try {
      const outcome = await searchFaxes(store, text);
      if (!outcome.ok) throw new UsageError(`search : ${outcome.message}`);
      hits = outcome.hits;
    } finally {
      await store.close();
    }
  }

  if (opts.json) {
    write(hits.map((hit) => JSON.stringify(hit) + '\n').join(''));
  } else {
    write(formatHits(hits));
  }
  return 0;
}
