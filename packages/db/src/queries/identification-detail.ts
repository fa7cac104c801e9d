import {
  describeFailureCode,
  IDENTIFICATION_STATUS_MEANINGS,
  identificationGuidance,
  IDNOW_RESULT_MEANINGS,
  idnowDataChangesOf,
  tellCustomerAbout,
  type CausedByUser,
  type FailureCategory,
  type IdentificationGuidance,
  type IdentificationStatus,
} from '@identdesk/domain';
import { asc, desc, eq, sql } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { identificationStatusChanges } from '../schema/identification-status-changes.ts';
import { identifications } from '../schema/identifications.ts';
import { idnowAttempts } from '../schema/idnow-attempts.ts';
import { persons } from '../schema/persons.ts';
import { listDocumentSummaries, type DocumentSummary } from './person-detail.ts';

export interface IdentificationDetailIdentification {
  id: string;
  personId: string;
  personName: string;
  status: IdentificationStatus;
  statusLabel: string;
  statusMeaning: string;
  method: string | null;
  language: string | null;
  createdAt: string;
  requestedAt: string | null;
  completedAt: string | null;
  urlExpiresAt: string | null;
  urlExpired: boolean;
  /** Seconds, as Solaris estimates the wait for an IDnow agent when the identification is requested. */
  estimatedWaitingTime: number | null;
  proofOfAddressType: string | null;
  proofOfAddressIssuedAt: string | null;
  failureReason: string | null;
  providerStatusCode: string | null;
  /** Unmasked: the router masks both before anything leaves the server. */
  reference: string | null;
  url: string | null;
}

export interface IdentificationTimelineEntry {
  fromStatus: IdentificationStatus | null;
  toStatus: IdentificationStatus;
  toStatusLabel: string;
  observedAt: string;
  source: string;
}

export interface DecodedFailure {
  code: string;
  known: boolean;
  category: FailureCategory | null;
  description: string;
  permanent: boolean | null;
  causedByCustomer: CausedByUser;
  /** Within what may be disclosed: for a failed identification, never the reason. */
  tellCustomer: string;
  newAttemptCanSucceed: boolean | null;
  newAttemptReason: string;
}

export interface IdentificationAttempt {
  id: string;
  result: string | null;
  resultLabel: string | null;
  resultMeaning: string | null;
  reason: string | null;
  attemptedAt: string | null;
  failure: DecodedFailure | null;
  /** What the IDnow agent corrected in this call. */
  dataChanges: { field: string; label: string; from: string | null; to: string | null }[];
}

export interface IdentificationDetail {
  identification: IdentificationDetailIdentification;
  guidance: IdentificationGuidance;
  timeline: IdentificationTimelineEntry[];
  attempts: IdentificationAttempt[];
  documents: DocumentSummary[];
}

function decodeFailure(code: string, status: IdentificationStatus): DecodedFailure {
  const described = describeFailureCode(code);
  return {
    code: described.code,
    known: described.known,
    category: described.category,
    description: described.description,
    permanent: described.permanent,
    causedByCustomer: described.causedByUser,
    tellCustomer: tellCustomerAbout(status, code),
    newAttemptCanSucceed: described.newAttemptCanSucceed,
    newAttemptReason: described.newAttemptReason,
  };
}

function resultMeaningOf(result: string | null) {
  return result ? (IDNOW_RESULT_MEANINGS as Record<string, { label: string; description: string } | undefined>)[result] : undefined;
}

const iso = (value: Date | null): string | null => value?.toISOString() ?? null;

/**
 * Everything the identification page shows, or undefined for an unknown id: status in plain
 * words with what the agent may do (`now` decides whether the link has run out), the status
 * timeline oldest first, every IDnow attempt newest first with its failure code decoded and the
 * data the IDnow agent corrected, and the documents.
 */
export async function getIdentificationDetail(
  db: DatabaseExecutor,
  identificationId: string,
  now: Date,
): Promise<IdentificationDetail | undefined> {
  const [row] = await db
    .select({
      id: identifications.id,
      personId: identifications.personId,
      firstName: persons.firstName,
      lastName: persons.lastName,
      status: identifications.status,
      method: identifications.method,
      language: identifications.language,
      createdAt: identifications.createdAt,
      requestedAt: identifications.requestedAt,
      completedAt: identifications.completedAt,
      urlExpiresAt: identifications.urlExpiresAt,
      estimatedWaitingTime: identifications.estimatedWaitingTime,
      proofOfAddressType: identifications.proofOfAddressType,
      proofOfAddressIssuedAt: identifications.proofOfAddressIssuedAt,
      failureReason: identifications.failureReason,
      providerStatusCode: identifications.providerStatusCode,
      latestFailureCode: identifications.latestFailureCode,
      reference: identifications.reference,
      url: identifications.url,
    })
    .from(identifications)
    .innerJoin(persons, eq(persons.id, identifications.personId))
    .where(eq(identifications.id, identificationId))
    .limit(1);
  if (!row) return undefined;

  const timeline = await db
    .select({
      fromStatus: identificationStatusChanges.fromStatus,
      toStatus: identificationStatusChanges.toStatus,
      observedAt: identificationStatusChanges.observedAt,
      source: identificationStatusChanges.source,
    })
    .from(identificationStatusChanges)
    .where(eq(identificationStatusChanges.identificationId, identificationId))
    .orderBy(asc(identificationStatusChanges.observedAt), asc(identificationStatusChanges.id));

  const attempts = await db
    .select({
      id: idnowAttempts.id,
      result: idnowAttempts.result,
      reason: idnowAttempts.reason,
      payload: idnowAttempts.payload,
      attemptedAt: idnowAttempts.attemptedAt,
    })
    .from(idnowAttempts)
    .where(eq(idnowAttempts.identificationId, identificationId))
    .orderBy(sql`${idnowAttempts.attemptedAt} desc nulls last`, desc(idnowAttempts.firstSeenAt), desc(idnowAttempts.id));

  const meaning = IDENTIFICATION_STATUS_MEANINGS[row.status];
  const urlExpired = row.urlExpiresAt !== null && row.urlExpiresAt <= now;
  const latestFailureCode = row.latestFailureCode ?? attempts.find((attempt) => attempt.reason)?.reason ?? null;

  return {
    identification: {
      id: row.id,
      personId: row.personId,
      personName: [row.firstName, row.lastName].filter(Boolean).join(' '),
      status: row.status,
      statusLabel: meaning.label,
      statusMeaning: meaning.description,
      method: row.method,
      language: row.language,
      createdAt: row.createdAt.toISOString(),
      requestedAt: iso(row.requestedAt),
      completedAt: iso(row.completedAt),
      urlExpiresAt: iso(row.urlExpiresAt),
      urlExpired,
      estimatedWaitingTime: row.estimatedWaitingTime,
      proofOfAddressType: row.proofOfAddressType,
      proofOfAddressIssuedAt: row.proofOfAddressIssuedAt,
      failureReason: row.failureReason,
      providerStatusCode: row.providerStatusCode,
      reference: row.reference,
      url: row.url,
    },
    guidance: identificationGuidance({ status: row.status, urlExpired, latestFailureCode }),
    timeline: timeline.map((entry) => ({
      ...entry,
      toStatusLabel: IDENTIFICATION_STATUS_MEANINGS[entry.toStatus].label,
      observedAt: entry.observedAt.toISOString(),
    })),
    attempts: attempts.map((attempt) => {
      const resultMeaning = resultMeaningOf(attempt.result);
      return {
        id: attempt.id,
        result: attempt.result,
        resultLabel: resultMeaning?.label ?? attempt.result,
        resultMeaning: resultMeaning?.description ?? null,
        reason: attempt.reason,
        attemptedAt: iso(attempt.attemptedAt),
        failure: attempt.reason ? decodeFailure(attempt.reason, row.status) : null,
        dataChanges: idnowDataChangesOf(attempt.payload).map(({ field, label, from, to }) => ({ field, label, from, to })),
      };
    }),
    documents: await listDocumentSummaries(db, { identificationId }),
  };
}
