/** The daily digest's card: model, words, and its renderings (Slack, Adaptive Card, terminal). */
export {
  buildDigestCard,
  formatAge,
  type DigestCard,
  type DigestCardOptions,
  type DigestLine,
  type DigestSection,
} from './digest-card.ts';
export { digestStrings, type DigestStrings } from './digest-strings.ts';
export { renderDigestSlack } from './render/digest-slack.ts';
export { renderDigestAdaptive } from './render/digest-adaptive.ts';
export { renderDigestText } from './render/digest-text.ts';
export { DIGEST_LINE_LEVELS } from './render/digest-fit.ts';
export { cardRef, slackMessageUrl, teamsMessageUrl, consoleCardAnchor } from './render/digest-links.ts';
