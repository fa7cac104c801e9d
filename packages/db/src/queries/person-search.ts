import {
  classifySearchQuery,
  type CalendarDate,
  type IdentificationLanguage,
  type IdentificationStatus,
  type ProofOfAddressState,
  type SearchQueryKind,
} from '@identdesk/domain';
import { and, eq, getTableName, or, sql, type SQL } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { documents } from '../schema/documents.ts';
import { identifications } from '../schema/identifications.ts';
import { personNameWords } from '../schema/person-name-words.ts';
import { persons } from '../schema/persons.ts';

export const PERSON_SEARCH_SORT_FIELDS = ['relevance', 'name', 'createdAt', 'birthDate'] as const;
export type PersonSearchSortField = (typeof PERSON_SEARCH_SORT_FIELDS)[number];
export type SortDirection = 'asc' | 'desc';
export const PERSON_SEARCH_PAGE_SIZES = [10, 25, 50, 100] as const;

/**
 * Results are counted exactly up to here. Counting reads every matching row, and with a million
 * customers "Anna" matches twenty thousand of them: above this the total is the planner's
 * estimate (`totalIsExact: false`), which costs nothing to get.
 */
export const PERSON_SEARCH_EXACT_COUNT_LIMIT = 1_000;
/** A filtered name search is counted only when its index finds no more persons than this (see QueryPlan.candidates). */
const MAX_COUNTED_CANDIDATES = 2_000;
/** Paging reaches this many results; beyond it a search needs more words or a filter. */
export const PERSON_SEARCH_MAX_RESULT_POSITION = 10_000;

export interface PersonSearchFilters {
  /** Status of the person's latest identification. */
  identificationStatus?: readonly IdentificationStatus[];
  /** Language of the person's latest identification. */
  language?: IdentificationLanguage;
  /** Created on or after this day (Berlin): Solaris' creation time, else when Identdesk first saw the person. */
  createdFrom?: CalendarDate;
  /** Created on or before this day (Berlin). */
  createdTo?: CalendarDate;
  /** Only persons who still owe a proof of address; false or absent does not filter. */
  proofOfAddressOutstanding?: boolean;
}

export interface PersonSearchParams {
  /**
   * What was typed into the one search box: a name in any order, with typos, umlauts or
   * transliterations, partial words; an e-mail; a mobile number in any format; a birth date
   * (11.12.1992 or 1992-12-11); a person, identification or document id. Empty lists everyone.
   */
  query: string;
  filters?: PersonSearchFilters;
  /** Default relevance: best matches first, newest customers first among equals. */
  sort?: { field: PersonSearchSortField; direction: SortDirection };
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Reads two-digit birth years ("11.12.92") relative to this day. */
  now?: Date;
}

export interface PersonSearchItem {
  id: string;
  name: string;
  birthDate: string | null;
  email: string | null;
  mobileNumber: string | null;
  city: string | null;
  /** ISO instant: Solaris' creation time, else when Identdesk first saw the person. */
  createdAt: string;
  latestIdentification: { id: string; status: IdentificationStatus; language: string | null } | null;
  proofOfAddressState: ProofOfAddressState;
}

export interface PersonSearchResult {
  items: PersonSearchItem[];
  /** Exact when `totalIsExact`; otherwise an estimate, never below what paging has shown to exist. */
  total: number;
  totalIsExact: boolean;
  page: number;
  pageSize: number;
  queryKind: SearchQueryKind;
  /** Set when the query was the exact id of a stored person or identification. */
  match?: { personId: string; identificationId?: string };
}

/**
 * A word needs this many letters before search looks for longer words starting with it, or for
 * words one typo away; shorter words only narrow down other words' matches.
 */
const MIN_PARTIAL_WORD_LENGTH = 3;
const MIN_TYPO_WORD_LENGTH = 4;
/** How many dictionary words starting with a typed word it may stand for (the shortest first). */
const MAX_PREFIX_WORDS = 200;
const MAX_QUERY_WORDS = 8;
/** Letters a typo may have put in or taken out: what stored name words are made of after folding. */
const TYPO_ALPHABET = [...'abcdefghijklmnopqrstuvwxyz'];

interface WordMatches {
  token: string;
  exact: string[];
  /** Longer words starting with the token ("mull" → muller, mullner). */
  partial: string[];
  /** Words one typo away: a letter missing, added, replaced, or two neighbours swapped. */
  typo: string[];
  /** More words started with the token than are searched for: counting cannot be exact. */
  truncated: boolean;
}

/**
 * Every spelling one typo away from `word` ("mulller" → "muller", "schmitd" → "schmidt").
 * Looking these few hundred spellings up in the dictionary's primary key is exact and takes
 * milliseconds; trigram similarity over the dictionary took hundreds.
 */
export function oneTypoVariants(word: string): string[] {
  const letters = [...word];
  const variants = new Set<string>();
  for (let i = 0; i <= letters.length; i++) {
    const before = letters.slice(0, i).join('');
    const after = letters.slice(i).join('');
    for (const letter of TYPO_ALPHABET) variants.add(before + letter + after);
    if (i < letters.length) {
      const rest = letters.slice(i + 1).join('');
      variants.add(before + rest);
      for (const letter of TYPO_ALPHABET) variants.add(before + letter + rest);
      if (i + 1 < letters.length) variants.add(before + (letters[i + 1] ?? '') + (letters[i] ?? '') + letters.slice(i + 2).join(''));
    }
  }
  variants.delete(word);
  return [...variants];
}

/**
 * Looks every typed word up in the dictionary of stored name words (a hundred thousand words,
 * not a million persons), in one round trip: the word itself and the words one typo away
 * through the primary key, and longer words starting with it through a LIKE with the word's own
 * literal pattern, which the planner can serve from an index (the primary key on a C collation,
 * the trigram index on others).
 */
async function matchWords(db: DatabaseExecutor, tokens: string[]): Promise<WordMatches[]> {
  const word = personNameWords.word;
  const spellingsOf = tokens.map((token) => new Set(token.length >= MIN_TYPO_WORD_LENGTH ? [token, ...oneTypoVariants(token)] : [token]));
  const spellings = [...new Set(spellingsOf.flatMap((set) => [...set]))];
  // `= any(…)` lets the planner probe the primary key per spelling; a join with the same list
  // made it hash the whole dictionary instead (five times slower at a million customers).
  const parts = [
    sql`select -1 as ordinal, ${word} from ${personNameWords} where ${word} = any(${sql.param(spellings)}::text[])`,
    ...tokens.flatMap((token, index) =>
      token.length >= MIN_PARTIAL_WORD_LENGTH
        ? [
            sql`(select ${sql.raw(String(index))}, ${word} from ${personNameWords}
              where ${word} like ${`${token}%`} and ${word} <> ${token}
              order by length(${word}), ${word} limit ${MAX_PREFIX_WORDS + 1})`,
          ]
        : [],
    ),
  ];
  const { rows } = await db.execute<{ ordinal: number; word: string }>(sql.join(parts, sql` union all `));
  const spelledAlike = rows.filter((row) => Number(row.ordinal) === -1).map((row) => row.word);

  return tokens.map((token, index) => {
    const found = new Set([
      ...spelledAlike.filter((candidate) => spellingsOf[index]?.has(candidate)),
      ...rows.filter((row) => Number(row.ordinal) === index).map((row) => row.word),
    ]);
    const partial = [...found]
      .filter((candidate) => candidate.startsWith(token) && candidate !== token)
      .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    const partialSet = new Set(partial);
    return {
      token,
      exact: found.has(token) ? [token] : [],
      partial: partial.slice(0, MAX_PREFIX_WORDS),
      typo: [...found].filter((candidate) => candidate !== token && !partialSet.has(candidate)),
      truncated: partial.length > MAX_PREFIX_WORDS,
    };
  });
}

// sql.param: a bare array in a drizzle template would become a list of parameters, not one text[].
const hasAnyWord = (words: string[]) => sql`${persons.searchWords} && ${sql.param(words)}::text[]`;

/** One relevance tier of a name search: its condition and the words each typed word may be. */
interface NameTier {
  condition: SQL;
  wordsPerToken: string[][];
}

interface NamePlan {
  /** Best first: every typed word matched exactly, then as the start of a word, then with a typo. */
  tiers: NameTier[];
  /** Any tier. */
  all: NameTier | null;
  truncated: boolean;
}

/**
 * The conditions for a typed name. Each typed word must be matched by some word of the
 * person's name (in any order); a person's tier is the weakest of those matches. Words of one
 * or two letters only narrow the others down, as the start of a name word ("j müller").
 */
async function planNameSearch(db: DatabaseExecutor, normalized: string): Promise<NamePlan | null> {
  const tokens = [...new Set(normalized.split(' ').filter(Boolean))].slice(0, MAX_QUERY_WORDS);
  const searchable = tokens.filter((token) => token.length >= MIN_PARTIAL_WORD_LENGTH);
  const short = tokens.filter((token) => token.length < MIN_PARTIAL_WORD_LENGTH);
  // Only short words ("li", "ng"): they must be whole name words, or nearly everyone would match.
  const wordTokens = searchable.length > 0 ? searchable : short.filter((token) => token.length === 2);
  if (wordTokens.length === 0) return null;
  const startsOfWords = searchable.length > 0 ? short : short.filter((token) => token.length === 1);

  const matches = await matchWords(db, wordTokens);
  const refinement = startsOfWords.map((start) => sql`${persons.searchName} ~ ${`(^| )${start}`}`);
  const levels = [
    (m: WordMatches) => m.exact,
    (m: WordMatches) => [...m.exact, ...m.partial],
    (m: WordMatches) => [...m.exact, ...m.partial, ...m.typo],
  ];
  const atLevel = levels.map((wordsOf): NameTier | null => {
    const wordsPerToken = matches.map(wordsOf);
    if (wordsPerToken.some((words) => words.length === 0)) return null;
    return { condition: and(...wordsPerToken.map(hasAnyWord), ...refinement) ?? sql`true`, wordsPerToken };
  });

  const tiers: NameTier[] = [];
  let better: NameTier | null = null;
  for (const level of atLevel) {
    if (!level) continue;
    const wordCount = level.wordsPerToken.flat().length;
    if (better && wordCount === better.wordsPerToken.flat().length) continue;
    tiers.push(better ? { ...level, condition: and(level.condition, sql`not (${better.condition})`) ?? level.condition } : level);
    better = level;
  }
  return { tiers, all: atLevel[2] ?? null, truncated: matches.some((m) => m.truncated) };
}

/**
 * How common stored name words are, from the planner's statistics of `persons.search_words`
 * (its most common elements), and how common each value of the filters the name index also
 * holds (language, status, proof of address), from their most common values; cached for a while
 * per database. It decides how a name search runs: a common name is found by walking the newest
 * customers, a rare one (or one a filter makes rare) by its index. Without statistics (a
 * database never analysed) every word counts as rare, the safe choice.
 */
interface SearchStatistics {
  rows: number;
  frequency: Map<string, number>;
  /** Share of persons per value of a filter column; a value outside the statistics is rare. */
  filterShare: Record<FilterColumn, Map<string, number>>;
}
type FilterColumn = 'status' | 'language' | 'proofOfAddress';
const SEARCH_STATISTICS_TTL_MS = 10 * 60_000;
/** The share assumed for a filter value the statistics do not list: they list every value held by more than a few persons. */
const RARE_VALUE_SHARE = 0.001;
const searchStatisticsCache = new WeakMap<object, { loadedAt: number; statistics: Promise<SearchStatistics> }>();

/** Elements of a PostgreSQL array literal of words: {anna,muller,"null"}. */
function arrayLiteralElements(literal: string): string[] {
  const inner = literal.replace(/^\{|\}$/g, '');
  if (inner === '') return [];
  return [...inner.matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((match) =>
    match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? ''),
  );
}

const zipShares = (values: string | null | undefined, shares: number[] | null | undefined) => {
  const elements = values ? arrayLiteralElements(values) : [];
  return new Map(elements.map((element, index) => [element, Number(shares?.[index] ?? 0)]));
};

async function loadSearchStatistics(db: DatabaseExecutor): Promise<SearchStatistics> {
  const { rows } = await db.execute<{ rows: number; attname: string | null; elements: string | null; frequencies: number[] | null; values: string | null; shares: number[] | null }>(sql`
    select greatest(c.reltuples, 0)::float8 as rows, s.attname::text as attname,
           s.most_common_elems::text as elements, s.most_common_elem_freqs as frequencies,
           s.most_common_vals::text as values, s.most_common_freqs as shares
    from pg_class c
    left join pg_stats s on s.schemaname = c.relnamespace::regnamespace::text
      and s.tablename = c.relname
      and s.attname in (${persons.searchWords.name}, ${persons.latestIdentificationStatus.name},
                        ${persons.latestIdentificationLanguage.name}, ${persons.proofOfAddressState.name})
    where c.oid = to_regclass(${getTableName(persons)})`);
  const of = (column: { name: string }) => rows.find((row) => row.attname === column.name);
  const words = of(persons.searchWords);
  return {
    rows: Number(rows[0]?.rows ?? 0),
    frequency: zipShares(words?.elements, words?.frequencies),
    filterShare: {
      status: zipShares(of(persons.latestIdentificationStatus)?.values, of(persons.latestIdentificationStatus)?.shares),
      language: zipShares(of(persons.latestIdentificationLanguage)?.values, of(persons.latestIdentificationLanguage)?.shares),
      proofOfAddress: zipShares(of(persons.proofOfAddressState)?.values, of(persons.proofOfAddressState)?.shares),
    },
  };
}

function searchStatistics(db: DatabaseExecutor): Promise<SearchStatistics> {
  const cached = searchStatisticsCache.get(db);
  if (cached && Date.now() - cached.loadedAt < SEARCH_STATISTICS_TTL_MS) return cached.statistics;
  const statistics = loadSearchStatistics(db);
  searchStatisticsCache.set(db, { loadedAt: Date.now(), statistics });
  statistics.catch(() => searchStatisticsCache.delete(db));
  return statistics;
}

/** Persons expected to carry, for every typed word, one of its words; words outside the statistics count as none. */
function expectedMatches(statistics: SearchStatistics, wordsPerToken: string[][]): number {
  return wordsPerToken.reduce(
    (expected, words) => expected * Math.min(1, words.reduce((sum, word) => sum + (statistics.frequency.get(word) ?? 0), 0)),
    statistics.rows,
  );
}

/**
 * The share of persons the filters keep that the name index can tell apart by itself: it also
 * holds the latest identification's language and status and the proof-of-address state
 * (`persons_search_words_filters_idx`), so "Schmidt, English" reads only English-speaking
 * Schmidts. The created range is checked on each row found, so it does not narrow what is read.
 */
function shareKeptByNameIndex(statistics: SearchStatistics, filters: PersonSearchFilters | undefined): number {
  if (!filters) return 1;
  const shareOf = (column: FilterColumn, value: string) => statistics.filterShare[column].get(value) ?? RARE_VALUE_SHARE;
  const statuses = filters.identificationStatus ?? [];
  return (
    (statuses.length > 0 ? Math.min(1, statuses.reduce((sum, status) => sum + shareOf('status', status), 0)) : 1) *
    (filters.language ? shareOf('language', filters.language) : 1) *
    (filters.proofOfAddressOutstanding ? shareOf('proofOfAddress', 'outstanding') : 1)
  );
}

/**
 * Reading one match through the name index (a random heap read, and a place in the sort) costs
 * about as much as this many rows of a newest-first walk, which reads the creation-time index
 * and the rows in table order (measured on PGlite with a million customers: 5 µs against 1 µs).
 */
const SORT_ROW_COST_IN_WALK_ROWS = 5;

/**
 * Walk or sort, whichever reads less: a walk newest first stops once it has found the rows up
 * to the page's end, about `needed × rows / matches` rows; the name index reads every match.
 * With `expected` matches among `rows` persons, the break-even for a first page of 25 at a
 * million customers lies near 2,200 matches.
 */
function newestFirstPlan(statistics: SearchStatistics, expected: number, needed: number): 'walk' | 'sort' {
  if (expected < 1) return 'sort';
  const walkedRows = Math.min(statistics.rows, (needed * statistics.rows) / expected);
  return expected * SORT_ROW_COST_IN_WALK_ROWS < walkedRows ? 'sort' : 'walk';
}

const createdAtOf = sql`coalesce(${persons.solarisCreatedAt}, ${persons.firstSeenAt})`;
const berlinStartOf = (day: CalendarDate, plusDays = 0) =>
  sql`((${day}::date + ${plusDays}::int)::timestamp at time zone 'Europe/Berlin')`;

/** Where a person's creation time lives: Solaris' creation time, or (unknown) the first sight. */
type CreatedSource = 'solaris' | 'firstSeen';

function createdRange(filters: PersonSearchFilters, column: SQL): SQL | undefined {
  return and(
    filters.createdFrom ? sql`${column} >= ${berlinStartOf(filters.createdFrom)}` : undefined,
    filters.createdTo ? sql`${column} < ${berlinStartOf(filters.createdTo, 1)}` : undefined,
  );
}

/**
 * The filters as SQL. Given the branch of a newest-first walk (whose creation time lives in one
 * column, and which may be limited to one status), the created range and status become
 * conditions that branch's index can use.
 */
function filterSql(
  filters: PersonSearchFilters | undefined,
  branch?: { created: CreatedSource; status?: IdentificationStatus },
): SQL | undefined {
  if (!filters) return undefined;
  const statuses = branch?.status ? [branch.status] : (filters.identificationStatus ?? []);
  const solarisRange = createdRange(filters, sql`${persons.solarisCreatedAt}`);
  const firstSeenRange = createdRange(filters, sql`${persons.firstSeenAt}`);
  const created = !branch
    ? solarisRange && firstSeenRange && or(solarisRange, and(sql`${persons.solarisCreatedAt} is null`, firstSeenRange))
    : branch.created === 'solaris'
      ? solarisRange
      : firstSeenRange;
  return and(
    statuses.length === 1
      ? sql`${persons.latestIdentificationStatus} = ${statuses[0]}`
      : statuses.length > 1
        ? sql`${persons.latestIdentificationStatus} in (${sql.join(statuses.map((status) => sql`${status}`), sql`, `)})`
        : undefined,
    filters.language ? eq(persons.latestIdentificationLanguage, filters.language) : undefined,
    created,
    filters.proofOfAddressOutstanding ? eq(persons.proofOfAddressState, 'outstanding') : undefined,
  );
}

/** Which persons a page is taken from: what the query matched and the filters, kept apart (see filterSql). */
interface Selection {
  match: SQL | undefined;
  filters: PersonSearchFilters | undefined;
}

const whereOf = (selection: Selection, branch?: Parameters<typeof filterSql>[1]) =>
  and(selection.match, filterSql(selection.filters, branch));

interface PersonRowOut {
  id: string;
  first_name: string | null;
  last_name: string | null;
  birth_date: string | null;
  email: string | null;
  mobile_number: string | null;
  city: string | null;
  created_at: string;
  latest_identification_id: string | null;
  latest_identification_status: IdentificationStatus | null;
  latest_identification_language: string | null;
  proof_of_address_state: ProofOfAddressState;
}

/** Explicit columns: search shows contact data, never documents, tax or compliance fields. */
const itemColumns = (createdAt: SQL) => sql`
  ${persons.id} as id, ${persons.firstName} as first_name, ${persons.lastName} as last_name,
  ${persons.birthDate}::text as birth_date, ${persons.email} as email, ${persons.mobileNumber} as mobile_number,
  ${persons.addressCity} as city,
  to_char(${createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
  ${createdAt} as created_sort,
  ${persons.latestIdentificationId} as latest_identification_id,
  ${persons.latestIdentificationStatus} as latest_identification_status,
  ${persons.latestIdentificationLanguage} as latest_identification_language,
  ${persons.proofOfAddressState} as proof_of_address_state`;

function toItem(row: PersonRowOut): PersonSearchItem {
  return {
    id: row.id,
    name: [row.first_name, row.last_name].filter(Boolean).join(' '),
    birthDate: row.birth_date,
    email: row.email,
    mobileNumber: row.mobile_number,
    city: row.city,
    createdAt: row.created_at,
    latestIdentification:
      row.latest_identification_id && row.latest_identification_status
        ? {
            id: row.latest_identification_id,
            status: row.latest_identification_status,
            language: row.latest_identification_language,
          }
        : null,
    proofOfAddressState: row.proof_of_address_state,
  };
}

type FetchOrder =
  | {
      field: 'createdAt';
      direction: SortDirection;
      /**
       * `walk`: read the creation-time indexes newest first until the page is full, cheap when
       * matches are many. `sort`: find every match through the query's own index and sort them,
       * cheap when they are few; a walk would read the whole table looking for them.
       */
      plan: 'walk' | 'sort';
    }
  | {
      field: 'name' | 'birthDate';
      direction: SortDirection;
      /**
       * A name search must not walk the name or birth-date index looking for matches: "müller"
       * sorted by name would read every customer from Aalders to Müller first.
       */
      avoidIndexWalk: boolean;
    };

/**
 * One page of `selection` in `order`. A newest-first walk reads the persons known only by their
 * first sight through that index (with a status filter, once per status, merged), then the
 * persons with a Solaris creation time through theirs, bounded by the first part. Each walk reads
 * only as far as the page needs; ties on the instant are broken by id.
 */
function pageSql(selection: Selection, order: FetchOrder, limit: number, offset: number): SQL {
  const direction = order.direction === 'asc' ? sql`asc` : sql`desc`;
  if (order.field === 'createdAt' && order.plan === 'walk') {
    const needed = offset + limit;
    const statuses = selection.filters?.identificationStatus ?? [];
    const firstSeenBranches = (statuses.length > 0 ? statuses : [undefined]).map(
      (status) => sql`(
        select ${itemColumns(sql`${persons.firstSeenAt}`)} from ${persons}
        where ${and(sql`${persons.solarisCreatedAt} is null`, whereOf(selection, { created: 'firstSeen', status }))}
        order by ${persons.firstSeenAt} ${direction}
        limit ${needed})`,
    );
    // Persons with a Solaris creation time can only make the page when they are at least as
    // new (old) as the last of the others it holds: that bound turns their walk into an index
    // range, usually empty, instead of a search for at least one match.
    const edge = order.direction === 'asc' ? sql`max(created_sort)` : sql`min(created_sort)`;
    const unbounded = order.direction === 'asc' ? sql`'infinity'::timestamptz` : sql`'-infinity'::timestamptz`;
    const withinBound = order.direction === 'asc' ? sql`<=` : sql`>=`;
    return sql`
      with first_seen as materialized (
        select * from (${sql.join(firstSeenBranches, sql` union all `)}) as per_status
        order by created_sort ${direction}, id ${direction}
        limit ${needed}
      )
      select * from first_seen
      union all
      (select ${itemColumns(sql`${persons.solarisCreatedAt}`)} from ${persons}
       where ${and(
         sql`${persons.solarisCreatedAt} is not null`,
         whereOf(selection, { created: 'solaris' }),
         sql`${persons.solarisCreatedAt} ${withinBound} (
           select case when count(*) < ${needed} then ${unbounded} else ${edge} end from first_seen)`,
       )}
       order by ${persons.solarisCreatedAt} ${direction}
       limit ${needed})
      order by created_sort ${direction}, id ${direction}
      limit ${limit} offset ${offset}`;
  }
  const where = whereOf(selection);
  let orderBy: SQL;
  if (order.field === 'createdAt') {
    orderBy = sql`${createdAtOf} ${direction}, ${persons.id} ${direction}`;
  } else if (order.field === 'name') {
    const noIndex = order.avoidIndexWalk ? sql` || ''` : sql``;
    orderBy = sql`${persons.lastName}${noIndex} ${direction} nulls last, ${persons.firstName}${noIndex} ${direction} nulls last, ${persons.id} ${direction}`;
  } else {
    orderBy = sql`${persons.birthDate}${order.avoidIndexWalk ? sql` + 0` : sql``} ${direction} nulls last, ${persons.id} ${direction}`;
  }
  return sql`
    select ${itemColumns(createdAtOf)} from ${persons}
    ${where ? sql`where ${where}` : sql``}
    order by ${orderBy}
    limit ${limit} offset ${offset}`;
}

async function fetchPage(db: DatabaseExecutor, selection: Selection, order: FetchOrder, limit: number, offset: number): Promise<PersonRowOut[]> {
  if (limit <= 0) return [];
  const { rows } = await db.execute<PersonRowOut & Record<string, unknown>>(pageSql(selection, order, limit, offset));
  return rows;
}

async function countUpTo(db: DatabaseExecutor, where: SQL | undefined, cap: number): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (select 1 from ${persons} ${where ? sql`where ${where}` : sql``} limit ${cap}) as capped`);
  return Number(rows[0]?.n ?? 0);
}

/** The planner's estimate of the matching rows: planning only, no row is read. */
async function estimateCount(db: DatabaseExecutor, where: SQL | undefined): Promise<number> {
  const { rows } = await db.execute<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    sql`explain (format json) select 1 from ${persons} ${where ? sql`where ${where}` : sql``}`,
  );
  const plan = rows[0]?.['QUERY PLAN'];
  return Math.round(Number(plan?.[0]?.Plan['Plan Rows'] ?? 0));
}

/**
 * The total for `where`: exact while small and cheap to count (or when the pages already showed
 * every row), otherwise the planner's estimate. Never below what has been seen to exist.
 */
async function totalOf(
  db: DatabaseExecutor,
  where: SQL | undefined,
  started: Promise<number> | undefined,
  seen: { rowsUpToPageEnd: number; pageWasFull: boolean; incomplete: boolean; countable: boolean },
): Promise<{ total: number; totalIsExact: boolean }> {
  if (!seen.pageWasFull && !seen.incomplete) {
    await started?.catch(() => undefined);
    return { total: seen.rowsUpToPageEnd, totalIsExact: true };
  }
  const estimate = await (started ?? estimateCount(db, where));
  if (seen.countable && estimate <= PERSON_SEARCH_EXACT_COUNT_LIMIT) {
    const counted = await countUpTo(db, where, PERSON_SEARCH_EXACT_COUNT_LIMIT + 1);
    if (counted <= PERSON_SEARCH_EXACT_COUNT_LIMIT) {
      return { total: Math.max(counted, seen.rowsUpToPageEnd), totalIsExact: !seen.incomplete };
    }
  }
  return {
    total: seen.countable ? Math.max(estimate, seen.rowsUpToPageEnd, PERSON_SEARCH_EXACT_COUNT_LIMIT + 1) : Math.max(estimate, seen.rowsUpToPageEnd),
    totalIsExact: false,
  };
}

interface RelevanceTier {
  selection: Selection;
  plan: 'walk' | 'sort';
  /** Matches the statistics expect (0 when unknown: a rare word). */
  expected: number;
}

/**
 * Relevance order for names: tier by tier (exact, word starts, typos), newest first within a
 * tier. The first page reads, in one statement, the best tiers up to the first one expected to
 * fill the page, then the next ones only when that leaves room: a rare name reads every tier in
 * one round trip (each finds its few matches through the name index), while "Schmidt" reads
 * the Schmidts alone and not the Schmitts and Schmids the page has no room for. Deeper pages go
 * tier by tier: a tier the page's offset skips over is counted (up to the offset) to know where
 * the next one starts.
 */
async function fetchByRelevance(
  db: DatabaseExecutor,
  tiers: RelevanceTier[],
  page: { limit: number; offset: number },
): Promise<{ rows: PersonRowOut[]; rowsBeforePage: number }> {
  const newestFirst = (tier: RelevanceTier): FetchOrder => ({ field: 'createdAt', direction: 'desc', plan: tier.plan });
  const together = async (group: RelevanceTier[], limit: number): Promise<PersonRowOut[]> => {
    if (group.length === 0 || limit <= 0) return [];
    const perTier = group.map(
      (tier, rank) => sql`(select ${sql.raw(String(rank))} as tier, t.* from (${pageSql(tier.selection, newestFirst(tier), limit, 0)}) as t)`,
    );
    const { rows } = await db.execute<PersonRowOut & Record<string, unknown>>(sql`
      ${sql.join(perTier, sql` union all `)}
      order by tier, created_sort desc, id desc
      limit ${limit}`);
    return rows;
  };
  if (page.offset === 0) {
    const rows: PersonRowOut[] = [];
    let rest = tiers;
    while (rest.length > 0 && rows.length < page.limit) {
      let groupSize = 0;
      let expected = 0;
      while (groupSize < rest.length && expected < page.limit) expected += rest[groupSize++]?.expected ?? 0;
      rows.push(...(await together(rest.slice(0, groupSize), page.limit - rows.length)));
      rest = rest.slice(groupSize);
    }
    return { rows, rowsBeforePage: 0 };
  }
  const rows: PersonRowOut[] = [];
  let skip = page.offset;
  let rowsBeforePage = 0;
  for (const tier of tiers) {
    const need = page.limit - rows.length;
    if (need <= 0) break;
    const found = await fetchPage(db, tier.selection, newestFirst(tier), need, skip);
    if (found.length > 0) {
      rows.push(...found);
      rowsBeforePage += skip;
      skip = 0;
    } else if (skip > 0) {
      const inTier = await countUpTo(db, whereOf(tier.selection), skip);
      rowsBeforePage += inTier;
      skip -= inTier;
    }
  }
  return { rows, rowsBeforePage };
}

interface QueryPlan {
  /** Rows the query matches, before filters; undefined: everyone. */
  match: SQL | undefined;
  /** Name searches: relevance tiers, and whether the whole set of matches is large. */
  tiers?: { condition: SQL; plan: 'walk' | 'sort'; expected: number }[];
  newestFirstPlan: 'walk' | 'sort';
  incomplete: boolean;
  /** An exact id looks one record up: filters would only hide it. */
  ignoresFilters: boolean;
  /** Counting is likely needed (many rows may match): the estimate starts beside the page. */
  expectMany: boolean;
  /**
   * Persons the query's own index finds, when known (names: from the statistics, narrowed by the
   * filters the name index holds, not by the created range). Counting reads every one of them,
   * so a common name narrowed by the created range to a few hundred is estimated, not counted.
   */
  candidates?: number;
}

async function planQuery(
  db: DatabaseExecutor,
  query: ReturnType<typeof classifySearchQuery>,
  page: { filters: PersonSearchFilters | undefined; needed: number },
): Promise<QueryPlan> {
  const exactly = (match: SQL, expectMany = false): QueryPlan => ({
    match,
    newestFirstPlan: 'sort',
    incomplete: false,
    ignoresFilters: false,
    expectMany,
  });
  const byId = (match: SQL): QueryPlan => ({ ...exactly(match), ignoresFilters: true });
  switch (query.kind) {
    case 'empty':
      return { match: undefined, newestFirstPlan: 'walk', incomplete: false, ignoresFilters: false, expectMany: true };
    case 'person_id':
      return byId(eq(persons.id, query.value));
    // The id's owner is looked up inside the page query: one round trip.
    case 'identification_id':
      return byId(sql`${persons.id} = (select ${identifications.personId} from ${identifications} where ${identifications.id} = ${query.value})`);
    case 'document_id':
      return byId(sql`${persons.id} = (select ${documents.personId} from ${documents} where ${documents.id} = ${query.value})`);
    case 'email':
      return exactly(eq(persons.emailNormalized, query.value));
    case 'phone':
      return exactly(eq(persons.mobileDigits, query.value));
    case 'birth_date':
      return exactly(eq(persons.birthDate, query.value), true);
    case 'name': {
      const [plan, statistics] = await Promise.all([planNameSearch(db, query.value), searchStatistics(db)]);
      if (!plan?.all) return exactly(sql`false`);
      const kept = shareKeptByNameIndex(statistics, page.filters);
      const expectedOf = (tier: NameTier) => expectedMatches(statistics, tier.wordsPerToken) * kept;
      const planFor = (tier: NameTier) => newestFirstPlan(statistics, expectedOf(tier), page.needed);
      return {
        candidates: expectedOf(plan.all),
        match: plan.all.condition,
        tiers: plan.tiers.map((tier) => ({ condition: tier.condition, plan: planFor(tier), expected: expectedOf(tier) })),
        newestFirstPlan: planFor(plan.all),
        incomplete: plan.truncated,
        ignoresFilters: false,
        expectMany: planFor(plan.all) === 'walk',
      };
    }
  }
}

function matchOf(query: ReturnType<typeof classifySearchQuery>, items: PersonSearchItem[]): PersonSearchResult['match'] {
  const [person] = items;
  if (!person) return undefined;
  if (query.kind === 'person_id' && person.id === query.value) return { personId: person.id };
  if (query.kind === 'identification_id') return { personId: person.id, identificationId: query.value };
  return undefined;
}

/**
 * The agent search: one box for names (typos, umlauts, transliterations, partial words, any
 * order), e-mail, mobile number, birth date and ids, with filters, sorting and paging. Sized for
 * a million customers on the embedded database: pages come from index walks or from the
 * query's own index, whichever reads less, and large totals are estimated rather than counted
 * (see PERSON_SEARCH_EXACT_COUNT_LIMIT).
 */
export async function searchPersons(db: DatabaseExecutor, params: PersonSearchParams): Promise<PersonSearchResult> {
  const query = classifySearchQuery(params.query, params.now);
  const offset = (params.page - 1) * params.pageSize;
  const plan = await planQuery(db, query, { filters: params.filters, needed: offset + params.pageSize });
  const filters = plan.ignoresFilters ? undefined : params.filters;
  const selection: Selection = { match: plan.match, filters };
  const where = whereOf(selection);
  const sort = params.sort ?? { field: 'relevance', direction: 'desc' };

  // Planning only, so it costs little when unused; beside the page it saves a round trip.
  const estimate = plan.expectMany ? estimateCount(db, where) : undefined;
  let rows: PersonRowOut[];
  let rowsBeforePage = offset;
  try {
    if (sort.field === 'relevance' && plan.tiers) {
      const tiers = plan.tiers.map((tier) => ({ selection: { match: tier.condition, filters }, plan: tier.plan, expected: tier.expected }));
      ({ rows, rowsBeforePage } = await fetchByRelevance(db, tiers, { limit: params.pageSize, offset }));
    } else {
      const order: FetchOrder =
        sort.field === 'relevance' || sort.field === 'createdAt'
          ? { field: 'createdAt', direction: sort.field === 'relevance' ? 'desc' : sort.direction, plan: plan.newestFirstPlan }
          : { field: sort.field, direction: sort.direction, avoidIndexWalk: query.kind === 'name' };
      rows = await fetchPage(db, selection, order, params.pageSize, offset);
      // An empty page past the end says nothing about how many rows came before it.
      if (rows.length === 0) rowsBeforePage = 0;
    }
  } catch (error) {
    await estimate?.catch(() => undefined);
    throw error;
  }

  const { total, totalIsExact } = await totalOf(db, where, estimate, {
    rowsUpToPageEnd: rowsBeforePage + rows.length,
    pageWasFull: rows.length === params.pageSize || (rows.length === 0 && offset > 0),
    incomplete: plan.incomplete,
    countable: !filterSql(filters) || (plan.candidates ?? 0) <= MAX_COUNTED_CANDIDATES,
  });
  const items = rows.map(toItem);
  const match = matchOf(query, items);
  return { items, total, totalIsExact, page: params.page, pageSize: params.pageSize, queryKind: query.kind, ...(match ? { match } : {}) };
}
