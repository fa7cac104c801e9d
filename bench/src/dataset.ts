import { normalizeNameForSearch, normalizePhoneForSearch } from '@identdesk/domain';
import { rebuildMetricRollups, type DatabaseHandle } from '@identdesk/db';
import type pg from 'pg';
import { ABORT_REASON_SLOTS, BRANCHES, CANCEL_REASON_SLOTS, ONLINE_SIGN_UP_SHARE, PROOF_OF_ADDRESS_TYPE_SLOTS, STAFF } from './attempt-mix.ts';
import {
  CITIES,
  COMMON_FIRST_NAMES,
  COMMON_LAST_NAMES,
  EMAIL_DOMAINS,
  MOBILE_PREFIXES,
  rareFirstNames,
  rareLastNames,
  type WeightedName,
} from './names.ts';

/**
 * Bump when the generated rows change shape or distribution: embedded datasets live in a
 * directory named after it, and a PostgreSQL database built by another version is refused.
 */
export const DATASET_VERSION = 3;

export type DatasetPhase = 'persons' | 'indexes' | 'dictionary' | 'statistics' | 'metrics';
export type ProgressReporter = (phase: DatasetPhase, done: number, total: number) => void;

export interface DatasetSummary {
  persons: number;
  identifications: number;
  statusChanges: number;
  idnowAttempts: number;
  proofOfAddressSubmissions: number;
  distinctNameWords: number;
}

const BATCH_SIZE = 25_000;
/** Share of customers carrying one of the common surnames; the rest come from the long tail. */
const COMMON_LAST_NAME_SHARE = 0.22;
const COMMON_FIRST_NAME_SHARE = 0.88;
const RARE_LAST_NAME_COUNT = 150_000;
const RARE_FIRST_NAME_COUNT = 600;
/** Customers who signed up before Identdesk was installed and came in through reconciliation. */
const IMPORTED_SHARE = 0.3;

/** The person id of the n-th generated person (0-based): the bench derives ids it looks up from it. */
export function datasetPersonIdSql(g: string): string {
  return `md5('person-' || ${g}) || 'cper'`;
}

/** A name as it appears in an e-mail address: ASCII, umlauts spelled out, no spaces or hyphens. */
function emailPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/ł/g, 'l')
    .replace(/ø/g, 'o')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^a-z0-9]/g, '');
}

interface SlotTable {
  name: string;
  slots: number;
}

/**
 * Weighted choice in SQL without a random() per row: each name gets slots in proportion to its
 * weight (at least one), and a person's hash picks a slot. Returns the table and its slot count.
 */
async function createSlotTable(
  client: pg.PoolClient,
  table: string,
  groups: { names: readonly WeightedName[]; share: number }[],
  minimumSlotWeight: number,
): Promise<SlotTable> {
  const display: string[] = [];
  const norm: string[] = [];
  const email: string[] = [];
  for (const group of groups) {
    const total = group.names.reduce((sum, name) => sum + name.weight, 0);
    for (const name of group.names) {
      const slots = Math.max(1, Math.round(((name.weight / total) * group.share) / minimumSlotWeight));
      for (let i = 0; i < slots; i++) {
        display.push(name.display);
        norm.push(normalizeNameForSearch(name.display));
        email.push(emailPart(name.display));
      }
    }
  }
  await client.query(`drop table if exists ${table}`);
  await client.query(`create temp table ${table} (slot int primary key, display text not null, norm text not null, email text not null)`);
  await client.query(
    `insert into ${table} select ordinality - 1, display, norm, email
     from unnest($1::text[], $2::text[], $3::text[]) with ordinality as t(display, norm, email)`,
    [display, norm, email],
  );
  return { name: table, slots: display.length };
}

/**
 * Builds (or grows) a realistic customer base in bulk SQL: German and European names with a
 * skewed frequency, umlauts and transliterated spellings, e-mails and mobile numbers in the
 * formats customers type them, birth dates, branches, one to five identifications per person
 * (three on average) with the latest one copied onto the person, each with its status history
 * and IDnow attempts with failure codes, proof-of-address states and the submissions staff
 * recorded and decided, and the search columns filled exactly as Identdesk's own normalization
 * fills them (checked on a sample afterwards). The team-lead metric rollups are then rebuilt
 * from these rows, as `pnpm metrics:rebuild` does.
 *
 * Rows are appended up to `personTarget`, so a dataset is reused between runs and can grow.
 * A large load drops the secondary indexes first and rebuilds them afterwards (several times
 * faster than maintaining GIN indexes row by row); their definitions are kept in the database
 * until rebuilt, so an interrupted load picks up where it stopped.
 */
export async function ensureSyntheticDataset(
  database: DatabaseHandle,
  personTarget: number,
  onProgress: ProgressReporter,
): Promise<DatasetSummary> {
  const client = await database.pool.connect();
  let complete: boolean;
  try {
    complete = await loadDataset(client, personTarget, onProgress);
  } finally {
    // PGlite serves every connection from one session: leave nothing of the load behind.
    await client.query('reset session_replication_role').catch(() => {});
    client.release();
  }
  if (!complete) {
    // Bulk rows bypass the write paths that keep the rollups current: recompute them, with
    // statistics on the raw tables first so the rebuild's joins are planned for their size.
    onProgress('metrics', 0, 1);
    await rebuildMetricRollups(database.db);
    onProgress('metrics', 1, 1);
    await database.pool.query('analyze');
    await database.pool.query('update bench_dataset set complete = true');
  }
  const counts = await database.pool.query<Record<keyof DatasetSummary, string>>(
    `select (select count(*) from persons) as "persons", (select count(*) from identifications) as "identifications",
            (select count(*) from identification_status_changes) as "statusChanges",
            (select count(*) from idnow_attempts) as "idnowAttempts",
            (select count(*) from proof_of_address_submissions) as "proofOfAddressSubmissions",
            (select count(*) from person_name_words) as "distinctNameWords"`,
  );
  const row = counts.rows[0];
  return {
    persons: Number(row?.persons ?? 0),
    identifications: Number(row?.identifications ?? 0),
    statusChanges: Number(row?.statusChanges ?? 0),
    idnowAttempts: Number(row?.idnowAttempts ?? 0),
    proofOfAddressSubmissions: Number(row?.proofOfAddressSubmissions ?? 0),
    distinctNameWords: Number(row?.distinctNameWords ?? 0),
  };
}

/** Appends persons up to the target and prepares them for search; false when the metrics still need rebuilding. */
async function loadDataset(client: pg.PoolClient, personTarget: number, onProgress: ProgressReporter): Promise<boolean> {
  await client.query('create table if not exists bench_dataset (version int not null, anchor timestamptz not null)');
  await client.query('create table if not exists bench_dropped_indexes (name text primary key, definition text not null)');
  // Set once the dictionary, statistics and checks have followed the last load.
  await client.query('alter table bench_dataset add column if not exists complete boolean not null default false');
  const existing = Number((await client.query<{ n: string }>('select count(*) as n from persons')).rows[0]?.n ?? 0);
  let [info] = (await client.query<{ version: number; anchor: Date }>('select version, anchor from bench_dataset')).rows;
  if (!info) {
    if (existing > 0) {
      throw new Error(
        `The database holds ${existing} persons that the benchmark did not generate. Use an empty database (or delete the embedded bench/data directory).`,
      );
    }
    [info] = (
      await client.query<{ version: number; anchor: Date }>(
        `insert into bench_dataset (version, anchor) values ($1, date_trunc('hour', now())) returning version, anchor`,
        [DATASET_VERSION],
      )
    ).rows;
  }
  if (!info || info.version !== DATASET_VERSION) {
    throw new Error(`The database holds a benchmark dataset of version ${info?.version}; this bench generates version ${DATASET_VERSION}. Use an empty database.`);
  }

  if (existing < personTarget) {
    await client.query('update bench_dataset set complete = false');
    await client.query('set session_replication_role = replica');
    if (personTarget - existing > existing) await dropSecondaryIndexes(client);
    await loadPersons(client, existing, personTarget, info.anchor, onProgress);
    await client.query('reset session_replication_role');
  }
  const { rows: state } = await client.query<{ complete: boolean }>('select complete from bench_dataset');
  if (state[0]?.complete) return true;
  await rebuildDroppedIndexes(client, onProgress);
  await fillNameDictionary(client, onProgress);
  // PGlite has no autovacuum: without this the planner knows nothing about the new rows.
  onProgress('statistics', 0, 1);
  await client.query('analyze');
  onProgress('statistics', 1, 1);
  await checkSearchColumnsAgainstDomain(client);
  return false;
}

const LOADED_TABLES = [
  'persons',
  'identifications',
  'identification_status_changes',
  'idnow_attempts',
  'proof_of_address_submissions',
  'person_name_words',
];

async function dropSecondaryIndexes(client: pg.PoolClient) {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `select i.indexname as name, i.indexdef as definition from pg_indexes i
     where i.schemaname = 'public' and i.tablename = any($1)
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    [LOADED_TABLES],
  );
  for (const index of rows) {
    await client.query('insert into bench_dropped_indexes (name, definition) values ($1, $2) on conflict do nothing', [
      index.name,
      index.definition,
    ]);
    await client.query(`drop index if exists "${index.name}"`);
  }
}

async function rebuildDroppedIndexes(client: pg.PoolClient, onProgress: ProgressReporter) {
  const { rows } = await client.query<{ name: string; definition: string }>('select name, definition from bench_dropped_indexes order by name');
  for (const [i, index] of rows.entries()) {
    onProgress('indexes', i, rows.length);
    await client.query(index.definition);
    await client.query('delete from bench_dropped_indexes where name = $1', [index.name]);
  }
  if (rows.length > 0) onProgress('indexes', rows.length, rows.length);
}

async function fillNameDictionary(client: pg.PoolClient, onProgress: ProgressReporter) {
  onProgress('dictionary', 0, 1);
  await client.query('insert into person_name_words (word) select distinct unnest(search_words) from persons on conflict do nothing');
  onProgress('dictionary', 1, 1);
}

async function loadPersons(client: pg.PoolClient, from: number, to: number, anchor: Date, onProgress: ProgressReporter) {
  const lastNames = await createSlotTable(
    client,
    'bench_last_names',
    [
      { names: COMMON_LAST_NAMES, share: COMMON_LAST_NAME_SHARE },
      { names: rareLastNames(RARE_LAST_NAME_COUNT), share: 1 - COMMON_LAST_NAME_SHARE },
    ],
    1 / 400_000,
  );
  const firstNames = await createSlotTable(
    client,
    'bench_first_names',
    [
      { names: COMMON_FIRST_NAMES, share: COMMON_FIRST_NAME_SHARE },
      { names: rareFirstNames(RARE_FIRST_NAME_COUNT), share: 1 - COMMON_FIRST_NAME_SHARE },
    ],
    1 / 50_000,
  );
  const cities = await createSlotTable(client, 'bench_cities', [{ names: CITIES, share: 1 }], 1 / 1_000);
  const domains = await createSlotTable(client, 'bench_email_domains', [{ names: EMAIL_DOMAINS, share: 1 }], 1 / 1_000);
  const branches = await createSlotTable(
    client,
    'bench_branches',
    [
      { names: BRANCHES, share: 1 - ONLINE_SIGN_UP_SHARE },
      { names: [{ display: '', weight: 1 }], share: ONLINE_SIGN_UP_SHARE },
    ],
    1 / 1_000,
  );
  await ensureStaff(client);

  onProgress('persons', from, to);
  for (let start = from; start < to; start += BATCH_SIZE) {
    const end = Math.min(to, start + BATCH_SIZE);
    await client.query('begin');
    await client.query('drop table if exists bench_batch');
    await client.query('drop table if exists bench_ident_batch');
    await client.query(batchSql(lastNames, firstNames, cities, domains, branches), [start, end, anchor, to]);
    await client.query(IDENTIFICATION_BATCH_SQL, [anchor]);
    for (const statement of [INSERT_PERSONS_SQL, INSERT_IDENTIFICATIONS_SQL, INSERT_STATUS_HISTORY_SQL, INSERT_ATTEMPTS_SQL, INSERT_PROOF_OF_ADDRESS_SQL]) {
      await client.query(statement);
    }
    await client.query('commit');
    onProgress('persons', end, to);
  }
  await client.query('drop table if exists bench_batch');
  await client.query('drop table if exists bench_ident_batch');
}

/**
 * One batch of generated persons in a temp table. `u1`…`u16` are independent 32-bit hashes of
 * the person's number, so the same number always gives the same person.
 */
function batchSql(lastNames: SlotTable, firstNames: SlotTable, cities: SlotTable, domains: SlotTable, branches: SlotTable): string {
  const hashes = Array.from({ length: 16 }, (_, i) => `(hashint4(g * 16 + ${i + 1})::bigint + 2147483648) as u${i + 1}`).join(', ');
  const prefixes = `(array[${MOBILE_PREFIXES.map((prefix) => `'${prefix}'`).join(',')}])`;
  return `
    create temp table bench_batch as
    with base as (
      select g, ${hashes} from generate_series($1::int, $2::int - 1) as g
    ),
    picked as (
      select b.*,
        f.display as first_name, f.norm as first_norm, f.email as first_email,
        l.display as last_name, l.norm as last_norm, l.email as last_email,
        c.display as city, d.display as email_domain,
        ${prefixes}[1 + b.u6 % ${MOBILE_PREFIXES.length}] as mobile_prefix,
        lpad((b.u7 % 10000000)::text, 7, '0') || case when b.u7 % 3 = 0 then (b.u8 % 10)::text else '' end as mobile_rest,
        -- Rows arrive in the order customers sign up, as they do in production. The first
        -- ${IMPORTED_SHARE * 100} % signed up in the two years before Identdesk was installed (a year before the
        -- anchor) and were imported by reconciliation then, with their Solaris creation time;
        -- everyone after came in by webhook, first seen when created.
        case when b.g < $4::int * ${IMPORTED_SHARE}
          then $3::timestamptz - interval '3 years' + (b.g / ($4::int * ${IMPORTED_SHARE})) * interval '2 years'
          else $3::timestamptz - interval '1 year' + ((b.g - $4::int * ${IMPORTED_SHARE}) / ($4::int * ${1 - IMPORTED_SHARE})) * interval '365 days'
               + make_interval(secs => b.u11 % 300)
        end as created_at,
        b.g < $4::int * ${IMPORTED_SHARE} as imported,
        case when b.u10 % 10 < 7 then date '1975-01-01' + (b.u9 % 9131)::int else date '1940-01-01' + (b.u9 % 24100)::int end as birth_date,
        -- One to five identifications, three on average and exactly 3 × N in all: neighbours
        -- g and g + 1 draw the same offset, one above three and one below.
        3 + (case when b.g % 2 = 0 then 1 else -1 end)
          * (array[0, 0, 1, 1, 2])[1 + ((hashint4(${PAIR_HASH_OFFSET} + b.g / 2)::bigint + 2147483648) % 5)::int] as identification_count,
        nullif(br.display, '') as branch
      from base b
      join ${firstNames.name} f on f.slot = b.u1 % ${firstNames.slots}
      join ${lastNames.name} l on l.slot = b.u2 % ${lastNames.slots}
      join ${cities.name} c on c.slot = b.u3 % ${cities.slots}
      join ${domains.name} d on d.slot = b.u4 % ${domains.slots}
      join ${branches.name} br on br.slot = (b.u3 / 7) % ${branches.slots}
    )
    select p.*,
      ${datasetPersonIdSql('p.g')} as id,
      p.first_norm || ' ' || p.last_norm as search_name,
      -- A few customers from Austria and Switzerland, written internationally.
      case when p.u13 % 100 < 3 then null
           when p.u13 % 100 < 6 then '+43 664 ' || p.mobile_rest
           when p.u13 % 100 < 8 then '+41 79 ' || p.mobile_rest
           else case p.u8 % 7
             when 0 then '+49 ' || p.mobile_prefix || ' ' || p.mobile_rest
             when 1 then '+49' || p.mobile_prefix || p.mobile_rest
             when 2 then '0' || p.mobile_prefix || ' ' || p.mobile_rest
             when 3 then '0' || p.mobile_prefix || '/' || p.mobile_rest
             when 4 then '0049 ' || p.mobile_prefix || ' ' || p.mobile_rest
             when 5 then '+49 (0)' || p.mobile_prefix || ' ' || p.mobile_rest
             else '0' || p.mobile_prefix || '-' || substr(p.mobile_rest, 1, 3) || ' ' || substr(p.mobile_rest, 4)
           end
      end as mobile_number,
      case when p.u13 % 100 < 3 then null
           when p.u13 % 100 < 6 then '43664' || p.mobile_rest
           when p.u13 % 100 < 8 then '4179' || p.mobile_rest
           else '49' || p.mobile_prefix || p.mobile_rest
      end as mobile_digits,
      case p.u5 % 6
        when 0 then p.first_email || '.' || p.last_email
        when 1 then p.first_email || '.' || p.last_email || (p.u14 % 100)::text
        when 2 then left(p.first_email, 1) || '.' || p.last_email
        when 3 then p.first_email || p.last_email || to_char(p.birth_date, 'YY')
        when 4 then p.last_email || '.' || p.first_email
        else p.first_email || '_' || p.last_email || (p.u14 % 1000)::text
      end || '@' || p.email_domain as email_address,
      case when p.u15 % 100 < 85 then 'DE' else 'EN' end as language,
      case when p.imported then p.created_at end as solaris_created_at,
      case when p.imported then $3::timestamptz - interval '1 year' + (p.g / ($4::int * ${IMPORTED_SHARE})) * interval '2 hours'
           else p.created_at end as first_seen_at,
      case
        when p.u14 % 1000 < 550 then 'successful'
        when p.u14 % 1000 < 670 then 'pending'
        when p.u14 % 1000 < 720 then 'created'
        when p.u14 % 1000 < 800 then 'aborted'
        when p.u14 % 1000 < 830 then 'pending_successful'
        when p.u14 % 1000 < 840 then 'pending_failed'
        when p.u14 % 1000 < 880 then 'failed'
        when p.u14 % 1000 < 890 then 'canceled'
        else 'expired'
      end::identification_status as drawn_latest_status,
      case
        when p.u10 % 100 < 55 then 'not_needed'
        when p.u10 % 100 < 80 then 'depends_on_document'
        when p.u10 % 100 < 88 then 'outstanding'
        when p.u10 % 100 < 90 then 'in_review'
        else 'accepted'
      end as proof_of_address_state
    from picked p`;
}

/** Offsets that keep the per-identification and pair hashes apart from the persons' own (g × 16 + i). */
const PAIR_HASH_OFFSET = 1_610_612_736;
const IDENTIFICATION_HASH_OFFSETS = [1_073_741_824, 1_207_959_552, 1_342_177_280] as const;

/** An identification of a person stays in IDnow's review at most this long (the seed: 24 hours). */
const REVIEW_OUTCOME_AFTER = `interval '2 days'`;

/**
 * The identifications of one batch of persons in a temp table: when each was created, requested
 * and called, and the path it took through Solaris' statuses. Paths follow the seed: a call
 * ends aborted (the customer may retry with the same URL), canceled, in review
 * (pending_successful / pending_failed) or successful; a review ends successful, failed or
 * canceled within a day; an unused URL expires after 14 days. What the hash drew for the
 * latest identification is aged against the anchor: a review that started more than two days
 * ago has ended, a request older than 14 days without a call has expired.
 */
const IDENTIFICATION_BATCH_SQL = `
  create temp table bench_ident_batch as
  with drawn as (
    select b.g, b.id as person_id, b.language, k, b.identification_count as c,
      md5('identification-' || b.g || '-' || k) || 'cidt' as id,
      ${IDENTIFICATION_HASH_OFFSETS.map((offset, i) => `(hashint4(${offset} + b.g * 8 + k)::bigint + 2147483648) as v${i + 1}`).join(', ')},
      -- A person's identifications follow each other within two weeks of the sign-up (sooner
      -- for those who signed up just before the anchor).
      b.created_at + interval '10 minutes'
        + greatest(interval '1 hour', least(interval '14 days', $1::timestamptz - b.created_at)) * ((k - 1)::float8 / b.identification_count) as t0,
      -- Earlier identifications of a person ended without success: that is why there is a later one.
      case when k = b.identification_count then b.drawn_latest_status
        else (array['aborted','aborted','expired','expired','failed','canceled'])[1 + (b.u7 + k) % 6]::identification_status
      end as drawn
    from bench_batch b
    cross join lateral generate_series(1, b.identification_count) as k
  ),
  timed as (
    select d.*,
      d.t0 + make_interval(mins => 1 + (d.v1 % 30)::int) as req,
      d.t0 + make_interval(mins => 1 + (d.v1 % 30)::int + ((d.v1 / 30) % 240)::int) as call
    from drawn d
  ),
  aged as (
    select t.*,
      t.call + make_interval(mins => 10 + (t.v2 % 1200)::int) as review_end,
      t.call + interval '1 day' as retry_call,
      t.req + interval '14 days' as expiry,
      case
        when t.drawn = 'pending_successful' and t.call < $1::timestamptz - ${REVIEW_OUTCOME_AFTER} then 'successful'
        when t.drawn = 'pending_failed' and t.call < $1::timestamptz - ${REVIEW_OUTCOME_AFTER} then 'failed'
        when t.drawn = 'pending' and t.req < $1::timestamptz - interval '14 days' then 'expired'
        else t.drawn::text
      end as status
    from timed t
  ),
  routed as (
    select a.*,
      case a.status
        when 'expired' then case when a.v2 % 10 < 4 then 'expired_after_abort' else 'expired' end
        when 'canceled' then case when a.v2 % 10 = 0 then 'canceled_in_review' else 'canceled' end
        when 'successful' then case
          when a.drawn = 'pending_successful' or a.v2 % 10 in (6, 7) then 'successful_after_review'
          when a.v2 % 10 >= 8 then 'successful_after_abort'
          else 'successful' end
        when 'failed' then case when a.drawn = 'pending_failed' or a.v2 % 2 = 0 then 'failed_after_review' else 'failed' end
        else a.status
      end as path,
      ${ABORT_REASON_SLOTS.sql}[1 + (a.v3 % ${ABORT_REASON_SLOTS.length})::int] as abort_reason,
      ${CANCEL_REASON_SLOTS.sql}[1 + ((a.v3 / 7) % ${CANCEL_REASON_SLOTS.length})::int] as cancel_reason
    from aged a
  )
  select r.g, r.person_id, r.language, r.k, r.c, r.id, r.t0, r.req, r.status::identification_status as status, r.path,
    case r.path
      when 'created' then array['created']
      when 'pending' then array['created', 'pending']
      when 'aborted' then array['created', 'pending', 'aborted']
      when 'expired' then array['created', 'pending', 'expired']
      when 'expired_after_abort' then array['created', 'pending', 'aborted', 'expired']
      when 'canceled' then array['created', 'pending', 'canceled']
      when 'canceled_in_review' then array['created', 'pending', 'pending_successful', 'canceled']
      when 'pending_successful' then array['created', 'pending', 'pending_successful']
      when 'pending_failed' then array['created', 'pending', 'pending_failed']
      when 'successful' then array['created', 'pending', 'successful']
      when 'successful_after_review' then array['created', 'pending', 'pending_successful', 'successful']
      when 'successful_after_abort' then array['created', 'pending', 'aborted', 'successful']
      when 'failed' then array['created', 'pending', 'failed']
      when 'failed_after_review' then array['created', 'pending', 'pending_failed', 'failed']
    end::identification_status[] as path_statuses,
    array[r.t0, r.req,
      case when r.path = 'expired' then r.expiry else r.call end,
      case r.path when 'expired_after_abort' then r.expiry when 'successful_after_abort' then r.retry_call else r.review_end end
    ] as path_times,
    -- IDnow attempts: one per call, with its final result; a retried call after an abort is a second attempt.
    case
      when r.path in ('aborted', 'expired_after_abort') then array['ABORTED']
      when r.path in ('canceled', 'canceled_in_review') then array['CANCELED']
      when r.path = 'pending_successful' then array['REVIEW_PENDING']
      when r.path = 'pending_failed' then array['FRAUD_SUSPICION_PENDING']
      when r.path in ('successful', 'successful_after_review') then
        array[case when r.v3 % 7 = 0 then 'SUCCESS_DATA_CHANGED' else 'SUCCESS' end]
      when r.path = 'successful_after_abort' then array['ABORTED', 'SUCCESS']
      when r.path in ('failed', 'failed_after_review') then array['FRAUD_SUSPICION_CONFIRMED']
      else array[]::text[]
    end as attempt_results,
    array[r.call, r.retry_call] as attempt_times,
    r.abort_reason, r.cancel_reason,
    r.call,
    r.expiry
  from routed r`;

/** The failure code IDnow gives with an attempt's result; none on success or fraud suspicion. */
const ATTEMPT_REASON_SQL = (result: string) =>
  `case ${result} when 'ABORTED' then x.abort_reason when 'CANCELED' then x.cancel_reason end`;

const INSERT_PERSONS_SQL = `
  insert into persons (
    id, salutation, first_name, last_name, email, mobile_number, birth_date, nationality,
    address_line_1, address_postal_code, address_city, address_country, branch,
    search_name, search_words, mobile_digits, email_normalized, proof_of_address_state,
    latest_identification_id, latest_identification_status, latest_identification_language, latest_identification_created_at,
    solaris_created_at, first_seen_at, last_synced_at, version)
  select b.id, case when b.u9 % 2 = 0 then 'MR' else 'MS' end, b.first_name, b.last_name,
    -- Customers type their address in all cases; Identdesk compares it lower-case.
    case when b.u16 % 10 = 0 then initcap(b.email_address) else b.email_address end,
    b.mobile_number, b.birth_date,
    case when b.u13 % 100 < 80 then 'DE' when b.u13 % 100 < 85 then 'TR' when b.u13 % 100 < 89 then 'PL'
         when b.u13 % 100 < 92 then 'IT' when b.u13 % 100 < 95 then 'AT' else 'FR' end,
    (array['Hauptstraße','Bahnhofstraße','Gartenweg','Schillerstraße','Goethestraße','Amrumer Straße','Lindenallee','Am Markt'])[1 + b.u3 % 8]
      || ' ' || (1 + b.u4 % 140)::text,
    lpad((1067 + b.u5 % 98000)::text, 5, '0'), b.city, 'DE', b.branch,
    b.search_name, string_to_array(b.search_name, ' '), b.mobile_digits, lower(b.email_address), b.proof_of_address_state,
    l.id, l.status, b.language, l.t0,
    b.solaris_created_at, b.first_seen_at, b.first_seen_at + interval '1 hour', 1
  from bench_batch b
  join bench_ident_batch l on l.g = b.g and l.k = l.c`;

const INSERT_IDENTIFICATIONS_SQL = `
  insert into identifications (
    id, person_id, status, method, language, requested_at, url_expires_at, completed_at,
    created_at, first_seen_at, last_synced_at, latest_attempt_result, latest_failure_code, failure_reason,
    pending_successful_at, review_started_at)
  select x.id, x.person_id, x.status, 'idnow', x.language,
    case when x.status <> 'created' then x.req end,
    case when x.status <> 'created' then x.expiry end,
    case when x.status in ('successful', 'failed', 'canceled') then x.path_times[cardinality(x.path_statuses)] end,
    x.t0, x.t0, x.path_times[cardinality(x.path_statuses)] + interval '1 minute',
    x.attempt_results[cardinality(x.attempt_results)],
    ${ATTEMPT_REASON_SQL('x.attempt_results[cardinality(x.attempt_results)]')},
    case when x.status in ('aborted', 'canceled') then ${ATTEMPT_REASON_SQL('x.attempt_results[cardinality(x.attempt_results)]')} end,
    case when 'pending_successful' = any(x.path_statuses) then x.call end,
    case when x.status in ('pending_successful', 'pending_failed') then x.call end
  from bench_ident_batch x`;

/** Every status an identification went through, as webhooks recorded them, a few seconds after each. */
const INSERT_STATUS_HISTORY_SQL = `
  insert into identification_status_changes (identification_id, from_status, to_status, observed_at, source, recorded_at)
  select x.id, x.path_statuses[s.n - 1], s.status, x.path_times[s.n], 'webhook', x.path_times[s.n] + interval '3 seconds'
  from bench_ident_batch x
  cross join lateral unnest(x.path_statuses) with ordinality as s(status, n)`;

const INSERT_ATTEMPTS_SQL = `
  insert into idnow_attempts (id, identification_id, result, reason, attempted_at, first_seen_at)
  select md5('attempt-' || x.id || '-' || a.n) || 'catt', x.id, a.result, ${ATTEMPT_REASON_SQL('a.result')},
    x.attempt_times[a.n], x.attempt_times[a.n] + interval '5 seconds'
  from bench_ident_batch x
  cross join lateral unnest(x.attempt_results) with ordinality as a(result, n)`;

/** The uuid of the n-th generated staff member of a role. */
const staffIdSql = (role: 'agent' | 'compliance', n: string) => `md5('bench-staff-${role}-' || ${n})::uuid`;

/**
 * Proofs of address agents recorded for the customers whose state says so, decided by a
 * compliance reviewer (never the recorder): the one in review waits, an accepted one was
 * approved (half of them; the other half needed none beyond the ID document), and a quarter of
 * the outstanding ones were rejected or sent back for resubmission.
 */
const INSERT_PROOF_OF_ADDRESS_SQL = `
  insert into proof_of_address_submissions (
    id, person_id, identification_id, type, issued_on, file_name, content_type, size, sha256,
    upload_status, upload_attempts, uploaded_at, status, recorded_by, recorded_at, decided_by, decided_at, decision_reason)
  select md5('proof-of-address-' || b.g)::uuid, b.id, l.id,
    ${PROOF_OF_ADDRESS_TYPE_SLOTS.sql}[1 + (b.u16 % ${PROOF_OF_ADDRESS_TYPE_SLOTS.length})::int],
    (p.recorded_at at time zone 'Europe/Berlin')::date - (b.u15 % 120)::int,
    'proof-of-address.pdf', 'application/pdf', 60000 + b.u14 % 900000, md5('file-a-' || b.g) || md5('file-b-' || b.g),
    'uploaded', 1, p.recorded_at + interval '20 seconds', p.status,
    ${staffIdSql('agent', `(b.u11 % ${STAFF.agents})`)}, p.recorded_at,
    case when p.status <> 'pending_review' then ${staffIdSql('compliance', `(b.u12 % ${STAFF.reviewers})`)} end,
    case when p.status <> 'pending_review' then p.recorded_at + make_interval(mins => 20 + (b.u12 % 4000)::int) end,
    case p.status when 'rejected' then 'The bill is addressed to someone else.'
                  when 'resubmission_requested' then 'The scan is cut off; please upload all pages.' end
  from bench_batch b
  join bench_ident_batch l on l.g = b.g and l.k = l.c
  cross join lateral (select
    l.t0 + make_interval(hours => 2 + (b.u11 % 72)::int) as recorded_at,
    case
      when b.proof_of_address_state = 'in_review' then 'pending_review'
      when b.proof_of_address_state = 'accepted' and b.u16 % 2 = 0 then 'approved'
      when b.proof_of_address_state = 'outstanding' and b.u16 % 8 = 1 then 'rejected'
      when b.proof_of_address_state = 'outstanding' and b.u16 % 8 = 3 then 'resubmission_requested'
    end as status) p
  where p.status is not null`;

/** The staff who record and decide proofs of address, for the team-work figures. */
async function ensureStaff(client: pg.PoolClient) {
  await client.query(
    `insert into users (id, email, display_name, role)
     select ${staffIdSql('agent', 'n')}, 'bench.agent.' || n || '@identdesk.local', 'Agent ' || n, 'agent'
     from generate_series(0, ${STAFF.agents - 1}) as n
     union all
     select ${staffIdSql('compliance', 'n')}, 'bench.reviewer.' || n || '@identdesk.local', 'Reviewer ' || n, 'compliance'
     from generate_series(0, ${STAFF.reviewers - 1}) as n
     on conflict do nothing`,
  );
}

/**
 * The dataset is only worth measuring if search sees it as it would see real persons: compares
 * a sample of generated search columns with what the domain's normalization makes of the row.
 */
async function checkSearchColumnsAgainstDomain(client: pg.PoolClient) {
  const { rows } = await client.query<{
    id: string;
    first_name: string;
    last_name: string;
    mobile_number: string | null;
    search_name: string;
    search_words: string[];
    mobile_digits: string | null;
    latest_ok: boolean;
    words_known: boolean;
  }>(
    `select p.id, p.first_name, p.last_name, p.mobile_number, p.search_name, p.search_words, p.mobile_digits,
       p.latest_identification_id = (select i.id from identifications i where i.person_id = p.id
                                     order by i.created_at desc, i.id desc limit 1) as latest_ok,
       (select count(*) from person_name_words w where w.word = any(p.search_words)) = cardinality(p.search_words) as words_known
     from persons p tablesample system (1) limit 400`,
  );
  const problems: string[] = [];
  for (const row of rows) {
    const expectedName = normalizeNameForSearch(`${row.first_name} ${row.last_name}`);
    if (row.search_name !== expectedName) problems.push(`${row.id}: search_name "${row.search_name}", domain says "${expectedName}"`);
    if (row.search_words.join(' ') !== expectedName) problems.push(`${row.id}: search_words ${JSON.stringify(row.search_words)}`);
    const expectedDigits = row.mobile_number === null ? null : normalizePhoneForSearch(row.mobile_number);
    if (row.mobile_digits !== expectedDigits) {
      problems.push(`${row.id}: mobile_digits ${row.mobile_digits} for "${row.mobile_number}", domain says ${expectedDigits}`);
    }
    if (!row.latest_ok) problems.push(`${row.id}: latest identification columns disagree with identifications`);
    if (!row.words_known) problems.push(`${row.id}: a search word is missing from person_name_words`);
  }
  if (problems.length > 0) {
    throw new Error(`The generated dataset does not match Identdesk's normalization:\n  ${problems.slice(0, 10).join('\n  ')}`);
  }
}
