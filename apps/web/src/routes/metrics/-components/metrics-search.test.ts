import { describe, expect, it } from 'vitest';
import {
  defaultGranularity,
  drillDownSearch,
  drillDownSearchSchema,
  drillDownTargetOf,
  metricsSearchSchema,
  rangeProblem,
  resolveMetricsFilter,
  seriesInput,
} from './metrics-search.ts';

const TODAY = '2026-03-30';

describe('metrics page URL', () => {
  it('shows the last 30 days by day when the URL says nothing', () => {
    const filter = resolveMetricsFilter(metricsSearchSchema.parse({}), TODAY);
    expect(filter).toMatchObject({ from: '2026-03-01', to: TODAY, preset: '30d', granularity: 'day', granularityChosen: false });
    expect(seriesInput(filter)).toEqual({ from: '2026-03-01', to: TODAY, granularity: 'day' });
  });

  it('keeps a preset rolling: "last 7 days" ends today, whatever day the link is opened', () => {
    const search = metricsSearchSchema.parse({ range: '7d' });
    expect(resolveMetricsFilter(search, '2026-03-30')).toMatchObject({ from: '2026-03-24', to: '2026-03-30' });
    expect(resolveMetricsFilter(search, '2026-04-02')).toMatchObject({ from: '2026-03-27', to: '2026-04-02' });
  });

  it('uses fixed days when both are given and valid, and groups long ranges by week or month unless told', () => {
    const filter = resolveMetricsFilter(metricsSearchSchema.parse({ from: '2026-01-01', to: '2026-03-31', language: 'EN', branch: 'Berlin' }), TODAY);
    expect(filter).toMatchObject({ from: '2026-01-01', to: '2026-03-31', preset: null, granularity: 'week', language: 'EN', branch: 'Berlin' });
    const byDay = resolveMetricsFilter(metricsSearchSchema.parse({ from: '2026-01-01', to: '2026-03-31', granularity: 'day' }), TODAY);
    expect(byDay).toMatchObject({ granularity: 'day', granularityChosen: true });
    expect(defaultGranularity(31)).toBe('day');
    expect(defaultGranularity(90)).toBe('week');
    expect(defaultGranularity(365)).toBe('month');
  });

  it('drops what it cannot read instead of breaking the page', () => {
    const search = metricsSearchSchema.parse({ range: '12d', from: '2026-02-30', to: 'tomorrow', granularity: 'hour', language: 'FR', branch: '' });
    expect(search).toEqual({});
    // One day alone is not a range: the preset applies.
    expect(resolveMetricsFilter(metricsSearchSchema.parse({ from: '2026-03-01' }), TODAY).preset).toBe('30d');
    // A number-looking branch arrives as a number from the router and is still a branch.
    expect(metricsSearchSchema.parse({ branch: 42 }).branch).toBe('42');
  });

  it('ignores a reversed or too long range in the URL, and names the field and the rule when one is typed', () => {
    expect(resolveMetricsFilter(metricsSearchSchema.parse({ from: '2026-03-10', to: '2026-03-01' }), TODAY).preset).toBe('30d');
    expect(rangeProblem('2026-03-10', '2026-03-01')).toEqual({ field: 'to', message: '"To" (2026-03-01) must be on or after "From" (2026-03-10).' });
    expect(rangeProblem('2025-01-01', '2026-03-01')).toEqual({ field: 'to', message: 'The range spans 425 days; choose at most 400.' });
    expect(rangeProblem('2025-03-01', '2026-04-04')).toBeNull();
  });
});

describe('drill-down URL', () => {
  const filter = { language: 'DE' as const, branch: 'Berlin' };

  it('round-trips every kind of figure through the URL', () => {
    const targets = [
      { kind: 'funnel', step: 'requested', stoppedHere: false },
      { kind: 'funnel', step: 'reached_review_or_success', stoppedHere: true },
      { kind: 'outcome', status: 'aborted' },
      { kind: 'failureReason', code: 'TECH_VIDEO' },
      { kind: 'backlog', status: 'pending_failed', bucket: '1d_to_2d' },
      { kind: 'backlog' },
    ] as const;
    for (const target of targets) {
      const search = drillDownSearch({ from: '2026-03-02', to: '2026-03-08' }, filter, target);
      const parsed = drillDownSearchSchema.parse(search);
      expect(parsed).toMatchObject({ from: '2026-03-02', to: '2026-03-08', language: 'DE', branch: 'Berlin' });
      expect(drillDownTargetOf(parsed)).toEqual(target);
    }
  });

  it('names no figure when the URL is incomplete or wrong', () => {
    expect(drillDownTargetOf(drillDownSearchSchema.parse({ kind: 'funnel' }))).toBeNull();
    expect(drillDownTargetOf(drillDownSearchSchema.parse({ kind: 'outcome', status: 'done' }))).toBeNull();
    expect(drillDownTargetOf(drillDownSearchSchema.parse({ kind: 'backlog', status: 'successful' }))).toBeNull();
    expect(drillDownTargetOf(drillDownSearchSchema.parse({ kind: 'pie' }))).toBeNull();
  });
});
