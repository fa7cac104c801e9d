import {
  addDays,
  berlinCalendarDate,
  identificationLanguageSchema,
  identificationStatusSchema,
  isValidCalendarDate,
  type CalendarDate,
  type IdentificationLanguage,
} from '@identdesk/domain';
import type { inferRouterInputs } from '@trpc/server';
import type { AppRouter } from '@identdesk/server/router';
import { z } from 'zod';

type MetricsInputs = inferRouterInputs<AppRouter>['metrics'];
export type DrillDownTarget = MetricsInputs['drillDown']['target'];
export type FunnelStepKey = Extract<DrillDownTarget, { kind: 'funnel' }>['step'];
export type BacklogBucketKey = NonNullable<Extract<DrillDownTarget, { kind: 'backlog' }>['bucket']>;
export type BacklogStatus = NonNullable<Extract<DrillDownTarget, { kind: 'backlog' }>['status']>;

// The contract's lists (docs/handoff/agent-workspace-api.md, metrics.*); `satisfies` makes a key the
// server does not know a type error here.
export const FUNNEL_STEP_KEYS = [
  'persons_created',
  'identification_created',
  'requested',
  'reached_review_or_success',
  'successful',
] as const satisfies readonly FunnelStepKey[];
export const BACKLOG_BUCKET_KEYS = ['under_4h', '4h_to_12h', '12h_to_24h', '1d_to_2d', '2d_to_7d', 'over_7d'] as const satisfies readonly BacklogBucketKey[];
export const BACKLOG_STATUSES = ['pending_successful', 'pending_failed'] as const satisfies readonly BacklogStatus[];

export const GRANULARITIES = ['day', 'week', 'month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];
export const GRANULARITY_LABELS: Record<Granularity, string> = { day: 'Day', week: 'Week', month: 'Month' };

export const RANGE_PRESET_KEYS = ['7d', '30d', '90d'] as const;
export type RangePreset = (typeof RANGE_PRESET_KEYS)[number];
export const RANGE_PRESETS: readonly { key: RangePreset; days: number; label: string }[] = [
  { key: '7d', days: 7, label: '7 days' },
  { key: '30d', days: 30, label: '30 days' },
  { key: '90d', days: 90, label: '90 days' },
];
export const DEFAULT_RANGE_PRESET: RangePreset = '30d';

/** The server's limit (metrics.* inputs): the figures come from daily rollups. */
export const MAX_RANGE_DAYS = 400;

/** The router reads `?branch=12` as a number; branches are text. */
const asText = (value: unknown) => (typeof value === 'number' ? String(value) : value);

const calendarDay = z.string().refine(isValidCalendarDate);
const branch = z.preprocess(asText, z.string().trim().min(1).max(100));

/**
 * The metrics page's filters as they stand in its URL, so a view can be shared and survives a
 * reload. A preset (`range=30d`) is a rolling window and stays one in a bookmark; `from`/`to` are
 * fixed Berlin days. Aggregates only: nothing personal ever lands in the URL. An unreadable value
 * is dropped rather than breaking the page.
 */
export const metricsSearchSchema = z.object({
  range: z.enum(RANGE_PRESET_KEYS).optional().catch(undefined),
  from: calendarDay.optional().catch(undefined),
  to: calendarDay.optional().catch(undefined),
  granularity: z.enum(GRANULARITIES).optional().catch(undefined),
  language: identificationLanguageSchema.optional().catch(undefined),
  branch: branch.optional().catch(undefined),
});
export type MetricsSearch = z.infer<typeof metricsSearchSchema>;

/** The filters in effect: the URL's, with the defaults filled in. */
export interface MetricsFilter {
  from: CalendarDate;
  to: CalendarDate;
  /** The preset the range came from; null for days chosen by hand. */
  preset: RangePreset | null;
  granularity: Granularity;
  /** Whether the granularity was chosen (in the URL) or follows the range. */
  granularityChosen: boolean;
  language?: IdentificationLanguage;
  branch?: string;
}

/** Inclusive: 2026-03-01 to 2026-03-01 is one day. */
export function daysInRange(from: CalendarDate, to: CalendarDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** What is wrong with a hand-chosen range, naming the field and the rule; null when it is fine. */
export function rangeProblem(from: CalendarDate, to: CalendarDate): { field: 'from' | 'to'; message: string } | null {
  if (to < from) return { field: 'to', message: `"To" (${to}) must be on or after "From" (${from}).` };
  const days = daysInRange(from, to);
  if (days > MAX_RANGE_DAYS) {
    return { field: 'to', message: `The range spans ${days} days; choose at most ${MAX_RANGE_DAYS}.` };
  }
  return null;
}

/** Days for a short range, weeks up to about four months, months beyond: a few dozen bars at most. */
export function defaultGranularity(days: number): Granularity {
  if (days <= 31) return 'day';
  if (days <= 120) return 'week';
  return 'month';
}

/** Today at Solaris (Europe/Berlin), the day the presets end on. */
export function metricsToday(now: Date = new Date()): CalendarDate {
  return berlinCalendarDate(now);
}

export function resolveMetricsFilter(search: MetricsSearch, today: CalendarDate): MetricsFilter {
  let from: CalendarDate;
  let to: CalendarDate;
  let preset: RangePreset | null;
  if (search.from && search.to && rangeProblem(search.from, search.to) === null) {
    from = search.from;
    to = search.to;
    preset = null;
  } else {
    preset = search.range ?? DEFAULT_RANGE_PRESET;
    const days = RANGE_PRESETS.find((candidate) => candidate.key === preset)?.days ?? 30;
    to = today;
    from = addDays(today, -(days - 1));
  }
  return {
    from,
    to,
    preset,
    granularity: search.granularity ?? defaultGranularity(daysInRange(from, to)),
    granularityChosen: search.granularity !== undefined,
    ...(search.language ? { language: search.language } : {}),
    ...(search.branch ? { branch: search.branch } : {}),
  };
}

/** `metrics.failureReasons` and `metrics.drillDown` take the range and the filters. */
export function rangeInput(filter: MetricsFilter) {
  return {
    from: filter.from,
    to: filter.to,
    ...(filter.language ? { language: filter.language } : {}),
    ...(filter.branch ? { branch: filter.branch } : {}),
  };
}

/** The series procedures also take the granularity. */
export function seriesInput(filter: MetricsFilter) {
  return { ...rangeInput(filter), granularity: filter.granularity };
}

export function backlogInput(filter: MetricsFilter) {
  return {
    ...(filter.language ? { language: filter.language } : {}),
    ...(filter.branch ? { branch: filter.branch } : {}),
  };
}

export function hasNarrowingFilters(filter: MetricsFilter): boolean {
  return Boolean(filter.language || filter.branch);
}

// ---------------------------------------------------------------------------------------------
// The drill-down list's URL

/**
 * Everything the drill-down list needs, flat in its URL: the days of the bar (for a period bar,
 * that period's days), the page's filters, and which figure (`kind` and its key). Ids and codes
 * only.
 */
export const drillDownSearchSchema = z.object({
  from: calendarDay.optional().catch(undefined),
  to: calendarDay.optional().catch(undefined),
  language: identificationLanguageSchema.optional().catch(undefined),
  branch: branch.optional().catch(undefined),
  kind: z.enum(['funnel', 'outcome', 'failureReason', 'backlog']).optional().catch(undefined),
  step: z.enum(FUNNEL_STEP_KEYS).optional().catch(undefined),
  stoppedHere: z.boolean().optional().catch(undefined),
  status: identificationStatusSchema.optional().catch(undefined),
  code: z.preprocess(asText, z.string().trim().min(1).max(100)).optional().catch(undefined),
  bucket: z.enum(BACKLOG_BUCKET_KEYS).optional().catch(undefined),
  page: z.number().int().min(1).optional().catch(undefined),
});
export type DrillDownSearch = z.infer<typeof drillDownSearchSchema>;

function isBacklogStatus(status: string | undefined): status is BacklogStatus {
  return (BACKLOG_STATUSES as readonly (string | undefined)[]).includes(status);
}

/** The server's target for a drill-down URL; null when the URL does not name a figure. */
export function drillDownTargetOf(search: DrillDownSearch): DrillDownTarget | null {
  switch (search.kind) {
    case 'funnel':
      return search.step ? { kind: 'funnel', step: search.step, stoppedHere: search.stoppedHere === true } : null;
    case 'outcome':
      return search.status ? { kind: 'outcome', status: search.status } : null;
    case 'failureReason':
      return search.code ? { kind: 'failureReason', code: search.code } : null;
    case 'backlog':
      if (search.status !== undefined && !isBacklogStatus(search.status)) return null;
      return {
        kind: 'backlog',
        ...(search.status ? { status: search.status } : {}),
        ...(search.bucket ? { bucket: search.bucket } : {}),
      };
    default:
      return null;
  }
}

/** The drill-down URL of a figure: its days (the whole range or one period), the filters and the target. */
export function drillDownSearch(
  days: { from: CalendarDate; to: CalendarDate },
  filter: Pick<MetricsFilter, 'language' | 'branch'>,
  target: DrillDownTarget,
): DrillDownSearch {
  const base: DrillDownSearch = {
    from: days.from,
    to: days.to,
    ...(filter.language ? { language: filter.language } : {}),
    ...(filter.branch ? { branch: filter.branch } : {}),
  };
  switch (target.kind) {
    case 'funnel':
      return { ...base, kind: 'funnel', step: target.step, ...(target.stoppedHere ? { stoppedHere: true } : {}) };
    case 'outcome':
      return { ...base, kind: 'outcome', status: target.status };
    case 'failureReason':
      return { ...base, kind: 'failureReason', code: target.code };
    case 'backlog':
      return {
        ...base,
        kind: 'backlog',
        ...(target.status ? { status: target.status } : {}),
        ...(target.bucket ? { bucket: target.bucket } : {}),
      };
  }
}

/** The metrics page's URL that a drill-down list goes back to: the same days, fixed, and filters. */
export function metricsSearchOf(search: DrillDownSearch): MetricsSearch {
  return {
    ...(search.from && search.to ? { from: search.from, to: search.to } : {}),
    ...(search.language ? { language: search.language } : {}),
    ...(search.branch ? { branch: search.branch } : {}),
  };
}
