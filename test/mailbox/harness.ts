/**
 * The mailbox tests' set-up: a Dovecot per test file, an IMAP client to put messages in and
 * count what is where, an intake over a temp data folder, and the mailbox source with short
 * waits. The reader sniffs the content like the real one (PDF pages, TIFF directories) and
 * says « IRM »: the tests are about the mailbox, not about reading.
 */
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ImapFlow } from 'imapflow';
import { UnreadableFaxError, type FaxReading } from '../../src/domain/reading.ts';
import { sniffKind } from '../../src/intake/fingerprint.ts';
import { createIntake, type Intake, type IntakeOptions } from '../../src/intake/intake.ts';
import type { FaxProcessors } from '../../src/intake/processors.ts';
import type { FaxStore } from '../../src/store/store.ts';
import { createMailboxSource, type MailboxSourceDeps } from '../../adapters/inbox/mailbox.ts';
import type { MailSettings } from '../../adapters/inbox/mail/settings.ts';
import { readTiffIfds } from '../fixtures/tiff.ts';
import { fakeProcessors, makeDataDirs, type DataDirs } from '../intake/helpers.ts';
import { page } from '../validation/helpers.ts';
import type { Dovecot } from './dovecot.ts';

export const DONE = ['Faxdesk', 'Traités'];
export const REVIEW = ['Faxdesk', 'À vérifier'];

/** Reads what the mail source hands over, by content: PDF pages, TIFF directories. */
export function sniffingProcessors(): FaxProcessors {
  const base = fakeProcessors();
  return {
    ...base,
    async read(file): Promise<FaxReading> {
      if (typeof file === 'string') throw new Error('the mailbox hands over bytes');
      const kind = sniffKind(file.bytes.subarray(0, 8));
      if (kind === null) throw new UnreadableFaxError('unsupported', 'Format non pris en charge.');
      const count =
        kind === 'tiff'
          ? readTiffIfds(file.bytes).length
          : kind === 'pdf'
            ? (file.bytes.toString('latin1').match(/\/Type \/Page >>/g) ?? []).length
            : 1;
      return {
        kind,
        ocrUsed: false,
        confidence: null,
        pages: Array.from({ length: Math.max(1, count) }, (_, i) =>
          page({ index: i + 1, text: `Demande IRM page ${i + 1}` }),
        ),
      };
    },
  };
}

export function mailSettingsFor(
  server: Dovecot,
  dirs: DataDirs,
  extra: Partial<MailSettings> = {},
): MailSettings {
  return {
    host: server.host,
    port: server.port,
    secure: false,
    requireStartTls: false,
    mailbox: 'INBOX',
    auth: { kind: 'password', user: server.user, password: server.password },
    pollMs: 60_000,
    doneFolder: DONE,
    reviewFolder: REVIEW,
    allowedSenders: [],
    alertMs: 60_000,
    maxBytes: 5 * 1024 * 1024,
    backoffMs: { first: 50, max: 200 },
    healthFile: join(dirs.root, 'mailbox-health.json'),
    ...extra,
  };
}

export function intakeFor(store: FaxStore, dirs: DataDirs, extra: Partial<IntakeOptions> = {}): Intake {
  return createIntake({ store, processors: sniffingProcessors(), paths: dirs, settleMs: 50, ...extra });
}

export function mailbox(
  server: Dovecot,
  dirs: DataDirs,
  extra: Partial<MailSettings> = {},
  deps: MailboxSourceDeps = {},
) {
  return createMailboxSource(mailSettingsFor(server, dirs, extra), deps);
}

/** A client for the test's own reading and writing. */
export async function imapClient(server: Dovecot): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
  });
  await client.connect();
  return client;
}

export async function append(client: ImapFlow, messages: Buffer[], folder = 'INBOX'): Promise<void> {
  for (const message of messages) await client.append(folder, message);
}

/** Messages in a folder (0 when it does not exist). */
export async function count(client: ImapFlow, folder: string | string[]): Promise<number> {
  const list = await client.list();
  const wanted = Array.isArray(folder) ? folder : [folder];
  const found = list.find(
    (m) => m.path === wanted.join(m.delimiter) || (wanted.length === 1 && m.path === wanted[0]),
  );
  if (!found) return 0;
  const status = await client.status(found.path, { messages: true });
  return status ? (status.messages ?? 0) : 0;
}

/** Removes every message from the test mailbox's folders (between tests). */
export async function emptyMailbox(client: ImapFlow): Promise<void> {
  for (const box of await client.list()) {
    const status = await client.status(box.path, { messages: true });
    if (!status || !status.messages) continue;
    const lock = await client.getMailboxLock(box.path);
    try {
      await client.messageDelete('1:*');
    } finally {
      lock.release();
    }
  }
  // Nothing left selected: STATUS on a selected folder answers from the session's own view.
  if (client.mailbox) await client.mailboxClose();
}

export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

export { makeDataDirs, type DataDirs };
