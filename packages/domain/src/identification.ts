import { z } from 'zod';
import { calendarDateSchema, isValidCalendarDate } from './calendar-date.ts';
import { countryCodeSchema } from './countries.ts';
import { documentTypeSchema } from './document-types.ts';
import { identificationLanguageSchema } from './identification-language.ts';
import { identificationStatusSchema } from './identification-status.ts';
import {
  checkProofOfAddressAge,
  proofOfAddressAgeMessage,
  proofOfAddressTypeSchema,
  type CalendarDateInput,
} from './proof-of-address.ts';
import { documentIdSchema, identificationIdSchema, personIdSchema } from './solaris-ids.ts';
import { isoTimestampSchema } from './utc-timestamp.ts';

/** Identdesk handles video identification only; the resource is shared with other KYC methods. */
export const IDENTIFICATION_METHODS = ['idnow'] as const;
export const identificationMethodSchema = z.enum(IDENTIFICATION_METHODS, {
  error: 'method must be idnow: Identdesk handles video identification via IDnow only',
});
export type IdentificationMethod = z.infer<typeof identificationMethodSchema>;

/** A document attached to an identification (`?include_documents=true`). */
export const identificationDocumentSchema = z.object({
  id: documentIdSchema,
  name: z.string(),
  content_type: z.string(),
  document_type: documentTypeSchema,
  size: z.number().int().nonnegative(),
});
export type IdentificationDocument = z.infer<typeof identificationDocumentSchema>;

/** The address IDnow confirmed, as the seed's GET response shows it (no `state` there). */
export const identificationAddressSchema = z.object({
  line_1: z.string().nullable(),
  line_2: z.string().nullable(),
  postal_code: z.string().nullable(),
  city: z.string().nullable(),
  country: countryCodeSchema.nullable(),
  state: z.string().nullable().optional(),
});

/**
 * The Solaris identification resource: every field of the seed's responses. Fields that only
 * some responses carry are optional: the seed's single GET omits `iban` and the
 * `*_signed_at` / `*_expires_at` fields; `estimated_waiting_time` comes after the request;
 * `person_id`, `address` and `documents` with the GET; `failure_reason` and
 * `provider_status_code` from the notes.
 */
export const identificationResourceSchema = z.object({
  id: identificationIdSchema,
  /** IDnow's reference: never show it to the customer (seed). */
  reference: z.string().nullable(),
  url: z.url().nullable(),
  status: identificationStatusSchema,
  completed_at: isoTimestampSchema.nullable(),
  /** Other KYC methods share the resource, so any method string is read. */
  method: z.string(),
  proof_of_address_type: proofOfAddressTypeSchema.nullable(),
  proof_of_address_issued_at: calendarDateSchema.nullable(),
  language: identificationLanguageSchema.nullable(),
  iban: z.string().nullable().optional(),
  terms_and_conditions_signed_at: isoTimestampSchema.nullable().optional(),
  authorization_expires_at: isoTimestampSchema.nullable().optional(),
  confirmation_expires_at: isoTimestampSchema.nullable().optional(),
  /** Seconds, as the seed's example (60) suggests. */
  estimated_waiting_time: z.number().nonnegative().nullable().optional(),
  person_id: personIdSchema.optional(),
  address: identificationAddressSchema.nullable().optional(),
  documents: z.array(identificationDocumentSchema).optional(),
  failure_reason: z.string().nullable().optional(),
  provider_status_code: z.string().nullable().optional(),
});
export type IdentificationResource = z.infer<typeof identificationResourceSchema>;

const PROOF_OF_ADDRESS_FIELDS_TOGETHER_MESSAGE =
  'proof_of_address_type and proof_of_address_issued_at go together: give both or neither';

const createIdentificationShape = {
  method: identificationMethodSchema,
  language: identificationLanguageSchema.optional(),
  proof_of_address_type: proofOfAddressTypeSchema.nullish(),
  proof_of_address_issued_at: calendarDateSchema.nullish(),
};

function bothOrNeither(
  input: { proof_of_address_type?: string | null; proof_of_address_issued_at?: string | null },
  context: z.RefinementCtx,
): void {
  const hasType = input.proof_of_address_type != null;
  const hasIssuedAt = input.proof_of_address_issued_at != null;
  if (hasType === hasIssuedAt) return;
  context.addIssue({
    code: 'custom',
    path: [hasType ? 'proof_of_address_issued_at' : 'proof_of_address_type'],
    message: PROOF_OF_ADDRESS_FIELDS_TOGETHER_MESSAGE,
  });
}

/**
 * `POST /v1/persons/{person_id}/identifications`. The proof-of-address fields are needed only
 * when the ID document does not carry the address (see proofOfAddressRequired).
 */
export const createIdentificationInputSchema = z.strictObject(createIdentificationShape).superRefine(bothOrNeither);
export type CreateIdentificationInput = z.infer<typeof createIdentificationInputSchema>;

/** The same, also holding the proof of address to the 6-month limit for an identification created at `createdAt`. */
export function createIdentificationInputSchemaAt(createdAt: CalendarDateInput) {
  return z.strictObject(createIdentificationShape).superRefine((input, context) => {
    bothOrNeither(input, context);
    const issuedAt = input.proof_of_address_issued_at;
    if (issuedAt == null || !isValidCalendarDate(issuedAt)) return;
    const message = proofOfAddressAgeMessage(checkProofOfAddressAge(issuedAt, createdAt));
    if (message !== null) context.addIssue({ code: 'custom', path: ['proof_of_address_issued_at'], message });
  });
}
