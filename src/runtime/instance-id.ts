/**
 * How this Faxdesk instance names itself in the claims it takes on a shared store.
 *
 * Stable across restarts on purpose: a process killed mid-OCR and started again is the same
 * instance, and takes its own claims back at once instead of waiting for their lease to run
 * out. Two instances must therefore never share a name: the default (host name and data
 * folder) differs between machines; two instances on one machine with one data folder need
 * FAXDESK_INSTANCE_ID each.
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';

export function instanceId(configured: string | undefined, home: string): string {
  return configured ?? `${hostname()}:${resolve(home)}`;
}
