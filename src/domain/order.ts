/**
 * The parsed order: every field Faxdesk reads out of a fax, as plain data.
 * The parser (src/parsing) produces it, the rules (src/validation) judge it,
 * the store keeps it as JSON. Absent values are `null`, never empty strings.
 */
import { z } from 'zod';
import { Box } from './layout.ts';

/** 10 digits, North American number without the leading 1 (e.g. "5145551234"). */
export const PhoneDigits = z.string().regex(/^\d{10}$/);
/** ISO calendar date. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Health insurance number (NAM/RAMQ): 12 upper-case characters, no spaces. */
export const Nam = z.string().regex(/^[A-Z]{4}\d{6}[0-9A-Z]\d$/);

export const PersonName = z.object({
  firstName: z.string().min(1).nullable(),
  lastName: z.string().min(1).nullable(),
});
export type PersonName = z.infer<typeof PersonName>;

/** The transmission header and cover page added by the ministry's web fax service. */
export const TransmissionHeader = z.object({
  /** The service number (1 418 425-6508) appears in the header zone at the top of the first page. */
  serviceNumberInHeader: z.boolean(),
  /** The service number appears somewhere in the fax (possibly not in the header). */
  serviceNumberAnywhere: z.boolean(),
  /** Sender named after the service number in the header. */
  sender: PersonName.nullable(),
  /** Page count announced by the header ("Page 1/3", "1 de 3"), if any. */
  pageCount: z.number().int().positive().nullable(),
  /** Which parts of the standard cover text were recognised (fuzzy match). */
  banner: z.object({
    transit: z.boolean(),
    doNotReply: z.boolean(),
    confidentiality: z.boolean(),
    formCode: z.boolean(),
  }),
});
export type TransmissionHeader = z.infer<typeof TransmissionHeader>;

export const Prescriber = PersonName.extend({
  phone: PhoneDigits.nullable(),
  permit: z.string().min(1).nullable(),
});
export type Prescriber = z.infer<typeof Prescriber>;

export const Patient = PersonName.extend({
  birthDate: IsoDate.nullable(),
  /** Well-formed NAM, normalised. */
  nam: Nam.nullable(),
  /** Something labelled or shaped like a NAM that is not well formed (kept to say why it fails). */
  namRaw: z.string().nullable(),
  /** Another identifier when there is no NAM: address or phone number. */
  altId: z.string().nullable(),
});
export type Patient = z.infer<typeof Patient>;

/** A field the parser corrected from a likely OCR misread (e.g. NAM "TREJ85O31512" → "TREJ85031512"). */
export const Repair = z.object({
  field: z.string(),
  from: z.string(),
  to: z.string(),
  reason: z.string(),
});
export type Repair = z.infer<typeof Repair>;

/**
 * Where a field was read and how sure the reader is: the page (1-based) and box of the words it
 * came from, their OCR confidence (0–100; null for a PDF text layer, whose characters are exact),
 * whether it was corrected (see `repairs`), and whether a person should look at it before relying on
 * it (`uncertain`: read with low confidence and not confirmed by other evidence such as the NAM).
 */
export const FieldProvenance = z.object({
  confidence: z.number().min(0).max(100).nullable(),
  page: z.number().int().positive().nullable(),
  box: Box.nullable(),
  repaired: z.boolean(),
  uncertain: z.boolean(),
});
export type FieldProvenance = z.infer<typeof FieldProvenance>;

/** Field paths as `faxdesk check --json` names them: "patient.nam", "prescriber.phone", "exam"… */
export const FieldPath = z.enum([
  'sender.firstName',
  'sender.lastName',
  'prescriber.firstName',
  'prescriber.lastName',
  'prescriber.phone',
  'prescriber.permit',
  'patient.firstName',
  'patient.lastName',
  'patient.birthDate',
  'patient.nam',
  'patient.altId',
  'exam',
  'clinicalInfo',
  'orderDate',
]);
export type FieldPath = z.infer<typeof FieldPath>;

export const ParsedOrder = z.object({
  header: TransmissionHeader,
  prescriber: Prescriber,
  patient: Patient,
  /** The requested exam as written (e.g. "Échographie abdominale"). */
  exam: z.string().nullable(),
  clinicalInfo: z.string().nullable(),
  orderDate: IsoDate.nullable(),
  /** Every destination the fax is addressed to: destination fax numbers, c.c. / copie conforme places. */
  recipients: z.array(z.string()),
  /** An imaging or nuclear-medicine order (as opposed to lab results, a referral letter, a report…). */
  isOrder: z.boolean(),
  /** A signature (or a signature line filled in) was seen. Informational only. */
  signed: z.boolean(),
  repairs: z.array(Repair),
  /**
   * The order says someone sent it for the prescriber ("Envoyé par Léa Roy, agente administrative,
   * au nom de Dre Côté"): who sent it and for whom, as written. Absent when it says nothing of the kind.
   */
  sentOnBehalf: z.object({ sender: PersonName, prescriber: PersonName }).optional(),
  /** One entry per field that was read (absent fields have none). Older records have none at all. */
  provenance: z.partialRecord(FieldPath, FieldProvenance).default({}),
});
export type ParsedOrder = z.infer<typeof ParsedOrder>;
