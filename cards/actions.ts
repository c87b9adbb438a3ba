/**
 * The action ids the cards send back and the data they carry. These ids are a contract with
 * the chat adapters and the workflow: Slack's action_id, Teams' Action.Execute verb.
 */
import { z } from 'zod';
import { FAX_ACTION_IDS, type FaxActionId } from '../src/actions/fax-action.ts';
import { FaxId, FaxStatus } from '../src/store/records.ts';
import { FORM_IDS } from './model.ts';
import { PROBLEM_CATEGORIES, type ProblemCategory } from '../src/workflow/index.ts';

export { FAX_ACTION_IDS, PROBLEM_CATEGORIES, type FaxActionId, type ProblemCategory };

/** Teams' refresh verb: the bot answers it with the card's current state. Not a workflow action. */
export const REFRESH_VERB = 'fax.refresh';

export function isFaxActionId(value: string): value is FaxActionId {
  return (FAX_ACTION_IDS as readonly string[]).includes(value);
}

/** Ids of the form fields, as they come back in the action's data. */
export const FORM_FIELDS = {
  reason: 'reason',
  /**
   * The refusal form's reason: its own id, since a pending card holds the accept form too and
   * an Adaptive Card's input ids must be unique. It arrives as `reason`.
   */
  rejectReason: 'rejectReason',
  category: 'category',
  description: 'description',
} as const;

/**
 * What a click sends back (Slack: the button's JSON `value`; Teams: the Action.Execute data,
 * with the form's inputs merged in). Parse it before trusting it: it comes from the network.
 */
/** The refusal form's reason comes back under its own id: it is the action's reason. */
function rejectReasonAsReason(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || !(FORM_FIELDS.rejectReason in data)) return data;
  const { [FORM_FIELDS.rejectReason]: rejectReason, ...rest } = data as Record<string, unknown>;
  return 'reason' in rest ? rest : { ...rest, reason: rejectReason };
}

const ActionPayloadFields = z.object({
  faxId: FaxId,
  expectedStatus: FaxStatus,
  reason: z.string().max(2000).optional(),
  category: z.enum(PROBLEM_CATEGORIES).optional(),
  description: z.string().max(4000).optional(),
  /** Slack only: the form the button asks first (Teams shows forms inside the card). */
  form: z.enum(FORM_IDS).optional(),
});
export const ActionPayload = z.preprocess(rejectReasonAsReason, ActionPayloadFields);
export type ActionPayload = z.infer<typeof ActionPayload>;
