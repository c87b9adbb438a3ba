/**
 * The daily digest in Slack: one chat.postMessage to the channel. Each line links to its
 * order's card by permalink, built from the workspace URL (auth.test, asked once) and the
 * card's ts recorded by the outbox — not one chat.getPermalink call per line.
 */
import type { webApi } from '@slack/bolt';
import { buildDigestCard, cardRef, renderDigestSlack, slackMessageUrl } from '../../cards/index.ts';
import type { DigestModel } from '../../src/digest/model.ts';
import { toDeliveryError } from './errors.ts';
import { PLATFORM } from './interaction.ts';

export function createSlackDigestPoster(
  client: webApi.WebClient,
  channelId: string,
  lang: 'fr' | 'en',
): (digest: DigestModel) => Promise<void> {
  let workspaceUrl: string | undefined;

  /** `https://<workspace>.slack.com/`, or null while Slack does not say (links then open the channel). */
  async function workspace(): Promise<string | null> {
    if (workspaceUrl !== undefined) return workspaceUrl;
    try {
      const answer = await client.auth.test();
      if (typeof answer.url === 'string') workspaceUrl = answer.url;
    } catch {
      // The post itself will say what is wrong with the token; links fall back to the channel.
    }
    return workspaceUrl ?? null;
  }

  return async function postDigest(digest: DigestModel): Promise<void> {
    const base = await workspace();
    const message = renderDigestSlack(
      buildDigestCard(digest, {
        lang,
        link: (item) => {
          const ref = cardRef(item, PLATFORM);
          return ref ? slackMessageUrl(ref, base) : null;
        },
      }),
    );
    try {
      await client.chat.postMessage({
        channel: channelId,
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
        unfurl_media: false,
      });
    } catch (error) {
      throw toDeliveryError(error);
    }
  };
}
