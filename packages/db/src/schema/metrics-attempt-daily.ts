import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * IDnow attempts per Europe/Berlin day of the attempt (its `identificationtime`, else when
 * Identdesk first saw it), result and failure code as IDnow sent them ('' when absent), by
 * identification language and person branch. Category, "permanent" and "caused by the
 * customer" come from the domain's failure-code table when read, so they never go stale here.
 */
export const metricAttemptDaily = pgTable(
  'metric_attempt_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    language: text('language').notNull(),
    branch: text('branch').notNull(),
    result: text('result').notNull(),
    reason: text('reason').notNull(),
    attempts: integer('attempts').notNull(),
  },
  (t) => [primaryKey({ name: 'metric_attempt_daily_pk', columns: [t.day, t.language, t.branch, t.result, t.reason] })],
);

export type MetricAttemptDailyRow = typeof metricAttemptDaily.$inferSelect;
