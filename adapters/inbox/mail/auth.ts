/**
 * Signing in to the mailbox: a password, or for Microsoft 365 (where basic authentication is
 * off) an OAuth 2.0 access token for the app registration itself (client credentials), used
 * with IMAP's XOAUTH2. MSAL caches the token and renews it before it expires; each connection
 * asks for one, so a reconnect after an hour gets a fresh token.
 */
import { ConfidentialClientApplication } from '@azure/msal-node';
import type { MailAuth } from './settings.ts';

/** Exchange Online's IMAP resource: `.default` grants what the admin consented (IMAP.AccessAsApp). */
const OUTLOOK_SCOPE = 'https://outlook.office365.com/.default';

export type ImapAuth = { user: string; pass: string } | { user: string; accessToken: string };

export function createImapAuth(auth: MailAuth): () => Promise<ImapAuth> {
  if (auth.kind === 'password') {
    const { user, password } = auth;
    return () => Promise.resolve({ user, pass: password });
  }
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: auth.clientId,
      authority: `https://login.microsoftonline.com/${encodeURIComponent(auth.tenantId)}`,
      clientSecret: auth.clientSecret,
    },
  });
  return async () => {
    const result = await app.acquireTokenByClientCredential({ scopes: [OUTLOOK_SCOPE] });
    if (!result?.accessToken) throw new Error('Microsoft 365 : aucun jeton d’accès reçu');
    return { user: auth.user, accessToken: result.accessToken };
  };
}
