/** Faxdesk's cards: one platform-neutral model of a fax card, rendered for Teams and Slack. */
export * from './model.ts';
export * from './actions.ts';
export {
  buildFaxCard,
  buildActionForms,
  acceptNeedsReason,
  type FaxCardOptions,
  type ActionForms,
} from './fax-card.ts';
export { cardStrings, type CardStrings } from './i18n/index.ts';
export { formatNam, formatPhone, formatInstant, telUri, CARD_TIME_ZONE } from './format.ts';
export {
  renderAdaptiveCard,
  ADAPTIVE_CARD_CONTENT_TYPE,
  type AdaptiveCardJson,
  type AdaptiveRenderOptions,
} from './render/adaptive.ts';
export { ADAPTIVE_LIMITS, adaptiveCardBytes } from './render/adaptive-limits.ts';
export {
  renderSlackMessage,
  renderSlackModal,
  type SlackMessage,
  type SlackBlock,
  type SlackModalView,
  type SlackButtonValue,
} from './render/slack.ts';
export { SLACK_LIMITS, slackMessageChars } from './render/slack-limits.ts';
export * from './digest.ts';
