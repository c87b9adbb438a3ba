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
  type TeamsSettings,
} from './settings.ts';
export { actorOf } from './card-action.ts';
export { activityChannelId } from './teams-ids.ts';
export { MESSAGES_PATH } from './http-endpoint.ts';
