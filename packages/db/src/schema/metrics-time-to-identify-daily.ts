import { date, integer, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core';

/**
 * A histogram of the time from request to first success (pending_successful or successful) per
 * Europe/Berlin day of that success, by identification language and person branch. Buckets are
 * fixed and log-spaced (queries/metrics-buckets.ts), so any range of days adds up exactly and
 * median and p90 are interpolated within one bucket.
 */
export const metricTimeToIdentifyDaily = pgTable(
  'metric_time_to_identify_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    language: text('language').notNull(),
    branch: text('branch').notNull(),
    bucket: smallint('bucket').notNull(),
    identifications: integer('identifications').notNull(),
  },
  (t) => [
    primaryKey({ name: 'metric_time_to_identify_daily_pk', columns: [t.day, t.language, t.branch, t.bucket] }),
  ],
);

export type MetricTimeToIdentifyDailyRow = typeof metricTimeToIdentifyDaily.$inferSelect;
