import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

/**
 * What a change to a customer's identifications left for the metric rollups to count. A webhook
 * re-fetch, a reconciliation or a start only marks the person (and the identification it
 * changed) here, in its own transaction; settling (queries/metrics-rollups.ts) counts the marks
 * of many persons at once, moments later or before any metrics read. Keeping the counting out of
 * the writer's transaction is what lets a burst of webhooks be stored at the rate Solaris sends it.
 *
 * `counted` is what the identification added to the rollups when it was first marked: the
 * contributions counted then (until it is settled, later changes keep the first mark), so
 * settling moves the rollups from exactly what they hold to what the identification adds now.
 * A mark with identification_id '' asks only for the person's facts (a new person, no
 * identification yet).
 */
export const metricPendingChanges = pgTable(
  'metric_pending_changes',
  {
    personId: text('person_id').notNull(),
    identificationId: text('identification_id').notNull(),
    counted: jsonb('counted').$type<{ kind: string; key: string[]; count: number }[]>().notNull(),
    markedAt: timestamptz('marked_at').notNull().default(sql`now()`),
  },
  (t) => [
    primaryKey({ columns: [t.personId, t.identificationId] }),
    // Settling takes the oldest marks first.
    index('metric_pending_changes_marked_at_idx').on(t.markedAt),
  ],
);
