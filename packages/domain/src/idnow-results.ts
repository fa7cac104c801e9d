import { z } from 'zod';
import type { IdentificationStatus } from './identification-status.ts';

/** The result IDnow reports for one attempt (solaris-api-notes.md, "IDnow attempts"). */
export const IDNOW_RESULTS = [
  'SUCCESS',
  'SUCCESS_DATA_CHANGED',
  'FRAUD_SUSPICION_CONFIRMED',
  'REVIEW_PENDING',
  'FRAUD_SUSPICION_PENDING',
  'ABORTED',
  'CANCELED',
] as const;

export const idnowResultSchema = z.enum(IDNOW_RESULTS);
export type IdnowResult = z.infer<typeof idnowResultSchema>;

export interface IdnowResultMeaning {
  result: IdnowResult;
  label: string;
  description: string;
  /**
   * `preliminary` results are followed by a final one after IDnow's review; a `final` result
   * is the last word on that attempt. ABORTED and CANCELED end the attempt (final), yet the
   * identification stays open: the customer may retry with the same URL.
   */
  stage: 'final' | 'preliminary';
  /** The Solaris identification status this result maps to. */
  identificationStatus: IdentificationStatus;
  fraudSuspicion: boolean;
  /** The IDnow agent corrected customer data (fields with status CHANGE). */
  dataChanged: boolean;
  /** IDnow gives a failure code (`reason`) with this result. */
  reasonGiven: boolean;
}

export const IDNOW_RESULT_MEANINGS: Record<IdnowResult, IdnowResultMeaning> = {
  SUCCESS: {
    result: 'SUCCESS',
    label: 'Success',
    description: 'The customer was identified and no data had to be changed.',
    stage: 'final',
    identificationStatus: 'successful',
    fraudSuspicion: false,
    dataChanged: false,
    reasonGiven: false,
  },
  SUCCESS_DATA_CHANGED: {
    result: 'SUCCESS_DATA_CHANGED',
    label: 'Success, data changed',
    description: 'The customer was identified; the IDnow agent corrected some of the customer data.',
    stage: 'final',
    identificationStatus: 'successful',
    fraudSuspicion: false,
    dataChanged: true,
    reasonGiven: false,
  },
  FRAUD_SUSPICION_CONFIRMED: {
    result: 'FRAUD_SUSPICION_CONFIRMED',
    label: 'Fraud suspicion confirmed',
    description: 'The review confirmed a fraud suspicion. Never disclose this to the customer.',
    stage: 'final',
    identificationStatus: 'failed',
    fraudSuspicion: true,
    dataChanged: false,
    reasonGiven: false,
  },
  REVIEW_PENDING: {
    result: 'REVIEW_PENDING',
    label: 'Review pending',
    description: 'The call succeeded and awaits IDnow review; treat it as a success in real time.',
    stage: 'preliminary',
    identificationStatus: 'pending_successful',
    fraudSuspicion: false,
    dataChanged: false,
    reasonGiven: false,
  },
  FRAUD_SUSPICION_PENDING: {
    result: 'FRAUD_SUSPICION_PENDING',
    label: 'Fraud suspicion, in review',
    description: 'The agent reported a fraud suspicion that IDnow reviews. Never disclose this to the customer.',
    stage: 'preliminary',
    identificationStatus: 'pending_failed',
    fraudSuspicion: true,
    dataChanged: false,
    reasonGiven: false,
  },
  ABORTED: {
    result: 'ABORTED',
    label: 'Aborted',
    description: 'The IDnow agent aborted the call; a failure code says why. The customer may retry.',
    stage: 'final',
    identificationStatus: 'aborted',
    fraudSuspicion: false,
    dataChanged: false,
    reasonGiven: true,
  },
  CANCELED: {
    result: 'CANCELED',
    label: 'Canceled in review',
    description:
      'IDnow canceled the identification in review after a preliminary result (about 0.1 % of identifications); a failure code says why.',
    stage: 'final',
    identificationStatus: 'canceled',
    fraudSuspicion: false,
    dataChanged: false,
    reasonGiven: true,
  },
};

export function identificationStatusForIdnowResult(result: IdnowResult): IdentificationStatus {
  return IDNOW_RESULT_MEANINGS[result].identificationStatus;
}

/** Status of one user-data field in an IDnow payload; CHANGE marks data the agent corrected. */
export const IDNOW_FIELD_STATUSES = ['MATCH', 'CHANGE', 'NEW', 'REDACTION'] as const;
export const idnowFieldStatusSchema = z.enum(IDNOW_FIELD_STATUSES);
export type IdnowFieldStatus = z.infer<typeof idnowFieldStatusSchema>;

export const IDNOW_FIELD_STATUS_MEANINGS: Record<IdnowFieldStatus, string> = {
  MATCH: 'The value matched the application data.',
  CHANGE: 'The IDnow agent corrected the value.',
  NEW: 'The IDnow agent added a value that the application did not have.',
  REDACTION: 'The value was redacted.',
};

export const IDNOW_IDENTIFICATION_TYPES = ['WEB', 'APP'] as const;
export const idnowIdentificationTypeSchema = z.enum(IDNOW_IDENTIFICATION_TYPES);
export type IdnowIdentificationType = z.infer<typeof idnowIdentificationTypeSchema>;

/** One user-data field of an IDnow payload, e.g. `userdata.firstname`. */
export const idnowUserDataFieldSchema = z.looseObject({
  status: idnowFieldStatusSchema,
  value: z.unknown().optional(),
  original: z.unknown().optional(),
});
export type IdnowUserDataField = z.infer<typeof idnowUserDataFieldSchema>;

/**
 * The raw IDnow webhook JSON stored per attempt. Only what the console reads is typed;
 * the rest is kept (loose objects), since the payload is evidence and must not lose fields.
 */
export const idnowPayloadSchema = z.looseObject({
  identificationprocess: z.looseObject({
    result: idnowResultSchema,
    reason: z.string().nullish(),
    agentname: z.string().nullish(),
    /** ISO 8601; kept as text, since a payload must never be refused over a time format. */
    identificationtime: z.string().nullish(),
    id: z.string().nullish(),
    type: idnowIdentificationTypeSchema.nullish(),
    transactionnumber: z.string().nullish(),
    companyid: z.string().nullish(),
  }),
  userdata: z.record(z.string(), z.unknown()).optional(),
});
export type IdnowPayload = z.infer<typeof idnowPayloadSchema>;

/** One element of `GET .../identifications/{id}/idnow_attempts`. */
export const idnowAttemptSchema = z.object({
  id: z.string().min(1),
  result: idnowResultSchema,
  /** The failure code, or null (see describeFailureCode). */
  reason: z.string().nullable(),
  payload: z.unknown(),
});
export type IdnowAttempt = z.infer<typeof idnowAttemptSchema>;
