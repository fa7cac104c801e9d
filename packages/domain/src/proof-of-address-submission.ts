import { z } from 'zod';
import { calendarDateSchema, isValidCalendarDate, type CalendarDate } from './calendar-date.ts';
import { countryName } from './countries.ts';
import type { DocumentType } from './document-types.ts';
import type { IdDocumentWithAddress } from './id-documents-with-address.ts';
import {
  checkProofOfAddressAge,
  PROOF_OF_ADDRESS_TYPE_LABELS,
  PROOF_OF_ADDRESS_TYPES,
  proofOfAddressAgeMessage,
  type ProofOfAddressState,
} from './proof-of-address.ts';
import { identificationIdSchema } from './solaris-ids.ts';

/** The largest proof-of-address file an agent can record (Solaris' upload limit too). */
export const PROOF_OF_ADDRESS_MAX_FILE_BYTES = 10 * 1024 * 1024;

/** What a recorded proof may be, recognised from its bytes; the extension names the stored file. */
export const PROOF_OF_ADDRESS_FILE_TYPES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
} as const;
export type ProofOfAddressContentType = keyof typeof PROOF_OF_ADDRESS_FILE_TYPES;

export function isProofOfAddressContentType(value: string): value is ProofOfAddressContentType {
  return Object.hasOwn(PROOF_OF_ADDRESS_FILE_TYPES, value);
}

export const PROOF_OF_ADDRESS_NOTE_MAX_LENGTH = 2000;

/**
 * The Solaris `document_type` a proof of address is uploaded as. The seed's list has no
 * proof-of-address type; a bill, a bank statement or a Meldebescheinigung is "any other type of
 * document" (OTHER), whether it arrives as a PDF or a photo (PICTURE is for pictures as such).
 */
export const PROOF_OF_ADDRESS_DOCUMENT_TYPE: DocumentType = 'OTHER';

/** The review states of a recorded proof (four eyes: another person decides). */
export const PROOF_OF_ADDRESS_SUBMISSION_STATUSES = ['pending_review', 'approved', 'rejected', 'resubmission_requested'] as const;
export type ProofOfAddressSubmissionStatus = (typeof PROOF_OF_ADDRESS_SUBMISSION_STATUSES)[number];

export const PROOF_OF_ADDRESS_SUBMISSION_STATUS_LABELS: Record<ProofOfAddressSubmissionStatus, string> = {
  pending_review: 'Waiting for compliance',
  approved: 'Approved',
  rejected: 'Rejected',
  resubmission_requested: 'New proof requested',
};

/** Where the upload of a recorded proof to Solaris stands. */
export const PROOF_OF_ADDRESS_UPLOAD_STATUSES = ['pending', 'uploaded', 'failed'] as const;
export type ProofOfAddressUploadStatus = (typeof PROOF_OF_ADDRESS_UPLOAD_STATUSES)[number];

export const PROOF_OF_ADDRESS_UPLOAD_STATUS_LABELS: Record<ProofOfAddressUploadStatus, string> = {
  pending: 'Uploading to Solaris',
  uploaded: 'Uploaded to Solaris',
  failed: 'Upload to Solaris failed',
};

/**
 * The form fields of a recorded proof, checked against `today` (Berlin): a Solaris proof type,
 * an issue date neither in the future nor older than six months, a note of at most 2000
 * characters, and optionally the identification it belongs to.
 */
export function proofOfAddressSubmissionFieldsSchema(today: CalendarDate) {
  return z.object({
    type: z.enum(PROOF_OF_ADDRESS_TYPES, {
      error: (issue) =>
        issue.input === undefined || issue.input === ''
          ? 'Choose the kind of proof of address'
          : `Must be one of the Solaris proof-of-address types: ${PROOF_OF_ADDRESS_TYPES.join(', ')}`,
    }),
    issuedOn: z
      .string({ error: 'Give the date the proof of address was issued (YYYY-MM-DD)' })
      .trim()
      .pipe(calendarDateSchema)
      .superRefine((issuedOn, context) => {
        if (!isValidCalendarDate(issuedOn)) return;
        const check = checkProofOfAddressAge(issuedOn, today);
        if (check.ok) return;
        context.addIssue({
          code: 'custom',
          message:
            check.reason === 'issued_in_future'
              ? `Proof of address cannot be issued in the future: today is ${today}`
              : (proofOfAddressAgeMessage(check) ?? 'Proof of address is too old'),
        });
      }),
    note: z
      .string()
      .trim()
      .max(PROOF_OF_ADDRESS_NOTE_MAX_LENGTH, {
        error: `Keep the note to ${PROOF_OF_ADDRESS_NOTE_MAX_LENGTH} characters or fewer`,
      })
      .optional()
      .transform((note) => (note ? note : null)),
    identificationId: z
      .string()
      .trim()
      .optional()
      .transform((id) => (id ? id : undefined))
      .pipe(identificationIdSchema.optional()),
  });
}
export type ProofOfAddressSubmissionFields = z.infer<ReturnType<typeof proofOfAddressSubmissionFieldsSchema>>;

/** What the person page says about proof of address, besides the state. */
export interface ProofOfAddressExplanationFacts {
  state: ProofOfAddressState;
  nationality: string | null;
  /** The seed's documents with address of the customer's nationality. */
  documentsWithAddress: readonly Pick<IdDocumentWithAddress, 'code' | 'kind'>[];
  /** The address was saved as a nearby one (validation failed at sign-up). */
  addressUnverified: boolean;
  /** The document of the latest successful IDnow attempt, when known. */
  identifiedWith: { type: string | null; country: string | null } | null;
  /** The identification that carries the proof's type and issue date, when one does. */
  identificationProof: { type: string; issuedOn: string | null } | null;
  /** The latest recorded proof, if any. */
  latestSubmission: { status: ProofOfAddressSubmissionStatus; decisionReason: string | null } | null;
}

function documentKindName(type: string | null): string {
  if (!type) return 'an ID document';
  if (/PASS/i.test(type)) return 'a passport';
  if (/ID/i.test(type)) return 'an ID card';
  return `a document of type ${type}`;
}

function proofTypeLabel(type: string): string {
  return (PROOF_OF_ADDRESS_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

/**
 * Why a proof of address is (not) needed, in words an agent can repeat: from the seed's list of
 * ID documents that print the address, the document the customer identified with, and what was
 * recorded.
 */
export function proofOfAddressExplanation(facts: ProofOfAddressExplanationFacts): string {
  const country = facts.nationality ? countryName(facts.nationality) : null;
  const codes = facts.documentsWithAddress.map((document) => document.code).join(', ');
  const lastRefusal =
    facts.latestSubmission && (facts.latestSubmission.status === 'rejected' || facts.latestSubmission.status === 'resubmission_requested')
      ? ` The last proof recorded was ${facts.latestSubmission.status === 'rejected' ? 'rejected' : 'sent back for a new one'}${
          facts.latestSubmission.decisionReason ? `: ${facts.latestSubmission.decisionReason}` : ''
        }.`
      : '';

  switch (facts.state) {
    case 'accepted':
      if (facts.latestSubmission?.status === 'approved') return 'Accepted: compliance approved the recorded proof of address.';
      if (facts.identificationProof) {
        return `Accepted: the identification carries a proof of address (${proofTypeLabel(facts.identificationProof.type)}${
          facts.identificationProof.issuedOn ? `, issued ${facts.identificationProof.issuedOn}` : ''
        }).`;
      }
      return 'Accepted.';
    case 'in_review':
      return 'A recorded proof of address waits for a compliance decision (four eyes). Nothing more is needed from the customer for now.';
    case 'not_needed':
      return `Not needed: the customer identified with ${documentKindName(facts.identifiedWith?.type ?? null)}${
        facts.identifiedWith?.country ? ` from ${countryName(facts.identifiedWith.country)}` : ''
      }, which prints the address.`;
    case 'depends_on_document':
      return `Depends on the ID document: ${country ?? 'the customer’s country'} issues documents that print the address (${codes}). With one of them no proof is needed; with any other document the customer must bring a proof of address not older than six months.`;
    case 'outstanding': {
      if (facts.addressUnverified) {
        return `Needed: the address could not be validated at sign-up and was saved as a nearby one, so the customer must send a proof of address not older than six months.${lastRefusal}`;
      }
      if (facts.identifiedWith) {
        return `Needed: the customer identified with ${documentKindName(facts.identifiedWith.type)}${
          facts.identifiedWith.country ? ` from ${countryName(facts.identifiedWith.country)}` : ''
        }, which does not print the address. Ask for a proof of address not older than six months.${lastRefusal}`;
      }
      const why = country
        ? `no ID document of ${country} prints the address`
        : 'the customer’s nationality is not known, so no ID document can be assumed to print the address';
      return `Needed: ${why}. Ask for a proof of address not older than six months (e.g. a utility bill or a Meldebescheinigung).${lastRefusal}`;
    }
  }
}
