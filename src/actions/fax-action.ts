/**
 * A click on a card, whatever the platform: the action id the card carries,
 * the fax it is about, the status the clicker's card showed, and what the
 * person typed in the form (reason, category, description). Parsed with zod:
 * it arrives from outside (a Slack payload, a Teams invoke, the console).
 */
import { z } from 'zod';
import { FaxStatus } from '../store/records.ts';
import { PROBLEM_CATEGORIES } from '../workflow/index.ts';

export const FAX_ACTION_IDS = [
  'fax.accept',
  'fax.undo_accept',
  'fax.reject',
  'fax.file',
  'fax.auth_request',
  'fax.auth_authenticated',
  'fax.auth_unreachable',
  'fax.auth_refused',
  'fax.report_problem',
] as const;
export const FaxActionId = z.enum(FAX_ACTION_IDS);
export type FaxActionId = z.infer<typeof FaxActionId>;

const Text = z.string().max(10_000).optional();

export const FaxAction = z.object({
  action: FaxActionId,
  faxId: z.string().min(1).max(64),
  expectedStatus: FaxStatus.optional(),
  reason: Text,
  note: Text,
  category: z.enum(PROBLEM_CATEGORIES).optional(),
  description: Text,
});
export type FaxAction = z.infer<typeof FaxAction>;
