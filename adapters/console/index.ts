/** The local console: Faxdesk's embedded chat channel (see adapter.ts). */
export { createConsoleAdapter, type ConsoleAdapter, type ConsoleAdapterDeps } from './adapter.ts';
export {
  consoleSettingsFromEnv,
  checkConsoleSettings,
  isLoopbackHost,
  CONSOLE_ENV,
  DEFAULT_CONSOLE_PORT,
  type ConsoleSettings,
} from './settings.ts';
export { CONSOLE_PLATFORM, CONSOLE_CHANNEL } from './feed.ts';
export { DEFAULT_SAMPLES_DIR } from './samples.ts';
export { consoleBanner } from './banner.ts';
