/** A slash command as Slack sends it to an app's HTTP endpoint: form-encoded, signed. */
import { slackSignature } from '../slack/signed.ts';

export interface SlashCommandInput {
  text: string;
  userId: string;
  userName: string;
  channelId: string;
  responseUrl: string;
  command?: string;
  teamDomain?: string;
}

export async function postSlashCommand(
  url: string,
  secret: string,
  input: SlashCommandInput,
): Promise<{ status: number; text: string }> {
  const body = new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0TEST',
    team_domain: input.teamDomain ?? 'faxdesk-test',
    channel_id: input.channelId,
    channel_name: 'faxes',
    user_id: input.userId,
    user_name: input.userName,
    command: input.command ?? '/fax',
    text: input.text,
    api_app_id: 'A0FAXDESK',
    is_enterprise_install: 'false',
    response_url: input.responseUrl,
    trigger_id: `${Date.now()}.1234.abcdef`,
  }).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': slackSignature(secret, timestamp, body),
    },
    body,
  });
  return { status: response.status, text: await response.text() };
}
