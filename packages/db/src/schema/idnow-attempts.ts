import { index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';
import { identifications } from './identifications.ts';

/** One IDnow attempt of an identification, as listed by Solaris' idnow_attempts endpoint. */
export const idnowAttempts = pgTable(
  'idnow_attempts',
  {
    id: text('id').primaryKey(),
    identificationId: text('identification_id')
      .notNull()
      .references(() => identifications.id),
    /** The IDnow result: SUCCESS, ABORTED, CANCELED, FRAUD_SUSPICION_PENDING, ... */
    result: text('result'),
    /** The IDnow failure code, null on success. */
    reason: text('reason'),
    /** The raw IDnow webhook JSON of the attempt. */
    payload: jsonb('payload').$type<unknown>(),
    /** `identificationprocess.identificationtime` of the payload. */
    attemptedAt: timestamptz('attempted_at'),
    firstSeenAt: timestamptz('first_seen_at').notNull(),
  },
  (t) => [
    index('idnow_attempts_reason_idx').on(t.reason),
    index('idnow_attempts_result_idx').on(t.result),
    index('idnow_attempts_attempted_at_idx').on(t.attemptedAt),
    index('idnow_attempts_identification_id_idx').on(t.identificationId),
  ],
);

export type IdnowAttemptRow = typeof idnowAttempts.$inferSelect;
