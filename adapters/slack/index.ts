/** The Slack adapter: fax cards in a Slack channel, actions from their buttons and modals. */
export { createSlackAdapter, type SlackAdapter, type SlackAdapterOptions } from './adapter.ts';
export {
  slackSettingsFromEnv,
  slackPolicyConfig,
  SLACK_ENV,
  DEFAULT_SLACK_PATH,
  DEFAULT_SLACK_PORT,
  type SlackSettings,
  type SlackMode,
} from './settings.ts';
export { toDeliveryError, slackErrorCode } from './errors.ts';
export { FORM_CALLBACK_ID } from './interaction.ts';
export { FAX_COMMAND } from './search.ts';
