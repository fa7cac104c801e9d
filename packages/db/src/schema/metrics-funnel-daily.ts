import { date, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';

/**
 * The identification funnel per cohort day (the Europe/Berlin day a person was created), first
 * identification language and branch: how many persons were created that day and how many of
 * them have reached each step so far. Each person counts once, at the furthest step any of
 * their identifications reached. '' stands for "no language yet" / "no branch".
 */
export const metricFunnelDaily = pgTable(
  'metric_funnel_daily',
  {
    day: date('day', { mode: 'string' }).notNull(),
    language: text('language').notNull(),
    branch: text('branch').notNull(),
    persons: integer('persons').notNull(),
    withIdentification: integer('with_identification').notNull(),
    requested: integer('requested').notNull(),
    reachedReviewOrSuccess: integer('reached_review_or_success').notNull(),
    successful: integer('successful').notNull(),
  },
  (t) => [primaryKey({ name: 'metric_funnel_daily_pk', columns: [t.day, t.language, t.branch] })],
);

export type MetricFunnelDailyRow = typeof metricFunnelDaily.$inferSelect;
