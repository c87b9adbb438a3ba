/**
 * The core's rule for erasing an event's free text (src/purge/redact.ts) as SQL, for the
 * migration that applies it to faxes purged before the purge did it itself: PostgreSQL
 * cannot call into Faxdesk's code, so the statement is written from the same list and
 * marker. Keys and marker are Faxdesk's own constants, quoted all the same.
 */
import { FREE_TEXT_DETAIL_KEYS, PURGED_TEXT } from '../../../src/purge/redact.ts';

const literal = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const KEYS = `ARRAY[${FREE_TEXT_DETAIL_KEYS.map(literal).join(', ')}]::text[]`;
const MARKER = `to_jsonb(${literal(PURGED_TEXT)}::text)`;

/** The keys of `details` (a jsonb expression) holding free text not erased yet: as redactEventDetails decides. */
const toErase = (details: string): string =>
  `SELECT key FROM jsonb_each(${details})
     WHERE key = ANY (${KEYS}) AND value <> 'null'::jsonb AND value <> ${MARKER}`;

/** Erases the free text of every event of a purged fax (faxes.purged_at set); other keys kept. */
export const REDACT_PURGED_EVENTS_SQL = `
  UPDATE fax_events e
    SET details_json = e.details_json || (
      SELECT jsonb_object_agg(k.key, ${MARKER}) FROM (${toErase('e.details_json')}) k
    )
    FROM faxes f
    WHERE f.id = e.fax_id AND f.purged_at IS NOT NULL AND EXISTS (${toErase('e.details_json')});
`;
