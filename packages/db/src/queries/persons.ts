import { eq, getTableColumns } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { mobileDigitsForSearch, normalizeEmail, personSearchName, searchWordsOf } from '../normalize.ts';
import { personNameWords } from '../schema/person-name-words.ts';
import { personVersions, type FieldChange } from '../schema/person-versions.ts';
import { persons, type NewPersonRow, type PersonRow } from '../schema/persons.ts';
import { definedFields, diffFields, pickComparable } from './field-changes.ts';
import { markPerson } from './metrics-rollups.ts';

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

/** The search columns of a person, folded by the domain's normalization like every typed query. */
function searchColumns(person: Pick<PersonRow, 'firstName' | 'lastName' | 'email' | 'mobileNumber'>) {
  const searchName = personSearchName(person.firstName, person.lastName);
  return {
    searchName,
    searchWords: searchWordsOf(searchName),
    mobileDigits: mobileDigitsForSearch(person.mobileNumber),
    emailNormalized: normalizeEmail(person.email),
  };
}

/** Typo-tolerant search expands typed words against this dictionary, so every stored name word must be in it. */
async function addNameWords(tx: DatabaseExecutor, words: string[]) {
  if (words.length === 0) return;
  await tx
    .insert(personNameWords)
    .values([...new Set(words)].map((word) => ({ word })))
    .onConflictDoNothing({ target: personNameWords.word });
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
  return db.transaction((tx) => storePersonSnapshot(tx, params));
}

/**
 * {@link upsertPersonSnapshot} inside the caller's transaction. `countedByCaller`: the caller
 * goes on to change an identification of the person under `withMetricMark`, whose mark
 * brings a new person into the team-lead funnel too.
 */
export async function storePersonSnapshot(
  tx: DatabaseExecutor,
  params: UpsertPersonSnapshotParams,
  options: { countedByCaller?: boolean } = {},
): Promise<UpsertPersonSnapshotResult> {
  const { person, observedAt, source } = params;
  const incoming = definedFields<PersonSnapshot>(person, PERSON_SOLARIS_FIELDS);
  const [inserted] = await tx
    .insert(persons)
    .values({
      ...incoming,
      id: person.id,
      ...searchColumns({
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
    await addNameWords(tx, inserted.searchWords);
    await tx.insert(personVersions).values({
      personId: inserted.id,
      version: 1,
      observedAt,
      source,
      snapshot: pickComparable(inserted, PERSON_SOLARIS_FIELDS),
      changes: {},
    });
    // A new customer enters the team-lead funnel (metrics rollups) when the mark is settled.
    if (!options.countedByCaller) await markPerson(tx, inserted.id);
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
  const derived = searchColumns(merged);
  if (derived.searchName !== stored.searchName) await addNameWords(tx, derived.searchWords);
  await tx
    .update(persons)
    .set({
      ...definedFields<PersonSnapshot>(incoming, changed),
      ...derived,
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
}

/** One page of a list, with the total of all pages (the pagination contract of every list). */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
