/**
 * Which Bot Connector addresses the bot will talk to. Every activity names a `serviceUrl`, and
 * the bot sends its replies there — and, for the team it is installed in, every card with its
 * patient data. So an activity naming any other address is refused before the bot reads it:
 *
 * - Microsoft's Teams Bot Connector hosts (public cloud and the US government clouds), over
 *   HTTPS on the default port; when the address carries a tenant id (Teams now adds it,
 *   `https://smba.trafficmanager.net/amer/<tenant>/`), it must be our tenant's;
 * - the addresses of TEAMS_SERVICE_URLS (a prefix each), for a cloud not listed here;
 * - in local mode only (tests, the Emulator), a Bot Connector stand-in on this computer.
 */
import { isLoopbackHost } from '../shared/loopback.ts';

/** The Teams Bot Connector's hosts, from Microsoft's documentation (TeamsServiceEndpoints). */
export const TEAMS_CONNECTOR_HOSTS: readonly string[] = [
  'smba.trafficmanager.net',
  'smba.infra.gcc.teams.microsoft.com',
  'smba.infra.gov.teams.microsoft.us',
  'smba.infra.dod.teams.microsoft.us',
];

export type ServiceUrlRefusal = 'missing' | 'malformed' | 'not_https' | 'unknown_host' | 'other_tenant';

export interface ServiceUrlPolicy {
  tenantId: string | null;
  localMode: boolean;
  /** TEAMS_SERVICE_URLS. */
  allowed?: readonly string[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createServiceUrlCheck(policy: ServiceUrlPolicy) {
  const allowed = (policy.allowed ?? []).map((u) => new URL(u).href);

  return function refusal(value: unknown): ServiceUrlRefusal | null {
    if (typeof value !== 'string' || value === '') return 'missing';
    if (!URL.canParse(value)) return 'malformed';
    const url = new URL(value);
    if (url.username !== '' || url.password !== '') return 'malformed';
    if (policy.localMode && isLoopbackHost(url.hostname) && /^https?:$/.test(url.protocol)) return null;
    const href = url.href.endsWith('/') ? url.href : `${url.href}/`;
    if (allowed.some((prefix) => href.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`))) return null;
    if (url.protocol !== 'https:' || url.port !== '') return 'not_https';
    if (!TEAMS_CONNECTOR_HOSTS.includes(url.hostname.toLowerCase())) return 'unknown_host';
    const tenants = url.pathname.split('/').filter((part) => GUID.test(part));
    if (policy.tenantId !== null && tenants.some((t) => t.toLowerCase() !== policy.tenantId!.toLowerCase()))
      return 'other_tenant';
    return null;
  };
}
export type ServiceUrlCheck = ReturnType<typeof createServiceUrlCheck>;
