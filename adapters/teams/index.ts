/** Faxdesk's Microsoft Teams adapter: settings from the environment, the adapter, the app package. */
export {
  createTeamsAdapter,
  TEAMS_PLATFORM,
  type TeamsAdapterOptions,
  type TeamsChatAdapter,
} from './adapter.ts';
export {
  teamsSettingsFromEnv,
  assertTeamsCredentials,
  parseChannelId,
  DEFAULT_GRAPH,
  type TeamsSettings,
  type TeamsGraphSettings,
} from './settings.ts';
export { CHANNEL_READ_PERMISSION } from './posted.ts';
export type { GraphCredentials } from './graph.ts';
export { actorOf } from './card-action.ts';
export { activityChannelId } from './teams-ids.ts';
export { MESSAGES_PATH } from './http-endpoint.ts';
export {
  teamsSearchSettingsFromEnv,
  TEAMS_ALLOWED_USERS_ENV,
  type TeamsSearchSettings,
} from './search-settings.ts';
export { FAX_BOT_COMMAND, SEARCH_COMMAND_ID } from './search.ts';
