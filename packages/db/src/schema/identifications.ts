import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';
import { identificationStatus } from './enums.ts';
import { persons } from './persons.ts';

export { identificationStatus } from './enums.ts';

/**
 * A Solaris identification (method idnow), every field of the identification resource
 * (`address` flattened), plus the columns Identdesk maintains.
 */
export const identifications = pgTable(
  'identifications',
  {
    id: text('id').primaryKey(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    reference: text('reference'),
    url: text('url'),
    status: identificationStatus('status').notNull(),
    completedAt: timestamptz('completed_at'),
    method: text('method'),
    proofOfAddressType: text('proof_of_address_type'),
    proofOfAddressIssuedAt: date('proof_of_address_issued_at', { mode: 'string' }),
    language: text('language'),
    iban: text('iban'),
    termsAndConditionsSignedAt: timestamptz('terms_and_conditions_signed_at'),
    authorizationExpiresAt: timestamptz('authorization_expires_at'),
    confirmationExpiresAt: timestamptz('confirmation_expires_at'),
    estimatedWaitingTime: integer('estimated_waiting_time'),
    failureReason: text('failure_reason'),
    providerStatusCode: text('provider_status_code'),
    addressLine1: text('address_line_1'),
    addressLine2: text('address_line_2'),
    addressPostalCode: text('address_postal_code'),
    addressCity: text('address_city'),
    addressCountry: text('address_country'),
    addressState: text('address_state'),

    /** When the identification was requested from IDnow (status became pending). */
    requestedAt: timestamptz('requested_at'),
    /** The IDnow URL is valid 14 days after the request. */
    urlExpiresAt: timestamptz('url_expires_at'),
    /** Solaris' creation time when known, else the first observation. */
    createdAt: timestamptz('created_at').notNull(),
    firstSeenAt: timestamptz('first_seen_at').notNull(),
    lastSyncedAt: timestamptz('last_synced_at').notNull(),
    latestAttemptResult: text('latest_attempt_result'),
    latestFailureCode: text('latest_failure_code'),
    /** First time the identification reached pending_successful: a later failed/canceled is a reversed success. */
    pendingSuccessfulAt: timestamptz('pending_successful_at'),
    /** When it entered its current review status (pending_successful or pending_failed); null otherwise. */
    reviewStartedAt: timestamptz('review_started_at'),
    /**
     * When the latest complete re-fetch (identification, documents and every IDnow attempt) began.
     * A webhook delivery that arrived before it asks for nothing that re-fetch did not already see.
     */
    refetchedAt: timestamptz('refetched_at'),
  },
  (t) => [
    index('identifications_person_id_idx').on(t.personId),
    index('identifications_status_created_at_idx').on(t.status, t.createdAt),
    index('identifications_created_at_idx').on(t.createdAt),
    index('identifications_review_started_at_idx').on(t.reviewStartedAt).where(sql`${t.reviewStartedAt} is not null`),
    index('identifications_reversed_success_idx')
      .on(t.pendingSuccessfulAt)
      .where(sql`${t.pendingSuccessfulAt} is not null and ${t.status} in ('failed', 'canceled')`),
  ],
);

export type IdentificationRow = typeof identifications.$inferSelect;
export type NewIdentificationRow = typeof identifications.$inferInsert;
