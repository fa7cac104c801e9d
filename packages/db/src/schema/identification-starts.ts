import { check, date, index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { isOneOf, timestamptz } from './columns.ts';
import { identifications } from './identifications.ts';
import { persons } from './persons.ts';
import { proofOfAddressSubmissions } from './proof-of-address-submissions.ts';
import { users } from './users.ts';

/**
 * `creating`: written before the POST to Solaris; `created`: Solaris made the identification but
 * the request (PATCH .../request) has not gone through; `requested`: the customer has a link;
 * `failed`: Solaris refused, `error` says why.
 */
export const IDENTIFICATION_START_STATUSES = ['creating', 'created', 'requested', 'failed'] as const;
export type IdentificationStartStatus = (typeof IDENTIFICATION_START_STATUSES)[number];

/**
 * A start still on its way to the customer: Identdesk is asking Solaris for the identification,
 * or Solaris made it and IDnow's link has not been requested yet. While one is, a second start
 * for the same customer would make a second identification at Solaris. `requested` and `failed`
 * are finished: the customer may need yet another start later (a link that ran out again).
 */
export const IDENTIFICATION_START_IN_PROGRESS_STATUSES = ['creating', 'created'] as const satisfies readonly IdentificationStartStatus[];

/** A new identification an agent started for a customer who could not continue the previous one. */
export const identificationStarts = pgTable(
  'identification_starts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: text('person_id')
      .notNull()
      .references(() => persons.id),
    /** The identification the customer could not continue. */
    replacesIdentificationId: text('replaces_identification_id').references(() => identifications.id),
    /** Set once Solaris created it. */
    identificationId: text('identification_id').references(() => identifications.id),
    language: text('language').notNull(),
    proofOfAddressType: text('proof_of_address_type'),
    proofOfAddressIssuedAt: date('proof_of_address_issued_at', { mode: 'string' }),
    proofOfAddressSubmissionId: uuid('proof_of_address_submission_id').references(() => proofOfAddressSubmissions.id),
    /** Why the customer needs a new identification (the agent's words). */
    reason: text('reason').notNull(),
    status: text('status', { enum: IDENTIFICATION_START_STATUSES }).notNull().default('creating'),
    error: text('error'),
    startedBy: uuid('started_by')
      .notNull()
      .references(() => users.id),
    startedAt: timestamptz('started_at').notNull().defaultNow(),
    requestedAt: timestamptz('requested_at'),
  },
  (t) => [
    index('identification_starts_person_id_idx').on(t.personId, t.startedAt),
    index('identification_starts_identification_id_idx').on(t.identificationId),
    // One start on its way per customer: two agents (or one agent's double click) must not both
    // create an identification at Solaris. The eligibility check asks first; this is the guard.
    uniqueIndex('identification_starts_one_in_progress_per_person')
      .on(t.personId)
      .where(isOneOf(t.status, IDENTIFICATION_START_IN_PROGRESS_STATUSES)),
    check('identification_starts_status_known', isOneOf(t.status, IDENTIFICATION_START_STATUSES)),
    check('identification_starts_reason_present', sql`length(trim(${t.reason})) > 0`),
  ],
);

export type IdentificationStartRow = typeof identificationStarts.$inferSelect;
