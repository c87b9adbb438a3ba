/**
 * `faxdesk status`: what is waiting, and any card the outbox gave up on.
 * `faxdesk retry`: puts those cards back in the queue (the running watcher,
 * or the next `faxdesk watch`, delivers them).
 */
import type { Config } from '../../src/config.ts';
import type { FaxStatus } from '../../src/store/records.ts';
import { describeMailHealth, readMailHealth } from '../inbox/mail/health.ts';
import { mailSettings } from '../inbox/mail/settings.ts';
import { describeStore, openConfiguredStore } from './store.ts';

const STATUS_FR: Record<FaxStatus, string> = {
  pending: 'en attente',
  auth_requested: 'authentification demandée',
  accepted: 'acceptées',
  rejected: 'rejetées',
};

export async function runStatus(config: Config): Promise<number> {
  const store = await openConfiguredStore(config);
  try {
    const lines = [`Faxdesk — ${describeStore(config)}`];
    for (const status of Object.keys(STATUS_FR) as FaxStatus[]) {
      const count = (await store.listFaxes({ status, limit: 10_000 })).length;
      lines.push(`  ${STATUS_FR[status].padEnd(28)} ${count}`);
    }
    const mail = mailSettings(config);
    if (mail) {
      const health = await readMailHealth(mail.healthFile);
      lines.push(
        health === null
          ? 'Boîte aux lettres : pas encore lue (« faxdesk watch » ne l’a pas encore ouverte).'
          : `${describeMailHealth(health)} (relevé ${health.checkedAt.slice(0, 16).replace('T', ' ')} UTC)`,
      );
    }
    const failed = await store.listFailedDeliveries();
    if (failed.length === 0) {
      lines.push('Cartes : aucune en échec.');
    } else {
      lines.push(`Cartes en échec (${failed.length}) — « faxdesk retry » pour les renvoyer :`);
      for (const d of failed) {
        lines.push(
          `  télécopie ${d.faxId} · ${d.kind === 'post' ? 'publication' : 'mise à jour'} · ${d.attempts} essais · ${d.lastError ?? '?'}`,
        );
      }
    }
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } finally {
    await store.close();
  }
}

export async function runRetry(config: Config): Promise<number> {
  const store = await openConfiguredStore(config);
  try {
    const count = await store.retryFailedDeliveries(new Date());
    process.stdout.write(
      count === 0
        ? 'Aucune carte en échec.\n'
        : `${count} carte(s) remise(s) dans la file : « faxdesk watch » les publie.\n`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
