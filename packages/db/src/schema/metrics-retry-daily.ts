import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * Retry recovery per Europe/Berlin day of a person's first aborted or canceled attempt, by the
 * language of their first identification and their branch: how many persons were interrupted
 * that day, and how many of them have succeeded since.
 */
export const metricRetryDaily = pgTable(
  'metric_retry_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    language: text('language').notNull(),
    branch: text('branch').notNull(),
    interrupted: integer('interrupted').notNull(),
    recovered: integer('recovered').notNull(),
  },
  (t) => [primaryKey({ name: 'metric_retry_daily_pk', columns: [t.day, t.language, t.branch] })],
);

export type MetricRetryDailyRow = typeof metricRetryDaily.$inferSelect;
