/**
 * A Bot Connector stand-in for the look-up tests: like test/teams/connector-stand-in.ts it
 * records the activities the bot posts (new ones and replies), and it also answers, for each
 * team it is given, `GET /v3/conversations/{team}/members/{user}` the way Teams does — the
 * member, or 404 for someone who is not in the team — or a 500 when told to, and
 * `GET /v3/teams/{team}/conversations` (the team's channels; 404 for a team it does not know).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PostedActivity {
  conversationId: string;
  replyTo: string | null;
  body: Record<string, unknown>;
}

export interface TeamSpec {
  members: string[];
  /** Its channels' ids; the first is its General channel, whose id is the team's. */
  channels?: string[];
}

export async function startMembersConnector(opts: { teams: Record<string, TeamSpec> }) {
  const posted: PostedActivity[] = [];
  const memberLookups: string[] = [];
  const state = { failMembers: false };
  let next = 1;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
      const json = (status: number, body: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(body));
      };
      const activity = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(path);
      if (activity && req.method === 'POST') {
        const text = Buffer.concat(chunks).toString('utf8');
        posted.push({
          conversationId: decodeURIComponent(activity[1] ?? ''),
          replyTo: activity[2] ? decodeURIComponent(activity[2]) : null,
          body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
        });
        return json(201, { id: `1700000000${String(next++).padStart(3, '0')}` });
      }
      const channels = /^\/v3\/teams\/([^/]+)\/conversations$/.exec(path);
      if (channels && req.method === 'GET') {
        const team = opts.teams[decodeURIComponent(channels[1] ?? '')];
        if (!team) return json(404, { error: { code: 'NotFound', message: 'team not found' } });
        return json(200, { conversations: (team.channels ?? []).map((id) => ({ id })) });
      }
      const member = /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/.exec(path);
      if (member && req.method === 'GET') {
        const team = decodeURIComponent(member[1] ?? '');
        const user = decodeURIComponent(member[2] ?? '');
        memberLookups.push(user);
        if (state.failMembers) return json(500, { error: { code: 'ServiceError', message: 'canned' } });
        if (opts.teams[team]?.members.includes(user)) {
          return json(200, { id: user, name: 'Membre', aadObjectId: `aad-${user}` });
        }
        return json(404, { error: { code: 'MemberNotFoundInConversation', message: 'not a member' } });
      }
      json(404, { error: { code: 'NotFound', message: 'no such route' } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    posted,
    memberLookups,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
export type MembersConnector = Awaited<ReturnType<typeof startMembersConnector>>;
