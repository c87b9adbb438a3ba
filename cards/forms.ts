/**
 * The small forms some actions ask first: a reason to accept an incomplete order, the
 * problem to report to the service, the reason a prescriber refused. Teams shows them in
 * the card (Action.ShowCard), Slack in a modal; both send the answers under the fields' ids.
 */
import { FORM_FIELDS, PROBLEM_CATEGORIES } from './actions.ts';
import { cardStrings } from './i18n/index.ts';
import type { ActionForm, FormId, Lang } from './model.ts';

export type ActionForms = Record<FormId, ActionForm>;

/** Long enough for a sentence or two; short enough for any card or modal. */
export const REASON_MAX_LENGTH = 500;
export const DESCRIPTION_MAX_LENGTH = 1000;

export function buildActionForms(lang: Lang = 'fr'): ActionForms {
  const s = cardStrings(lang).forms;
  const categories = cardStrings(lang).problem.categories;
  const form = (id: FormId, fields: ActionForm['fields']): ActionForm => ({
    id,
    title: s[id].title,
    intro: s[id].intro,
    submitLabel: s[id].submit,
    cancelLabel: s.cancel,
    fields,
  });
  /** The problem report's two fields, optionally filled in. */
  const problemFields = (category?: string, description?: string): ActionForm['fields'] => [
    {
      kind: 'choice',
      id: FORM_FIELDS.category,
      label: s.categoryLabel,
      required: true,
      errorMessage: s.categoryRequired,
      placeholder: s.categoryPlaceholder,
      choices: PROBLEM_CATEGORIES.map((value) => ({ value, label: categories[value] })),
      ...(category !== undefined ? { value: category } : {}),
    },
    {
      kind: 'text',
      id: FORM_FIELDS.description,
      label: s.descriptionLabel,
      required: true,
      errorMessage: s.descriptionRequired,
      placeholder: s.descriptionPlaceholder,
      multiline: true,
      maxLength: DESCRIPTION_MAX_LENGTH,
      ...(description !== undefined ? { value: description } : {}),
    },
  ];
  return {
    accept_reason: form('accept_reason', [
      {
        kind: 'text',
        id: FORM_FIELDS.reason,
        label: s.reasonLabel,
        required: true,
        errorMessage: s.reasonRequired,
        placeholder: s.reasonPlaceholder,
        multiline: true,
        maxLength: REASON_MAX_LENGTH,
      },
    ]),
    report_problem: form('report_problem', problemFields()),
    reject_reason: form('reject_reason', [
      {
        kind: 'text',
        id: FORM_FIELDS.rejectReason,
        label: s.rejectLabel,
        required: true,
        errorMessage: s.reasonRequired,
        placeholder: s.rejectPlaceholder,
        multiline: true,
        maxLength: REASON_MAX_LENGTH,
      },
    ]),
    // The problem report, filled in: the support asks the sender for the fax again.
    request_resend: form('request_resend', problemFields('unreadable_pages', s.resendDescription)),
    refusal_reason: form('refusal_reason', [
      {
        kind: 'text',
        id: FORM_FIELDS.reason,
        label: s.refusalLabel,
        required: true,
        errorMessage: s.refusalRequired,
        placeholder: s.refusalPlaceholder,
        multiline: true,
        maxLength: REASON_MAX_LENGTH,
      },
    ]),
  };
}
