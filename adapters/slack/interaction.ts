/**
 * What Slack sends on a click or a form submission, turned into Faxdesk's terms: the action,
 * the fax, who clicked and where. Everything here comes from the network (signed by Slack,
 * but built from our own button values and modal metadata): it is parsed, never trusted.
 */
import { z } from 'zod';
import { ActionPayload, FORM_FIELDS, FORM_IDS, PROBLEM_CATEGORIES } from '../../cards/index.ts';
import type { ActionForm, FormId } from '../../cards/index.ts';
import { FaxActionId, type FaxAction } from '../../src/actions/fax-action.ts';
import { FaxStatus } from '../../src/store/records.ts';
import type { ActionActor, ActionName } from '../../src/workflow/index.ts';

/** The callback id of every Faxdesk modal; which form it is travels in the metadata. */
export const FORM_CALLBACK_ID = 'faxdesk_form';

export const PLATFORM = 'slack';

/** What a modal carries from the click to its submission (`private_metadata`, JSON). */
export const FormMetadata = z.object({
  action: FaxActionId,
  faxId: z.string().min(1).max(64),
  expectedStatus: FaxStatus,
  form: z.enum(FORM_IDS),
  /** Where the card was clicked: the channel the action is checked against, and the ephemeral goes to. */
  channelId: z.string().min(1).max(64),
  messageTs: z.string().max(64).optional(),
});
export type FormMetadata = z.infer<typeof FormMetadata>;

export interface ButtonClick {
  action: FaxActionId;
  payload: ActionPayload;
}

/** A card button's action id and JSON value; null when either is not ours (an old or altered card). */
export function parseButton(actionId: string, value: string | undefined): ButtonClick | null {
  const action = FaxActionId.safeParse(actionId);
  if (!action.success || value === undefined) return null;
  let data: unknown;
  try {
    data = JSON.parse(value);
  } catch {
    return null;
  }
  const payload = ActionPayload.safeParse(data);
  return payload.success ? { action: action.data, payload: payload.data } : null;
}

export function parseFormMetadata(text: string): FormMetadata | null {
  try {
    const parsed = FormMetadata.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The person as Slack names them in the payload; no users.info call (and no users:read scope). */
export function slackActor(
  user: { id: string; name?: string; username?: string },
  channelId: string | undefined,
): ActionActor {
  const name = user.name?.trim() || user.username?.trim() || user.id;
  return { id: user.id, name, platform: PLATFORM, ...(channelId !== undefined ? { channelId } : {}) };
}

/** The workflow action a card button stands for (for the action policy). */
export function actionName(action: FaxActionId): ActionName {
  switch (action) {
    case 'fax.accept':
      return 'accept';
    case 'fax.undo_accept':
      return 'undoAccept';
    case 'fax.reject':
    case 'fax.file':
      return 'reject';
    case 'fax.auth_request':
      return 'requestAuthentication';
    case 'fax.auth_authenticated':
    case 'fax.auth_unreachable':
    case 'fax.auth_refused':
      return 'recordAuthOutcome';
    case 'fax.report_problem':
      return 'reportProblem';
  }
}

/** A modal's state: `values[blockId][actionId]`, the block and action ids being the field's id. */
export type ViewValues = Record<
  string,
  Record<string, { value?: string | null; selected_option?: { value: string } | null } | undefined>
>;

export interface FormAnswers {
  reason?: string;
  category?: (typeof PROBLEM_CATEGORIES)[number];
  description?: string;
}

export function formAnswers(values: ViewValues): FormAnswers {
  const text = (id: string) => {
    const v = values[id]?.[id]?.value;
    return typeof v === 'string' ? v : undefined;
  };
  const choice = values[FORM_FIELDS.category]?.[FORM_FIELDS.category]?.selected_option?.value;
  const category = PROBLEM_CATEGORIES.find((c) => c === choice);
  const reason = text(FORM_FIELDS.reason) ?? text(FORM_FIELDS.rejectReason);
  const description = text(FORM_FIELDS.description);
  return {
    ...(reason !== undefined ? { reason } : {}),
    ...(category !== undefined ? { category } : {}),
    ...(description !== undefined ? { description } : {}),
  };
}

/** Required fields left empty → the form's own message under each (Slack shows them in the modal). */
export function missingFieldErrors(form: ActionForm, answers: FormAnswers): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of form.fields) {
    if (!field.required) continue;
    const key = field.id === FORM_FIELDS.rejectReason ? FORM_FIELDS.reason : field.id;
    const answer = answers[key as keyof FormAnswers];
    if (answer === undefined || answer.trim() === '') errors[field.id] = field.errorMessage;
  }
  return errors;
}

/** The field a workflow refusal about the typed text belongs under. */
export function errorFieldOf(form: FormId): string {
  if (form === 'report_problem' || form === 'request_resend') return FORM_FIELDS.description;
  return form === 'reject_reason' ? FORM_FIELDS.rejectReason : FORM_FIELDS.reason;
}

export function toFaxAction(meta: FormMetadata, answers: FormAnswers): FaxAction {
  return {
    action: meta.action,
    faxId: meta.faxId,
    expectedStatus: meta.expectedStatus,
    ...answers,
  };
}
