import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { identificationStatus } from './enums.ts';

/**
 * How many identifications entered each status per Europe/Berlin day (one count per row of
 * identification_status_changes), by identification language and person branch.
 */
export const metricStatusDaily = pgTable(
  'metric_status_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    language: text('language').notNull(),
    branch: text('branch').notNull(),
    status: identificationStatus('status').notNull(),
    entered: integer('entered').notNull(),
  },
  (t) => [primaryKey({ name: 'metric_status_daily_pk', columns: [t.day, t.language, t.branch, t.status] })],
);

export type MetricStatusDailyRow = typeof metricStatusDaily.$inferSelect;
