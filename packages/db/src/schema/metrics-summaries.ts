import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, primaryKey, smallint, text, uuid, type PgColumn } from 'drizzle-orm/pg-core';
import { identificationStatus } from './enums.ts';

/*
 * The daily rollups summed once more, so that a chart over a year reads a few thousand rows
 * however many languages, branches and failure codes there are:
 *
 * - grain 'day' holds one row per Europe/Berlin day, grain 'week' one per week (`day` is its
 *   Monday) and grain 'month' one per month (`day` is the first), so whole weeks and months of a
 *   range are read as one row each;
 * - scope says which filters the row answers: 0 one language and one branch (the daily rollup's
 *   own rows), 1 every language of one branch, 2 one language over every branch, 3 everything.
 *   The column summed over holds ''.
 *
 * Kept current with the daily rollups (queries/metrics-rollups.ts) and rebuilt with them.
 */

export const METRIC_SUMMARY_GRAINS = ['day', 'week', 'month'] as const;

function summaryColumns() {
  return {
    grain: text('grain', { enum: METRIC_SUMMARY_GRAINS }).notNull(),
    scope: smallint('scope').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    language: text('language').notNull(),
    branch: text('branch').notNull(),
  };
}

type SummaryKeyColumns = { grain: PgColumn; scope: PgColumn; day: PgColumn; language: PgColumn; branch: PgColumn };

/** The primary key leads with what every read fixes (grain, scope, language, branch), then the day range. */
function summaryKey(name: string, t: SummaryKeyColumns, rest: PgColumn[]) {
  return [
    primaryKey({ name: `${name}_pk`, columns: [t.grain, t.scope, t.language, t.branch, t.day, ...rest] }),
    check(`${name}_grain_known`, sql`${t.grain} in ('day', 'week', 'month')`),
    check(`${name}_scope_range`, sql`${t.scope} between 0 and 3`),
  ];
}

export const metricStatusSummary = pgTable(
  'metric_status_summary',
  { ...summaryColumns(), status: identificationStatus('status').notNull(), entered: integer('entered').notNull() },
  (t) => summaryKey('metric_status_summary', t, [t.status]),
);

export const metricAttemptSummary = pgTable(
  'metric_attempt_summary',
  {
    ...summaryColumns(),
    result: text('result').notNull(),
    reason: text('reason').notNull(),
    attempts: integer('attempts').notNull(),
  },
  (t) => summaryKey('metric_attempt_summary', t, [t.result, t.reason]),
);

export const metricTimeToIdentifySummary = pgTable(
  'metric_time_to_identify_summary',
  { ...summaryColumns(), bucket: smallint('bucket').notNull(), identifications: integer('identifications').notNull() },
  (t) => summaryKey('metric_time_to_identify_summary', t, [t.bucket]),
);

export const metricFunnelSummary = pgTable(
  'metric_funnel_summary',
  {
    ...summaryColumns(),
    persons: integer('persons').notNull(),
    withIdentification: integer('with_identification').notNull(),
    requested: integer('requested').notNull(),
    reachedReviewOrSuccess: integer('reached_review_or_success').notNull(),
    successful: integer('successful').notNull(),
  },
  (t) => summaryKey('metric_funnel_summary', t, []),
);

export const metricRetrySummary = pgTable(
  'metric_retry_summary',
  { ...summaryColumns(), interrupted: integer('interrupted').notNull(), recovered: integer('recovered').notNull() },
  (t) => summaryKey('metric_retry_summary', t, []),
);

/**
 * Proof-of-address work per staff member: submissions recorded (on the day of recording) and
 * decided, by decision (on the day of the decision), by the language of the identification
 * and the person's branch. A trigger on proof_of_address_submissions keeps it current
 * (migration 0005), whatever code path records or decides a submission.
 */
export const metricTeamWorkSummary = pgTable(
  'metric_team_work_summary',
  {
    ...summaryColumns(),
    userId: uuid('user_id').notNull(),
    recorded: integer('recorded').notNull(),
    decided: integer('decided').notNull(),
    approved: integer('approved').notNull(),
    rejected: integer('rejected').notNull(),
    resubmissionRequested: integer('resubmission_requested').notNull(),
  },
  (t) => summaryKey('metric_team_work_summary', t, [t.userId]),
);
