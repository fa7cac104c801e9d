import type { IdentificationStatus } from '@identdesk/domain';
import { and, asc, count, desc, eq, getTableColumns, inArray, like, sql, type SQL } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { normalizeEmail, normalizeSearchText, personSearchName, phoneDigits } from '../normalize.ts';
import { identifications } from '../schema/identifications.ts';
import { personVersions, type FieldChange } from '../schema/person-versions.ts';
import { persons, type NewPersonRow, type PersonRow } from '../schema/persons.ts';
import { definedFields, diffFields, pickComparable } from './field-changes.ts';
import { refreshPersonMetrics } from './metrics-rollups.ts';

/** Columns Identdesk maintains itself; a Solaris snapshot never carries them. */
const IDENTDESK_PERSON_COLUMNS = [
  'searchName',
  'searchWords',
  'mobileDigits',
  'emailNormalized',
  'proofOfAddressRequired',
  'proofOfAddressState',
  'latestIdentificationId',
  'latestIdentificationStatus',
  'latestIdentificationLanguage',
  'latestIdentificationCreatedAt',
  'solarisCreatedAt',
  'firstSeenAt',
  'lastSyncedAt',
  'version',
] as const;
type IdentdeskPersonColumn = (typeof IDENTDESK_PERSON_COLUMNS)[number];

/** A person as Solaris returns it, flattened into `persons` columns. Undefined fields are left as stored. */
export type PersonSnapshot = Omit<NewPersonRow, IdentdeskPersonColumn>;
export type PersonSolarisField = Exclude<keyof PersonSnapshot, 'id'>;

/** Every Solaris field of `persons`, in table order. */
export const PERSON_SOLARIS_FIELDS = Object.keys(getTableColumns(persons)).filter(
  (key): key is PersonSolarisField =>
    key !== 'id' && !(IDENTDESK_PERSON_COLUMNS as readonly string[]).includes(key),
);

/** Where a snapshot came from: 'webhook' | 'reconciliation' | 'agent_change' | ... */
export type SnapshotSource = 'webhook' | 'reconciliation' | 'agent_change' | 'backfill' | (string & {});

export interface UpsertPersonSnapshotParams {
  person: PersonSnapshot;
  /** When the snapshot was fetched from Solaris; orders snapshots that arrive out of order. */
  observedAt: Date;
  source: SnapshotSource;
  /** Solaris' creation time of the person, when known; kept once set. */
  solarisCreatedAt?: Date;
}

export interface UpsertPersonSnapshotResult {
  /** The person's version after the call. */
  version: number;
  /** Solaris fields this snapshot changed; empty when it was new, unchanged or stale. */
  changed: PersonSolarisField[];
  /** First observation of the person (version 1). */
  created: boolean;
  /** Older than the last applied snapshot: nothing was written. */
  stale: boolean;
}

function derivedColumns(person: Pick<PersonRow, 'firstName' | 'lastName' | 'email' | 'mobileNumber'>) {
  return {
    searchName: personSearchName(person.firstName, person.lastName),
    mobileDigits: phoneDigits(person.mobileNumber),
    emailNormalized: normalizeEmail(person.email),
  };
}

/**
 * Stores a Solaris person snapshot: inserts a new person (version 1), or, when a Solaris field
 * changed, updates the person and appends a `person_versions` row with the diff. Unchanged
 * snapshots add no version; a snapshot observed before the last applied one writes nothing.
 */
export async function upsertPersonSnapshot(
  db: DatabaseExecutor,
  params: UpsertPersonSnapshotParams,
): Promise<UpsertPersonSnapshotResult> {
  const { person, observedAt, source } = params;
  const incoming = definedFields<PersonSnapshot>(person, PERSON_SOLARIS_FIELDS);

  return db.transaction(async (tx) => {
    const [inserted] = await tx
      .insert(persons)
      .values({
        ...incoming,
        id: person.id,
        ...derivedColumns({
          firstName: person.firstName ?? null,
          lastName: person.lastName ?? null,
          email: person.email ?? null,
          mobileNumber: person.mobileNumber ?? null,
        }),
        solarisCreatedAt: params.solarisCreatedAt ?? null,
        firstSeenAt: observedAt,
        lastSyncedAt: observedAt,
        version: 1,
      })
      .onConflictDoNothing({ target: persons.id })
      .returning();

    if (inserted) {
      await tx.insert(personVersions).values({
        personId: inserted.id,
        version: 1,
        observedAt,
        source,
        snapshot: pickComparable(inserted, PERSON_SOLARIS_FIELDS),
        changes: {},
      });
      // A new customer enters the team-lead funnel (metrics rollups) in the same transaction.
      await refreshPersonMetrics(tx, inserted.id);
      return { version: 1, changed: [], created: true, stale: false };
    }

    const [stored] = await tx.select().from(persons).where(eq(persons.id, person.id)).for('update');
    if (!stored) throw new Error(`person ${person.id} vanished during upsert`);

    if (observedAt < stored.lastSyncedAt) {
      return { version: stored.version, changed: [], created: false, stale: true };
    }

    const changes: Record<string, FieldChange> = diffFields(stored, incoming, PERSON_SOLARIS_FIELDS);
    const changed = PERSON_SOLARIS_FIELDS.filter((field) => field in changes);
    const solarisCreatedAt = stored.solarisCreatedAt ?? params.solarisCreatedAt ?? null;

    if (changed.length === 0) {
      await tx
        .update(persons)
        .set({ lastSyncedAt: observedAt, solarisCreatedAt })
        .where(eq(persons.id, stored.id));
      return { version: stored.version, changed: [], created: false, stale: false };
    }

    const merged: PersonRow = { ...stored, ...incoming };
    const version = stored.version + 1;
    await tx
      .update(persons)
      .set({
        ...definedFields<PersonSnapshot>(incoming, changed),
        ...derivedColumns(merged),
        solarisCreatedAt,
        lastSyncedAt: observedAt,
        version,
      })
      .where(eq(persons.id, stored.id));
    await tx.insert(personVersions).values({
      personId: stored.id,
      version,
      observedAt,
      source,
      snapshot: pickComparable(merged, PERSON_SOLARIS_FIELDS),
      changes,
    });
    return { version, changed, created: false, stale: false };
  });
}

export interface SearchPersonsParams {
  /**
   * What an agent typed: a Solaris person id, an e-mail address, a birth date (2024-01-31 or
   * 31.01.2024), a phone number, or parts of the name in any order ("muell jan" finds Jan Müller).
   * Empty: everyone, newest first.
   */
  query: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface PersonSearchItem {
  id: string;
  salutation: string | null;
  firstName: string | null;
  lastName: string | null;
  birthDate: string | null;
  email: string | null;
  mobileNumber: string | null;
  addressPostalCode: string | null;
  addressCity: string | null;
  firstSeenAt: Date;
  latestIdentificationStatus: IdentificationStatus | null;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const PERSON_ID_PATTERN = /^[0-9a-f]{32}cper$/i;

function birthDateOf(query: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(query);
  if (iso) return query;
  const german = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(query);
  if (!german) return null;
  const [, day = '', month = '', year = ''] = german;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The digit forms a typed phone number may be stored as: +49 30…, 0049 30… and 030… all mean 4930…. */
function phoneCandidates(query: string): string[] | null {
  if (!/^[+\d][\d\s()/.-]*$/.test(query)) return null;
  const digits = phoneDigits(query);
  if (!digits || digits.length < 6) return null;
  const candidates = new Set([digits]);
  if (digits.startsWith('00')) candidates.add(digits.slice(2));
  else if (digits.startsWith('0')) candidates.add(`49${digits.slice(1)}`);
  return [...candidates];
}

interface SearchPlan {
  condition: SQL | undefined;
  /** Normalized name when searching by name: results are ranked by trigram similarity to it. */
  name?: string;
}

function planSearch(query: string): SearchPlan {
  const trimmed = query.trim();
  if (trimmed === '') return { condition: undefined };
  if (PERSON_ID_PATTERN.test(trimmed)) return { condition: eq(persons.id, trimmed.toLowerCase()) };
  if (trimmed.includes('@')) return { condition: eq(persons.emailNormalized, normalizeEmail(trimmed) ?? '') };
  const birthDate = birthDateOf(trimmed);
  if (birthDate) return { condition: eq(persons.birthDate, birthDate) };
  const phones = phoneCandidates(trimmed);
  if (phones) return { condition: inArray(persons.mobileDigits, phones) };
  const name = normalizeSearchText(trimmed);
  const tokens = name.split(' ').filter(Boolean);
  if (tokens.length === 0) return { condition: sql`false` };
  // Each token a substring: the GIN trigram index on search_name serves these LIKEs.
  return { condition: and(...tokens.map((token) => like(persons.searchName, `%${token}%`))), name };
}

/** Finds persons for the agent search, one page at a time, with each person's latest identification status. */
export async function searchPersons(db: DatabaseExecutor, params: SearchPersonsParams): Promise<Page<PersonSearchItem>> {
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const pageSize = Math.min(200, Math.max(1, Math.floor(params.pageSize ?? 25)));
  const { condition, name } = planSearch(params.query);
  const order = name
    ? [sql`similarity(${persons.searchName}, ${name}) desc`, asc(persons.lastName), asc(persons.firstName), asc(persons.id)]
    : [desc(persons.firstSeenAt), asc(persons.id)];

  const [items, [counted]] = await Promise.all([
    db
      .select({
        id: persons.id,
        salutation: persons.salutation,
        firstName: persons.firstName,
        lastName: persons.lastName,
        birthDate: persons.birthDate,
        email: persons.email,
        mobileNumber: persons.mobileNumber,
        addressPostalCode: persons.addressPostalCode,
        addressCity: persons.addressCity,
        firstSeenAt: persons.firstSeenAt,
        latestIdentificationStatus: sql<IdentificationStatus | null>`(
          select ${identifications.status} from ${identifications}
          where ${identifications.personId} = ${persons.id}
          order by ${identifications.createdAt} desc, ${identifications.id} desc
          limit 1
        )`,
      })
      .from(persons)
      .where(condition)
      .orderBy(...order)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(persons).where(condition),
  ]);
  return { items, total: counted?.total ?? 0, page, pageSize };
}
