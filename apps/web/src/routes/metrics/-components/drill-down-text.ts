import { describeFailureCode, IDENTIFICATION_LANGUAGE_LABELS, IDENTIFICATION_STATUS_MEANINGS } from '@identdesk/domain';
import { formatDayRange } from './period-format.ts';
import type { BacklogBucketKey, DrillDownSearch, DrillDownTarget, FunnelStepKey } from './metrics-search.ts';

/** The funnel steps as the server names them (metrics.funnel `label`). */
export const FUNNEL_STEP_LABELS: Record<FunnelStepKey, string> = {
  persons_created: 'Persons created',
  identification_created: 'Identification created',
  requested: 'Requested from IDnow',
  reached_review_or_success: 'Reached pending successful or successful',
  successful: 'Successful',
};

/** The backlog's age buckets as the server names them (metrics.backlog `label`). */
export const BACKLOG_BUCKET_LABELS: Record<BacklogBucketKey, string> = {
  under_4h: 'Under 4 hours',
  '4h_to_12h': '4 to 12 hours',
  '12h_to_24h': '12 to 24 hours',
  '1d_to_2d': '1 to 2 days',
  '2d_to_7d': '2 to 7 days',
  over_7d: 'Over 7 days',
};

export interface DrillDownText {
  /** The page's heading: what the list is. */
  title: string;
  /** One line under it: what is counted and when. */
  description: string;
  /** What one row is, for the count ("3 persons"). */
  unit: [one: string, many: string];
  /** The header of the `at` column: when the counted event happened. */
  atHeader: string;
}

/** Words for a drill-down list, from its target and its days and filters. */
export function drillDownText(target: DrillDownTarget, search: DrillDownSearch): DrillDownText {
  const days = search.from && search.to ? formatDayRange(search.from, search.to) : '';
  const filters = [
    search.language ? `${IDENTIFICATION_LANGUAGE_LABELS[search.language]} calls` : null,
    search.branch ? `branch ${search.branch}` : null,
  ].filter(Boolean);
  const narrowed = filters.length ? ` (${filters.join(', ')})` : '';
  switch (target.kind) {
    case 'funnel': {
      const step = FUNNEL_STEP_LABELS[target.step];
      return {
        title: target.stoppedHere ? `Persons who stopped at “${step}”` : `Persons who reached “${step}”`,
        description: `Persons created ${days}${narrowed}, each with their furthest identification${target.stoppedHere ? ': they went no further yet' : ''}.`,
        unit: ['person', 'persons'],
        atHeader: 'Person created',
      };
    }
    case 'outcome': {
      const status = IDENTIFICATION_STATUS_MEANINGS[target.status].label;
      return {
        title: `Identifications that became “${status}”`,
        description: `Every entry into ${status.toLowerCase()} ${days}${narrowed}; an identification that entered it twice is listed twice.`,
        unit: ['entry', 'entries'],
        atHeader: 'Entered the status',
      };
    }
    case 'failureReason': {
      const details = describeFailureCode(target.code);
      return {
        title: `Attempts that failed with ${target.code}`,
        description: `${details.description} IDnow attempts ${days}${narrowed}.`,
        unit: ['attempt', 'attempts'],
        atHeader: 'Attempt',
      };
    }
    case 'backlog': {
      const status = target.status ? ` as “${IDENTIFICATION_STATUS_MEANINGS[target.status].label}”` : '';
      const bucket = target.bucket ? `, waiting ${BACKLOG_BUCKET_LABELS[target.bucket].toLowerCase()}` : '';
      return {
        title: `Identifications in review${status}${bucket}`,
        description: `In IDnow’s review now${narrowed}, longest waiting first.`,
        unit: ['identification', 'identifications'],
        atHeader: 'In review since',
      };
    }
  }
}
