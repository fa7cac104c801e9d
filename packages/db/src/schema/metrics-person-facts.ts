import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { timestamptz } from './columns.ts';

/**
 * One row per person: where the customer stands in the identification funnel and whether they
 * came back after an interrupted attempt. Derived data, recomputed from persons, identifications,
 * status history and IDnow attempts whenever one of them changes (queries/metrics-rollups.ts);
 * the daily funnel and retry rollups are sums over these rows, and the funnel drill-down pages
 * through them. No foreign keys: `pnpm metrics:rebuild` rewrites the table wholesale.
 */
export const metricPersonFacts = pgTable(
  'metric_person_facts',
  {
    personId: text('person_id').primaryKey(),
    /** When the customer was created at Solaris (first observation when Solaris' time is unknown). */
    cohortAt: timestamptz('cohort_at').notNull(),
    /** The Europe/Berlin calendar day of `cohort_at`: the funnel cohort. */
    cohortDay: date('cohort_day', { mode: 'string' }).notNull(),
    /** Language of the person's first identification; '' before they have one. */
    language: text('language').notNull(),
    /** The person's branch when Identdesk first saw them (person_versions version 1); '' when none. */
    branch: text('branch').notNull(),
    /** 1 created, 2 identification created, 3 requested, 4 reached pending_successful or successful, 5 successful. */
    funnelStep: smallint('funnel_step').notNull(),
    /** The identification that got furthest (earliest created on a tie); null at step 1. */
    funnelIdentificationId: text('funnel_identification_id'),
    /** First aborted or canceled attempt or status of any of the person's identifications. */
    interruptedAt: timestamptz('interrupted_at'),
    interruptedDay: date('interrupted_day', { mode: 'string' }),
    /** A success (attempt or status) came after `interrupted_at`. */
    recovered: boolean('recovered').notNull(),
  },
  (t) => [
    index('metric_person_facts_cohort_day_idx').on(t.cohortDay, t.personId),
    // The funnel drill-down of a step few persons stopped at (newest first) reads only those.
    index('metric_person_facts_step_cohort_day_idx').on(t.funnelStep, t.cohortDay, t.personId),
    check('metric_person_facts_funnel_step_range', sql`${t.funnelStep} between 1 and 5`),
  ],
);

export type MetricPersonFactRow = typeof metricPersonFacts.$inferSelect;
