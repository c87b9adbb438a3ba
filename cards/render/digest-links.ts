/**
 * Links from a digest line to the order's card, as each platform addresses a message.
 * Built from what the store recorded when the card was posted (ChatMessageRef): no API call
 * per line, so a digest of 500 orders costs one post.
 */
import type { DigestItem } from '../../src/digest/model.ts';
import type { ChatMessageRef } from '../../src/store/deliveries.ts';

/** The item's card on `platform`, if it was posted there. */
export function cardRef(item: DigestItem, platform: string): ChatMessageRef | null {
  return item.cards.find((c) => c.platform === platform) ?? null;
}

/**
 * Slack's permalink form (`https://<workspace>.slack.com/archives/<channel>/p<ts without the dot>`,
 * what chat.getPermalink returns), from the workspace URL auth.test gives. Without it, the
 * documented app_redirect to the channel (the message itself cannot be named that way).
 */
export function slackMessageUrl(ref: ChatMessageRef, workspaceUrl: string | null): string {
  if (workspaceUrl !== null && /^https:\/\//.test(workspaceUrl)) {
    const base = workspaceUrl.endsWith('/') ? workspaceUrl : `${workspaceUrl}/`;
    return `${base}archives/${encodeURIComponent(ref.channelId)}/p${ref.messageId.replace('.', '')}`;
  }
  return `https://slack.com/app_redirect?channel=${encodeURIComponent(ref.channelId)}`;
}

/** Teams' deep link to a channel message (the card is a root post: it is its own parent). */
export function teamsMessageUrl(ref: ChatMessageRef, tenantId: string | null = null): string {
  const query = new URLSearchParams({
    ...(tenantId ? { tenantId } : {}),
    parentMessageId: ref.messageId,
  });
  return (
    `https://teams.microsoft.com/l/message/${encodeURIComponent(ref.channelId)}/` +
    `${encodeURIComponent(ref.messageId)}?${query.toString()}`
  );
}

/** The console's anchor for a fax's card on its page. */
export function consoleCardAnchor(faxId: string): string {
  return `#fax-${faxId}`;
}
