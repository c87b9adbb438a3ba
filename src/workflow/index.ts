/** The order workflow: what staff do with a fax, and the problem report to the service's support. */
export { createWorkflow, type Workflow, type WorkflowOptions } from './workflow.ts';
export {
  createActionPolicy,
  type ActionPolicy,
  type ActionPolicyConfig,
  type RefusalReason,
} from './policy.ts';
export {
  MailSendError,
  mailErrorCode,
  type MailErrorCode,
  type ProblemReportMailer,
  type ProblemReportMessage,
} from './mailer.ts';
export {
  buildProblemReport,
  cleanFreeText,
  DEFAULT_SUPPORT_ADDRESS,
  DEFAULT_SUPPORT_PHONE,
  type ProblemReportOptions,
} from './problem-report.ts';
export {
  PROBLEM_CATEGORY_LABELS,
  STATUS_LABELS,
  WORKFLOW_MESSAGES,
  type WorkflowMessages,
} from './messages.ts';
export { explainStatus, type StaleExplanation } from './stale.ts';
export { clockTime, calendarDate, whenPhrase, STAFF_TIME_ZONE } from './time.ts';
export * from './types.ts';
