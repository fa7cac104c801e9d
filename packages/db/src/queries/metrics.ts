import {
  addDays,
  describeFailureCode,
  FAILURE_CATEGORY_LABELS,
  FUNNEL_STEP_KEYS,
  funnelSteps,
  IDENTIFICATION_STATUSES,
  type CalendarDate,
  type CausedByUser,
  type FailureCategory,
  type FunnelStep,
  type FunnelStepKey,
  type IdentificationStatus,
  type Role,
} from '@identdesk/domain';
import { sql, type SQL } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { histogramQuantile, timeToIdentifyBucketRange } from './metrics-buckets.ts';
import { berlinDayStartSql, settleMetricRollups } from './metrics-rollups.ts';

/*
 * Team-lead metrics, read from the summaries of the rollups of metrics-rollups.ts (by day, week
 * and month, per filter scope): a request reads a row per whole month or week of the range and
 * per day at its edges, whatever the languages, branches and failure codes, however much history
 * there is. The review backlog is read live, because its set stays small and indexed
 * (identifications in review, partial index on review_started_at). Days are Europe/Berlin
 * calendar days, Solaris' day. Every read first settles the changes still waiting to be counted
 * (`settleMetricRollups`): a chart includes everything committed before the request.
 */

export type MetricsGranularity = 'day' | 'week' | 'month';

export interface MetricsFilter {
  /** First and last Europe/Berlin day, inclusive. */
  from: CalendarDate;
  to: CalendarDate;
  /** Language of the identification (for the funnel and retry: of the person's first one). */
  language?: string;
  /** The person's branch as first observed. */
  branch?: string;
}

export interface MetricsPeriod {
  /** Where the day, week (Monday) or month begins; the period's key. */
  period: CalendarDate;
  /** The part of the period inside the requested range. */
  from: CalendarDate;
  to: CalendarDate;
}

function dayOfWeekFromMonday(day: CalendarDate): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function periodStart(day: CalendarDate, granularity: MetricsGranularity): CalendarDate {
  if (granularity === 'week') return addDays(day, -dayOfWeekFromMonday(day));
  if (granularity === 'month') return `${day.slice(0, 8)}01`;
  return day;
}

function periodEnd(start: CalendarDate, granularity: MetricsGranularity): CalendarDate {
  if (granularity === 'week') return addDays(start, 6);
  if (granularity === 'month') {
    const [year = 0, month = 1] = start.split('-').map(Number);
    return addDays(`${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}-01`, -1);
  }
  return start;
}

/** Every period of the range, clipped to it, oldest first (empty periods included, for charts). */
export function periodsOf(from: CalendarDate, to: CalendarDate, granularity: MetricsGranularity): MetricsPeriod[] {
  const periods: MetricsPeriod[] = [];
  for (let start = periodStart(from, granularity); start <= to; start = addDays(periodEnd(start, granularity), 1)) {
    const end = periodEnd(start, granularity);
    periods.push({ period: start, from: start < from ? from : start, to: end > to ? to : end });
  }
  return periods;
}

/** SQL of the period key of a `date` expression, matching `periodStart`. */
function periodSql(day: SQL, granularity: MetricsGranularity): SQL {
  return sql`date_trunc(${granularity}, (${day})::timestamp)::date::text`;
}

interface DayRange {
  from: CalendarDate;
  to: CalendarDate;
}

type SummaryGrain = 'week' | 'month';

/** The whole weeks or months inside a range (their first days), and the days before and after them. */
export function splitIntoPeriods(range: DayRange, grain: SummaryGrain): { days: DayRange[]; periods: DayRange | null } {
  const fromStart = periodStart(range.from, grain);
  const firstWhole = fromStart === range.from ? range.from : addDays(periodEnd(fromStart, grain), 1);
  const toStart = periodStart(range.to, grain);
  const lastWholeEnd = periodEnd(toStart, grain) === range.to ? range.to : addDays(toStart, -1);
  if (firstWhole > lastWholeEnd) return { days: [range], periods: null };
  const days: DayRange[] = [];
  if (range.from < firstWhole) days.push({ from: range.from, to: addDays(firstWhole, -1) });
  if (lastWholeEnd < range.to) days.push({ from: addDays(lastWholeEnd, 1), to: range.to });
  return { days, periods: { from: firstWhole, to: periodStart(lastWholeEnd, grain) } };
}

/** Conditions on `grain` and `day` covering a range with the coarsest rows first (months, then weeks, then days). */
function grainConditions(range: DayRange, grains: readonly SummaryGrain[]): SQL[] {
  const [coarsest, ...finer] = grains;
  if (!coarsest) return [sql`(grain = 'day' and day between ${range.from}::date and ${range.to}::date)`];
  const split = splitIntoPeriods(range, coarsest);
  const conditions = split.days.flatMap((days) => grainConditions(days, finer));
  if (split.periods) {
    conditions.push(sql`(grain = ${coarsest} and day between ${split.periods.from}::date and ${split.periods.to}::date)`);
  }
  return conditions;
}

/**
 * Conditions on a summary table (schema/metrics-summaries.ts): the scope that answers the
 * filters given, and the range as whole months and weeks (one row each, where `grains` allows:
 * never finer periods than the chart's) and the days around them.
 */
function summaryWhere(filter: Pick<MetricsFilter, 'language' | 'branch'>, range: DayRange, grains: readonly SummaryGrain[]): SQL {
  const scope = (filter.language === undefined ? 1 : 0) + (filter.branch === undefined ? 2 : 0);
  return sql`scope = ${scope} and language = ${filter.language ?? ''} and branch = ${filter.branch ?? ''}
    and (${sql.join(grainConditions(range, grains), sql` or `)})`;
}

/** Whole months and weeks, for figures over the range as a whole. */
const WHOLE_RANGE: readonly SummaryGrain[] = ['month', 'week'];

/** The coarsest rows that still fall into one period of the chart. */
const GRAINS_OF_CHART: Record<MetricsGranularity, readonly SummaryGrain[]> = { day: [], week: ['week'], month: ['month', 'week'] };

/** Summary rows for a chart: whole weeks or months as one row each when the chart is by week or month. */
function seriesWhere(filter: MetricsFilter & { granularity: MetricsGranularity }): SQL {
  return summaryWhere(filter, filter, GRAINS_OF_CHART[filter.granularity]);
}

/** An instant column inside the range's Europe/Berlin days. */
function instantInRange(column: SQL, filter: MetricsFilter): SQL {
  return sql`${column} >= ${berlinDayStartSql(sql`${filter.from}`)} and ${column} < ${berlinDayStartSql(sql`${addDays(filter.to, 1)}`)}`;
}

/** An instant as milliseconds since the epoch: exact, and independent of the server's DateStyle. */
function epochMs(instant: SQL): SQL {
  return sql`(extract(epoch from ${instant}) * 1000)::float8`;
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export { FUNNEL_STEPS, FUNNEL_STEP_KEYS, funnelSteps, type FunnelStep, type FunnelStepKey } from '@identdesk/domain';

export interface FunnelResult {
  from: CalendarDate;
  to: CalendarDate;
  granularity: MetricsGranularity;
  /** The whole range, step by step with conversions. */
  total: FunnelStep[];
  /**
   * Each cohort's persons per step, in FUNNEL_STEPS order: `funnelSteps(counts)` gives the steps
   * with their conversions. Counts only, so a year by day stays a small answer.
   */
  cohorts: (MetricsPeriod & { counts: number[] })[];
}

/**
 * The funnel of the persons created in the range (cohorts by the Europe/Berlin day of creation),
 * each counted once at the furthest step any of their identifications has reached by now.
 * With a language filter, persons count under the language of their first identification, so
 * persons without one fall out and the first two steps are equal.
 */
export async function getMetricsFunnel(
  db: DatabaseExecutor,
  filter: MetricsFilter & { granularity: MetricsGranularity },
): Promise<FunnelResult> {
  await settleMetricRollups(db);
  const result = await db.execute<{ period: string; counts: number[] }>(sql`
    select ${periodSql(sql`day`, filter.granularity)} as period,
           array[sum(persons), sum(with_identification), sum(requested), sum(reached_review_or_success), sum(successful)]::int[] as counts
    from metric_funnel_summary where ${seriesWhere(filter)}
    group by 1`);
  const byPeriod = new Map(result.rows.map((row) => [row.period, row.counts.map(Number)]));
  const total = [0, 0, 0, 0, 0];
  const cohorts = periodsOf(filter.from, filter.to, filter.granularity).map((period) => {
    const counts = byPeriod.get(period.period) ?? [0, 0, 0, 0, 0];
    counts.forEach((count, index) => (total[index] = (total[index] ?? 0) + count));
    return { ...period, counts };
  });
  return { from: filter.from, to: filter.to, granularity: filter.granularity, total: funnelSteps(total), cohorts };
}

export type StatusCounts = Record<IdentificationStatus, number>;

function zeroStatusCounts(): StatusCounts {
  return Object.fromEntries(IDENTIFICATION_STATUSES.map((status) => [status, 0])) as StatusCounts;
}

export interface OutcomesResult {
  from: CalendarDate;
  to: CalendarDate;
  granularity: MetricsGranularity;
  /** How many identifications entered each status in the whole range. */
  totals: StatusCounts;
  periods: (MetricsPeriod & { counts: StatusCounts; total: number })[];
}

/** How many identifications entered each status, per period (a status entered twice counts twice). */
export async function getMetricsOutcomes(
  db: DatabaseExecutor,
  filter: MetricsFilter & { granularity: MetricsGranularity },
): Promise<OutcomesResult> {
  await settleMetricRollups(db);
  const result = await db.execute<{ period: string; status: IdentificationStatus; entered: number }>(sql`
    select ${periodSql(sql`day`, filter.granularity)} as period, status, sum(entered)::int as entered
    from metric_status_summary where ${seriesWhere(filter)}
    group by 1, 2`);
  const byPeriod = new Map<string, StatusCounts>();
  const totals = zeroStatusCounts();
  for (const row of result.rows) {
    const counts = byPeriod.get(row.period) ?? zeroStatusCounts();
    counts[row.status] += Number(row.entered);
    totals[row.status] += Number(row.entered);
    byPeriod.set(row.period, counts);
  }
  const periods = periodsOf(filter.from, filter.to, filter.granularity).map((period) => {
    const counts = byPeriod.get(period.period) ?? zeroStatusCounts();
    return { ...period, counts, total: Object.values(counts).reduce((sum, n) => sum + n, 0) };
  });
  return { from: filter.from, to: filter.to, granularity: filter.granularity, totals, periods };
}

export interface FailureCodeFigures {
  /** The failure code as IDnow sent it. */
  code: string;
  /** In IDnow's documented table (category, permanent and cause known). */
  known: boolean;
  category: FailureCategory | null;
  description: string;
  permanent: boolean | null;
  causedByCustomer: CausedByUser;
  attempts: number;
  /** attempts / failed attempts of the range. */
  share: number | null;
  previousAttempts: number;
  /** attempts − previousAttempts. */
  change: number;
  /** change / previousAttempts; null when there were none before. */
  changeRate: number | null;
}

export type FailureCategoryKey = FailureCategory | 'UNKNOWN';

export interface FailureReasonsResult {
  from: CalendarDate;
  to: CalendarDate;
  /** The period of equal length just before the range. */
  previousFrom: CalendarDate;
  previousTo: CalendarDate;
  /** Every IDnow attempt of the range, successful ones included. */
  attempts: number;
  /** Attempts with a failure code. */
  failedAttempts: number;
  previousFailedAttempts: number;
  /** Of the failed attempts: caused by the customer (yes), not (no), or not stated by IDnow. */
  causedByCustomer: { yes: number; no: number; notStated: number; share: number | null };
  /** Of the failed attempts: a code the seed marks permanent. */
  permanent: { count: number; share: number | null };
  /** Most frequent first. */
  codes: FailureCodeFigures[];
  categories: { category: FailureCategoryKey; label: string; attempts: number; share: number | null; previousAttempts: number; change: number }[];
  /** Up to five codes with the largest change against the previous period, largest first. */
  biggestChanges: FailureCodeFigures[];
}

const CATEGORY_ORDER: readonly FailureCategoryKey[] = ['DATA', 'TECHNICAL', 'USER', 'OTHER', 'UNKNOWN'];

/** Failed attempts per failure code and category, compared with the period of equal length before. */
export async function getMetricsFailureReasons(db: DatabaseExecutor, filter: MetricsFilter): Promise<FailureReasonsResult> {
  await settleMetricRollups(db);
  const days = Math.round((Date.parse(`${filter.to}T00:00:00Z`) - Date.parse(`${filter.from}T00:00:00Z`)) / 86_400_000) + 1;
  const previousFrom = addDays(filter.from, -days);
  const previousTo = addDays(filter.from, -1);
  const result = await db.execute<{ current: boolean; reason: string; attempts: number }>(sql`
    select true as current, reason, sum(attempts)::int as attempts
    from metric_attempt_summary where ${summaryWhere(filter, filter, WHOLE_RANGE)}
    group by 2
    union all
    select false, reason, sum(attempts)::int
    from metric_attempt_summary where ${summaryWhere(filter, { from: previousFrom, to: previousTo }, WHOLE_RANGE)}
    group by 2`);

  let attempts = 0;
  const current = new Map<string, number>();
  const previous = new Map<string, number>();
  for (const row of result.rows) {
    const count = Number(row.attempts);
    if (row.current) attempts += count;
    if (row.reason === '') continue;
    const target = row.current ? current : previous;
    target.set(row.reason, (target.get(row.reason) ?? 0) + count);
  }
  const sum = (map: Map<string, number>) => [...map.values()].reduce((total, n) => total + n, 0);
  const failedAttempts = sum(current);
  const previousFailedAttempts = sum(previous);

  const codes = [...new Set([...current.keys(), ...previous.keys()])].map((code): FailureCodeFigures => {
    const details = describeFailureCode(code);
    const count = current.get(code) ?? 0;
    const before = previous.get(code) ?? 0;
    return {
      code,
      known: details.known,
      category: details.category,
      description: details.description,
      permanent: details.permanent,
      causedByCustomer: details.causedByUser,
      attempts: count,
      share: ratio(count, failedAttempts),
      previousAttempts: before,
      change: count - before,
      changeRate: ratio(count - before, before),
    };
  });
  codes.sort((a, b) => b.attempts - a.attempts || b.previousAttempts - a.previousAttempts || (a.code < b.code ? -1 : 1));

  const categories = CATEGORY_ORDER.map((category) => {
    const members = codes.filter((code) => (code.category ?? 'UNKNOWN') === category);
    const count = members.reduce((total, code) => total + code.attempts, 0);
    const before = members.reduce((total, code) => total + code.previousAttempts, 0);
    return {
      category,
      label: category === 'UNKNOWN' ? 'Not in IDnow’s table' : FAILURE_CATEGORY_LABELS[category],
      attempts: count,
      share: ratio(count, failedAttempts),
      previousAttempts: before,
      change: count - before,
    };
  }).filter((category) => category.attempts > 0 || category.previousAttempts > 0);

  const countWhere = (predicate: (code: FailureCodeFigures) => boolean) =>
    codes.filter(predicate).reduce((total, code) => total + code.attempts, 0);
  const yes = countWhere((code) => code.causedByCustomer === 'yes');
  const no = countWhere((code) => code.causedByCustomer === 'no');
  const permanentCount = countWhere((code) => code.permanent === true);

  const biggestChanges = codes
    .filter((code) => code.change !== 0)
    .sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || b.attempts - a.attempts || (a.code < b.code ? -1 : 1))
    .slice(0, 5);

  return {
    from: filter.from,
    to: filter.to,
    previousFrom,
    previousTo,
    attempts,
    failedAttempts,
    previousFailedAttempts,
    causedByCustomer: { yes, no, notStated: failedAttempts - yes - no, share: ratio(yes, failedAttempts) },
    permanent: { count: permanentCount, share: ratio(permanentCount, failedAttempts) },
    codes,
    categories,
    biggestChanges,
  };
}

export interface TimeToIdentifyFigures {
  /** Identifications whose first success fell in the period. */
  identified: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface TimeToIdentifyResult extends TimeToIdentifyFigures {
  from: CalendarDate;
  to: CalendarDate;
  granularity: MetricsGranularity;
  periods: (MetricsPeriod & TimeToIdentifyFigures)[];
  /** The non-empty buckets of the whole range, shortest first. */
  histogram: { bucket: number; fromSeconds: number; toSeconds: number | null; identifications: number }[];
}

function timeToIdentifyFigures(histogram: ReadonlyMap<number, number>): TimeToIdentifyFigures {
  return {
    identified: [...histogram.values()].reduce((sum, n) => sum + n, 0),
    medianSeconds: histogramQuantile(histogram, 0.5),
    p90Seconds: histogramQuantile(histogram, 0.9),
  };
}

/**
 * Time from the request to IDnow to the first success (pending_successful or successful), for
 * identifications whose first success fell in the range. Median and p90 are interpolated inside
 * fixed log-spaced buckets: within 19 % of the exact value (metrics-buckets.ts).
 */
export async function getMetricsTimeToIdentify(
  db: DatabaseExecutor,
  filter: MetricsFilter & { granularity: MetricsGranularity },
): Promise<TimeToIdentifyResult> {
  await settleMetricRollups(db);
  const result = await db.execute<{ period: string; bucket: number; identifications: number }>(sql`
    select ${periodSql(sql`day`, filter.granularity)} as period, bucket, sum(identifications)::int as identifications
    from metric_time_to_identify_summary where ${seriesWhere(filter)}
    group by 1, 2`);
  const byPeriod = new Map<string, Map<number, number>>();
  const overall = new Map<number, number>();
  for (const row of result.rows) {
    const histogram = byPeriod.get(row.period) ?? new Map<number, number>();
    histogram.set(Number(row.bucket), (histogram.get(Number(row.bucket)) ?? 0) + Number(row.identifications));
    overall.set(Number(row.bucket), (overall.get(Number(row.bucket)) ?? 0) + Number(row.identifications));
    byPeriod.set(row.period, histogram);
  }
  return {
    from: filter.from,
    to: filter.to,
    granularity: filter.granularity,
    ...timeToIdentifyFigures(overall),
    periods: periodsOf(filter.from, filter.to, filter.granularity).map((period) => ({
      ...period,
      ...timeToIdentifyFigures(byPeriod.get(period.period) ?? new Map()),
    })),
    histogram: [...overall.entries()]
      .sort(([a], [b]) => a - b)
      .map(([bucket, identifications]) => ({ bucket, ...timeToIdentifyBucketRange(bucket), identifications })),
  };
}

export const BACKLOG_AGE_BUCKETS = [
  { bucket: 'under_4h', label: 'Under 4 hours', fromHours: 0, toHours: 4 },
  { bucket: '4h_to_12h', label: '4 to 12 hours', fromHours: 4, toHours: 12 },
  { bucket: '12h_to_24h', label: '12 to 24 hours', fromHours: 12, toHours: 24 },
  { bucket: '1d_to_2d', label: '1 to 2 days', fromHours: 24, toHours: 48 },
  { bucket: '2d_to_7d', label: '2 to 7 days', fromHours: 48, toHours: 168 },
  { bucket: 'over_7d', label: 'Over 7 days', fromHours: 168, toHours: null },
] as const;
export type BacklogAgeBucket = (typeof BACKLOG_AGE_BUCKETS)[number]['bucket'];
export const BACKLOG_AGE_BUCKET_KEYS = BACKLOG_AGE_BUCKETS.map((bucket) => bucket.bucket) as [BacklogAgeBucket, ...BacklogAgeBucket[]];
export const BACKLOG_STATUSES = ['pending_successful', 'pending_failed'] as const satisfies readonly IdentificationStatus[];
export type BacklogStatus = (typeof BACKLOG_STATUSES)[number];

export interface BacklogResult {
  asOf: Date;
  pendingSuccessful: number;
  pendingFailed: number;
  total: number;
  /** When the longest-waiting review started; null without a backlog. */
  oldestStartedAt: Date | null;
  buckets: { bucket: BacklogAgeBucket; label: string; fromHours: number; toHours: number | null; pendingSuccessful: number; pendingFailed: number; total: number }[];
}

const HOUR_MS = 60 * 60 * 1000;

/** The age bucket of a review started at `startedAt`, as of `now` (SQL). */
function backlogBucketSql(startedAt: SQL, now: Date): SQL {
  const cases = BACKLOG_AGE_BUCKETS.filter((bucket) => bucket.toHours !== null).map(
    (bucket) => sql`when ${startedAt} > ${new Date(now.getTime() - (bucket.toHours ?? 0) * HOUR_MS).toISOString()}::timestamptz then ${bucket.bucket}`,
  );
  return sql`(case ${sql.join(cases, sql` `)} else ${BACKLOG_AGE_BUCKETS[BACKLOG_AGE_BUCKETS.length - 1]?.bucket ?? ''} end)`;
}

function backlogWhere(filter: Pick<MetricsFilter, 'language' | 'branch'>): SQL {
  const conditions = [sql`i.review_started_at is not null`, sql`i.status in ('pending_successful', 'pending_failed')`];
  if (filter.language !== undefined) conditions.push(sql`i.language = ${filter.language}`);
  if (filter.branch !== undefined) conditions.push(sql`f.branch = ${filter.branch}`);
  return sql.join(conditions, sql` and `);
}

/**
 * Identifications waiting in IDnow's review now (pending_successful, pending_failed), by how
 * long they have waited since entering that status. Read live: the set is small and the partial
 * index on review_started_at holds exactly it.
 */
export async function getMetricsBacklog(
  db: DatabaseExecutor,
  filter: Pick<MetricsFilter, 'language' | 'branch'> & { now: Date },
): Promise<BacklogResult> {
  await settleMetricRollups(db);
  const result = await db.execute<{ status: BacklogStatus; bucket: BacklogAgeBucket; identifications: number; oldest: number }>(sql`
    select i.status, ${backlogBucketSql(sql`i.review_started_at`, filter.now)} as bucket,
           count(*)::int as identifications, ${epochMs(sql`min(i.review_started_at)`)} as oldest
    from identifications i
    left join metric_person_facts f on f.person_id = i.person_id
    where ${backlogWhere(filter)}
    group by 1, 2`);
  const buckets = BACKLOG_AGE_BUCKETS.map((bucket) => ({ ...bucket, pendingSuccessful: 0, pendingFailed: 0, total: 0 }));
  let oldest: Date | null = null;
  for (const row of result.rows) {
    const bucket = buckets.find((candidate) => candidate.bucket === row.bucket);
    if (!bucket) continue;
    const count = Number(row.identifications);
    if (row.status === 'pending_successful') bucket.pendingSuccessful += count;
    else bucket.pendingFailed += count;
    bucket.total += count;
    const startedAt = new Date(Number(row.oldest));
    if (!oldest || startedAt < oldest) oldest = startedAt;
  }
  const pendingSuccessful = buckets.reduce((sum, bucket) => sum + bucket.pendingSuccessful, 0);
  const pendingFailed = buckets.reduce((sum, bucket) => sum + bucket.pendingFailed, 0);
  return { asOf: filter.now, pendingSuccessful, pendingFailed, total: pendingSuccessful + pendingFailed, oldestStartedAt: oldest, buckets };
}

export interface RetryRecoveryFigures {
  /** Persons whose first aborted or canceled attempt fell in the period. */
  interrupted: number;
  /** Of those, persons with a success after it (up to now). */
  recovered: number;
  rate: number | null;
}

export interface RetryRecoveryResult extends RetryRecoveryFigures {
  from: CalendarDate;
  to: CalendarDate;
  granularity: MetricsGranularity;
  periods: (MetricsPeriod & RetryRecoveryFigures)[];
}

/** The share of customers who succeeded after an aborted or canceled attempt, by the day of their first one. */
export async function getMetricsRetryRecovery(
  db: DatabaseExecutor,
  filter: MetricsFilter & { granularity: MetricsGranularity },
): Promise<RetryRecoveryResult> {
  await settleMetricRollups(db);
  const result = await db.execute<{ period: string; interrupted: number; recovered: number }>(sql`
    select ${periodSql(sql`day`, filter.granularity)} as period, sum(interrupted)::int as interrupted, sum(recovered)::int as recovered
    from metric_retry_summary where ${seriesWhere(filter)}
    group by 1`);
  const byPeriod = new Map(result.rows.map((row) => [row.period, { interrupted: Number(row.interrupted), recovered: Number(row.recovered) }]));
  const periods = periodsOf(filter.from, filter.to, filter.granularity).map((period) => {
    const { interrupted, recovered } = byPeriod.get(period.period) ?? { interrupted: 0, recovered: 0 };
    return { ...period, interrupted, recovered, rate: ratio(recovered, interrupted) };
  });
  const interrupted = periods.reduce((sum, period) => sum + period.interrupted, 0);
  const recovered = periods.reduce((sum, period) => sum + period.recovered, 0);
  return {
    from: filter.from,
    to: filter.to,
    granularity: filter.granularity,
    interrupted,
    recovered,
    rate: ratio(recovered, interrupted),
    periods,
  };
}

export interface TeamWorkCounts {
  /** Proof-of-address submissions this person recorded. */
  recorded: number;
  /** Submissions this person decided, and how. */
  decided: number;
  approved: number;
  rejected: number;
  resubmissionRequested: number;
}

export interface TeamWorkResult {
  from: CalendarDate;
  to: CalendarDate;
  granularity: MetricsGranularity;
  /** Staff who recorded or decided anything in the range, most active first. */
  people: ({ userId: string; displayName: string; role: Role } & TeamWorkCounts)[];
  /** Per period and person; only pairs with work. */
  rows: ({ period: CalendarDate; userId: string } & TeamWorkCounts)[];
  periods: (MetricsPeriod & TeamWorkCounts)[];
}

function emptyTeamWork(): TeamWorkCounts {
  return { recorded: 0, decided: 0, approved: 0, rejected: 0, resubmissionRequested: 0 };
}

/**
 * Proof-of-address submissions recorded and decided, per staff member and period (Europe/Berlin
 * days of recorded_at and decided_at), from the team-work summary a trigger keeps current.
 */
export async function getMetricsTeamWork(
  db: DatabaseExecutor,
  filter: MetricsFilter & { granularity: MetricsGranularity },
): Promise<TeamWorkResult> {
  await settleMetricRollups(db);
  const result = await db.execute<{ period: string; user_id: string } & Record<'recorded' | 'decided' | 'approved' | 'rejected' | 'resubmission_requested', number>>(sql`
    select ${periodSql(sql`day`, filter.granularity)} as period, user_id::text as user_id,
           sum(recorded)::int as recorded, sum(decided)::int as decided, sum(approved)::int as approved,
           sum(rejected)::int as rejected, sum(resubmission_requested)::int as resubmission_requested
    from metric_team_work_summary where ${seriesWhere(filter)}
    group by 1, 2`);

  const rows = result.rows
    .map((row) => ({
      period: row.period,
      userId: row.user_id,
      recorded: Number(row.recorded),
      decided: Number(row.decided),
      approved: Number(row.approved),
      rejected: Number(row.rejected),
      resubmissionRequested: Number(row.resubmission_requested),
    }))
    .sort((a, b) => (a.period < b.period ? -1 : a.period > b.period ? 1 : a.userId < b.userId ? -1 : 1));

  const userIds = [...new Set(rows.map((row) => row.userId))];
  const users =
    userIds.length === 0
      ? []
      : (
          await db.execute<{ id: string; display_name: string; role: Role }>(
            sql`select id, display_name, role from users where id in (${sql.join(userIds.map((id) => sql`${id}::uuid`), sql`, `)})`,
          )
        ).rows;
  const add = (target: TeamWorkCounts, source: TeamWorkCounts) => {
    target.recorded += source.recorded;
    target.decided += source.decided;
    target.approved += source.approved;
    target.rejected += source.rejected;
    target.resubmissionRequested += source.resubmissionRequested;
  };
  const people = users.map((user) => {
    const totals = emptyTeamWork();
    for (const row of rows) if (row.userId === user.id) add(totals, row);
    return { userId: user.id, displayName: user.display_name, role: user.role, ...totals };
  });
  people.sort((a, b) => b.recorded + b.decided - (a.recorded + a.decided) || a.displayName.localeCompare(b.displayName));
  const periods = periodsOf(filter.from, filter.to, filter.granularity).map((period) => {
    const totals = emptyTeamWork();
    for (const row of rows) if (row.period === period.period) add(totals, row);
    return { ...period, ...totals };
  });
  return { from: filter.from, to: filter.to, granularity: filter.granularity, people, rows, periods };
}

export type MetricsDrillDownTarget =
  /** Persons of the cohorts in the range who reached `step` (stoppedHere: and no further). */
  | { kind: 'funnel'; step: FunnelStepKey; stoppedHere?: boolean }
  /** Entries into `status` in the range. */
  | { kind: 'outcome'; status: IdentificationStatus }
  /** Attempts with failure code `code` in the range. */
  | { kind: 'failureReason'; code: string }
  /** Identifications in review now, optionally of one status and age bucket (the range does not apply). */
  | { kind: 'backlog'; status?: BacklogStatus; bucket?: BacklogAgeBucket };

export interface MetricsDrillDownItem {
  /** Null only in the funnel's first step, for a person without any identification yet. */
  identificationId: string | null;
  status: IdentificationStatus | null;
  createdAt: Date | null;
  language: string | null;
  latestFailureCode: string | null;
  /** When the counted event happened: person created, status entered, attempt, review started. */
  at: Date;
}

export interface MetricsDrillDownPage {
  items: MetricsDrillDownItem[];
  /** The figure shown on the chart for this bar or step. */
  total: number;
  page: number;
  pageSize: number;
}

interface DrillDownRow extends Record<string, unknown> {
  identification_id: string | null;
  status: IdentificationStatus | null;
  created_at: number | null;
  language: string | null;
  latest_failure_code: string | null;
  at: number;
}

const IDENTIFICATION_COLUMNS = sql`i.id as identification_id, i.status, ${epochMs(sql`i.created_at`)} as created_at, i.language, i.latest_failure_code`;

function toDrillDownItem(row: DrillDownRow): MetricsDrillDownItem {
  return {
    identificationId: row.identification_id,
    status: row.status,
    createdAt: row.created_at === null ? null : new Date(Number(row.created_at)),
    language: row.language,
    latestFailureCode: row.latest_failure_code,
    at: new Date(Number(row.at)),
  };
}

const FUNNEL_COLUMNS = ['persons', 'with_identification', 'requested', 'reached_review_or_success', 'successful'] as const;

async function sumOf(db: DatabaseExecutor, query: SQL): Promise<number> {
  const [row] = (await db.execute<{ total: number | null }>(query)).rows;
  return Number(row?.total ?? 0);
}

/** Conditions on identification language (alias i) and person branch (alias f). */
function rawFilter(filter: MetricsFilter): SQL[] {
  const conditions: SQL[] = [];
  if (filter.language !== undefined) conditions.push(sql`i.language = ${filter.language}`);
  if (filter.branch !== undefined) conditions.push(sql`f.branch = ${filter.branch}`);
  return conditions;
}

/**
 * The identifications behind one bar or funnel step, newest first (the backlog: longest waiting
 * first), a page at a time, without any personal data. `total` is the figure the chart shows,
 * read from the same rollup; the rows are the ones it counts.
 */
export async function getMetricsDrillDown(
  db: DatabaseExecutor,
  params: MetricsFilter & { target: MetricsDrillDownTarget; page: number; pageSize: number; now: Date },
): Promise<MetricsDrillDownPage> {
  await settleMetricRollups(db);
  const { target, page, pageSize } = params;
  const offset = (page - 1) * pageSize;
  let total: number;
  let rows: DrillDownRow[];

  if (target.kind === 'funnel') {
    const index = FUNNEL_STEP_KEYS.indexOf(target.step);
    const stepNumber = index + 1;
    const reached = sql.raw(FUNNEL_COLUMNS[index] ?? 'persons');
    const further = FUNNEL_COLUMNS[index + 1];
    total = await sumOf(
      db,
      target.stoppedHere && further
        ? sql`select sum(${reached} - ${sql.raw(further)}) as total from metric_funnel_summary where ${summaryWhere(params, params, WHOLE_RANGE)}`
        : sql`select sum(${reached}) as total from metric_funnel_summary where ${summaryWhere(params, params, WHOLE_RANGE)}`,
    );
    const conditions = [
      sql`f.cohort_day between ${params.from}::date and ${params.to}::date`,
      target.stoppedHere ? sql`f.funnel_step = ${stepNumber}` : sql`f.funnel_step >= ${stepNumber}`,
    ];
    if (params.language !== undefined) conditions.push(sql`f.language = ${params.language}`);
    if (params.branch !== undefined) conditions.push(sql`f.branch = ${params.branch}`);
    rows = (
      await db.execute<DrillDownRow>(sql`
        select ${IDENTIFICATION_COLUMNS}, ${epochMs(sql`f.cohort_at`)} as at
        from metric_person_facts f
        left join identifications i on i.id = f.funnel_identification_id
        where ${sql.join(conditions, sql` and `)}
        order by f.cohort_day desc, f.person_id desc
        limit ${pageSize} offset ${offset}`)
    ).rows;
  } else if (target.kind === 'outcome') {
    total = await sumOf(
      db,
      sql`select sum(entered) as total from metric_status_summary where ${summaryWhere(params, params, WHOLE_RANGE)} and status = ${target.status}`,
    );
    const conditions = [sql`sc.to_status = ${target.status}`, instantInRange(sql`sc.observed_at`, params), ...rawFilter(params)];
    rows = (
      await db.execute<DrillDownRow>(sql`
        select ${IDENTIFICATION_COLUMNS}, ${epochMs(sql`sc.observed_at`)} as at
        from identification_status_changes sc
        join identifications i on i.id = sc.identification_id
        left join metric_person_facts f on f.person_id = i.person_id
        where ${sql.join(conditions, sql` and `)}
        order by sc.observed_at desc, sc.id desc
        limit ${pageSize} offset ${offset}`)
    ).rows;
  } else if (target.kind === 'failureReason') {
    total = await sumOf(
      db,
      sql`select sum(attempts) as total from metric_attempt_summary where ${summaryWhere(params, params, WHOLE_RANGE)} and reason = ${target.code}`,
    );
    // The same expression as the index on idnow_attempts (reason, coalesce(attempted_at, first_seen_at)).
    const attemptTime = sql`coalesce(a.attempted_at, a.first_seen_at)`;
    const conditions = [sql`a.reason = ${target.code}`, instantInRange(attemptTime, params), ...rawFilter(params)];
    rows = (
      await db.execute<DrillDownRow>(sql`
        select ${IDENTIFICATION_COLUMNS}, ${epochMs(attemptTime)} as at
        from idnow_attempts a
        join identifications i on i.id = a.identification_id
        left join metric_person_facts f on f.person_id = i.person_id
        where ${sql.join(conditions, sql` and `)}
        order by ${attemptTime} desc, a.id desc
        limit ${pageSize} offset ${offset}`)
    ).rows;
  } else {
    const conditions = [backlogWhere(params)];
    if (target.status) conditions.push(sql`i.status = ${target.status}`);
    if (target.bucket) conditions.push(sql`${backlogBucketSql(sql`i.review_started_at`, params.now)} = ${target.bucket}`);
    const where = sql.join(conditions, sql` and `);
    total = await sumOf(
      db,
      sql`select count(*)::int as total from identifications i left join metric_person_facts f on f.person_id = i.person_id where ${where}`,
    );
    rows = (
      await db.execute<DrillDownRow>(sql`
        select ${IDENTIFICATION_COLUMNS}, ${epochMs(sql`i.review_started_at`)} as at
        from identifications i
        left join metric_person_facts f on f.person_id = i.person_id
        where ${where}
        order by i.review_started_at asc, i.id asc
        limit ${pageSize} offset ${offset}`)
    ).rows;
  }
  return { items: rows.map(toDrillDownItem), total, page, pageSize };
}

/** Branches that occur in the metrics, for the branch filter ('' is "no branch"). */
export async function listMetricsBranches(db: DatabaseExecutor): Promise<string[]> {
  await settleMetricRollups(db);
  const result = await db.execute<{ branch: string }>(
    // Every language of one branch, by month: a row per branch and month, whatever the history.
    sql`select distinct branch from metric_funnel_summary where grain = 'month' and scope = 1 and branch <> '' order by branch limit 200`,
  );
  return result.rows.map((row) => row.branch);
}
