import { SOLARIS_TIME_ZONE } from '@identdesk/domain';
import { sql, TransactionRollbackError, type SQL } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { TIME_TO_IDENTIFY_BOUNDS_SECONDS } from './metrics-buckets.ts';

/*
 * Rollups for team-lead metrics, kept equal to a recomputation from raw rows.
 *
 * Every figure is defined once, as SQL over persons, person_versions, identifications,
 * identification_status_changes and idnow_attempts, restricted to a scope: everything (what
 * `rebuildMetricRollups` and migration 0003's backfill insert), or some identifications / some
 * persons (what settling uses). The write paths never count an event by hand: a change to an
 * identification leaves a mark with what the identification counted before it
 * (`withMetricMark`), and settling adds the difference to what the marked identifications
 * count now, and moves each marked person's funnel and retry row from the stored facts to
 * recomputed ones (`settleMetricRollups`, many persons per transaction). Repeated, late and
 * out-of-order deliveries, a status entry that recordStatusAt deletes or re-links, an attempt
 * whose result changes: all end up as the difference between two recomputations, so increments
 * and a rebuild cannot drift apart.
 */

const ZONE = sql.raw(`'${SOLARIS_TIME_ZONE}'`);

/** The Europe/Berlin calendar day of an instant: Solaris' day. */
export function berlinDaySql(instant: SQL): SQL {
  return sql`((${instant}) at time zone ${ZONE})::date`;
}

/** The instant a Europe/Berlin calendar day begins (DST-aware). */
export function berlinDayStartSql(day: SQL): SQL {
  return sql`((${day})::date::timestamp at time zone ${ZONE})`;
}

const BUCKET_BOUNDS = sql.raw(`array[${TIME_TO_IDENTIFY_BOUNDS_SECONDS.join(', ')}]::float8[]`);

/** IDnow results and statuses that interrupt an identification, and those that mean success. */
const INTERRUPTING_RESULTS = sql.raw(`'ABORTED', 'CANCELED'`);
const SUCCESS_RESULTS = sql.raw(`'SUCCESS', 'SUCCESS_DATA_CHANGED', 'REVIEW_PENDING'`);
const INTERRUPTING_STATUSES = sql.raw(`'aborted', 'canceled'`);
const SUCCESS_STATUSES = sql.raw(`'pending_successful', 'successful'`);

export type IdentificationScope = 'all' | { identificationIds: readonly string[] };
export type PersonScope = 'all' | { personIds: readonly string[] };

/** `column = $1`, or `column in ($1, $2, …)` for several values. */
function isAnyOf(column: SQL, values: readonly string[]): SQL {
  if (values.length === 1) return sql`${column} = ${values[0]}`;
  return sql`${column} in (${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )})`;
}

function whereIdentification(scope: IdentificationScope, column: SQL, prefix: 'where' | 'and' = 'where'): SQL {
  return scope === 'all' ? sql`` : sql`${sql.raw(prefix)} ${isAnyOf(column, scope.identificationIds)}`;
}

/** Status entries per day: one per row of the status history. Columns of metric_status_daily. */
function statusEntrySql(scope: IdentificationScope): SQL {
  return sql`
    select ${berlinDaySql(sql`sc.observed_at`)} as day,
           coalesce(i.language, '') as language,
           coalesce(f.branch, '') as branch,
           sc.to_status as status,
           count(*)::int as entered
    from identification_status_changes sc
    join identifications i on i.id = sc.identification_id
    left join metric_person_facts f on f.person_id = i.person_id
    ${whereIdentification(scope, sql`sc.identification_id`)}
    group by 1, 2, 3, 4`;
}

/** IDnow attempts per day, result and failure code. Columns of metric_attempt_daily. */
function attemptSql(scope: IdentificationScope): SQL {
  return sql`
    select ${berlinDaySql(sql`coalesce(a.attempted_at, a.first_seen_at)`)} as day,
           coalesce(i.language, '') as language,
           coalesce(f.branch, '') as branch,
           coalesce(a.result, '') as result,
           coalesce(a.reason, '') as reason,
           count(*)::int as attempts
    from idnow_attempts a
    join identifications i on i.id = a.identification_id
    left join metric_person_facts f on f.person_id = i.person_id
    ${whereIdentification(scope, sql`a.identification_id`)}
    group by 1, 2, 3, 4, 5`;
}

/**
 * Time from request to first success, one per requested identification that succeeded, on the
 * day of that success. First success: the earliest history entry into pending_successful or
 * successful, or pending_successful_at when that is earlier. Columns of metric_time_to_identify_daily.
 */
function timeToIdentifySql(scope: IdentificationScope): SQL {
  return sql`
    select ${berlinDaySql(sql`t.first_success_at`)} as day,
           coalesce(t.language, '') as language,
           coalesce(f.branch, '') as branch,
           width_bucket(extract(epoch from t.first_success_at - t.requested_at)::float8, ${BUCKET_BOUNDS})::smallint as bucket,
           count(*)::int as identifications
    from (
      select i.person_id, i.language, i.requested_at,
             least(i.pending_successful_at, h.first_success_at) as first_success_at
      from identifications i
      left join (
        select identification_id, min(observed_at) as first_success_at
        from identification_status_changes
        where to_status in (${SUCCESS_STATUSES}) ${whereIdentification(scope, sql`identification_id`, 'and')}
        group by identification_id
      ) h on h.identification_id = i.id
      where i.requested_at is not null ${whereIdentification(scope, sql`i.id`, 'and')}
    ) t
    left join metric_person_facts f on f.person_id = t.person_id
    where t.first_success_at is not null
    group by 1, 2, 3, 4`;
}

function wherePerson(scope: PersonScope, column: SQL, prefix: 'where' | 'and'): SQL {
  return scope === 'all' ? sql`` : sql`${sql.raw(prefix)} ${isAnyOf(column, scope.personIds)}`;
}

function identificationsOfPerson(scope: PersonScope, column: SQL, prefix: 'where' | 'and'): SQL {
  return scope === 'all'
    ? sql``
    : sql`${sql.raw(prefix)} ${column} in (select id from identifications where ${isAnyOf(sql`person_id`, scope.personIds)})`;
}

/**
 * One row per person, the columns of metric_person_facts:
 * - cohort: Solaris' creation time of the person, else Identdesk's first observation;
 * - language: of the first identification (by creation), '' before there is one;
 * - branch: as first observed (person_versions version 1; the persons row for persons loaded
 *   without history), so a later branch change does not move counted history;
 * - funnel step: the furthest any identification got (a status ever entered counts, also when
 *   it is not the current one): 5 successful, 4 pending_successful or successful, 3 requested
 *   (a request time or any status besides created), 2 created, 1 no identification;
 * - retry: the first aborted/canceled attempt or status, and whether a success (attempt
 *   SUCCESS, SUCCESS_DATA_CHANGED, REVIEW_PENDING or status pending_successful/successful) came later.
 */
export function personFactsSql(scope: PersonScope): SQL {
  return sql`
    with ident as (
      select i.id, i.person_id, i.language, i.created_at,
             case
               when i.status = 'successful' or coalesce(h.ever_successful, false) then 5
               when i.status = 'pending_successful' or i.pending_successful_at is not null
                    or coalesce(h.ever_review_or_success, false) then 4
               when i.status <> 'created' or i.requested_at is not null or coalesce(h.ever_beyond_created, false) then 3
               else 2
             end as step
      from identifications i
      left join (
        select identification_id,
               bool_or(to_status = 'successful') as ever_successful,
               bool_or(to_status in (${SUCCESS_STATUSES})) as ever_review_or_success,
               bool_or(to_status <> 'created') as ever_beyond_created
        from identification_status_changes
        ${identificationsOfPerson(scope, sql`identification_id`, 'where')}
        group by identification_id
      ) h on h.identification_id = i.id
      ${wherePerson(scope, sql`i.person_id`, 'where')}
    ),
    first_ident as (
      select distinct on (person_id) person_id, coalesce(language, '') as language
      from ident order by person_id, created_at, id
    ),
    best_ident as (
      select distinct on (person_id) person_id, id, step
      from ident order by person_id, step desc, created_at, id
    ),
    retry_events as (
      select i.person_id, coalesce(a.attempted_at, a.first_seen_at) as at, a.result in (${INTERRUPTING_RESULTS}) as interruption
      from idnow_attempts a
      join identifications i on i.id = a.identification_id
      where a.result in (${INTERRUPTING_RESULTS}, ${SUCCESS_RESULTS}) ${wherePerson(scope, sql`i.person_id`, 'and')}
      union all
      select i.person_id, sc.observed_at, sc.to_status in (${INTERRUPTING_STATUSES})
      from identification_status_changes sc
      join identifications i on i.id = sc.identification_id
      where sc.to_status in (${INTERRUPTING_STATUSES}, ${SUCCESS_STATUSES}) ${wherePerson(scope, sql`i.person_id`, 'and')}
    ),
    retry as (
      select person_id,
             min(at) filter (where interruption) as interrupted_at,
             max(at) filter (where not interruption) as last_success_at
      from retry_events group by person_id
    )
    select p.id as person_id,
           coalesce(p.solaris_created_at, p.first_seen_at) as cohort_at,
           ${berlinDaySql(sql`coalesce(p.solaris_created_at, p.first_seen_at)`)} as cohort_day,
           coalesce(fi.language, '') as language,
           coalesce(case when v.person_id is not null then v.snapshot ->> 'branch' else p.branch end, '') as branch,
           coalesce(b.step, 1)::smallint as funnel_step,
           b.id as funnel_identification_id,
           r.interrupted_at,
           ${berlinDaySql(sql`r.interrupted_at`)} as interrupted_day,
           coalesce(r.last_success_at > r.interrupted_at, false) as recovered
    from persons p
    left join person_versions v on v.person_id = p.id and v.version = 1
    left join first_ident fi on fi.person_id = p.id
    left join best_ident b on b.person_id = p.id
    left join retry r on r.person_id = p.id
    ${wherePerson(scope, sql`p.id`, 'where')}`;
}

const PERSON_FACT_COLUMNS = sql.raw(
  'person_id, cohort_at, cohort_day, language, branch, funnel_step, funnel_identification_id, interrupted_at, interrupted_day, recovered',
);

/** The funnel rollup as sums over person facts (rebuild); `funnelCounts` is the same per person. */
const FUNNEL_FROM_FACTS = sql`
  insert into metric_funnel_daily (day, language, branch, persons, with_identification, requested, reached_review_or_success, successful)
  select cohort_day, language, branch, count(*)::int,
         (count(*) filter (where funnel_step >= 2))::int,
         (count(*) filter (where funnel_step >= 3))::int,
         (count(*) filter (where funnel_step >= 4))::int,
         (count(*) filter (where funnel_step >= 5))::int
  from metric_person_facts group by 1, 2, 3`;

const RETRY_FROM_FACTS = sql`
  insert into metric_retry_daily (day, language, branch, interrupted, recovered)
  select interrupted_day, language, branch, count(*)::int, (count(*) filter (where recovered))::int
  from metric_person_facts where interrupted_at is not null group by 1, 2, 3`;

interface RollupTable {
  table: string;
  /** day, language, branch, then what else the row is counted by. */
  keys: readonly string[];
  /** A row whose first count is 0 counts nothing and is removed (a rebuild would not have it). */
  counts: readonly string[];
  /** The table summing the daily rows by month and over languages and branches (schema/metrics-summaries.ts). */
  summary: string;
}

const STATUS_ROLLUP: RollupTable = {
  table: 'metric_status_daily',
  keys: ['day', 'language', 'branch', 'status'],
  counts: ['entered'],
  summary: 'metric_status_summary',
};
const ATTEMPT_ROLLUP: RollupTable = {
  table: 'metric_attempt_daily',
  keys: ['day', 'language', 'branch', 'result', 'reason'],
  counts: ['attempts'],
  summary: 'metric_attempt_summary',
};
const TIME_TO_IDENTIFY_ROLLUP: RollupTable = {
  table: 'metric_time_to_identify_daily',
  keys: ['day', 'language', 'branch', 'bucket'],
  counts: ['identifications'],
  summary: 'metric_time_to_identify_summary',
};
const FUNNEL_ROLLUP: RollupTable = {
  table: 'metric_funnel_daily',
  keys: ['day', 'language', 'branch'],
  counts: ['persons', 'with_identification', 'requested', 'reached_review_or_success', 'successful'],
  summary: 'metric_funnel_summary',
};
const RETRY_ROLLUP: RollupTable = {
  table: 'metric_retry_daily',
  keys: ['day', 'language', 'branch'],
  counts: ['interrupted', 'recovered'],
  summary: 'metric_retry_summary',
};

/** Every metric table, in the order rows are written: all writers lock rollup rows in this order. */
export const METRIC_TABLES = [
  'metric_person_facts',
  STATUS_ROLLUP.table,
  ATTEMPT_ROLLUP.table,
  TIME_TO_IDENTIFY_ROLLUP.table,
  FUNNEL_ROLLUP.table,
  RETRY_ROLLUP.table,
] as const;

const DAILY_ROLLUPS = [STATUS_ROLLUP, ATTEMPT_ROLLUP, TIME_TO_IDENTIFY_ROLLUP, FUNNEL_ROLLUP, RETRY_ROLLUP] as const;

/**
 * The summaries of the daily rollups (by month, and over languages and branches) and the
 * team-work summary (schema/metrics-summaries.ts). Triggers keep them (migration 0005): every
 * statement changing a daily rollup adds its change to the summary in the same transaction, so
 * a summary always equals its daily rows, whoever writes them; team work follows
 * proof_of_address_submissions the same way. Written after the tables above.
 */
export const METRIC_SUMMARY_TABLES = [...DAILY_ROLLUPS.map((rollup) => rollup.summary), 'metric_team_work_summary'] as const;

/** Every table `rebuildMetricRollups` rewrites and `checkMetricRollups` compares. */
export const ALL_METRIC_TABLES: readonly string[] = [...METRIC_TABLES, ...METRIC_SUMMARY_TABLES];

/** Set for the rebuild's transaction: the summary triggers do nothing while it rewrites every table. */
const METRIC_REBUILD_SETTING = 'identdesk.metric_rebuild';

/** SQL expanding rows of alias `r` (columns day, language, branch) to their summary grains and scopes. */
const SUMMARY_EXPANSION = `
  cross join lateral (values ('day', r.day), ('week', date_trunc('week', r.day::timestamp)::date),
                             ('month', date_trunc('month', r.day::timestamp)::date)) as g(grain, day)
  cross join lateral (values (0, r.language, r.branch), (1, '', r.branch), (2, r.language, ''), (3, '', '')) as s(scope, language, branch)`;

/**
 * Summary rows are written in primary-key order: a chart's rows then lie next to each other on
 * disk, and a year of them is read from a few pages instead of one page per row.
 */
const SUMMARY_KEY_ORDER = 'g.grain, s.scope, s.language, s.branch, g.day';

/** The summary of a daily rollup, summed from its rows (rebuild, migration 0005's backfill). */
function summaryFromDailySql(rollup: RollupTable): SQL {
  const rest = rollup.keys.slice(3);
  const keyColumns = ['g.grain', 's.scope', 'g.day', 's.language', 's.branch', ...rest.map((key) => `r.${key}`)].join(', ');
  const sums = rollup.counts.map((count) => `sum(r.${count})::int`).join(', ');
  return sql.raw(`insert into ${rollup.summary} (grain, scope, day, language, branch, ${[...rest, ...rollup.counts].join(', ')})
  select ${keyColumns}, ${sums}
  from ${rollup.table} r${SUMMARY_EXPANSION}
  group by ${keyColumns}
  order by ${SUMMARY_KEY_ORDER}${rest.map((key) => `, r.${key}`).join('')}`);
}

/**
 * Proof-of-address work per staff member and day: the recording on its day, the decision on
 * its day, by identification language and person branch. What the team-work trigger counts.
 */
const TEAM_WORK_ROWS = `
  select ((s.recorded_at) at time zone '${SOLARIS_TIME_ZONE}')::date as day, coalesce(i.language, '') as language,
         coalesce(f.branch, '') as branch, s.recorded_by as user_id,
         1 as recorded, 0 as decided, 0 as approved, 0 as rejected, 0 as resubmission_requested
  from proof_of_address_submissions s
  left join identifications i on i.id = s.identification_id
  left join metric_person_facts f on f.person_id = s.person_id
  union all
  select ((s.decided_at) at time zone '${SOLARIS_TIME_ZONE}')::date, coalesce(i.language, ''), coalesce(f.branch, ''), s.decided_by,
         0, 1, (s.status = 'approved')::int, (s.status = 'rejected')::int, (s.status = 'resubmission_requested')::int
  from proof_of_address_submissions s
  left join identifications i on i.id = s.identification_id
  left join metric_person_facts f on f.person_id = s.person_id
  where s.decided_at is not null`;

const TEAM_WORK_SUMMARY_FROM_SUBMISSIONS = sql.raw(`insert into metric_team_work_summary
    (grain, scope, day, language, branch, user_id, recorded, decided, approved, rejected, resubmission_requested)
  select g.grain, s.scope, g.day, s.language, s.branch, r.user_id,
         sum(r.recorded)::int, sum(r.decided)::int, sum(r.approved)::int, sum(r.rejected)::int, sum(r.resubmission_requested)::int
  from (${TEAM_WORK_ROWS}) r${SUMMARY_EXPANSION}
  group by g.grain, s.scope, g.day, s.language, s.branch, r.user_id
  order by ${SUMMARY_KEY_ORDER}, r.user_id`);

/** Identification-level rollups and the SQL of their rows. */
const IDENTIFICATION_ROLLUPS: readonly { rollup: RollupTable; rows: (scope: IdentificationScope) => SQL }[] = [
  { rollup: STATUS_ROLLUP, rows: statusEntrySql },
  { rollup: ATTEMPT_ROLLUP, rows: attemptSql },
  { rollup: TIME_TO_IDENTIFY_ROLLUP, rows: timeToIdentifySql },
];

type Deltas = Map<string, { key: string[]; counts: number[] }>;

function addDelta(deltas: Deltas, key: string[], counts: number[], sign: 1 | -1): void {
  const id = JSON.stringify(key);
  const entry = deltas.get(id) ?? { key, counts: counts.map(() => 0) };
  entry.counts = entry.counts.map((value, index) => value + sign * (counts[index] ?? 0));
  deltas.set(id, entry);
}

/**
 * Adds the deltas to a rollup: rows are upserted in key order (so two transactions touching the
 * same rows lock them in the same order) and rows left counting nothing are removed. Triggers
 * carry every change on to the rollup's summary (migration 0005).
 */
async function applyDeltas(tx: DatabaseExecutor, rollup: RollupTable, deltas: Deltas): Promise<void> {
  const changes = [...deltas.values()]
    .filter((delta) => delta.counts.some((count) => count !== 0))
    .sort((a, b) => (JSON.stringify(a.key) < JSON.stringify(b.key) ? -1 : 1));
  if (changes.length === 0) return;
  const columns = sql.raw([...rollup.keys, ...rollup.counts].join(', '));
  const values = sql.join(
    changes.map((change) => sql`(${sql.join([...change.key, ...change.counts].map((value) => sql`${value}`), sql`, `)})`),
    sql`, `,
  );
  const table = sql.raw(rollup.table);
  const increments = sql.raw(rollup.counts.map((count) => `${count} = ${rollup.table}.${count} + excluded.${count}`).join(', '));
  await tx.execute(sql`
    insert into ${table} (${columns}) values ${values}
    on conflict (${sql.raw(rollup.keys.join(', '))}) do update set ${increments}`);
  // Only a change that does not add to a row's first count can leave it counting nothing.
  if (changes.every((change) => (change.counts[0] ?? 0) > 0)) return;
  const days = [...new Set(changes.map((change) => change.key[0] ?? ''))];
  await tx.execute(sql`
    delete from ${table}
    where ${sql.raw(rollup.counts[0] ?? 'count')} = 0 and day = any(${`{${days.join(',')}}`}::date[])`);
}

type ContributionRow = { kind: string; key: string[]; count: number };

/** The rows the identifications add to the identification-level rollups, as they stand now, summed. */
function contributionsSql(identificationIds: readonly string[]): SQL {
  const scope = { identificationIds };
  const parts = IDENTIFICATION_ROLLUPS.map(({ rollup, rows }) => {
    const keyText = sql.raw(`array[${rollup.keys.map((key) => `${key}::text`).join(', ')}]`);
    const kind = sql.raw(`'${rollup.table}'`);
    return sql`select ${kind} as kind, ${keyText} as key, ${sql.raw(rollup.counts[0] ?? '0')} as count from (${rows(scope)}) r`;
  });
  return sql.join(parts, sql` union all `);
}

// Two-key advisory locks live apart from the one-key ones used for migrations and the audit chain.
const PERSON_METRICS_LOCK_CLASS = 7204;

/**
 * Serialises, per person, the writers that mark a change and the settling that counts it, so a
 * mark's `counted` is exactly what the rollups hold for its identification. Several persons are
 * locked in one fixed order (by lock key), so two settlings cannot deadlock.
 */
async function lockPersonMetrics(tx: DatabaseExecutor, personIds: readonly string[]): Promise<void> {
  if (personIds.length === 1) {
    await tx.execute(sql`select pg_advisory_xact_lock(${PERSON_METRICS_LOCK_CLASS}, hashtext(${personIds[0]}))`);
    return;
  }
  // `offset 0` keeps the sorted subquery apart, so the locks are taken in its order.
  await tx.execute(sql`
    select count(pg_advisory_xact_lock(${PERSON_METRICS_LOCK_CLASS}, l.key))
    from (select distinct hashtext(id) as key from unnest(${textArray(personIds)}) as id order by 1 offset 0) l`);
}

function textArray(values: readonly string[]): SQL {
  return sql`array[${sql.join(
    values.map((value) => sql`${value}`),
    sql`, `,
  )}]::text[]`;
}

/**
 * Runs `change` (which alters one identification of one person: its row, status history or
 * IDnow attempts) and marks it for the metric rollups, in the caller's transaction: the
 * counting itself happens when the mark is settled (`settleMetricRollups`), after this
 * transaction, together with other persons' marks. The mark records what the identification
 * counts before the change, unless an earlier mark not settled yet already does.
 */
export async function withMetricMark<T>(
  tx: DatabaseExecutor,
  target: { personId: string; identificationId: string },
  change: () => Promise<T>,
  options: {
    /** When the change's result proves no row changed, no mark is left behind. */
    unchanged?: (result: T) => boolean;
    /**
     * The person was inserted by this transaction (`storePersonSnapshot` with `countedByCaller`):
     * nothing of theirs is counted yet and no one else sees them before this commits, so there
     * is nothing to read or lock first.
     */
    newPerson?: boolean;
  } = {},
): Promise<T> {
  if (options.newPerson) {
    const result = await change();
    await markPerson(tx, target.personId, target.identificationId);
    return result;
  }
  await lockPersonMetrics(tx, [target.personId]);
  // What the identification counts now becomes the mark, unless one is waiting already.
  const marked = await tx.execute(sql`
    insert into metric_pending_changes (person_id, identification_id, counted)
    select ${target.personId}, ${target.identificationId},
           coalesce(jsonb_agg(jsonb_build_object('kind', c.kind, 'key', c.key, 'count', c.count)), '[]'::jsonb)
    from (${contributionsSql([target.identificationId])}) c
    on conflict (person_id, identification_id) do nothing
    returning 1 as marked`);
  const result = await change();
  if (marked.rows.length > 0 && options.unchanged?.(result)) {
    await tx.execute(sql`
      delete from metric_pending_changes where person_id = ${target.personId} and identification_id = ${target.identificationId}`);
  }
  return result;
}

/**
 * Marks a person this transaction inserted, with nothing counted yet: their facts (and the
 * identification's rows, when one is given) are counted when the mark is settled.
 */
export async function markPerson(tx: DatabaseExecutor, personId: string, identificationId = ''): Promise<void> {
  await tx.execute(sql`
    insert into metric_pending_changes (person_id, identification_id, counted)
    values (${personId}, ${identificationId}, '[]'::jsonb)
    on conflict (person_id, identification_id) do nothing`);
}

/** Moves the identification-level rollups from what identifications added before to what they add now. */
async function applyContributionChange(tx: DatabaseExecutor, before: ContributionRow[], after: ContributionRow[]): Promise<void> {
  for (const { rollup } of IDENTIFICATION_ROLLUPS) {
    const deltas: Deltas = new Map();
    for (const row of before) if (row.kind === rollup.table) addDelta(deltas, row.key, [Number(row.count)], -1);
    for (const row of after) if (row.kind === rollup.table) addDelta(deltas, row.key, [Number(row.count)], 1);
    await applyDeltas(tx, rollup, deltas);
  }
}

type PersonFact = {
  person_id: string;
  cohort_at: string;
  cohort_day: string;
  language: string;
  branch: string;
  funnel_step: number;
  funnel_identification_id: string | null;
  interrupted_at: string | null;
  interrupted_day: string | null;
  recovered: boolean;
};

/** The funnel counts one person adds: once at each step up to the furthest reached. */
function funnelCounts(step: number): number[] {
  return [1, 2, 3, 4, 5].map((threshold) => (step >= threshold ? 1 : 0));
}

function sameFact(a: PersonFact | undefined, b: PersonFact | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Moves persons' funnel and retry counts from the facts counted before to the facts now (either may be absent). */
async function applyFactChanges(tx: DatabaseExecutor, changes: readonly { stored?: PersonFact; next?: PersonFact }[]): Promise<void> {
  const funnel: Deltas = new Map();
  const retry: Deltas = new Map();
  for (const { stored, next } of changes) {
    for (const [fact, sign] of [
      [stored, -1],
      [next, 1],
    ] as const) {
      if (!fact) continue;
      addDelta(funnel, [fact.cohort_day, fact.language, fact.branch], funnelCounts(Number(fact.funnel_step)), sign);
      if (fact.interrupted_day !== null) {
        addDelta(retry, [fact.interrupted_day, fact.language, fact.branch], [1, fact.recovered ? 1 : 0], sign);
      }
    }
  }
  await applyDeltas(tx, FUNNEL_ROLLUP, funnel);
  await applyDeltas(tx, RETRY_ROLLUP, retry);
}

/** Persons whose marks one settling takes at most: one transaction, about a dozen statements. */
export const METRIC_SETTLE_BATCH = 200;

/**
 * Counts waiting marks into the metric rollups, oldest first, `METRIC_SETTLE_BATCH` persons per
 * transaction, until none is left or `maxPersons` were settled. Returns the persons settled.
 * Called by the server moments after changes, and by every metrics read, so what a team lead
 * sees includes every change committed before the request.
 */
export async function settleMetricRollups(db: DatabaseExecutor, options: { maxPersons?: number } = {}): Promise<number> {
  const maxPersons = options.maxPersons ?? Number.POSITIVE_INFINITY;
  let settled = 0;
  let batchesTakenByOthers = 0;
  while (settled < maxPersons) {
    const personIds = await personsWithWaitingChanges(db, Math.min(METRIC_SETTLE_BATCH, maxPersons - settled));
    if (personIds.length === 0) break;
    const count = await db.transaction((tx) => settleMarkedPersons(tx, personIds));
    if (count === 0) {
      // Another settling took this batch and has committed it (its person locks were waited for),
      // but it may still be working on the next one: list again rather than stop, so a metrics
      // read does not answer before those persons are counted. The bound only guards against a
      // settler that keeps winning every race; each lost race means the other one made progress.
      batchesTakenByOthers += 1;
      if (batchesTakenByOthers > 50) break;
      continue;
    }
    settled += count;
  }
  return settled;
}

/** Persons with changes waiting to be counted, those waiting longest first; a person's several marks count once. */
export async function personsWithWaitingChanges(db: DatabaseExecutor, limit: number): Promise<string[]> {
  const result = await db.execute<{ person_id: string }>(sql`
    select person_id from metric_pending_changes group by person_id order by min(marked_at) limit ${limit}`);
  return result.rows.map((row) => row.person_id);
}

/**
 * Settles the marks of these persons, in the caller's transaction (its rollup writes follow
 * METRIC_TABLES order: facts, identification rollups, funnel and retry). Returns the persons
 * that had marks. Their facts are recomputed and stored first, since the identification rows
 * take the branch from them; then the identification rollups move from what the marks say was
 * counted to what the marked identifications add now; then the funnel and retry rollups move
 * with the facts.
 */
export async function settleMarkedPersons(tx: DatabaseExecutor, personIds: readonly string[]): Promise<number> {
  if (personIds.length === 0) return 0;
  await lockPersonMetrics(tx, personIds);
  const marks = (
    await tx.execute<{ person_id: string; identification_id: string; counted: ContributionRow[] }>(sql`
      delete from metric_pending_changes where ${isAnyOf(sql`person_id`, personIds)}
      returning person_id, identification_id, counted`)
  ).rows;
  if (marks.length === 0) return 0;
  const marked = [...new Set(marks.map((mark) => mark.person_id))];
  const identificationIds = [...new Set(marks.map((mark) => mark.identification_id).filter((id) => id !== ''))];

  const select = sql`select ${PERSON_FACT_COLUMNS} from`;
  const next = new Map(
    (await tx.execute<PersonFact>(sql`${select} (${personFactsSql({ personIds: marked })}) f`)).rows.map((fact) => [fact.person_id, fact]),
  );
  const stored = new Map(
    (await tx.execute<PersonFact>(sql`${select} metric_person_facts where ${isAnyOf(sql`person_id`, marked)}`)).rows.map((fact) => [
      fact.person_id,
      fact,
    ]),
  );
  const factChanges = marked
    .map((personId) => ({ stored: stored.get(personId), next: next.get(personId) }))
    .filter((change) => !sameFact(change.stored, change.next));
  await storeFacts(tx, factChanges);

  const after = identificationIds.length > 0 ? (await tx.execute<ContributionRow>(contributionsSql(identificationIds))).rows : [];
  await applyContributionChange(
    tx,
    marks.flatMap((mark) => mark.counted),
    after,
  );
  await applyFactChanges(tx, factChanges);
  return marked.length;
}

/** Writes the persons' facts that changed, and removes those of persons no longer stored. */
async function storeFacts(tx: DatabaseExecutor, changes: readonly { stored?: PersonFact; next?: PersonFact }[]): Promise<void> {
  const upserts = changes.flatMap((change) => (change.next ? [change.next] : []));
  const removed = changes.flatMap((change) => (change.next ? [] : change.stored ? [change.stored.person_id] : []));
  if (upserts.length > 0) {
    const values = sql.join(
      upserts.map(
        (fact) => sql`(${sql.join(
          [
            fact.person_id,
            fact.cohort_at,
            fact.cohort_day,
            fact.language,
            fact.branch,
            Number(fact.funnel_step),
            fact.funnel_identification_id,
            fact.interrupted_at,
            fact.interrupted_day,
            fact.recovered,
          ].map((value) => sql`${value}`),
          sql`, `,
        )})`,
      ),
      sql`, `,
    );
    await tx.execute(sql`
      insert into metric_person_facts (${PERSON_FACT_COLUMNS}) values ${values}
      on conflict (person_id) do update set
        cohort_at = excluded.cohort_at, cohort_day = excluded.cohort_day, language = excluded.language,
        branch = excluded.branch, funnel_step = excluded.funnel_step,
        funnel_identification_id = excluded.funnel_identification_id, interrupted_at = excluded.interrupted_at,
        interrupted_day = excluded.interrupted_day, recovered = excluded.recovered`);
  }
  if (removed.length > 0) await tx.execute(sql`delete from metric_person_facts where ${isAnyOf(sql`person_id`, removed)}`);
}

/**
 * Memory for the hash aggregates and sorts of a full recomputation (PostgreSQL's 4 MB default
 * makes them spill to disk and choose slow index walks), for this transaction only.
 */
const REBUILD_WORK_MEM = sql`set local work_mem = '64MB'`;

/**
 * The statements that recompute every metric table from raw rows, in order. Parameter-free, so
 * migration 0003 carries the same text as its backfill.
 */
export function metricRollupRebuildStatements(): SQL[] {
  return [
    // The summaries are written in bulk below: the triggers that follow row changes stand aside.
    sql.raw(`select set_config('${METRIC_REBUILD_SETTING}', 'on', true)`),
    ...ALL_METRIC_TABLES.map((table) => sql`delete from ${sql.raw(table)}`),
    sql`insert into metric_person_facts (${PERSON_FACT_COLUMNS}) ${personFactsSql('all')}`,
    ...IDENTIFICATION_ROLLUPS.map(
      ({ rollup, rows }) =>
        sql`insert into ${sql.raw(rollup.table)} (${sql.raw([...rollup.keys, ...rollup.counts].join(', '))}) ${rows('all')}`,
    ),
    FUNNEL_FROM_FACTS,
    RETRY_FROM_FACTS,
    ...metricSummaryRebuildStatements(),
  ];
}

/** The statements that fill the summary tables from the daily rollups and the submissions (migration 0005's backfill too). */
export function metricSummaryRebuildStatements(): SQL[] {
  return [...DAILY_ROLLUPS.map(summaryFromDailySql), TEAM_WORK_SUMMARY_FROM_SUBMISSIONS];
}

export interface MetricRollupRebuildResult {
  /** Rows written per metric table. */
  rows: Record<(typeof METRIC_TABLES)[number], number>;
  durationMs: number;
}

/**
 * Recomputes every metric rollup from raw rows, in one transaction: readers keep seeing the old
 * numbers until it commits, and writers of new events wait, then add their change on top. What
 * `pnpm metrics:rebuild` runs; call it also after loading raw rows in bulk without the upsert
 * functions (the benchmark dataset), since those rows were never counted.
 */
export async function rebuildMetricRollups(db: DatabaseExecutor): Promise<MetricRollupRebuildResult> {
  const started = performance.now();
  return db.transaction(async (tx) => {
    await tx.execute(sql`lock table ${sql.raw([...ALL_METRIC_TABLES, 'metric_pending_changes'].join(', '))} in exclusive mode`);
    await tx.execute(REBUILD_WORK_MEM);
    // The rebuild counts every change committed so far: nothing is left waiting to be counted.
    await tx.execute(sql`delete from metric_pending_changes`);
    for (const statement of metricRollupRebuildStatements()) await tx.execute(statement);
    const counts = await tx.execute<Record<string, number>>(
      sql.raw(`select ${METRIC_TABLES.map((table) => `(select count(*)::int from ${table}) as ${table}`).join(', ')}`),
    );
    const row = counts.rows[0] ?? {};
    const rows = Object.fromEntries(METRIC_TABLES.map((table) => [table, Number(row[table] ?? 0)])) as MetricRollupRebuildResult['rows'];
    return { rows, durationMs: Math.round(performance.now() - started) };
  });
}

export interface MetricRollupCheck {
  /** Every metric table holds exactly what a rebuild from raw rows would write. */
  ok: boolean;
  /** Per table that differs: rows a rebuild would add, and stored rows it would not write. */
  differences: { table: string; missing: number; unexpected: number }[];
}

/**
 * Compares the stored rollups with a recomputation from raw rows: the rebuild runs inside a
 * transaction that is rolled back. Changes still waiting to be counted are settled first, as
 * any metrics read does. `pnpm metrics:rebuild --check`.
 *
 * On a server taking traffic, a change can commit between the settling and the comparison: the
 * recomputation then counts it and the stored rollups do not yet. Such a difference is gone at
 * the next settling, a wrong rollup is not, so only differences found by `attempts` checks in a
 * row are reported. (Settling inside the comparison's table locks could deadlock with a writer
 * holding a customer's metric lock while it waits to leave its mark.)
 */
export async function checkMetricRollups(db: DatabaseExecutor, options: { attempts?: number } = {}): Promise<MetricRollupCheck> {
  const attempts = options.attempts ?? 3;
  let check: MetricRollupCheck = { ok: true, differences: [] };
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    check = await compareWithRebuild(db);
    if (check.ok) break;
  }
  return check;
}

async function compareWithRebuild(db: DatabaseExecutor): Promise<MetricRollupCheck> {
  await settleMetricRollups(db);
  const differences: MetricRollupCheck['differences'] = [];
  try {
    await db.transaction(async (tx) => {
      await tx.execute(sql`lock table ${sql.raw(ALL_METRIC_TABLES.join(', '))} in exclusive mode`);
      await tx.execute(REBUILD_WORK_MEM);
      for (const table of ALL_METRIC_TABLES) {
        await tx.execute(sql.raw(`create temp table stored_${table} on commit drop as select * from ${table}`));
      }
      for (const statement of metricRollupRebuildStatements()) await tx.execute(statement);
      for (const table of ALL_METRIC_TABLES) {
        const result = await tx.execute<{ missing: number; unexpected: number }>(
          sql.raw(`select
            (select count(*)::int from (select * from ${table} except select * from stored_${table}) d) as missing,
            (select count(*)::int from (select * from stored_${table} except select * from ${table}) d) as unexpected`),
        );
        const missing = Number(result.rows[0]?.missing ?? 0);
        const unexpected = Number(result.rows[0]?.unexpected ?? 0);
        if (missing + unexpected > 0) differences.push({ table, missing, unexpected });
      }
      tx.rollback();
    });
  } catch (error) {
    if (!(error instanceof TransactionRollbackError)) throw error;
  }
  return { ok: differences.length === 0, differences };
}
