import { z } from 'zod';
import {
  addDays,
  addMonthsClamped,
  berlinCalendarDate,
  calendarDateSchema,
  compareCalendarDates,
  isValidCalendarDate,
  type CalendarDate,
} from './calendar-date.ts';

/** `proof_of_address_type` (solaris-api-notes.md). */
export const PROOF_OF_ADDRESS_TYPES = [
  'BANK_ACCOUNT_STATEMENT',
  'CERTIFICATE_OF_REGISTRATION',
  'ELECTRICITY_BILL',
  'GAS_BILL',
  'HEATING_BILL',
  'INTERNET_BILL',
  'TELEPHONE_BILL',
  'WATER_BILL',
] as const;

export const proofOfAddressTypeSchema = z.enum(PROOF_OF_ADDRESS_TYPES);
export type ProofOfAddressType = z.infer<typeof proofOfAddressTypeSchema>;

export const PROOF_OF_ADDRESS_TYPE_LABELS: Record<ProofOfAddressType, string> = {
  BANK_ACCOUNT_STATEMENT: 'Bank account statement',
  CERTIFICATE_OF_REGISTRATION: 'Certificate of registration (Meldebescheinigung)',
  ELECTRICITY_BILL: 'Electricity bill',
  GAS_BILL: 'Gas bill',
  HEATING_BILL: 'Heating bill',
  INTERNET_BILL: 'Internet bill',
  TELEPHONE_BILL: 'Telephone bill',
  WATER_BILL: 'Water bill',
};

/** The seed: the proof of address must NOT be older than 6 months. */
export const PROOF_OF_ADDRESS_MAX_AGE_MONTHS = 6;

export type ProofOfAddressAgeCheck =
  | { ok: true; /** The last identification creation date this document still allows. */ validUntil: CalendarDate }
  | { ok: false; reason: 'too_old'; /** First date on which it no longer counted, for "expired on …". */ expiredOn: CalendarDate }
  | { ok: false; reason: 'issued_in_future' };

/** A `Date` counts as the date it is in Berlin (Solaris's day), a string must be YYYY-MM-DD. */
export type CalendarDateInput = CalendarDate | Date;

function toCalendarDate(value: CalendarDateInput): CalendarDate {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new RangeError('Invalid Date');
    return berlinCalendarDate(value);
  }
  if (!isValidCalendarDate(value)) throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${value}`);
  return value;
}

/** The earliest issue date accepted for an identification created on `createdOn`. */
export function earliestProofOfAddressIssueDate(createdOn: CalendarDateInput): CalendarDate {
  return addMonthsClamped(toCalendarDate(createdOn), -PROOF_OF_ADDRESS_MAX_AGE_MONTHS);
}

/**
 * The first creation date on which a document issued on `issuedOn` is too old. Month-end
 * clamping makes "issue date + 6 months" not the exact inverse (issued 2024-08-31 is accepted
 * through 2025-02-28 and expired on 2025-03-01), so it steps to the first failing day.
 */
export function proofOfAddressExpiresOn(issuedOn: CalendarDateInput): CalendarDate {
  const issued = toCalendarDate(issuedOn);
  let candidate = addMonthsClamped(issued, PROOF_OF_ADDRESS_MAX_AGE_MONTHS);
  while (compareCalendarDates(earliestProofOfAddressIssueDate(candidate), issued) <= 0) {
    candidate = addDays(candidate, 1);
  }
  return candidate;
}

/**
 * Is a proof of address issued on `issuedAt` acceptable for an identification created on
 * `identificationCreatedAt`? Calendar months, inclusive: created 2025-03-15 accepts documents
 * issued from 2024-09-15; created 2024-08-31 accepts them from 2024-02-29. A document dated
 * after the creation day is refused too: it cannot have been shown yet.
 */
export function checkProofOfAddressAge(
  issuedAt: CalendarDateInput,
  identificationCreatedAt: CalendarDateInput,
): ProofOfAddressAgeCheck {
  const issued = toCalendarDate(issuedAt);
  const created = toCalendarDate(identificationCreatedAt);
  if (compareCalendarDates(issued, created) > 0) return { ok: false, reason: 'issued_in_future' };
  const expiredOn = proofOfAddressExpiresOn(issued);
  if (compareCalendarDates(created, expiredOn) >= 0) return { ok: false, reason: 'too_old', expiredOn };
  return { ok: true, validUntil: addDays(expiredOn, -1) };
}

export function proofOfAddressAgeMessage(check: ProofOfAddressAgeCheck): string | null {
  if (check.ok) return null;
  if (check.reason === 'issued_in_future') {
    return 'Proof of address must not be issued after the identification is created';
  }
  return `Proof of address must not be older than ${PROOF_OF_ADDRESS_MAX_AGE_MONTHS} months: it expired on ${check.expiredOn}`;
}

/** `proof_of_address_issued_at` for an identification created at `identificationCreatedAt`. */
export function createProofOfAddressIssuedAtSchema(identificationCreatedAt: CalendarDateInput) {
  return calendarDateSchema.superRefine((issuedAt, context) => {
    // The format check above has already reported a malformed date.
    if (!isValidCalendarDate(issuedAt)) return;
    const message = proofOfAddressAgeMessage(checkProofOfAddressAge(issuedAt, identificationCreatedAt));
    if (message !== null) context.addIssue({ code: 'custom', message });
  });
}

/**
 * Where a person stands on proof of address, as search filters and queues see it:
 * - `not_needed`: the customer identified with a document that prints the address;
 * - `depends_on_document`: a document of the customer's nationality prints the address, so a
 *   proof is needed only if they identify with another one;
 * - `outstanding`: needed (no document of that country prints the address, or the address was
 *   saved as a nearby one) and nothing accepted or waiting;
 * - `in_review`: a submission waits for a compliance decision;
 * - `accepted`: a submission was approved, or the identification carries the proof's type and date.
 */
export const PROOF_OF_ADDRESS_STATES = ['not_needed', 'depends_on_document', 'outstanding', 'in_review', 'accepted'] as const;
export const proofOfAddressStateSchema = z.enum(PROOF_OF_ADDRESS_STATES);
export type ProofOfAddressState = z.infer<typeof proofOfAddressStateSchema>;

/** What decides a person's proof-of-address state; see `proofOfAddressStateOf`. */
export interface ProofOfAddressFacts {
  /** The documents that print the address, for the customer's nationality (ISO 3166-1 alpha-2). */
  nationalityHasDocumentWithAddress: boolean;
  /** The address could not be validated and was saved as a nearby one: a proof is always needed. */
  addressUnverified: boolean;
  /** The customer identified with a document that prints the address (known after the call). */
  identifiedWithDocumentWithAddress: boolean | null;
  /** The latest identification carries proof_of_address_type and _issued_at. */
  identificationCarriesProof: boolean;
  /** Review statuses of the person's recorded submissions. */
  submissionStatuses: readonly ('pending_review' | 'approved' | 'rejected' | 'resubmission_requested')[];
}

export function proofOfAddressStateOf(facts: ProofOfAddressFacts): ProofOfAddressState {
  if (facts.submissionStatuses.includes('approved') || facts.identificationCarriesProof) return 'accepted';
  if (facts.submissionStatuses.includes('pending_review')) return 'in_review';
  if (facts.addressUnverified) return 'outstanding';
  if (facts.identifiedWithDocumentWithAddress === true) return 'not_needed';
  if (facts.identifiedWithDocumentWithAddress === false) return 'outstanding';
  return facts.nationalityHasDocumentWithAddress ? 'depends_on_document' : 'outstanding';
}

export const PROOF_OF_ADDRESS_STATE_LABELS: Record<ProofOfAddressState, string> = {
  not_needed: 'Not needed',
  depends_on_document: 'Depends on the ID document',
  outstanding: 'Outstanding',
  in_review: 'In review',
  accepted: 'Accepted',
};
