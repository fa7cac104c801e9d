import { funnelSteps, IDENTIFICATION_STATUSES, type IdentificationStatus } from '@identdesk/domain';
import { describe, expect, it } from 'vitest';
import { chartTableCsv, chartTableText, type ChartTableModel } from '../../../components/charts/chart-table.ts';
import { parseCsv } from '../../../testing/parse-csv.ts';
import { drillDownTargetOf, metricsSearchSchema, resolveMetricsFilter } from './metrics-search.ts';
import {
  backlogTable,
  biggestChangesTable,
  cohortTable,
  failureCategoriesTable,
  failureReasonsTable,
  funnelTable,
  outcomesTable,
  retryRecoveryTable,
  shortAgeLabel,
  teamWorkPeopleTable,
  teamWorkPeriodsTable,
  timeBinsTable,
  timeToIdentifyPeriodsTable,
  type BacklogData,
  type DrillLink,
  type FailureReasonsData,
  type FunnelData,
  type OutcomesData,
  type RetryRecoveryData,
  type TeamWorkData,
  type TimeToIdentifyData,
} from './metrics-tables.ts';

const filter = resolveMetricsFilter(metricsSearchSchema.parse({ from: '2026-03-02', to: '2026-03-15', granularity: 'week', branch: 'Berlin' }), '2026-03-30');

/** The number a person reads in a cell ("1,234", "34.6 %", "−2", "≈ 2 h 10 min" in seconds), or the text. */
function reading(text: string): number | string | null {
  if (text === '–') return null;
  const duration = /^≈ (?:(\d+) d)? ?(?:(\d+) h)? ?(?:(\d+) min)? ?(?:(\d+) s)?$/.exec(text);
  if (duration) {
    const [, days = 0, hours = 0, minutes = 0, seconds = 0] = duration;
    return Number(days) * 86_400 + Number(hours) * 3_600 + Number(minutes) * 60 + Number(seconds);
  }
  const number = text.replaceAll(',', '').replace(' %', '').replace('−', '-').replace(/^\+/, '');
  return /^-?\d+(\.\d+)?$/.test(number) ? Number(number) : text;
}

/** The CSV is the table: same rows and columns, and every cell the same number or text as shown. */
function expectCsvToBeTheTable<Row>(model: ChartTableModel<Row, DrillLink>) {
  const csv = parseCsv(chartTableCsv(model));
  const shown = chartTableText(model);
  expect(csv).toHaveLength(shown.length);
  expect(csv[0]).toEqual(model.columns.map((column) => column.csvHeader ?? column.header));
  csv.slice(1).forEach((line, rowIndex) => {
    line.forEach((field, columnIndex) => {
      const text = shown[rowIndex + 1]?.[columnIndex] ?? '';
      const read = reading(text);
      if (typeof read === 'number') expect(Number(field), `${text} in row ${rowIndex + 1}`).toBe(read);
      else if (read === null) expect(field).toBe('');
      else expect(field).toBe(text);
    });
  });
}

const funnel: FunnelData = {
  from: '2026-03-02',
  to: '2026-03-15',
  granularity: 'week',
  total: funnelSteps([1_203, 1_190, 1_100, 812, 777]),
  cohorts: [
    { period: '2026-03-02', from: '2026-03-02', to: '2026-03-08', counts: [600, 595, 550, 400, 380] },
    { period: '2026-03-09', from: '2026-03-09', to: '2026-03-15', counts: [603, 595, 550, 412, 397] },
  ],
};

const linkOf = (model: ChartTableModel<unknown, DrillLink>, columnKey: string, row: unknown) =>
  model.columns.find((column) => column.key === columnKey)?.target?.(row) ?? null;

describe('funnel tables', () => {
  it('show each step with its conversion, rounded to the percent the CSV carries', () => {
    const table = funnelTable(funnel, filter);
    expect(chartTableText(table)[3]).toEqual(['Requested from IDnow', '1,100', '92.4 %', '91.4 %', '288']);
    expect(chartTableText(table)[5]).toEqual(['Successful', '777', '95.7 %', '64.6 %', '–']);
    expectCsvToBeTheTable(table);
  });

  it('open the persons of a step, or those who stopped there, for the whole range and the filters', () => {
    const table = funnelTable(funnel, filter);
    const requested = funnel.total[2];
    const reached = linkOf(table as ChartTableModel<unknown, DrillLink>, 'count', requested);
    expect(reached?.search).toEqual({ from: '2026-03-02', to: '2026-03-15', branch: 'Berlin', kind: 'funnel', step: 'requested' });
    expect(reached?.label).toBe('1,100 persons reached “Requested from IDnow”: open the list');
    const stopped = linkOf(table as ChartTableModel<unknown, DrillLink>, 'wentNoFurther', requested);
    expect(stopped && drillDownTargetOf(stopped.search)).toEqual({ kind: 'funnel', step: 'requested', stoppedHere: true });
  });

  it('by cohort: each count opens that cohort’s days; the totals row the whole range', () => {
    const table = cohortTable(funnel, filter);
    const text = chartTableText(table);
    expect(text[0]).toEqual([
      'Cohort',
      'Persons created',
      'Identification created',
      '% of prev.',
      'Requested',
      '% of prev.',
      'Review or success',
      '% of prev.',
      'Successful',
      '% of prev.',
      '% of created',
    ]);
    expect(text[1]?.[0]).toBe('2–8 Mar 2026');
    expect(text[3]?.[0]).toBe('All cohorts');
    expect(text[3]?.[1]).toBe('1,203');
    const secondWeek = table.rows[1];
    // The server sends a cohort's counts; the table derives each step's conversion from them.
    expect(text[2]?.slice(1, 4)).toEqual(['603', '595', '98.7 %']);
    expect(linkOf(table as ChartTableModel<unknown, DrillLink>, 'successful', secondWeek)?.search).toMatchObject({ from: '2026-03-09', to: '2026-03-15', step: 'successful' });
    expect(linkOf(table as ChartTableModel<unknown, DrillLink>, 'successful', table.footer)?.search).toMatchObject({ from: '2026-03-02', to: '2026-03-15' });
    expectCsvToBeTheTable(table);
  });
});

const counts = (values: Partial<Record<IdentificationStatus, number>>) =>
  Object.fromEntries(IDENTIFICATION_STATUSES.map((status) => [status, values[status] ?? 0])) as Record<IdentificationStatus, number>;

describe('outcomes table', () => {
  const outcomes: OutcomesData = {
    from: '2026-03-02',
    to: '2026-03-15',
    granularity: 'week',
    totals: counts({ created: 50, pending: 48, successful: 30, aborted: 5, failed: 1 }),
    periods: [
      { period: '2026-03-02', from: '2026-03-02', to: '2026-03-08', counts: counts({ created: 20, pending: 20, successful: 12, aborted: 5 }), total: 57 },
      { period: '2026-03-09', from: '2026-03-09', to: '2026-03-15', counts: counts({ created: 30, pending: 28, successful: 18, failed: 1 }), total: 77 },
    ],
  };

  it('counts the outcomes after the request, not the created and pending entries, and totals them', () => {
    const table = outcomesTable(outcomes, filter);
    const text = chartTableText(table);
    expect(text[0]).toEqual(['Period', 'Successful', 'Successful, in review', 'Failed, in review', 'Aborted', 'Canceled', 'Failed', 'Expired', 'Total']);
    expect(text[1]).toEqual(['2–8 Mar 2026', '12', '0', '0', '5', '0', '0', '0', '17']);
    expect(text[3]).toEqual(['Total', '30', '0', '0', '5', '0', '1', '0', '36']);
    expectCsvToBeTheTable(table);
  });

  it('opens a segment for its period and status; an empty one opens nothing', () => {
    const table = outcomesTable(outcomes, filter) as ChartTableModel<unknown, DrillLink>;
    expect(linkOf(table, 'aborted', outcomes.periods[0])?.search).toEqual({
      from: '2026-03-02',
      to: '2026-03-08',
      branch: 'Berlin',
      kind: 'outcome',
      status: 'aborted',
    });
    expect(linkOf(table, 'aborted', outcomes.periods[1])).toBeNull();
  });
});

describe('failure reason tables', () => {
  const code = (name: string, category: 'DATA' | 'TECHNICAL' | 'USER' | null, attempts: number, previousAttempts: number, failed: number) => ({
    code: name,
    known: category !== null,
    category,
    description: category === null ? `Unknown failure code ${name}` : `What ${name} means, with a comma, and "quotes"`,
    permanent: category === null ? null : category === 'DATA',
    causedByCustomer: category === 'USER' ? ('yes' as const) : category === null ? ('not_stated' as const) : ('no' as const),
    attempts,
    share: failed === 0 ? null : attempts / failed,
    previousAttempts,
    change: attempts - previousAttempts,
    changeRate: previousAttempts === 0 ? null : (attempts - previousAttempts) / previousAttempts,
  });
  const codes = [code('TECH_VIDEO', 'TECHNICAL', 7, 2, 12), code('USER_CANCELLATION', 'USER', 4, 9, 12), code('NEW_CODE', null, 1, 0, 12), code('DATA_NAME', 'DATA', 0, 3, 12)];
  const reasons: FailureReasonsData = {
    from: '2026-03-02',
    to: '2026-03-15',
    previousFrom: '2026-02-16',
    previousTo: '2026-03-01',
    attempts: 40,
    failedAttempts: 12,
    previousFailedAttempts: 14,
    causedByCustomer: { yes: 4, no: 7, notStated: 1, share: 4 / 12 },
    permanent: { count: 0, share: 0 },
    codes,
    categories: [
      { category: 'DATA', label: 'Data mismatch', attempts: 0, share: 0, previousAttempts: 3, change: -3 },
      { category: 'TECHNICAL', label: 'Technical problem', attempts: 7, share: 7 / 12, previousAttempts: 2, change: 5 },
    ],
    biggestChanges: [codes[0], codes[1], codes[3]].filter((item) => item !== undefined),
  };

  it('list the codes of this range, most frequent first, with the cumulative share of a Pareto', () => {
    const table = failureReasonsTable(reasons, filter);
    const text = chartTableText(table);
    expect(text.map((row) => row[0])).toEqual(['Failure code', 'TECH_VIDEO', 'USER_CANCELLATION', 'NEW_CODE']);
    expect(text[1]?.slice(1, 7)).toEqual(['Technical problem', '7', '58.3 %', '58.3 %', '2', '+5']);
    expect(text[2]?.slice(1, 7)).toEqual(['Customer side', '4', '33.3 %', '91.7 %', '9', '−5']);
    expect(text[3]?.slice(1, 10)).toEqual(['Not in IDnow’s table', '1', '8.3 %', '100.0 %', '0', '+1', 'Unknown', 'Not stated', 'Unknown failure code NEW_CODE']);
    expectCsvToBeTheTable(table);
    expect(chartTableCsv(table)).toContain('USER_CANCELLATION,Customer side,4,33.3,91.7,9,-5,No,Yes,');
  });

  it('open the attempts of a code over the whole range', () => {
    const table = failureReasonsTable(reasons, filter) as ChartTableModel<unknown, DrillLink>;
    const link = linkOf(table, 'attempts', table.rows[0]);
    expect(link?.search).toEqual({ from: '2026-03-02', to: '2026-03-15', branch: 'Berlin', kind: 'failureReason', code: 'TECH_VIDEO' });
    expect(link?.label).toBe('7 attempts failed with TECH_VIDEO: open the list');
  });

  it('show categories and the biggest changes as the CSV has them', () => {
    expectCsvToBeTheTable(failureCategoriesTable(reasons));
    const changes = biggestChangesTable(reasons, filter);
    expect(chartTableText(changes)[3]).toEqual(['DATA_NAME', '3', '0', '−3', '−100.0 %']);
    expectCsvToBeTheTable(changes);
  });
});

describe('time to identify tables', () => {
  const time: TimeToIdentifyData = {
    from: '2026-03-02',
    to: '2026-03-15',
    granularity: 'week',
    identified: 3,
    medianSeconds: 7_790,
    p90Seconds: 97_000,
    periods: [
      { period: '2026-03-02', from: '2026-03-02', to: '2026-03-08', identified: 3, medianSeconds: 44.6, p90Seconds: 7_790 },
      { period: '2026-03-09', from: '2026-03-09', to: '2026-03-15', identified: 0, medianSeconds: null, p90Seconds: null },
    ],
    histogram: [{ bucket: 21, fromSeconds: 1_920, toSeconds: 2_283, identifications: 3 }],
  };

  it('write durations rounded as shown, in seconds in the CSV', () => {
    const table = timeToIdentifyPeriodsTable(time);
    expect(chartTableText(table)[1]).toEqual(['2–8 Mar 2026', '3', '≈ 45 s', '≈ 2 h 10 min']);
    expect(chartTableText(table)[2]).toEqual(['9–15 Mar 2026', '0', '–', '–']);
    expect(chartTableCsv(table)).toContain('2–8 Mar 2026,3,45,7800\r\n');
    expectCsvToBeTheTable(table);
  });

  it('bin the distribution by doubling', () => {
    const table = timeBinsTable(time);
    expect(chartTableText(table)).toEqual([
      ['Time to identify', 'From (s)', 'Up to (s)', 'Identifications'],
      ['32 min – 1.1 h', '1,920', '3,840', '3'],
    ]);
    expectCsvToBeTheTable(table);
  });
});

describe('backlog, retry and team work tables', () => {
  it('backlog: each cell opens its status and age; the totals row every age', () => {
    const backlog: BacklogData = {
      asOf: '2026-03-30T10:00:00.000Z',
      pendingSuccessful: 3,
      pendingFailed: 1,
      total: 4,
      oldestStartedAt: '2026-03-28T10:00:00.000Z',
      buckets: [
        { bucket: 'under_4h', label: 'Under 4 hours', fromHours: 0, toHours: 4, pendingSuccessful: 2, pendingFailed: 0, total: 2 },
        { bucket: '1d_to_2d', label: '1 to 2 days', fromHours: 24, toHours: 48, pendingSuccessful: 1, pendingFailed: 1, total: 2 },
      ],
    };
    const table = backlogTable(backlog, filter) as ChartTableModel<unknown, DrillLink>;
    expect(linkOf(table, 'pendingFailed', backlog.buckets[1])).toEqual({
      search: { from: '2026-03-02', to: '2026-03-15', branch: 'Berlin', kind: 'backlog', status: 'pending_failed', bucket: '1d_to_2d' },
      label: '1 identification “Failed, in review”, waiting 1 to 2 days: open the list',
    });
    expect(linkOf(table, 'total', table.footer)?.search).toEqual({ from: '2026-03-02', to: '2026-03-15', branch: 'Berlin', kind: 'backlog' });
    expect(linkOf(table, 'pendingFailed', backlog.buckets[0])).toBeNull();
    expectCsvToBeTheTable(table);
  });

  it('backlog: ages short enough for an axis', () => {
    expect(shortAgeLabel({ fromHours: 0, toHours: 4 })).toBe('< 4 h');
    expect(shortAgeLabel({ fromHours: 4, toHours: 12 })).toBe('4–12 h');
    expect(shortAgeLabel({ fromHours: 12, toHours: 24 })).toBe('12 h – 1 d');
    expect(shortAgeLabel({ fromHours: 48, toHours: 168 })).toBe('2–7 d');
    expect(shortAgeLabel({ fromHours: 168, toHours: null })).toBe('> 7 d');
  });

  it('retry recovery: rates with nothing to divide by stay empty', () => {
    const retry: RetryRecoveryData = {
      from: '2026-03-02',
      to: '2026-03-15',
      granularity: 'week',
      interrupted: 3,
      recovered: 2,
      rate: 2 / 3,
      periods: [
        { period: '2026-03-02', from: '2026-03-02', to: '2026-03-08', interrupted: 3, recovered: 2, rate: 2 / 3 },
        { period: '2026-03-09', from: '2026-03-09', to: '2026-03-15', interrupted: 0, recovered: 0, rate: null },
      ],
    };
    const table = retryRecoveryTable(retry);
    expect(chartTableText(table).slice(1)).toEqual([
      ['2–8 Mar 2026', '3', '2', '66.7 %'],
      ['9–15 Mar 2026', '0', '0', '–'],
      ['Total', '3', '2', '66.7 %'],
    ]);
    expectCsvToBeTheTable(table);
  });

  it('team work: staff names and roles, per person and per period', () => {
    const work: TeamWorkData = {
      from: '2026-03-02',
      to: '2026-03-15',
      granularity: 'week',
      people: [
        { userId: 'u1', displayName: 'Alex Agent', role: 'agent', recorded: 5, decided: 0, approved: 0, rejected: 0, resubmissionRequested: 0 },
        { userId: 'u2', displayName: 'Casey Compliance', role: 'compliance', recorded: 0, decided: 4, approved: 3, rejected: 1, resubmissionRequested: 0 },
      ],
      rows: [
        { period: '2026-03-02', userId: 'u1', recorded: 5, decided: 0, approved: 0, rejected: 0, resubmissionRequested: 0 },
        { period: '2026-03-09', userId: 'u2', recorded: 0, decided: 4, approved: 3, rejected: 1, resubmissionRequested: 0 },
      ],
      periods: [
        { period: '2026-03-02', from: '2026-03-02', to: '2026-03-08', recorded: 5, decided: 0, approved: 0, rejected: 0, resubmissionRequested: 0 },
        { period: '2026-03-09', from: '2026-03-09', to: '2026-03-15', recorded: 0, decided: 4, approved: 3, rejected: 1, resubmissionRequested: 0 },
      ],
    };
    expect(chartTableText(teamWorkPeopleTable(work))[2]).toEqual(['Casey Compliance', 'Compliance', '0', '4', '3', '1', '0']);
    expect(chartTableText(teamWorkPeriodsTable(work))[2]).toEqual(['9–15 Mar 2026', 'Casey Compliance', '0', '4', '3', '1', '0']);
    expectCsvToBeTheTable(teamWorkPeopleTable(work));
    expectCsvToBeTheTable(teamWorkPeriodsTable(work));
  });
});
