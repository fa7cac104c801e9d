import {
  funnelSteps,
  IDENTIFICATION_STATUS_MEANINGS,
  ROLE_DETAILS,
  type FailureCategory,
  type IdentificationStatus,
} from '@identdesk/domain';
import type { ChartColumn, ChartTableModel } from '../../../components/charts/chart-table.ts';
import {
  formatDuration,
  formatPercent,
  formatSignedCount,
  formatSignedPercent,
  percentOf,
  roundDurationSeconds,
} from '../../../components/charts/figures.ts';
import { formatCountOf } from '../../../lib/format.ts';
import type { RouterOutputs } from '../../../lib/trpc.ts';
import { drillDownSearch, type DrillDownSearch, type DrillDownTarget, type Granularity, type MetricsFilter } from './metrics-search.ts';
import { formatPeriod } from './period-format.ts';
import { timeToIdentifyBins, type TimeBin } from './time-bins.ts';

type Metrics = RouterOutputs['metrics'];
export type FunnelData = Metrics['funnel'];
export type FunnelStep = FunnelData['total'][number];
/** A cohort of the funnel with its steps: the server sends counts, the conversions are derived here. */
export type FunnelCohort = Omit<FunnelData['cohorts'][number], 'counts'> & { steps: FunnelStep[] };
export type OutcomesData = Metrics['outcomes'];
export type OutcomesPeriod = OutcomesData['periods'][number];
export type FailureReasonsData = Metrics['failureReasons'];
export type FailureCode = FailureReasonsData['codes'][number];
export type FailureCategoryFigures = FailureReasonsData['categories'][number];
export type TimeToIdentifyData = Metrics['timeToIdentify'];
export type TimeToIdentifyPeriod = TimeToIdentifyData['periods'][number];
export type BacklogData = Metrics['backlog'];
export type BacklogBucket = BacklogData['buckets'][number];
export type RetryRecoveryData = Metrics['retryRecovery'];
export type RetryPeriod = RetryRecoveryData['periods'][number];
export type TeamWorkData = Metrics['teamWork'];
export type TeamWorkPerson = TeamWorkData['people'][number];
export type TeamWorkRow = TeamWorkData['rows'][number];

export type FailureCategoryKey = FailureCategory | 'UNKNOWN';

/** A figure's drill-down: the list's URL, and what opening it shows, in words (the link's name). */
export interface DrillLink {
  search: DrillDownSearch;
  label: string;
}

type Column<Row> = ChartColumn<Row, DrillLink>;
type Model<Row> = ChartTableModel<Row, DrillLink>;

const percentColumn = <Row>(key: string, header: string, csvHeader: string, rate: (row: Row) => number | null): Column<Row> => ({
  key,
  header,
  csvHeader,
  numeric: true,
  value: (row) => percentOf(rate(row)),
  format: (value) => formatPercent(typeof value === 'number' ? value : null),
});

const durationColumn = <Row>(key: string, header: string, csvHeader: string, seconds: (row: Row) => number | null): Column<Row> => ({
  key,
  header,
  csvHeader,
  numeric: true,
  value: (row) => {
    const value = seconds(row);
    return value === null ? null : roundDurationSeconds(value);
  },
  format: (value) => formatDuration(typeof value === 'number' ? value : null),
});

function link(filter: MetricsFilter, days: { from: string; to: string }, target: DrillDownTarget, label: string): DrillLink {
  return { search: drillDownSearch(days, filter, target), label };
}


// ---------------------------------------------------------------------------------------------
// Funnel

/** The funnel's steps with their conversion, over the whole range. */
export function funnelTable(data: FunnelData, filter: MetricsFilter): Model<FunnelStep> {
  const next = (step: FunnelStep) => data.total[data.total.findIndex((candidate) => candidate.step === step.step) + 1];
  const wentNoFurther = (step: FunnelStep) => {
    const following = next(step);
    return following === undefined ? null : step.count - following.count;
  };
  return {
    caption: 'Funnel: persons of the range’s cohorts by the furthest step reached',
    rowKey: (step) => step.step,
    rows: data.total,
    columns: [
      { key: 'step', header: 'Step', rowHeader: true, value: (step) => step.label },
      {
        key: 'count',
        header: 'Persons',
        numeric: true,
        value: (step) => step.count,
        target: (step) =>
          step.count === 0
            ? null
            : link(filter, data, { kind: 'funnel', step: step.step, stoppedHere: false }, `${formatCountOf(step.count, 'person', 'persons')} reached “${step.label}”: open the list`),
      },
      percentColumn('fromPrevious', 'Of previous step', 'Of previous step (%)', (step) => step.conversionFromPrevious),
      percentColumn('fromStart', 'Of persons created', 'Of persons created (%)', (step) => step.conversionFromStart),
      {
        key: 'wentNoFurther',
        header: 'Went no further',
        numeric: true,
        value: wentNoFurther,
        target: (step) => {
          const count = wentNoFurther(step);
          return count === null || count === 0
            ? null
            : link(
                filter,
                data,
                { kind: 'funnel', step: step.step, stoppedHere: true },
                `${formatCountOf(count, 'person', 'persons')} stopped at “${step.label}”: open the list`,
              );
        },
      },
    ],
  };
}

const COHORT_STEP_HEADERS: Record<FunnelStep['step'], string> = {
  persons_created: 'Persons created',
  identification_created: 'Identification created',
  requested: 'Requested',
  reached_review_or_success: 'Review or success',
  successful: 'Successful',
};

/** Conversion per step by cohort (the day, week or month a person was created), totals last. */
export function cohortTable(data: FunnelData, filter: MetricsFilter): Model<FunnelCohort> {
  const stepAt = (cohort: FunnelCohort, index: number) => cohort.steps[index];
  const columns: Column<FunnelCohort>[] = [
    {
      key: 'cohort',
      header: 'Cohort',
      rowHeader: true,
      value: (cohort) => (cohort.period === '' ? 'All cohorts' : formatPeriod(cohort, data.granularity)),
    },
  ];
  data.total.forEach((totalStep, index) => {
    const header = COHORT_STEP_HEADERS[totalStep.step];
    columns.push({
      key: totalStep.step,
      header,
      numeric: true,
      value: (cohort) => stepAt(cohort, index)?.count ?? 0,
      target: (cohort) => {
        const step = stepAt(cohort, index);
        if (!step || step.count === 0) return null;
        const who = cohort.period === '' ? 'of all cohorts' : `created ${formatPeriod(cohort, data.granularity)}`;
        return link(filter, cohort, { kind: 'funnel', step: step.step, stoppedHere: false }, `${formatCountOf(step.count, 'person', 'persons')} ${who} reached “${step.label}”: open the list`);
      },
    });
    if (index > 0) {
      columns.push(percentColumn(`${totalStep.step}-rate`, '% of prev.', `${header}: of previous step (%)`, (cohort) => stepAt(cohort, index)?.conversionFromPrevious ?? null));
    }
  });
  columns.push(
    percentColumn('overall', '% of created', 'Successful: of persons created (%)', (cohort) => cohort.steps[cohort.steps.length - 1]?.conversionFromStart ?? null),
  );
  return {
    caption: 'Conversion per step by cohort',
    rowKey: (cohort) => cohort.period || 'total',
    rows: data.cohorts.map(({ counts, ...period }) => ({ ...period, steps: funnelSteps(counts) })),
    // The whole range as one more "cohort"; period '' marks it.
    footer: { period: '', from: data.from, to: data.to, steps: data.total },
    columns,
  };
}

// ---------------------------------------------------------------------------------------------
// Outcomes

/**
 * The statuses charted as outcomes: what became of identifications once requested. Entries into
 * `created` and `pending` are the start of the flow, not an outcome, and would dwarf the rest.
 */
export const OUTCOME_STATUSES = [
  'successful',
  'pending_successful',
  'pending_failed',
  'aborted',
  'canceled',
  'failed',
  'expired',
] as const satisfies readonly IdentificationStatus[];
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

export const outcomeLabel = (status: OutcomeStatus) => IDENTIFICATION_STATUS_MEANINGS[status].label;

export function outcomeTotal(counts: Record<IdentificationStatus, number>): number {
  return OUTCOME_STATUSES.reduce((sum, status) => sum + counts[status], 0);
}

type OutcomesRow = Pick<OutcomesPeriod, 'period' | 'from' | 'to' | 'counts'>;

export function outcomesTable(data: OutcomesData, filter: MetricsFilter): Model<OutcomesRow> {
  const periodName = (row: OutcomesRow) => (row.period === '' ? 'the whole range' : formatPeriod(row, data.granularity));
  return {
    caption: 'Outcomes: identifications entering each status, per period',
    rowKey: (row) => row.period || 'total',
    rows: data.periods,
    footer: { period: '', from: data.from, to: data.to, counts: data.totals },
    columns: [
      { key: 'period', header: 'Period', rowHeader: true, value: (row) => (row.period === '' ? 'Total' : formatPeriod(row, data.granularity)) },
      ...OUTCOME_STATUSES.map(
        (status): Column<OutcomesRow> => ({
          key: status,
          header: outcomeLabel(status),
          numeric: true,
          value: (row) => row.counts[status],
          target: (row) =>
            row.counts[status] === 0
              ? null
              : link(filter, row, { kind: 'outcome', status }, `${formatCountOf(row.counts[status], 'identification', 'identifications')} became ${outcomeLabel(status)} in ${periodName(row)}: open the list`),
        }),
      ),
      { key: 'total', header: 'Total', numeric: true, value: (row) => outcomeTotal(row.counts) },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Failure reasons

export const CATEGORY_LABELS: Record<FailureCategoryKey, string> = {
  DATA: 'Data mismatch',
  TECHNICAL: 'Technical problem',
  USER: 'Customer side',
  OTHER: 'Other',
  UNKNOWN: 'Not in IDnow’s table',
};

export const categoryOf = (code: Pick<FailureCode, 'category'>): FailureCategoryKey => code.category ?? 'UNKNOWN';

const CAUSED_BY: Record<FailureCode['causedByCustomer'], string> = { yes: 'Yes', no: 'No', not_stated: 'Not stated' };

/** The codes failed attempts carried in the range (the Pareto's bars), most frequent first. */
export function paretoCodes(data: FailureReasonsData): (FailureCode & { cumulativeShare: number | null })[] {
  let running = 0;
  return data.codes
    .filter((code) => code.attempts > 0)
    .map((code) => {
      running += code.attempts;
      return { ...code, cumulativeShare: data.failedAttempts === 0 ? null : running / data.failedAttempts };
    });
}

export type ParetoCode = ReturnType<typeof paretoCodes>[number];

export function failureReasonLink(data: FailureReasonsData, filter: MetricsFilter, code: Pick<FailureCode, 'code' | 'attempts'>): DrillLink {
  return link(filter, data, { kind: 'failureReason', code: code.code }, `${formatCountOf(code.attempts, 'attempt', 'attempts')} failed with ${code.code}: open the list`);
}

export function failureReasonsTable(data: FailureReasonsData, filter: MetricsFilter): Model<ParetoCode> {
  return {
    caption: 'Failure reasons: failed IDnow attempts per failure code, most frequent first',
    rowKey: (code) => code.code,
    rows: paretoCodes(data),
    columns: [
      { key: 'code', header: 'Failure code', rowHeader: true, value: (code) => code.code },
      { key: 'category', header: 'Category', value: (code) => CATEGORY_LABELS[categoryOf(code)] },
      { key: 'attempts', header: 'Attempts', numeric: true, value: (code) => code.attempts, target: (code) => failureReasonLink(data, filter, code) },
      percentColumn('share', 'Share', 'Share of failed attempts (%)', (code) => code.share),
      percentColumn('cumulative', 'Cumulative', 'Cumulative share (%)', (code) => code.cumulativeShare),
      { key: 'previous', header: 'Previous period', numeric: true, value: (code) => code.previousAttempts },
      { key: 'change', header: 'Change', numeric: true, value: (code) => code.change, format: (value) => formatSignedCount(Number(value)) },
      { key: 'permanent', header: 'Permanent', value: (code) => (code.permanent === null ? 'Unknown' : code.permanent ? 'Yes' : 'No') },
      { key: 'causedByCustomer', header: 'Caused by customer', value: (code) => CAUSED_BY[code.causedByCustomer] },
      { key: 'description', header: 'Meaning', value: (code) => code.description },
    ],
  };
}

export function failureCategoriesTable(data: FailureReasonsData): Model<FailureCategoryFigures> {
  return {
    caption: 'Failed attempts per category',
    rowKey: (category) => category.category,
    rows: data.categories,
    columns: [
      { key: 'category', header: 'Category', rowHeader: true, value: (category) => category.label },
      { key: 'attempts', header: 'Attempts', numeric: true, value: (category) => category.attempts },
      percentColumn('share', 'Share', 'Share of failed attempts (%)', (category) => category.share),
      { key: 'previous', header: 'Previous period', numeric: true, value: (category) => category.previousAttempts },
      { key: 'change', header: 'Change', numeric: true, value: (category) => category.change, format: (value) => formatSignedCount(Number(value)) },
    ],
  };
}

export function biggestChangesTable(data: FailureReasonsData, filter: MetricsFilter): Model<FailureCode> {
  return {
    caption: 'Failure codes that changed most against the previous period',
    rowKey: (code) => code.code,
    rows: data.biggestChanges,
    // Narrow enough for half the page; the code's category is in the failure reasons table.
    columns: [
      { key: 'code', header: 'Failure code', rowHeader: true, value: (code) => code.code },
      { key: 'previous', header: 'Previous period', numeric: true, value: (code) => code.previousAttempts },
      {
        key: 'attempts',
        header: 'This period',
        numeric: true,
        value: (code) => code.attempts,
        target: (code) => (code.attempts === 0 ? null : failureReasonLink(data, filter, code)),
      },
      { key: 'change', header: 'Change', numeric: true, value: (code) => code.change, format: (value) => formatSignedCount(Number(value)) },
      {
        key: 'changeRate',
        header: 'Change rate',
        csvHeader: 'Change rate (%)',
        numeric: true,
        value: (code) => percentOf(code.changeRate),
        format: (value) => formatSignedPercent(typeof value === 'number' ? value : null),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Time to identify

export function timeBinsTable(data: TimeToIdentifyData): Model<TimeBin> {
  return {
    caption: 'Time to identify: identifications by time from request to first success',
    rowKey: (bin) => bin.key,
    rows: timeToIdentifyBins(data.histogram),
    columns: [
      { key: 'label', header: 'Time to identify', rowHeader: true, value: (bin) => bin.label },
      { key: 'from', header: 'From (s)', numeric: true, value: (bin) => bin.fromSeconds },
      { key: 'to', header: 'Up to (s)', numeric: true, value: (bin) => bin.toSeconds },
      { key: 'identifications', header: 'Identifications', numeric: true, value: (bin) => bin.identifications },
    ],
  };
}

export function timeToIdentifyPeriodsTable(data: TimeToIdentifyData): Model<TimeToIdentifyPeriod> {
  return {
    caption: 'Median and 90th percentile time to identify per period',
    rowKey: (period) => period.period,
    rows: data.periods,
    columns: [
      { key: 'period', header: 'Period', rowHeader: true, value: (period) => formatPeriod(period, data.granularity) },
      { key: 'identified', header: 'Identified', numeric: true, value: (period) => period.identified },
      durationColumn('median', 'Median', 'Median (seconds, rounded as shown)', (period) => period.medianSeconds),
      durationColumn('p90', '90th percentile', '90th percentile (seconds, rounded as shown)', (period) => period.p90Seconds),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Backlog

/** `< 4 h`, `4–12 h`, `1–2 d`, `> 7 d`: the bucket's label, short enough for an axis in half the page. */
export function shortAgeLabel(bucket: Pick<BacklogBucket, 'fromHours' | 'toHours'>): string {
  const amount = (hours: number) => (hours >= 24 && hours % 24 === 0 ? `${hours / 24} d` : `${hours} h`);
  if (bucket.toHours === null) return `> ${amount(bucket.fromHours)}`;
  if (bucket.fromHours === 0) return `< ${amount(bucket.toHours)}`;
  const [from, to] = [amount(bucket.fromHours), amount(bucket.toHours)];
  const [fromNumber, fromUnit] = from.split(' ');
  const [toNumber, toUnit] = to.split(' ');
  return fromUnit === toUnit ? `${fromNumber}–${toNumber} ${toUnit}` : `${from} – ${to}`;
}

type BacklogRow = Pick<BacklogBucket, 'pendingSuccessful' | 'pendingFailed' | 'total' | 'label'> & { bucket: BacklogBucket['bucket'] | null };

export function backlogTable(data: BacklogData, filter: MetricsFilter): Model<BacklogRow> {
  // The backlog is now, not a range: the list ignores the days, but the server wants valid ones.
  const days = { from: filter.from, to: filter.to };
  const bucketPart = (row: BacklogRow) => (row.bucket === null ? '' : `, waiting ${row.label.toLowerCase()}`);
  const cell = (key: 'pendingSuccessful' | 'pendingFailed' | 'total', header: string, status?: 'pending_successful' | 'pending_failed'): Column<BacklogRow> => ({
    key,
    header,
    numeric: true,
    value: (row) => row[key],
    target: (row) =>
      row[key] === 0
        ? null
        : link(
            filter,
            days,
            { kind: 'backlog', ...(status ? { status } : {}), ...(row.bucket ? { bucket: row.bucket } : {}) },
            `${formatCountOf(row[key], 'identification', 'identifications')} ${status ? `“${IDENTIFICATION_STATUS_MEANINGS[status].label}”` : 'in review'}${bucketPart(row)}: open the list`,
          ),
  });
  return {
    caption: 'Review backlog now, by time waited',
    rowKey: (row) => row.bucket ?? 'total',
    rows: data.buckets,
    footer: { bucket: null, label: 'All', pendingSuccessful: data.pendingSuccessful, pendingFailed: data.pendingFailed, total: data.total },
    columns: [
      { key: 'age', header: 'Waiting', rowHeader: true, value: (row) => row.label },
      cell('pendingSuccessful', IDENTIFICATION_STATUS_MEANINGS.pending_successful.label, 'pending_successful'),
      cell('pendingFailed', IDENTIFICATION_STATUS_MEANINGS.pending_failed.label, 'pending_failed'),
      cell('total', 'Total'),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Retry recovery

type RetryRow = Pick<RetryPeriod, 'period' | 'from' | 'to' | 'interrupted' | 'recovered' | 'rate'>;

export function retryRecoveryTable(data: RetryRecoveryData): Model<RetryRow> {
  return {
    caption: 'Retry recovery: customers who succeeded after an aborted or canceled attempt',
    rowKey: (row) => row.period || 'total',
    rows: data.periods,
    footer: { period: '', from: data.from, to: data.to, interrupted: data.interrupted, recovered: data.recovered, rate: data.rate },
    columns: [
      { key: 'period', header: 'First interrupted', rowHeader: true, value: (row) => (row.period === '' ? 'Total' : formatPeriod(row, data.granularity)) },
      { key: 'interrupted', header: 'Interrupted', numeric: true, value: (row) => row.interrupted },
      { key: 'recovered', header: 'Succeeded later', numeric: true, value: (row) => row.recovered },
      percentColumn('rate', 'Recovery rate', 'Recovery rate (%)', (row) => row.rate),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Team work

const countColumns = <Row extends { recorded: number; decided: number; approved: number; rejected: number; resubmissionRequested: number }>(): Column<Row>[] => [
  { key: 'recorded', header: 'Recorded', numeric: true, value: (row) => row.recorded },
  { key: 'decided', header: 'Decided', numeric: true, value: (row) => row.decided },
  { key: 'approved', header: 'Approved', numeric: true, value: (row) => row.approved },
  { key: 'rejected', header: 'Rejected', numeric: true, value: (row) => row.rejected },
  { key: 'resubmission', header: 'Resubmission requested', numeric: true, value: (row) => row.resubmissionRequested },
];

export function teamWorkPeopleTable(data: TeamWorkData): Model<TeamWorkPerson> {
  return {
    caption: 'Proof-of-address submissions recorded and decided per person in the range',
    rowKey: (person) => person.userId,
    rows: data.people,
    columns: [
      { key: 'person', header: 'Person', rowHeader: true, value: (person) => person.displayName },
      { key: 'role', header: 'Role', value: (person) => ROLE_DETAILS[person.role].label },
      ...countColumns<TeamWorkPerson>(),
    ],
  };
}

export function teamWorkPeriodsTable(data: TeamWorkData, granularity: Granularity = data.granularity): Model<TeamWorkRow> {
  const names = new Map(data.people.map((person) => [person.userId, person.displayName]));
  const periods = new Map(data.periods.map((period) => [period.period, period]));
  return {
    caption: 'Proof-of-address submissions recorded and decided per person and period',
    rowKey: (row) => `${row.period}|${row.userId}`,
    rows: data.rows,
    columns: [
      {
        key: 'period',
        header: 'Period',
        value: (row) => {
          const period = periods.get(row.period);
          return period ? formatPeriod(period, granularity) : row.period;
        },
      },
      { key: 'person', header: 'Person', rowHeader: true, value: (row) => names.get(row.userId) ?? 'Former user' },
      ...countColumns<TeamWorkRow>(),
    ],
  };
}

export type { TimeBin };
