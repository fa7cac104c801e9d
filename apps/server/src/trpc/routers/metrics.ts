import {
  BACKLOG_AGE_BUCKET_KEYS,
  BACKLOG_STATUSES,
  FUNNEL_STEP_KEYS,
  getMetricsBacklog,
  getMetricsDrillDown,
  getMetricsFailureReasons,
  getMetricsFunnel,
  getMetricsOutcomes,
  getMetricsRetryRecovery,
  getMetricsTeamWork,
  getMetricsTimeToIdentify,
  listMetricsBranches,
  type MetricsDrillDownItem,
} from '@identdesk/db';
import { IDENTIFICATION_LANGUAGES, IDENTIFICATION_STATUSES, isValidCalendarDate, MAX_PAGE_SIZE } from '@identdesk/domain';
import { z } from 'zod';
import { roleProcedure, router } from '../init.ts';

/**
 * Team leads chart the identification flow; admins, who run the system, see the same. Both see
 * aggregates and identification ids only, never a customer's name or data, so nothing here is a
 * view of personal data for the audit trail.
 */
const metricsProcedure = roleProcedure('team_lead', 'admin');

export const MAX_METRICS_RANGE_DAYS = 400;

/** Video identification at Solaris is younger than this; the bounds keep date arithmetic in range. */
const EARLIEST_DAY = '2000-01-01';
const LATEST_DAY = '2099-12-31';

const calendarDay = (field: string) =>
  z
    .string({ error: `${field} must be given as a date written YYYY-MM-DD` })
    .refine(isValidCalendarDate, { error: `${field} must be a calendar date that exists, written YYYY-MM-DD` })
    .refine((day) => day >= EARLIEST_DAY && day <= LATEST_DAY, {
      error: `${field} must be between ${EARLIEST_DAY} and ${LATEST_DAY}`,
    });

const filterShape = {
  language: z.enum(IDENTIFICATION_LANGUAGES, { error: 'language must be DE or EN' }).optional(),
  branch: z
    .string({ error: 'branch must be text' })
    .trim()
    .min(1, { error: 'branch must not be empty (leave it out for every branch)' })
    .max(100, { error: 'branch must be at most 100 characters' })
    .optional(),
};

const rangeShape = { from: calendarDay('from'), to: calendarDay('to'), ...filterShape };

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** from ≤ to, and at most 400 days: the figures come from daily rollups, a year and a bit of them. */
function checkRange(range: { from: string; to: string }, ctx: z.RefinementCtx): void {
  if (range.to < range.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `to (${range.to}) must be on or after from (${range.from})` });
    return;
  }
  const days = daysBetween(range.from, range.to);
  if (days > MAX_METRICS_RANGE_DAYS) {
    ctx.addIssue({
      code: 'custom',
      path: ['to'],
      message: `the range from ${range.from} to ${range.to} spans ${days} days; choose at most ${MAX_METRICS_RANGE_DAYS}`,
    });
  }
}

const granularity = z
  .enum(['day', 'week', 'month'], { error: 'granularity must be day, week or month' })
  .default('day');

export const metricsRangeInputSchema = z.strictObject(rangeShape).superRefine(checkRange);
export const metricsSeriesInputSchema = z.strictObject({ ...rangeShape, granularity }).superRefine(checkRange);
export const metricsBacklogInputSchema = z.strictObject(filterShape).default({});

export const metricsDrillDownTargetSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('funnel'),
      step: z.enum(FUNNEL_STEP_KEYS, { error: `step must be one of ${FUNNEL_STEP_KEYS.join(', ')}` }),
      stoppedHere: z.boolean({ error: 'stoppedHere must be true or false' }).default(false),
    }),
    z.strictObject({
      kind: z.literal('outcome'),
      status: z.enum(IDENTIFICATION_STATUSES, { error: `status must be one of ${IDENTIFICATION_STATUSES.join(', ')}` }),
    }),
    z.strictObject({
      kind: z.literal('failureReason'),
      code: z
        .string({ error: 'code is required: the failure code of the bar' })
        .trim()
        .min(1, { error: 'code must not be empty' })
        .max(100, { error: 'code must be at most 100 characters' }),
    }),
    z.strictObject({
      kind: z.literal('backlog'),
      status: z.enum(BACKLOG_STATUSES, { error: `status must be one of ${BACKLOG_STATUSES.join(', ')}` }).optional(),
      bucket: z.enum(BACKLOG_AGE_BUCKET_KEYS, { error: `bucket must be one of ${BACKLOG_AGE_BUCKET_KEYS.join(', ')}` }).optional(),
    }),
  ],
  { error: 'target.kind must be funnel, outcome, failureReason or backlog' },
);

export const metricsDrillDownInputSchema = z
  .strictObject({
    ...rangeShape,
    target: metricsDrillDownTargetSchema,
    page: z.number({ error: 'page must be a number' }).int().min(1, { error: 'page must be 1 or more' }).max(100_000).default(1),
    pageSize: z
      .number({ error: 'pageSize must be a number' })
      .int()
      .min(1, { error: 'pageSize must be at least 1' })
      .max(MAX_PAGE_SIZE, { error: `pageSize must be at most ${MAX_PAGE_SIZE}` })
      .default(25),
  })
  .superRefine(checkRange);

/** Plain JSON over HTTP (decision 0002): instants travel as ISO strings. */
function toDrillDownItem(item: MetricsDrillDownItem) {
  return {
    identificationId: item.identificationId,
    status: item.status,
    createdAt: item.createdAt?.toISOString() ?? null,
    language: item.language,
    latestFailureCode: item.latestFailureCode,
    at: item.at.toISOString(),
  };
}

export const metricsRouter = router({
  /** Persons created → identification created → requested → pending_successful/successful → successful, per cohort. */
  funnel: metricsProcedure.input(metricsSeriesInputSchema).query(({ ctx, input }) => getMetricsFunnel(ctx.db, input)),

  /** Entries into each status per period. */
  outcomes: metricsProcedure.input(metricsSeriesInputSchema).query(({ ctx, input }) => getMetricsOutcomes(ctx.db, input)),

  /** Failed attempts per code and category, customer-caused and permanent shares, changes against the period before. */
  failureReasons: metricsProcedure.input(metricsRangeInputSchema).query(({ ctx, input }) => getMetricsFailureReasons(ctx.db, input)),

  /** Request to first success: median and p90 overall and per period, and the histogram. */
  timeToIdentify: metricsProcedure
    .input(metricsSeriesInputSchema)
    .query(({ ctx, input }) => getMetricsTimeToIdentify(ctx.db, input)),

  /** What waits in IDnow's review now, by age; on the same clock as the stored times (the sandbox's in sandbox mode). */
  backlog: metricsProcedure.input(metricsBacklogInputSchema).query(async ({ ctx, input }) => {
    const backlog = await getMetricsBacklog(ctx.db, { ...input, now: ctx.now() });
    return { ...backlog, asOf: backlog.asOf.toISOString(), oldestStartedAt: backlog.oldestStartedAt?.toISOString() ?? null };
  }),

  /** Customers who succeeded after an aborted or canceled attempt, by the day of their first one. */
  retryRecovery: metricsProcedure
    .input(metricsSeriesInputSchema)
    .query(({ ctx, input }) => getMetricsRetryRecovery(ctx.db, input)),

  /** Proof-of-address submissions recorded and decided, per staff member and period. */
  teamWork: metricsProcedure.input(metricsSeriesInputSchema).query(({ ctx, input }) => getMetricsTeamWork(ctx.db, input)),

  /** The identifications behind a bar or funnel step, paged; ids, statuses and times, no personal data. */
  drillDown: metricsProcedure.input(metricsDrillDownInputSchema).query(async ({ ctx, input }) => {
    const { target, page, pageSize, ...filter } = input;
    const result = await getMetricsDrillDown(ctx.db, { ...filter, target, page, pageSize, now: ctx.now() });
    return { ...result, items: result.items.map(toDrillDownItem) };
  }),

  /** Branches that occur in the metrics, for the branch filter. */
  branches: metricsProcedure.query(({ ctx }) => listMetricsBranches(ctx.db)),
});
