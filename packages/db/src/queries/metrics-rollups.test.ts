import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { IdentificationStatus, IdnowResult } from '@identdesk/domain';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, migrateDatabase, openDatabase, type DatabaseHandle } from '../client.ts';
import { sql } from 'drizzle-orm';
import {
  createPerson,
  createProofOfAddressSubmission,
  createThrowawayPostgresDatabase,
  createUser,
  makeIdentification,
  makeIdnowAttempt,
  makePerson,
  openTestDatabase,
  type TestDatabase,
} from '../testing.ts';
import { decideProofOfAddressSubmission } from './compliance.ts';
import { upsertIdentificationSnapshot, upsertIdnowAttempts, type IdnowAttemptInput } from './identifications.ts';
import { rebuildMetricRollups, settleMetricRollups } from './metrics-rollups.ts';
import { storeIdentificationRefetch, type IdentificationRefetch } from './solaris-sync.ts';
import { snapshotMetricTables } from './metrics-test-support.ts';
import {
  getMetricsFailureReasons,
  getMetricsFunnel,
  getMetricsOutcomes,
  getMetricsTeamWork,
  getMetricsTimeToIdentify,
  splitIntoPeriods,
  type MetricsFilter,
} from './metrics.ts';
import { upsertPersonSnapshot, type PersonSnapshot } from './persons.ts';

/** A small seeded generator (mulberry32): the same seed gives the same history and order. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j] as T, items[i] as T];
      }
      return items;
    },
  };
}

type Step = { status: IdentificationStatus; attempt?: { result: IdnowResult; reason?: string | null; updates?: 'previous' } };

/** Lives an identification can have; an attempt with `updates` changes the previous attempt's result (a review ending). */
const PATHS: Step[][] = [
  [{ status: 'created' }],
  [{ status: 'created' }, { status: 'pending' }],
  [{ status: 'created' }, { status: 'pending' }, { status: 'expired' }],
  [
    { status: 'created' },
    { status: 'pending' },
    { status: 'aborted', attempt: { result: 'ABORTED', reason: 'TECH_AUDIO' } },
    { status: 'pending_successful', attempt: { result: 'REVIEW_PENDING' } },
    { status: 'successful', attempt: { result: 'SUCCESS', updates: 'previous' } },
  ],
  [
    { status: 'created' },
    { status: 'pending' },
    { status: 'pending_successful', attempt: { result: 'REVIEW_PENDING' } },
    { status: 'canceled', attempt: { result: 'CANCELED', reason: 'NO_SECURITY_QUESTION_ASKED', updates: 'previous' } },
    { status: 'pending_successful', attempt: { result: 'REVIEW_PENDING' } },
  ],
  [
    { status: 'created' },
    { status: 'pending' },
    { status: 'pending_failed', attempt: { result: 'FRAUD_SUSPICION_PENDING' } },
    { status: 'failed', attempt: { result: 'FRAUD_SUSPICION_CONFIRMED', updates: 'previous' } },
  ],
  [
    { status: 'created' },
    { status: 'pending' },
    { status: 'aborted', attempt: { result: 'ABORTED', reason: 'DATA_APPLICATION_ADDRESS' } },
    { status: 'aborted', attempt: { result: 'ABORTED', reason: 'USER_CANCELLATION' } },
    { status: 'successful', attempt: { result: 'SUCCESS_DATA_CHANGED' } },
  ],
];

type Event = () => Promise<unknown>;

/**
 * A random history of persons and identifications as a list of deliveries: each identification
 * state is a snapshot plus the attempt list Solaris shows at that moment; persons may change
 * branch later. Person creation is applied on demand, as the sync fetches an unknown person first.
 */
function randomHistory(db: TestDatabase['db'], seed: number, persons: number) {
  const rng = random(seed);
  const base = Date.parse('2025-03-28T20:00:00Z'); // across the switch to summer time, near Berlin midnights
  const created = new Set<string>();
  const events: Event[] = [];
  const ensurePerson = async (person: PersonSnapshot, observedAt: Date) => {
    if (created.has(person.id)) return;
    created.add(person.id);
    await upsertPersonSnapshot(db, { person, observedAt, source: 'test' });
  };

  for (let p = 0; p < persons; p++) {
    const personCreated = new Date(base + rng.int(4 * 24 * 60) * 60_000);
    const person = makePerson({ branch: rng.pick([null, 'BR1', 'BR2']) });
    events.push(() => ensurePerson(person, personCreated));
    if (rng.next() < 0.3) {
      // Counted under the branch first seen: a later change must not move the person's history.
      const changed = { ...person, branch: rng.pick(['BR3', null]) };
      const changedAt = new Date(personCreated.getTime() + (1 + rng.int(3000)) * 60_000);
      events.push(async () => {
        await ensurePerson(person, personCreated);
        await upsertPersonSnapshot(db, { person: changed, observedAt: changedAt, source: 'test' });
      });
    }

    for (let k = rng.int(4); k > 0; k--) {
      const snapshot = makeIdentification(person.id, { language: rng.pick(['DE', 'EN', null]) });
      const identificationCreated = new Date(personCreated.getTime() + rng.int(2000) * 60_000);
      const solarisGivesCreation = rng.next() < 0.5;
      let time = identificationCreated.getTime();
      const attempts: IdnowAttemptInput[] = [];
      for (const step of rng.pick(PATHS)) {
        time += (1 + rng.int(600)) * 60_000;
        const observedAt = new Date(time);
        if (step.attempt) {
          const attempt = makeIdnowAttempt({
            result: step.attempt.result,
            reason: step.attempt.reason ?? null,
            identificationTime: new Date(time - 60_000),
          });
          const previous = attempts[attempts.length - 1];
          if (step.attempt.updates === 'previous' && previous) attempts[attempts.length - 1] = { ...attempt, id: previous.id };
          else attempts.push(attempt);
        }
        const listed = attempts.map((attempt) => ({ ...attempt }));
        events.push(async () => {
          await ensurePerson(person, personCreated);
          await upsertIdentificationSnapshot(db, {
            identification: { ...snapshot, status: step.status, createdAt: solarisGivesCreation ? identificationCreated : undefined },
            observedAt,
            source: 'test',
          });
          if (listed.length > 0) await upsertIdnowAttempts(db, snapshot.id, listed, observedAt);
        });
      }
    }
  }
  // Repeated deliveries on top of the out-of-order ones.
  const repeats = events.filter(() => rng.next() < 0.25);
  return rng.shuffle([...events, ...repeats]);
}

describe('rollups kept current as changes are applied', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(() => handle?.close());

  for (const seed of [1, 2, 3, 4]) {
    it(`equal a rebuild from raw rows after deliveries in random order (seed ${seed})`, async () => {
      const settleNow = random(seed * 31);
      for (const event of randomHistory(handle.db, seed, 14)) {
        await event();
        // Settled at random moments: a change counted on its own, or several changes to one identification at once.
        if (settleNow.next() < 0.3) await settleMetricRollups(handle.db);
      }
      const incremental = await snapshotMetricTables(handle.db);
      expect(incremental.metric_person_facts?.length).toBeGreaterThan(0);
      expect(incremental.metric_status_daily?.length).toBeGreaterThan(0);
      expect(incremental.metric_attempt_daily?.length).toBeGreaterThan(0);
      for (const rows of Object.values(incremental)) {
        for (const row of rows) expect(String(row)).not.toMatch(/":-\d/);
      }

      await rebuildMetricRollups(handle.db);
      expect(await snapshotMetricTables(handle.db)).toEqual(incremental);
    });
  }

  it('count customers first seen through a re-fetch (person, identification and attempts stored at once) like a rebuild', async () => {
    const day = new Date('2025-06-02T09:00:00Z');
    const minutes = (n: number) => new Date(day.getTime() + n * 60_000);
    const refetch = (person: ReturnType<typeof makePerson>, identification: ReturnType<typeof makeIdentification>, at: number, extra: Partial<IdentificationRefetch> = {}) =>
      storeIdentificationRefetch(handle.db, {
        personId: person.id,
        identification,
        observedAt: minutes(at),
        startedAt: minutes(at),
        source: 'webhook',
        attempts: [],
        attemptsListedAt: minutes(at),
        documents: [],
        ...extra,
      });
    const succeeded = makePerson({ branch: 'MUNICH' });
    const aborted = makePerson({ nationality: 'AT' });
    // New to Identdesk: the person comes with the re-fetch, the reported status arrived a minute before.
    await refetch(succeeded, makeIdentification(succeeded.id, { status: 'successful', completedAt: minutes(5) }), 5, {
      person: { snapshot: succeeded, observedAt: minutes(5) },
      reported: { status: 'pending_successful', receivedAt: minutes(4) },
      attempts: [makeIdnowAttempt({ result: 'SUCCESS', identificationTime: minutes(3) })],
    });
    const first = makeIdentification(aborted.id, { status: 'aborted', language: 'EN' });
    await refetch(aborted, first, 6, {
      person: { snapshot: aborted, observedAt: minutes(6) },
      attempts: [makeIdnowAttempt({ result: 'ABORTED', reason: 'TECH_AUDIO', identificationTime: minutes(2) })],
    });
    // Known by then: a second identification of the customer who aborted, and a later look at the first.
    await refetch(aborted, makeIdentification(aborted.id, { status: 'pending', language: 'EN' }), 30);
    await refetch(aborted, { ...first, status: 'aborted' }, 31, { reported: { status: 'aborted', receivedAt: minutes(31) } });

    const incremental = await snapshotMetricTables(handle.db);
    expect(incremental.metric_person_facts?.map((row) => JSON.stringify(row)).join()).toContain(succeeded.id);
    expect(incremental.metric_person_facts?.map((row) => JSON.stringify(row)).join()).toContain(aborted.id);
    await rebuildMetricRollups(handle.db);
    expect(await snapshotMetricTables(handle.db)).toEqual(incremental);
  });

  it('stay exact when deliveries for the same and for other customers run at the same time', async () => {
    const day = new Date('2025-05-05T10:00:00Z');
    const persons = [makePerson(), makePerson(), makePerson()];
    for (const person of persons) await upsertPersonSnapshot(handle.db, { person, observedAt: day, source: 'test' });
    const identifications = persons.flatMap((person) => [makeIdentification(person.id), makeIdentification(person.id)]);
    const statuses: IdentificationStatus[] = ['created', 'pending', 'aborted', 'pending_successful', 'successful'];
    await Promise.all(
      identifications.map(async (identification, index) => {
        for (const [step, status] of statuses.entries()) {
          const observedAt = new Date(day.getTime() + (step * 10 + index) * 60_000);
          await upsertIdentificationSnapshot(handle.db, { identification: { ...identification, status }, observedAt, source: 'test' });
          if (status === 'aborted') {
            await upsertIdnowAttempts(handle.db, identification.id, [
              makeIdnowAttempt({ result: 'ABORTED', reason: 'TECH_AUDIO', identificationTime: observedAt }),
            ]);
          }
          // Settling runs all along, as the server's does, taking marks while other changes add new ones.
          if ((step + index) % 2 === 0) await settleMetricRollups(handle.db);
        }
      }),
    );
    const incremental = await snapshotMetricTables(handle.db);
    await rebuildMetricRollups(handle.db);
    expect(await snapshotMetricTables(handle.db)).toEqual(incremental);
  });

  it('count a change when it is settled, which every metrics read does first; a change of nothing leaves no mark', async () => {
    const at = (berlin: string) => new Date(`${berlin}+01:00`);
    const range = { from: '2025-03-01', to: '2025-03-31', granularity: 'day' } as const;
    const waiting = async () => Number((await handle.db.execute(sql`select count(*)::int as n from metric_pending_changes`)).rows[0]?.n);
    const storedAborts = async () =>
      Number(
        (await handle.db.execute(sql`select coalesce(sum(entered), 0)::int as n from metric_status_daily where day = '2025-03-10' and status = 'aborted'`))
          .rows[0]?.n,
      );
    await settleMetricRollups(handle.db);
    const person = makePerson();
    await upsertPersonSnapshot(handle.db, { person, observedAt: at('2025-03-10T08:00:00'), source: 'test' });
    const identification = { ...makeIdentification(person.id), status: 'aborted' as const };
    await upsertIdentificationSnapshot(handle.db, { identification, observedAt: at('2025-03-10T09:00:00'), source: 'test' });

    // Stored and marked, not counted yet: the writer's transaction did no counting.
    expect(await waiting()).toBe(2);
    const abortsBefore = await storedAborts();
    const outcomes = await getMetricsOutcomes(handle.db, range);
    expect(outcomes.periods.find((period) => period.period === '2025-03-10')?.counts.aborted).toBe(abortsBefore + 1);
    expect(await waiting()).toBe(0);
    expect(await storedAborts()).toBe(abortsBefore + 1);

    // The same snapshot again changes nothing and leaves nothing to settle.
    await upsertIdentificationSnapshot(handle.db, { identification, observedAt: at('2025-03-10T09:05:00'), source: 'test' });
    expect(await waiting()).toBe(0);
  });

  it('counts a repeated delivery once, and moves a status entry when a late snapshot says it came earlier', async () => {
    const at = (berlin: string) => new Date(`${berlin}+01:00`);
    const range = { from: '2025-02-01', to: '2025-02-28', granularity: 'day' } as const;
    const person = makePerson();
    await upsertPersonSnapshot(handle.db, { person, observedAt: at('2025-02-03T08:00:00'), source: 'test' });
    const identification = makeIdentification(person.id, { createdAt: at('2025-02-03T08:00:00') });
    const deliver = (status: IdentificationStatus, time: string) =>
      upsertIdentificationSnapshot(handle.db, { identification: { ...identification, status }, observedAt: at(time), source: 'test' });
    const before = await getMetricsOutcomes(handle.db, range);
    const pendingOn = async (day: string) => {
      const outcomes = await getMetricsOutcomes(handle.db, range);
      const now = outcomes.periods.find((period) => period.period === day)?.counts.pending ?? 0;
      const then = before.periods.find((period) => period.period === day)?.counts.pending ?? 0;
      return now - then;
    };

    await deliver('created', '2025-02-03T08:00:00');
    await deliver('pending', '2025-02-04T00:30:00');
    await deliver('pending', '2025-02-04T00:30:00');
    await deliver('pending', '2025-02-04T09:00:00');
    expect(await pendingOn('2025-02-04')).toBe(1);

    // Solaris' webhook for the request arrives late: it happened the evening before.
    await deliver('pending', '2025-02-03T23:50:00');
    expect(await pendingOn('2025-02-04')).toBe(0);
    expect(await pendingOn('2025-02-03')).toBe(1);

    const incremental = await snapshotMetricTables(handle.db);
    await rebuildMetricRollups(handle.db);
    expect(await snapshotMetricTables(handle.db)).toEqual(incremental);
  });
});

describe('summaries by month and over every language and branch', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase();
    for (const event of randomHistory(handle.db, 5, 24)) await event();
  });
  afterAll(() => handle?.close());

  /** Sums of a daily rollup's column over a range and filter, straight from its rows. */
  async function dailySums(table: string, column: string, by: string, filter: MetricsFilter): Promise<Record<string, number>> {
    const conditions = [sql`day between ${filter.from}::date and ${filter.to}::date`];
    if (filter.language !== undefined) conditions.push(sql`language = ${filter.language}`);
    if (filter.branch !== undefined) conditions.push(sql`branch = ${filter.branch}`);
    const result = await handle.db.execute<{ key: string; total: number }>(
      sql`select ${sql.raw(by)}::text as key, sum(${sql.raw(column)})::int as total from ${sql.raw(table)}
          where ${sql.join(conditions, sql` and `)} group by 1`,
    );
    return Object.fromEntries(result.rows.filter((row) => Number(row.total) !== 0).map((row) => [row.key, Number(row.total)]));
  }

  const nonZero = (counts: Record<string, number>) => Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));

  // Whole months only, a range with days on both sides of a whole month, and one inside a month.
  const ranges = [
    { from: '2025-03-01', to: '2025-04-30' },
    { from: '2025-03-20', to: '2025-05-03' },
    { from: '2025-03-29', to: '2025-04-02' },
  ];
  const filters = [{}, { language: 'DE' }, { branch: 'BR1' }, { language: 'EN', branch: 'BR2' }, { branch: '' }];

  it('give the figures the daily rollup rows give, by day and by month, for every filter', async () => {
    for (const range of ranges) {
      for (const extra of filters) {
        const filter = { ...range, ...extra };
        const label = JSON.stringify(filter);
        const byDay = await getMetricsOutcomes(handle.db, { ...filter, granularity: 'day' });
        const byWeek = await getMetricsOutcomes(handle.db, { ...filter, granularity: 'week' });
        const byMonth = await getMetricsOutcomes(handle.db, { ...filter, granularity: 'month' });
        const expected = await dailySums('metric_status_daily', 'entered', 'status', filter);
        expect(nonZero(byDay.totals), label).toEqual(expected);
        expect(nonZero(byWeek.totals), label).toEqual(expected);
        expect(nonZero(byMonth.totals), label).toEqual(expected);
        // Each week's figures are its days' figures.
        for (const week of byWeek.periods) {
          const days = byDay.periods.filter((day) => day.period >= week.from && day.period <= week.to);
          expect(week.total, `${label} ${week.period}`).toBe(days.reduce((sum, day) => sum + day.total, 0));
        }

        const funnel = await getMetricsFunnel(handle.db, { ...filter, granularity: 'month' });
        expect(funnel.total[0]?.count ?? 0, label).toBe((await dailySums('metric_funnel_daily', 'persons', "''", filter))[''] ?? 0);
        expect(funnel.total[4]?.count ?? 0, label).toBe((await dailySums('metric_funnel_daily', 'successful', "''", filter))[''] ?? 0);

        const reasons = await getMetricsFailureReasons(handle.db, filter);
        const attempts = await dailySums('metric_attempt_daily', 'attempts', 'reason', filter);
        delete attempts[''];
        expect(Object.fromEntries(reasons.codes.filter((code) => code.attempts > 0).map((code) => [code.code, code.attempts])), label).toEqual(
          attempts,
        );
        const previous = await dailySums('metric_attempt_daily', 'attempts', 'reason', {
          ...filter,
          from: reasons.previousFrom,
          to: reasons.previousTo,
        });
        delete previous[''];
        expect(
          Object.fromEntries(reasons.codes.filter((code) => code.previousAttempts > 0).map((code) => [code.code, code.previousAttempts])),
          label,
        ).toEqual(previous);

        const timeToIdentify = await getMetricsTimeToIdentify(handle.db, { ...filter, granularity: 'month' });
        expect(timeToIdentify.identified, label).toBe(
          Object.values(await dailySums('metric_time_to_identify_daily', 'identifications', "''", filter)).reduce((a, b) => a + b, 0),
        );
      }
    }
    // The history is not empty where it is compared.
    expect((await getMetricsOutcomes(handle.db, { from: '2025-03-01', to: '2025-04-30', granularity: 'month' })).totals.created).toBeGreaterThan(10);
  });

  it('split a range into whole months or weeks and the days around them', () => {
    expect(splitIntoPeriods({ from: '2025-03-01', to: '2025-04-30' }, 'month')).toEqual({
      days: [],
      periods: { from: '2025-03-01', to: '2025-04-01' },
    });
    expect(splitIntoPeriods({ from: '2025-03-20', to: '2025-05-03' }, 'month')).toEqual({
      days: [
        { from: '2025-03-20', to: '2025-03-31' },
        { from: '2025-05-01', to: '2025-05-03' },
      ],
      periods: { from: '2025-04-01', to: '2025-04-01' },
    });
    expect(splitIntoPeriods({ from: '2025-03-29', to: '2025-04-02' }, 'month')).toEqual({
      days: [{ from: '2025-03-29', to: '2025-04-02' }],
      periods: null,
    });
    expect(splitIntoPeriods({ from: '2024-02-01', to: '2024-02-29' }, 'month')).toEqual({ days: [], periods: { from: '2024-02-01', to: '2024-02-01' } });
    // 2025-03-20 is a Thursday: whole weeks from Monday the 24th to Sunday the 13th of April.
    expect(splitIntoPeriods({ from: '2025-03-20', to: '2025-04-15' }, 'week')).toEqual({
      days: [
        { from: '2025-03-20', to: '2025-03-23' },
        { from: '2025-04-14', to: '2025-04-15' },
      ],
      periods: { from: '2025-03-24', to: '2025-04-07' },
    });
  });
});

describe('team work summary', () => {
  let handle: TestDatabase;
  beforeAll(async () => {
    handle = await openTestDatabase();
  });
  afterAll(() => handle?.close());

  it('follows proofs of address as they are recorded, decided, corrected and removed, equal to a rebuild', async () => {
    const db = handle.db;
    const at = (berlin: string) => new Date(`${berlin}+01:00`);
    const agent = await createUser(db, { displayName: 'Ada Agent' });
    const reviewer = await createUser(db, { displayName: 'Cy Compliance', role: 'compliance' });
    const { id: personId } = await createPerson(db, { branch: 'BR1' });
    const identification = makeIdentification(personId, { language: 'EN' });
    await upsertIdentificationSnapshot(db, { identification: { ...identification, status: 'pending' }, observedAt: at('2025-01-30T08:00:00'), source: 'test' });
    const range = { from: '2025-01-01', to: '2025-03-31', granularity: 'month' as const };
    const matchesRebuild = async () => {
      const kept = await snapshotMetricTables(db);
      await rebuildMetricRollups(db);
      expect(await snapshotMetricTables(db)).toEqual(kept);
    };

    // Recorded late on the last evening of January (Berlin), decided in February.
    const first = await createProofOfAddressSubmission(db, {
      personId,
      identificationId: identification.id,
      recordedBy: agent.id,
      recordedAt: at('2025-01-31T23:30:00'),
    });
    const second = await createProofOfAddressSubmission(db, {
      personId,
      identificationId: identification.id,
      recordedBy: agent.id,
      recordedAt: at('2025-02-03T10:00:00'),
    });
    await matchesRebuild();
    const decision = await decideProofOfAddressSubmission(db, {
      submissionId: first.id,
      deciderId: reviewer.id,
      decision: 'reject',
      reason: 'The bill is addressed to someone else.',
      now: at('2025-02-04T09:00:00'),
    });
    expect(decision.outcome).toBe('decided');
    await matchesRebuild();

    const months = await getMetricsTeamWork(db, range);
    expect(months.rows.map((row) => ({ period: row.period, recorded: row.recorded, decided: row.decided, rejected: row.rejected }))).toEqual(
      expect.arrayContaining([
        { period: '2025-01-01', recorded: 1, decided: 0, rejected: 0 },
        { period: '2025-02-01', recorded: 1, decided: 0, rejected: 0 },
        { period: '2025-02-01', recorded: 0, decided: 1, rejected: 1 },
      ]),
    );
    const english = await getMetricsTeamWork(db, { ...range, language: 'EN', branch: 'BR1' });
    expect(english.people.map((person) => [person.displayName, person.recorded, person.decided])).toEqual([
      ['Ada Agent', 2, 0],
      ['Cy Compliance', 0, 1],
    ]);
    expect((await getMetricsTeamWork(db, { ...range, language: 'DE' })).rows).toEqual([]);

    // A correction of the recording time moves the count; a removed submission no longer counts.
    await db.execute(sql`update proof_of_address_submissions set recorded_at = ${at('2025-03-02T10:00:00').toISOString()} where id = ${second.id}`);
    await matchesRebuild();
    await db.execute(sql`delete from proof_of_address_submissions where id = ${second.id}`);
    await matchesRebuild();
    const after = await getMetricsTeamWork(db, range);
    expect(after.people.map((person) => [person.displayName, person.recorded, person.decided])).toEqual([
      ['Ada Agent', 1, 0],
      ['Cy Compliance', 0, 1],
    ]);
    expect(after.rows.some((row) => row.period === '2025-03-01')).toBe(false);
  });
});

/** An empty database without migrations: a throwaway one on DATABASE_URL's server, else in-memory PGlite. */
async function openUnmigratedDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openDatabase({ memory: true, migrate: false });
  const scratch = await createThrowawayPostgresDatabase(serverUrl, 'identdesk_test');
  const handle = await openDatabase({ url: scratch.url, migrate: false, poolMax: 2 });
  return { ...handle, close: () => handle.close().finally(scratch.drop) };
}

describe('migration 0003', () => {
  let scratch: string;
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('fills the rollups from the rows already stored, exactly as a rebuild does', async () => {
    // A database as it stood before 0003, with history recorded by the earlier code.
    scratch = mkdtempSync(path.join(tmpdir(), 'identdesk-migrations-'));
    cpSync(MIGRATIONS_FOLDER, scratch, { recursive: true });
    const journalPath = path.join(scratch, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const metricsIndex = journal.entries.findIndex((entry) => entry.tag === '0003_metrics_rollups');
    expect(metricsIndex).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, metricsIndex);
    writeFileSync(journalPath, JSON.stringify(journal));

    const source = await openTestDatabase();
    const old = await openUnmigratedDatabase();
    try {
      for (const event of randomHistory(source.db, 7, 12)) await event();
      const client = await old.pool.connect();
      try {
        await migrate(drizzle({ client }), { migrationsFolder: scratch });
      } finally {
        client.release();
      }
      for (const [table, identity] of [
        ['persons', false],
        ['person_versions', true],
        ['identifications', false],
        ['identification_status_changes', true],
        ['idnow_attempts', false],
      ] as const) {
        const rows = await source.pool.query(`select * from ${table}`);
        await old.pool.query(
          `insert into ${table} ${identity ? 'overriding system value' : ''} select * from json_populate_recordset(null::${table}, $1::json)`,
          [JSON.stringify(rows.rows)],
        );
      }

      await migrateDatabase(old.pool);
      const backfilled = await snapshotMetricTables(old.db);
      expect(backfilled.metric_person_facts).toHaveLength(12);
      expect(backfilled).toEqual(await snapshotMetricTables(source.db));
      await rebuildMetricRollups(old.db);
      expect(await snapshotMetricTables(old.db)).toEqual(backfilled);
    } finally {
      await old.close();
      await source.close();
    }
  });
});
