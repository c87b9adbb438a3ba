/**
 * The mailbox as an intake source: a shared mailbox the fax server e-mails each received fax
 * to (RightFax, XMedius, etherFAX, a multifunction printer's fax-to-email).
 *
 * Every message in the folder (INBOX by default) is work not finished — Faxdesk moves each one
 * out once handled, so read/unread flags (a person opening it in Outlook) change nothing. For
 * each message: its fax attachments go to intake one by one; once EVERY one is safe (recorded,
 * duplicate, recovered), the message moves to the done folder — or, when something in it
 * could not be taken as a fax, to the review folder, recorded with the reason (a card says
 * so). A crash between recording and moving leaves the message where it was: the next pass
 * reads it again, and the SHA-256 dedupe (same source reference: recovered) keeps one record.
 * Several instances on one PostgreSQL store read the same mailbox: the store's intake claims
 * let one read each fax; the other leaves the message, which the first moves.
 *
 * Waiting: IDLE where the server offers it (imapflow idles whenever nothing else runs and
 * says `exists` when a message arrives), and a pass every FAXDESK_MAIL_POLL_SECONDS anyway.
 * A lost connection reconnects after a wait that doubles up to five minutes. UIDVALIDITY
 * changing (the server rebuilt the folder) needs nothing special: nothing is kept by UID
 * between passes; the references recorded with each fax carry the UIDVALIDITY they had.
 */
import { ImapFlow } from 'imapflow';
import type { Intake } from '../../src/intake/intake.ts';
import { errorCode, noopIntakeLog, type IntakeLog } from '../../src/intake/log.ts';
import {
  countOutcome,
  emptySummary,
  isSettled,
  summaryCounts,
  type IntakeSummary,
} from '../../src/intake/outcome.ts';
import type { IntakeSource, SourceHealth } from '../../src/intake/source.ts';
import { createImapAuth } from './mail/auth.ts';
import { createMailHealth } from './mail/health.ts';
import {
  messageRef,
  planMessage,
  planOversized,
  planUnparsable,
  type MessageLocation,
  type MessagePlan,
} from './mail/message.ts';
import type { MailSettings } from './mail/settings.ts';

export interface MailboxSourceDeps {
  log?: IntakeLog;
  /** Says in the channel that the mailbox has been unreachable too long (once per outage). */
  onAlert?: (health: SourceHealth) => Promise<void> | void;
  clock?: () => Date;
}

/** A message larger than this is not downloaded: base64 makes attachments a third larger. */
function downloadLimit(maxBytes: number): number {
  return Math.ceil(maxBytes * 1.4) + 1024 * 1024;
}

/** What went wrong, in French, for status and the channel; never the password or a token. */
function describeFailure(error: unknown): string {
  const e = error as { authenticationFailed?: boolean; code?: string; responseText?: string };
  if (e.authenticationFailed || e.code === 'AUTHENTICATIONFAILED')
    return 'identifiants refusés par le serveur (mot de passe, ou autorisation Microsoft 365)';
  const code = errorCode(error);
  if (code === 'ECONNREFUSED') return 'le serveur refuse la connexion (arrêté ?)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'serveur introuvable (nom du serveur ?)';
  if (code === 'ETIMEDOUT' || code === 'ETIMEOUT' || code === 'CONNECT_TIMEOUT')
    return 'le serveur ne répond pas';
  if (code === 'NoConnection' || code === 'ClosedAfterConnectText' || code === 'EConnectionClosed')
    return 'connexion coupée par le serveur';
  return `erreur de connexion (${code})`;
}

export function createMailboxSource(settings: MailSettings, deps: MailboxSourceDeps = {}): IntakeSource {
  const log = deps.log ?? noopIntakeLog;
  const getAuth = createImapAuth(settings.auth);
  const health = createMailHealth({
    file: settings.healthFile,
    alertMs: settings.alertMs,
    clock: deps.clock,
    onAlert: (state) => {
      log.warn('mail.unreachable_alert', {});
      Promise.resolve(deps.onAlert?.(state)).catch((error: unknown) =>
        log.error('mail.alert_failed', { code: errorCode(error) }),
      );
    },
  });

  let running = false;
  let loop: Promise<void> | null = null;
  let client: ImapFlow | null = null;
  let wake: () => void = () => {};
  let lastUidValidity: string | null = null;
  let folders: { done: string; review: string } | null = null;

  async function connect(): Promise<ImapFlow> {
    const auth = await getAuth();
    const c = new ImapFlow({
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      ...(settings.requireStartTls ? { doSTARTTLS: true } : {}),
      auth,
      logger: false,
      // The pass below reads on its own schedule; IDLE restarts often enough for NATs.
      maxIdleTime: Math.min(settings.pollMs, 5 * 60_000),
      // IDLE from a second after the last command (imapflow waits 15 s by default): a message is
      // then seen within a second or two of arriving.
      autoIdleDelay: 1000,
    });
    c.on('error', (error: unknown) => log.warn('mail.connection_error', { code: errorCode(error) }));
    await c.connect();
    folders = {
      done: await ensureFolder(c, settings.doneFolder),
      review: await ensureFolder(c, settings.reviewFolder),
    };
    return c;
  }

  /** Creates the folder when missing; returns its path as the server spells it. */
  async function ensureFolder(c: ImapFlow, path: string[]): Promise<string> {
    const created = await c.mailboxCreate(path);
    return created.path;
  }

  async function handOver(intake: Intake, plan: MessagePlan, summary: IntakeSummary): Promise<boolean> {
    let allSafe = true;
    for (const fax of plan.faxes) {
      const outcome = await intake.processHeld(fax);
      countOutcome(summary, fax.origin.ref ?? fax.name, outcome);
      if (!isSettled(outcome)) allSafe = false;
    }
    if (plan.refused) {
      const outcome = await intake.processHeld(plan.refused);
      countOutcome(summary, plan.refused.origin.ref ?? plan.refused.name, outcome);
      if (!isSettled(outcome)) allSafe = false;
    }
    return allSafe;
  }

  /**
   * One message, under this instance's claim on it: its faxes handed over, then the message
   * moved once they are all safe. Another instance may have moved it meanwhile (this session's
   * view of the folder can lag): looked up again first, so it is never moved — copied — twice.
   */
  async function handleMessage(
    c: ImapFlow,
    intake: Intake,
    at: MessageLocation,
    size: number,
    summary: IntakeSummary,
  ): Promise<void> {
    const uid = String(at.uid);
    let plan: MessagePlan;
    if (size > downloadLimit(settings.maxBytes)) {
      const headers = await c.fetchOne(uid, { headers: true }, { uid: true });
      if (!headers || !headers.headers) return; // gone meanwhile (moved by another instance)
      plan = planOversized(headers.headers, at, settings);
    } else {
      const message = await c.fetchOne(uid, { source: true }, { uid: true });
      if (!message || !message.source) return;
      const source = message.source;
      // A message that cannot be taken apart is the message's fault, not the connection's.
      plan = await planMessage(source, at, settings).catch(() => planUnparsable(source, at, settings));
    }
    const safe = await handOver(intake, plan, summary);
    if (!safe) return; // stays in the folder: handed over again on the next pass
    await c.noop(); // takes in what other sessions did to the folder
    const still = await c.search({ uid }, { uid: true });
    if (!still || still.length === 0) return;
    await c.messageMove(uid, plan.refused ? folders!.review : folders!.done, { uid: true });
    log.info('mail.message_done', { uid: at.uid, faxes: plan.faxes.length, review: plan.refused !== null });
  }

  /** One pass over the folder: every message handed over, then moved once its faxes are safe. */
  async function pass(c: ImapFlow, intake: Intake): Promise<IntakeSummary> {
    const summary = emptySummary();
    const lock = await c.getMailboxLock(settings.mailbox);
    try {
      const mailbox = c.mailbox;
      const uidValidity = mailbox === false ? '0' : String(mailbox.uidValidity);
      if (lastUidValidity !== null && lastUidValidity !== uidValidity)
        log.warn('mail.uidvalidity_changed', {});
      lastUidValidity = uidValidity;
      if (mailbox === false || mailbox.exists === 0) return summary;
      const sizes = new Map<number, number>();
      for await (const message of c.fetch('1:*', { uid: true, size: true })) {
        sizes.set(message.uid, message.size ?? 0);
      }
      for (const [uid, size] of [...sizes].sort((a, b) => a[0] - b[0])) {
        if (!running && loop !== null) break; // stopping: the rest waits on the server
        const at: MessageLocation = { mailbox: settings.mailbox, uidValidity, uid };
        const claimed = await intake.withSourceClaim(messageRef(at), () =>
          handleMessage(c, intake, at, size, summary),
        );
        if (!claimed.held) countOutcome(summary, messageRef(at), { kind: 'skipped', reason: 'claimed' });
      }
    } finally {
      lock.release();
    }
    log.info('mail.pass', summaryCounts(summary));
    return summary;
  }

  function waitForWork(c: ImapFlow): Promise<void> {
    return new Promise((resolveWait) => {
      const done = () => {
        clearTimeout(timer);
        c.off('exists', done);
        c.off('close', done);
        wake = () => {};
        resolveWait();
      };
      const timer = setTimeout(done, settings.pollMs);
      c.on('exists', done);
      c.on('close', done);
      wake = done;
    });
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolveSleep) => {
      const timer = setTimeout(() => {
        wake = () => {};
        resolveSleep();
      }, ms);
      wake = () => {
        clearTimeout(timer);
        wake = () => {};
        resolveSleep();
      };
    });
  }

  async function runLoop(intake: Intake): Promise<void> {
    let backoff = settings.backoffMs.first;
    while (running) {
      try {
        client = await connect();
        health.reachable();
        log.info('mail.connected', {});
        backoff = settings.backoffMs.first;
        while (running && client.usable) {
          await pass(client, intake);
          if (running && client.usable) await waitForWork(client);
        }
      } catch (error) {
        if (!running) break;
        health.unreachable(describeFailure(error));
        log.warn('mail.retry', { code: errorCode(error), inMs: backoff });
      } finally {
        const c = client;
        client = null;
        if (c?.usable) await c.logout().catch(() => {});
        else c?.close();
      }
      if (!running) break;
      await sleep(backoff);
      backoff = Math.min(backoff * 2, settings.backoffMs.max);
    }
  }

  return {
    name: 'mail',
    async start(intake: Intake): Promise<void> {
      if (running) throw new Error('mailbox source already started');
      running = true;
      loop = runLoop(intake);
      log.info('mail.started', { pollMs: settings.pollMs });
    },

    async runOnce(intake: Intake): Promise<IntakeSummary> {
      let c: ImapFlow;
      running = true;
      try {
        try {
          c = await connect();
        } catch (error) {
          health.unreachable(describeFailure(error));
          log.error('mail.unreachable', { code: errorCode(error) });
          const summary = emptySummary();
          countOutcome(summary, 'mail', { kind: 'error', code: errorCode(error) });
          return summary;
        }
        health.reachable();
        try {
          return await pass(c, intake);
        } catch (error) {
          log.error('mail.pass_failed', { code: errorCode(error) });
          const summary = emptySummary();
          countOutcome(summary, 'mail', { kind: 'error', code: errorCode(error) });
          return summary;
        } finally {
          if (c.usable) await c.logout().catch(() => {});
          else c.close();
        }
      } finally {
        running = false;
        health.stop();
      }
    },

    async stop(): Promise<void> {
      if (!running) return;
      running = false;
      wake();
      // A pass in progress finishes its current message; the connection then closes.
      await loop;
      loop = null;
      health.stop();
      log.info('mail.stopped', {});
    },

    health: () => health.current(),
  };
}
