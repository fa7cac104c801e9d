import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IdentificationStatus } from '@identdesk/domain';
import {
  createPerson,
  createProofOfAddressSubmission,
  createUser,
  makeIdentification,
  makeIdnowAttempt,
  openTestDatabase,
  type TestDatabase,
} from '../testing.ts';
import type { UserRow } from '../schema/users.ts';
import { upsertIdentificationSnapshot, upsertIdnowAttempts, type IdnowAttemptInput } from './identifications.ts';
import { timeToIdentifyBucket, timeToIdentifyBucketRange } from './metrics-buckets.ts';
import { rebuildMetricRollups } from './metrics-rollups.ts';
import {
  getMetricsBacklog,
  getMetricsDrillDown,
  getMetricsFailureReasons,
  getMetricsFunnel,
  getMetricsOutcomes,
  getMetricsRetryRecovery,
  getMetricsTeamWork,
  getMetricsTimeToIdentify,
  listMetricsBranches,
  periodsOf,
} from './metrics.ts';
import { snapshotMetricTables } from './metrics-test-support.ts';

/*
 * A small hand-made history whose answers are worked out by hand, in Berlin winter time (UTC+1).
 * The range is two weeks, Monday 2025-01-06 to Sunday 2025-01-19; the two weeks before it are
 * the "previous period" of the failure reasons.
 *
 *  P0  2024-12-30  I0 DE: pending; TECH_AUDIO ×3 (12-30, 12-31, 01-03), TECH_PHOTO (01-02): all before the range
 *  P1  01-06 BR1   I1 DE: pending 01-06 09:10, ABORTED TECH_AUDIO 09:30, REVIEW_PENDING 01-07 10:00,
 *                  pending_successful 10:01, successful 12:00          → step 5, 24 h 51 min to identify, recovered
 *  P2  01-07 BR1   (00:30 Berlin = 01-06 23:30 UTC: a Berlin day, not a UTC day)
 *                  I2 EN: pending 01:00, ABORTED DATA_APPLICATION_ADDRESS 01-08 10:00 → step 3, not recovered
 *  P3  01-13 —     I3 DE: created only                                  → step 2
 *  P4  01-13 —     no identification                                    → step 1
 *  P5  01-14 BR2   I5a EN: pending, ABORTED TECH_INTERNAL_SERVER_ERROR 08:30;
 *                  I5b DE 01-15: pending, FRAUD_SUSPICION_PENDING → pending_failed 09:31 → step 3, language EN
 *  P6  01-15 BR2   I6 DE 01-16: pending 08:05, REVIEW_PENDING → pending_successful 09:01 → step 4, 56 min
 *
 * "Now" is 2025-01-16 12:00 Berlin: I6 has waited 3 h in review, I5b 26.5 h.
 */
const at = (berlinWinterTime: string) => new Date(`${berlinWinterTime}+01:00`);
const NOW = at('2025-01-16T12:00:00');
const RANGE = { from: '2025-01-06', to: '2025-01-19' } as const;

let handle: TestDatabase;
const ids: Record<string, string> = {};
let agentOne: UserRow;
let agentTwo: UserRow;
let reviewer: UserRow;

async function identification(
  name: string,
  personId: string,
  language: 'DE' | 'EN',
  timeline: [IdentificationStatus, string][],
  attempts: (Partial<IdnowAttemptInput> & { identificationTime: Date })[] = [],
) {
  const [first, ...rest] = timeline;
  if (!first) throw new Error('a timeline starts with created');
  const snapshot = makeIdentification(personId, { language, createdAt: at(first[1]) });
  ids[name] = snapshot.id;
  await upsertIdentificationSnapshot(handle.db, { identification: snapshot, observedAt: at(first[1]), source: 'test' });
  const made = attempts.map((attempt) => makeIdnowAttempt(attempt));
  for (const [status, time] of rest) {
    const observedAt = at(time);
    await upsertIdentificationSnapshot(handle.db, { identification: { ...snapshot, status }, observedAt, source: 'test' });
    // Solaris lists every attempt made so far, as a sync after each status change would fetch them.
    const soFar = made.filter((attempt) => attemptTime(attempt) <= observedAt);
    if (soFar.length > 0) await upsertIdnowAttempts(handle.db, snapshot.id, soFar, observedAt);
  }
  if (made.length > 0) await upsertIdnowAttempts(handle.db, snapshot.id, made, NOW);
}

function attemptTime(attempt: IdnowAttemptInput): Date {
  const payload = attempt.payload as { identificationprocess: { identificationtime: string } };
  return new Date(payload.identificationprocess.identificationtime);
}

beforeAll(async () => {
  handle = await openTestDatabase();
  const db = handle.db;
  const person = async (name: string, created: string, branch: string | null) => {
    const snapshot = await createPerson(db, { branch }, at(created));
    ids[name] = snapshot.id;
    return snapshot.id;
  };

  const p0 = await person('P0', '2024-12-30T09:00:00', null);
  await identification('I0', p0, 'DE', [['created', '2024-12-30T09:05:00'], ['pending', '2024-12-30T09:10:00'], ['aborted', '2024-12-30T10:31:00']], [
    { result: 'ABORTED', reason: 'TECH_AUDIO', identificationTime: at('2024-12-30T10:30:00') },
    { result: 'ABORTED', reason: 'TECH_AUDIO', identificationTime: at('2024-12-31T10:00:00') },
    { result: 'ABORTED', reason: 'TECH_PHOTO', identificationTime: at('2025-01-02T10:00:00') },
    { result: 'ABORTED', reason: 'TECH_AUDIO', identificationTime: at('2025-01-03T10:00:00') },
  ]);

  const p1 = await person('P1', '2025-01-06T09:00:00', 'BR1');
  await identification(
    'I1',
    p1,
    'DE',
    [
      ['created', '2025-01-06T09:05:00'],
      ['pending', '2025-01-06T09:10:00'],
      ['aborted', '2025-01-06T09:31:00'],
      ['pending_successful', '2025-01-07T10:01:00'],
      ['successful', '2025-01-07T12:00:00'],
    ],
    [
      { result: 'ABORTED', reason: 'TECH_AUDIO', identificationTime: at('2025-01-06T09:30:00') },
      { result: 'REVIEW_PENDING', reason: null, identificationTime: at('2025-01-07T10:00:00') },
    ],
  );

  const p2 = await person('P2', '2025-01-07T00:30:00', 'BR1');
  await identification(
    'I2',
    p2,
    'EN',
    [['created', '2025-01-07T00:40:00'], ['pending', '2025-01-07T01:00:00'], ['aborted', '2025-01-08T10:00:00']],
    [{ result: 'ABORTED', reason: 'DATA_APPLICATION_ADDRESS', identificationTime: at('2025-01-08T10:00:00') }],
  );

  const p3 = await person('P3', '2025-01-13T10:00:00', null);
  await identification('I3', p3, 'DE', [['created', '2025-01-13T10:05:00']]);
  await person('P4', '2025-01-13T11:00:00', null);

  const p5 = await person('P5', '2025-01-14T08:00:00', 'BR2');
  await identification(
    'I5a',
    p5,
    'EN',
    [['created', '2025-01-14T08:10:00'], ['pending', '2025-01-14T08:15:00'], ['aborted', '2025-01-14T08:31:00']],
    [{ result: 'ABORTED', reason: 'TECH_INTERNAL_SERVER_ERROR', identificationTime: at('2025-01-14T08:30:00') }],
  );
  await identification(
    'I5b',
    p5,
    'DE',
    [['created', '2025-01-15T09:00:00'], ['pending', '2025-01-15T09:05:00'], ['pending_failed', '2025-01-15T09:31:00']],
    [{ result: 'FRAUD_SUSPICION_PENDING', reason: null, identificationTime: at('2025-01-15T09:30:00') }],
  );

  const p6 = await person('P6', '2025-01-15T10:00:00', 'BR2');
  await identification(
    'I6',
    p6,
    'DE',
    [['created', '2025-01-16T08:00:00'], ['pending', '2025-01-16T08:05:00'], ['pending_successful', '2025-01-16T09:01:00']],
    [{ result: 'REVIEW_PENDING', reason: null, identificationTime: at('2025-01-16T09:00:00') }],
  );

  agentOne = await createUser(db, { displayName: 'Ada Agent' });
  agentTwo = await createUser(db, { displayName: 'Bo Agent' });
  reviewer = await createUser(db, { displayName: 'Cy Compliance', role: 'compliance' });
  await createProofOfAddressSubmission(db, {
    personId: p1,
    identificationId: ids.I1 ?? '',
    recordedBy: agentOne.id,
    recordedAt: at('2025-01-07T10:00:00'),
    status: 'approved',
    decidedBy: reviewer.id,
    decidedAt: at('2025-01-08T09:00:00'),
  });
  await createProofOfAddressSubmission(db, {
    personId: p5,
    identificationId: ids.I5a ?? '',
    recordedBy: agentOne.id,
    recordedAt: at('2025-01-14T10:00:00'),
    status: 'rejected',
    decidedBy: reviewer.id,
    decidedAt: at('2025-01-15T10:00:00'),
    decisionReason: 'The bill is older than six months.',
  });
  await createProofOfAddressSubmission(db, {
    personId: p3,
    identificationId: ids.I3 ?? '',
    recordedBy: agentTwo.id,
    recordedAt: at('2025-01-14T11:00:00'),
  });
});

afterAll(() => handle?.close());

const counts = (steps: { count: number }[]) => steps.map((step) => step.count);

describe('metrics on a hand-made history', () => {
  it('funnel: each person once, at the furthest step, in Berlin-day cohorts', async () => {
    const weekly = await getMetricsFunnel(handle.db, { ...RANGE, granularity: 'week' });
    expect(counts(weekly.total)).toEqual([6, 5, 4, 2, 1]);
    expect(weekly.total.map((step) => step.conversionFromPrevious)).toEqual([null, 5 / 6, 4 / 5, 2 / 4, 1 / 2]);
    expect(weekly.total[4]?.conversionFromStart).toBe(1 / 6);
    expect(weekly.cohorts.map((cohort) => [cohort.period, cohort.from, cohort.to, cohort.counts])).toEqual([
      ['2025-01-06', '2025-01-06', '2025-01-12', [2, 2, 2, 1, 1]],
      ['2025-01-13', '2025-01-13', '2025-01-19', [4, 3, 2, 1, 0]],
    ]);

    // P2 signed up at 00:30 in Berlin, still the 6th in UTC: the cohort is Berlin's 7th.
    const daily = await getMetricsFunnel(handle.db, { from: '2025-01-06', to: '2025-01-07', granularity: 'day' });
    expect(daily.cohorts.map((cohort) => [cohort.period, cohort.counts[0]])).toEqual([
      ['2025-01-06', 1],
      ['2025-01-07', 1],
    ]);
  });

  it('funnel filters: language of the first identification, branch as first seen', async () => {
    const german = await getMetricsFunnel(handle.db, { ...RANGE, granularity: 'month', language: 'DE' });
    expect(counts(german.total)).toEqual([3, 3, 2, 2, 1]);
    expect(german.cohorts.map((cohort) => [cohort.period, cohort.from, cohort.to])).toEqual([['2025-01-01', '2025-01-06', '2025-01-19']]);
    const english = await getMetricsFunnel(handle.db, { ...RANGE, granularity: 'month', language: 'EN' });
    expect(counts(english.total)).toEqual([2, 2, 2, 0, 0]);
    const branch = await getMetricsFunnel(handle.db, { ...RANGE, granularity: 'month', branch: 'BR1' });
    expect(counts(branch.total)).toEqual([2, 2, 2, 1, 1]);
    expect(await listMetricsBranches(handle.db)).toEqual(['BR1', 'BR2']);
  });

  it('outcomes: entries into each status per Berlin day', async () => {
    const outcomes = await getMetricsOutcomes(handle.db, { ...RANGE, granularity: 'day' });
    expect(outcomes.totals).toEqual({
      created: 6,
      pending: 5,
      pending_successful: 2,
      pending_failed: 1,
      successful: 1,
      aborted: 3,
      canceled: 0,
      failed: 0,
      expired: 0,
    });
    expect(outcomes.periods).toHaveLength(14);
    const day = (date: string) => outcomes.periods.find((period) => period.period === date);
    expect(day('2025-01-07')?.counts).toMatchObject({ created: 1, pending: 1, pending_successful: 1, successful: 1, aborted: 0 });
    expect(day('2025-01-08')?.total).toBe(1);
    expect(day('2025-01-10')?.total).toBe(0);
    const english = await getMetricsOutcomes(handle.db, { ...RANGE, granularity: 'week', language: 'EN' });
    expect(english.totals).toMatchObject({ created: 2, pending: 2, aborted: 2, successful: 0 });
  });

  it('failure reasons: codes, categories, customer and permanent shares, changes against the two weeks before', async () => {
    const reasons = await getMetricsFailureReasons(handle.db, RANGE);
    expect(reasons).toMatchObject({
      previousFrom: '2024-12-23',
      previousTo: '2025-01-05',
      attempts: 6,
      failedAttempts: 3,
      previousFailedAttempts: 4,
      causedByCustomer: { yes: 2, no: 1, notStated: 0, share: 2 / 3 },
      permanent: { count: 1, share: 1 / 3 },
    });
    expect(reasons.codes.map((code) => [code.code, code.attempts, code.previousAttempts, code.change])).toEqual([
      ['TECH_AUDIO', 1, 3, -2],
      ['DATA_APPLICATION_ADDRESS', 1, 0, 1],
      ['TECH_INTERNAL_SERVER_ERROR', 1, 0, 1],
      ['TECH_PHOTO', 0, 1, -1],
    ]);
    expect(reasons.codes[1]).toMatchObject({ category: 'DATA', permanent: true, causedByCustomer: 'yes', share: 1 / 3, changeRate: null });
    expect(reasons.codes[0]?.changeRate).toBe(-2 / 3);
    expect(reasons.categories.map((category) => [category.category, category.attempts, category.previousAttempts])).toEqual([
      ['DATA', 1, 0],
      ['TECHNICAL', 2, 4],
    ]);
    expect(reasons.biggestChanges.map((code) => code.code)).toEqual([
      'TECH_AUDIO',
      'DATA_APPLICATION_ADDRESS',
      'TECH_INTERNAL_SERVER_ERROR',
      'TECH_PHOTO',
    ]);
  });

  it('time to identify: request to first success, median and p90 within their bucket', async () => {
    const result = await getMetricsTimeToIdentify(handle.db, { ...RANGE, granularity: 'week' });
    const i1 = 24 * 3600 + 51 * 60;
    const i6 = 56 * 60;
    expect(result.identified).toBe(2);
    expect(result.histogram.map((bucket) => [bucket.bucket, bucket.identifications])).toEqual([
      [timeToIdentifyBucket(i6), 1],
      [timeToIdentifyBucket(i1), 1],
    ]);
    const within = (value: number | null, exact: number) => {
      const { fromSeconds, toSeconds } = timeToIdentifyBucketRange(timeToIdentifyBucket(exact));
      expect(value).toBeGreaterThanOrEqual(fromSeconds);
      expect(value).toBeLessThanOrEqual(toSeconds ?? Infinity);
      expect(Math.abs((value ?? 0) - exact) / exact).toBeLessThan(0.19);
    };
    within(result.medianSeconds, i6);
    within(result.p90Seconds, i1);
    expect(result.periods.map((period) => period.identified)).toEqual([1, 1]);
    within(result.periods[0]?.medianSeconds ?? null, i1);
  });

  it('review backlog: what waits in review now, by age', async () => {
    const backlog = await getMetricsBacklog(handle.db, { now: NOW });
    expect(backlog).toMatchObject({ pendingSuccessful: 1, pendingFailed: 1, total: 2, oldestStartedAt: at('2025-01-15T09:31:00') });
    const nonEmpty = backlog.buckets.filter((bucket) => bucket.total > 0);
    expect(nonEmpty.map((bucket) => [bucket.bucket, bucket.pendingSuccessful, bucket.pendingFailed])).toEqual([
      ['under_4h', 1, 0],
      ['1d_to_2d', 0, 1],
    ]);
    expect((await getMetricsBacklog(handle.db, { now: NOW, language: 'EN' })).total).toBe(0);
    expect((await getMetricsBacklog(handle.db, { now: NOW, branch: 'BR2' })).total).toBe(2);
  });

  it('retry recovery: persons who succeeded after an aborted attempt', async () => {
    const retry = await getMetricsRetryRecovery(handle.db, { ...RANGE, granularity: 'week' });
    expect(retry).toMatchObject({ interrupted: 3, recovered: 1, rate: 1 / 3 });
    expect(retry.periods.map((period) => [period.interrupted, period.recovered])).toEqual([
      [2, 1],
      [1, 0],
    ]);
    expect(await getMetricsRetryRecovery(handle.db, { ...RANGE, granularity: 'week', language: 'EN' })).toMatchObject({
      interrupted: 2,
      recovered: 0,
      rate: 0,
    });
  });

  it('team work: proofs of address recorded and decided, per person and week', async () => {
    const work = await getMetricsTeamWork(handle.db, { ...RANGE, granularity: 'week' });
    expect(work.people.map((person) => [person.displayName, person.recorded, person.decided, person.approved, person.rejected])).toEqual([
      ['Ada Agent', 2, 0, 0, 0],
      ['Cy Compliance', 0, 2, 1, 1],
      ['Bo Agent', 1, 0, 0, 0],
    ]);
    expect(work.periods.map((period) => [period.period, period.recorded, period.decided])).toEqual([
      ['2025-01-06', 1, 1],
      ['2025-01-13', 2, 1],
    ]);
    expect(work.rows).toContainEqual({
      period: '2025-01-13',
      userId: reviewer.id,
      recorded: 0,
      decided: 1,
      approved: 0,
      rejected: 1,
      resubmissionRequested: 0,
    });
    const english = await getMetricsTeamWork(handle.db, { ...RANGE, granularity: 'week', language: 'EN' });
    expect(english.people.map((person) => [person.displayName, person.recorded, person.decided])).toEqual([
      ['Ada Agent', 1, 0],
      ['Cy Compliance', 0, 1],
    ]);
  });
});

describe('drill-down: the identifications behind a figure', () => {
  const page = { page: 1, pageSize: 25, now: NOW };

  it('a funnel step lists each person’s furthest identification, and its total is the step’s count', async () => {
    const requested = await getMetricsDrillDown(handle.db, { ...RANGE, ...page, target: { kind: 'funnel', step: 'requested' } });
    expect(requested.total).toBe(4);
    expect(requested.items.map((item) => item.identificationId)).toEqual([ids.I6, ids.I5a, ids.I2, ids.I1]);
    expect(requested.items[0]).toMatchObject({ status: 'pending_successful', language: 'DE', at: at('2025-01-15T10:00:00') });

    const stoppedAtRequest = await getMetricsDrillDown(handle.db, {
      ...RANGE,
      ...page,
      target: { kind: 'funnel', step: 'requested', stoppedHere: true },
    });
    expect(stoppedAtRequest.total).toBe(2);
    expect(stoppedAtRequest.items.map((item) => item.identificationId)).toEqual([ids.I5a, ids.I2]);
    expect(stoppedAtRequest.items[0]).toMatchObject({ status: 'aborted', latestFailureCode: 'TECH_INTERNAL_SERVER_ERROR' });

    const created = await getMetricsDrillDown(handle.db, {
      from: '2025-01-13',
      to: '2025-01-13',
      ...page,
      target: { kind: 'funnel', step: 'persons_created' },
    });
    expect(created.total).toBe(2);
    expect(created.items.map((item) => item.identificationId).sort()).toEqual([ids.I3, null].sort());
  });

  it('an outcome bar lists the status entries of its days, newest first, without personal data', async () => {
    const aborted = await getMetricsDrillDown(handle.db, { ...RANGE, ...page, target: { kind: 'outcome', status: 'aborted' } });
    expect(aborted.total).toBe(3);
    expect(aborted.items.map((item) => item.identificationId)).toEqual([ids.I5a, ids.I2, ids.I1]);
    expect(Object.keys(aborted.items[0] ?? {}).sort()).toEqual(['at', 'createdAt', 'identificationId', 'language', 'latestFailureCode', 'status']);
    const oneDay = await getMetricsDrillDown(handle.db, {
      from: '2025-01-08',
      to: '2025-01-08',
      ...page,
      target: { kind: 'outcome', status: 'aborted' },
    });
    expect(oneDay.items.map((item) => item.identificationId)).toEqual([ids.I2]);
    expect(oneDay.total).toBe(1);
  });

  it('a failure code lists its attempts, a backlog bucket its identifications, paged', async () => {
    const audio = await getMetricsDrillDown(handle.db, {
      from: '2024-12-23',
      to: '2025-01-19',
      page: 1,
      pageSize: 2,
      now: NOW,
      target: { kind: 'failureReason', code: 'TECH_AUDIO' },
    });
    expect(audio.total).toBe(4);
    expect(audio.items.map((item) => item.at)).toEqual([at('2025-01-06T09:30:00'), at('2025-01-03T10:00:00')]);
    const second = await getMetricsDrillDown(handle.db, {
      from: '2024-12-23',
      to: '2025-01-19',
      page: 2,
      pageSize: 2,
      now: NOW,
      target: { kind: 'failureReason', code: 'TECH_AUDIO' },
    });
    expect(second.items.map((item) => item.identificationId)).toEqual([ids.I0, ids.I0]);

    const waiting = await getMetricsDrillDown(handle.db, { ...RANGE, ...page, target: { kind: 'backlog', bucket: '1d_to_2d' } });
    expect(waiting).toMatchObject({ total: 1, items: [{ identificationId: ids.I5b, status: 'pending_failed' }] });
  });
});

describe('rollups of the hand-made history', () => {
  it('equal a rebuild from raw rows', async () => {
    const incremental = await snapshotMetricTables(handle.db);
    await rebuildMetricRollups(handle.db);
    expect(await snapshotMetricTables(handle.db)).toEqual(incremental);
  });

  it('periods cover the range, weeks from Monday and months clipped to it', () => {
    expect(periodsOf('2025-01-30', '2025-03-02', 'month')).toEqual([
      { period: '2025-01-01', from: '2025-01-30', to: '2025-01-31' },
      { period: '2025-02-01', from: '2025-02-01', to: '2025-02-28' },
      { period: '2025-03-01', from: '2025-03-01', to: '2025-03-02' },
    ]);
    expect(periodsOf('2025-01-01', '2025-01-06', 'week').map((period) => period.period)).toEqual(['2024-12-30', '2025-01-06']);
  });
});
