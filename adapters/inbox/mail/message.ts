/**
 * What a message holds, as intake needs it: each fax attachment (PDF, TIFF, PNG, JPEG — known
 * by its content, not its name or declared type) as a fax of its own, and when something in
 * the message cannot be taken as a fax (no fax attached, a sender not allowed, a zipped or
 * nested attachment, one over the size limit), the whole message set aside with the reason.
 * Nothing is dropped: a set-aside message is recorded (a card says why) and moved for review.
 */
import { simpleParser, type AddressObject, type Attachment } from 'mailparser';
import { sniffKind } from '../../../src/intake/fingerprint.ts';
import type { HeldFax } from '../../../src/intake/intake.ts';
import type { FaxOrigin } from '../../../src/store/records.ts';
import { senderAllowed, type MailSettings } from './settings.ts';

export interface MessagePlan {
  /** Each fax attachment, in the order of the message. */
  faxes: HeldFax[];
  /** The message itself, when it must go for review (recorded unreadable with the reason). */
  refused: HeldFax | null;
}

export interface MessageLocation {
  mailbox: string;
  uidValidity: string;
  uid: number;
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const NESTED = /^Content-Type:[ \t]*message\/(rfc822|global)\b/im;

export function messageRef(at: MessageLocation): string {
  return `${at.mailbox};UIDVALIDITY=${at.uidValidity};UID=${at.uid}`;
}

function firstAddress(from: AddressObject | AddressObject[] | undefined): string | null {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  for (const group of list) {
    for (const entry of group.value) if (entry.address) return entry.address;
  }
  return null;
}

type Problem = 'mail-zipped' | 'mail-nested' | 'mail-too-large';

function problemOf(attachment: Attachment, maxBytes: number): Problem | null {
  const type = attachment.contentType.toLowerCase();
  if (type === 'message/rfc822' || type === 'message/global') return 'mail-nested';
  if (attachment.content.subarray(0, 4).equals(ZIP) || /zip|compressed|x-7z|x-rar/.test(type))
    return 'mail-zipped';
  if (attachment.size > maxBytes && sniffKind(attachment.content.subarray(0, 8)) !== null)
    return 'mail-too-large';
  return null;
}

function reasonFor(code: string, review: string, maxBytes: number): string {
  switch (code) {
    case 'mail-sender-not-allowed':
      return `Courriel d’un expéditeur non autorisé (FAXDESK_MAIL_ALLOWED_SENDERS) : rien n’a été lu. Le message est dans le dossier « ${review} ».`;
    case 'mail-zipped':
      return `Courriel avec une pièce jointe compressée (ZIP ou autre archive) : Faxdesk ne l’ouvre pas. Le message est dans le dossier « ${review} ».`;
    case 'mail-nested':
      return `Courriel joint à un courriel : Faxdesk ne lit pas les messages imbriqués. Le message est dans le dossier « ${review} ».`;
    case 'mail-unparsable':
      return `Courriel que Faxdesk n’a pas pu décoder (structure MIME invalide). Le message est dans le dossier « ${review} ».`;
    case 'mail-too-large':
      return `Courriel avec une pièce jointe de plus de ${maxBytes} octets : elle n’a pas été lue. Le message est dans le dossier « ${review} ».`;
    default:
      return `Courriel sans télécopie jointe (PDF, TIFF, PNG ou JPEG) : un message est arrivé dans la boîte aux lettres, mais rien n’a pu être lu comme une télécopie. Il est dans le dossier « ${review} ».`;
  }
}

function extension(kind: string): string {
  return kind === 'jpeg' ? 'jpg' : kind === 'tiff' ? 'tif' : kind;
}

/** The plan for one message, from its full source (RFC 822 bytes). */
export async function planMessage(
  source: Buffer,
  at: MessageLocation,
  settings: Pick<MailSettings, 'allowedSenders' | 'maxBytes' | 'reviewFolder'>,
): Promise<MessagePlan> {
  const parsed = await simpleParser(source, {
    skipHtmlToText: true,
    skipTextToHtml: true,
    skipTextLinks: true,
  });
  const ref = messageRef(at);
  const sender = firstAddress(parsed.from);
  const origin: FaxOrigin = {
    via: 'mail',
    ref,
    messageId: parsed.messageId?.slice(0, 500) ?? null,
    sender: sender?.slice(0, 320) ?? null,
    sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : null,
  };
  const review = settings.reviewFolder.join('/');
  const refuse = (code: string): HeldFax => ({
    name: 'courriel.eml',
    bytes: source,
    origin,
    refused: { code, reason: reasonFor(code, review, settings.maxBytes) },
  });
  if (!senderAllowed(settings, sender)) return { faxes: [], refused: refuse('mail-sender-not-allowed') };

  const faxes: HeldFax[] = [];
  // mailparser flattens a message attached inside a message (its attachments appear as this
  // one's), so nesting is seen in the MIME headers themselves.
  let problem: Problem | null = NESTED.test(source.toString('latin1')) ? 'mail-nested' : null;
  for (const attachment of parsed.attachments) {
    const found = problemOf(attachment, settings.maxBytes);
    if (found !== null) {
      problem ??= found;
      continue;
    }
    // An image shown inside the message (a logo in a signature) is not a fax.
    if (attachment.related) continue;
    const kind = sniffKind(attachment.content.subarray(0, 8));
    if (kind === null) continue;
    const index = faxes.length + 1;
    faxes.push({
      name: attachment.filename?.trim() || `telecopie-${index}.${extension(kind)}`,
      bytes: attachment.content,
      origin: { ...origin, ref: `${ref};PART=${index}` },
    });
  }
  if (problem !== null) return { faxes, refused: refuse(problem) };
  if (faxes.length === 0) return { faxes, refused: refuse('mail-no-fax') };
  return { faxes, refused: null };
}

/** Where a message came from when it was never taken apart: its place in the mailbox only. */
function unreadMessageOrigin(at: MessageLocation): FaxOrigin {
  return { via: 'mail', ref: messageRef(at), messageId: null, sender: null, sentAt: null };
}

/** A message too large to download: set aside from its headers alone. */
export function planOversized(
  headers: Buffer,
  at: MessageLocation,
  settings: Pick<MailSettings, 'maxBytes' | 'reviewFolder'>,
): MessagePlan {
  const origin = unreadMessageOrigin(at);
  return {
    faxes: [],
    refused: {
      name: 'courriel-en-tetes.eml',
      bytes: headers,
      origin,
      refused: {
        code: 'mail-too-large',
        reason: reasonFor('mail-too-large', settings.reviewFolder.join('/'), settings.maxBytes),
      },
    },
  };
}

/** A message mailparser could not take apart: set aside whole, for a person to look at. */
export function planUnparsable(
  source: Buffer,
  at: MessageLocation,
  settings: Pick<MailSettings, 'maxBytes' | 'reviewFolder'>,
): MessagePlan {
  const origin = unreadMessageOrigin(at);
  const reason = reasonFor('mail-unparsable', settings.reviewFolder.join('/'), settings.maxBytes);
  return {
    faxes: [],
    refused: { name: 'courriel.eml', bytes: source, origin, refused: { code: 'mail-unparsable', reason } },
  };
}
