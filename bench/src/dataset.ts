import { normalizeNameForSearch, normalizePhoneForSearch } from '@identdesk/domain';
import type pg from 'pg';
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
export const DATASET_VERSION = 2;

export type DatasetPhase = 'persons' | 'indexes' | 'dictionary';
export type ProgressReporter = (phase: DatasetPhase, done: number, total: number) => void;

export interface DatasetSummary {
  persons: number;
  identifications: number;
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
 * formats customers type them, birth dates, 1–3 identifications per person with the latest one
 * copied onto the person, proof-of-address states, and the search columns filled exactly as
 * Identdesk's own normalization fills them (checked on a sample afterwards).
 *
 * Rows are appended up to `personTarget`, so a dataset is reused between runs and can grow.
 * A large load drops the secondary indexes first and rebuilds them afterwards (several times
 * faster than maintaining GIN indexes row by row); their definitions are kept in the database
 * until rebuilt, so an interrupted load picks up where it stopped.
 */
export async function ensureSyntheticDataset(
  pool: pg.Pool,
  personTarget: number,
  onProgress: ProgressReporter,
): Promise<DatasetSummary> {
  const client = await pool.connect();
  try {
    return await buildDataset(client, personTarget, onProgress);
  } finally {
    // PGlite serves every connection from one session: leave nothing of the load behind.
    await client.query('reset session_replication_role').catch(() => {});
    client.release();
  }
}

async function buildDataset(client: pg.PoolClient, personTarget: number, onProgress: ProgressReporter): Promise<DatasetSummary> {
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
  if (!state[0]?.complete) {
    await rebuildDroppedIndexes(client, onProgress);
    await fillNameDictionary(client, onProgress);
    // PGlite has no autovacuum: without this the planner knows nothing about the new rows.
    await client.query('analyze');
    await checkSearchColumnsAgainstDomain(client);
    await client.query('update bench_dataset set complete = true');
  }

  const counts = await client.query<{ persons: string; identifications: string; words: string }>(
    `select (select count(*) from persons) as persons, (select count(*) from identifications) as identifications,
            (select count(*) from person_name_words) as words`,
  );
  const row = counts.rows[0];
  return {
    persons: Number(row?.persons ?? 0),
    identifications: Number(row?.identifications ?? 0),
    distinctNameWords: Number(row?.words ?? 0),
  };
}

const LOADED_TABLES = ['persons', 'identifications', 'person_name_words'];

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

  onProgress('persons', from, to);
  for (let start = from; start < to; start += BATCH_SIZE) {
    const end = Math.min(to, start + BATCH_SIZE);
    await client.query('begin');
    await client.query('drop table if exists bench_batch');
    await client.query(batchSql(lastNames, firstNames, cities, domains), [start, end, anchor, to]);
    await client.query(INSERT_PERSONS_SQL);
    await client.query(INSERT_IDENTIFICATIONS_SQL);
    await client.query('commit');
    onProgress('persons', end, to);
  }
  await client.query('drop table if exists bench_batch');
}

/**
 * One batch of generated persons in a temp table. `u1`…`u16` are independent 32-bit hashes of
 * the person's number, so the same number always gives the same person.
 */
function batchSql(lastNames: SlotTable, firstNames: SlotTable, cities: SlotTable, domains: SlotTable): string {
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
        case when b.u12 % 10 < 6 then 1 when b.u12 % 10 < 9 then 2 else 3 end as identification_count
      from base b
      join ${firstNames.name} f on f.slot = b.u1 % ${firstNames.slots}
      join ${lastNames.name} l on l.slot = b.u2 % ${lastNames.slots}
      join ${cities.name} c on c.slot = b.u3 % ${cities.slots}
      join ${domains.name} d on d.slot = b.u4 % ${domains.slots}
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
      end::identification_status as latest_status,
      case
        when p.u10 % 100 < 55 then 'not_needed'
        when p.u10 % 100 < 80 then 'depends_on_document'
        when p.u10 % 100 < 88 then 'outstanding'
        when p.u10 % 100 < 90 then 'in_review'
        else 'accepted'
      end as proof_of_address_state
    from picked p`;
}

const latestIdentificationIdSql = `md5('identification-' || b.g || '-' || b.identification_count) || 'cidt'`;
const identificationCreatedAtSql = (k: string) => `b.created_at + make_interval(days => (${k} - 1) * 3, mins => 10)`;

const INSERT_PERSONS_SQL = `
  insert into persons (
    id, salutation, first_name, last_name, email, mobile_number, birth_date, nationality,
    address_line_1, address_postal_code, address_city, address_country,
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
    lpad((1067 + b.u5 % 98000)::text, 5, '0'), b.city, 'DE',
    b.search_name, string_to_array(b.search_name, ' '), b.mobile_digits, lower(b.email_address), b.proof_of_address_state,
    ${latestIdentificationIdSql}, b.latest_status, b.language, ${identificationCreatedAtSql('b.identification_count')},
    b.solaris_created_at, b.first_seen_at, b.first_seen_at + interval '1 hour', 1
  from bench_batch b`;

const INSERT_IDENTIFICATIONS_SQL = `
  insert into identifications (
    id, person_id, status, method, language, requested_at, url_expires_at, completed_at,
    created_at, first_seen_at, last_synced_at)
  select md5('identification-' || b.g || '-' || k) || 'cidt', b.id, s.status, 'idnow', b.language,
    case when s.status <> 'created' then ${identificationCreatedAtSql('k')} + interval '1 minute' end,
    case when s.status <> 'created' then ${identificationCreatedAtSql('k')} + interval '1 minute' + interval '14 days' end,
    case when s.status in ('successful', 'failed', 'canceled') then ${identificationCreatedAtSql('k')} + interval '2 hours' end,
    ${identificationCreatedAtSql('k')}, ${identificationCreatedAtSql('k')}, ${identificationCreatedAtSql('k')} + interval '1 hour'
  from bench_batch b
  cross join lateral generate_series(1, b.identification_count) as k
  -- Earlier identifications of a person ended without success: that is why there is a later one.
  cross join lateral (select case when k = b.identification_count then b.latest_status
    else (array['aborted','aborted','expired','expired','failed','canceled'])[1 + (b.u7 + k) % 6]::identification_status end as status) s`;

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
