import { bigint, index, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';
import { identificationStatus, identifications } from './identifications.ts';

/**
 * The status history of an identification. A repeated delivery of the same state adds nothing:
 * the query layer only inserts a row when the status differs from the one in effect at
 * `observed_at`, and the unique key catches concurrent duplicates.
 */
export const identificationStatusChanges = pgTable(
  'identification_status_changes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    identificationId: text('identification_id')
      .notNull()
      .references(() => identifications.id),
    fromStatus: identificationStatus('from_status'),
    toStatus: identificationStatus('to_status').notNull(),
    observedAt: timestamptz('observed_at').notNull(),
    source: text('source').notNull(),
    recordedAt: timestamptz('recorded_at').notNull().defaultNow(),
  },
  (t) => [
    unique('identification_status_changes_dedup_unique').on(t.identificationId, t.toStatus, t.observedAt),
    index('identification_status_changes_identification_observed_idx').on(t.identificationId, t.observedAt),
    index('identification_status_changes_to_status_observed_idx').on(t.toStatus, t.observedAt),
  ],
);

export type IdentificationStatusChangeRow = typeof identificationStatusChanges.$inferSelect;
