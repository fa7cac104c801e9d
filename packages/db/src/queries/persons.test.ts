import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personNameWords } from '../schema/person-name-words.ts';
import { personVersions } from '../schema/person-versions.ts';
import { persons } from '../schema/persons.ts';
import { makePerson, openTestDatabase, type TestDatabase } from '../testing.ts';
import { PERSON_SOLARIS_FIELDS, upsertPersonSnapshot } from './persons.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const t = (minutes: number) => new Date(Date.UTC(2024, 0, 1, 12, minutes));

async function storedPerson(id: string) {
  const [row] = await handle.db.select().from(persons).where(eq(persons.id, id));
  if (!row) throw new Error(`no person ${id}`);
  return row;
}

async function versionsOf(id: string) {
  return handle.db
    .select()
    .from(personVersions)
    .where(eq(personVersions.personId, id))
    .orderBy(asc(personVersions.version));
}

describe('upsertPersonSnapshot', () => {
  it('inserts a new person as version 1 with the Identdesk search columns', async () => {
    const person = makePerson({
      firstName: 'Jürgen',
      lastName: 'Müller-Lüdenscheidt',
      email: ' Juergen.Mueller@Example.COM ',
      mobileNumber: '+49 (30) 123-4567',
    });
    const result = await upsertPersonSnapshot(handle.db, { person, observedAt: t(0), source: 'webhook' });
    expect(result).toEqual({ version: 1, changed: [], created: true, stale: false });

    const row = await storedPerson(person.id);
    expect(row).toMatchObject({
      // Folded like a typed query: Müller, Mueller and muller all meet in "muller".
      searchName: 'jurgen muller ludenscheidt',
      searchWords: ['jurgen', 'muller', 'ludenscheidt'],
      emailNormalized: 'juergen.mueller@example.com',
      mobileDigits: '49301234567',
      proofOfAddressRequired: false,
      version: 1,
      firstSeenAt: t(0),
      lastSyncedAt: t(0),
      birthDate: '1992-12-11',
      termsConditionsSignedAt: new Date('2022-01-01T00:00:00.000Z'),
      internationalOperativityExpectation: [],
    });

    const versions = await versionsOf(person.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, source: 'webhook', changes: {}, observedAt: t(0) });
    expect(versions[0]?.snapshot).toMatchObject({
      firstName: 'Jürgen',
      birthDate: '1992-12-11',
      termsConditionsSignedAt: '2022-01-01T00:00:00.000Z',
    });
    expect(Object.keys(versions[0]?.snapshot ?? {}).sort()).toEqual([...PERSON_SOLARIS_FIELDS].sort());
  });

  it('stores the mobile number as E.164 digits and the name words in the search dictionary', async () => {
    const person = makePerson({ firstName: 'Łukasz', lastName: 'Wiśniewski', mobileNumber: '0171 1234567' });
    await upsertPersonSnapshot(handle.db, { person, observedAt: t(0), source: 'webhook' });
    expect(await storedPerson(person.id)).toMatchObject({ mobileDigits: '491711234567', searchWords: ['lukasz', 'wisniewski'] });
    const words = await handle.db
      .select()
      .from(personNameWords)
      .where(inArray(personNameWords.word, ['lukasz', 'wisniewski']));
    expect(words.map((row) => row.word).sort()).toEqual(['lukasz', 'wisniewski']);

    await upsertPersonSnapshot(handle.db, {
      person: { ...person, mobileNumber: '+43 (0)664 765 4321' },
      observedAt: t(1),
      source: 'webhook',
    });
    expect((await storedPerson(person.id)).mobileDigits).toBe('436647654321');
  });

  it('adds no version for an unchanged snapshot, however often it is delivered', async () => {
    const person = makePerson({ internationalOperativityExpectation: ['DE', 'FR'] });
    await upsertPersonSnapshot(handle.db, { person, observedAt: t(0), source: 'webhook' });

    // Equal values in fresh objects (new Date, new array) are not changes.
    const again = {
      ...person,
      termsConditionsSignedAt: new Date('2022-01-01T00:00:00.000Z'),
      internationalOperativityExpectation: ['DE', 'FR'],
    };
    for (const minute of [1, 2, 2]) {
      const result = await upsertPersonSnapshot(handle.db, { person: again, observedAt: t(minute), source: 'webhook' });
      expect(result).toEqual({ version: 1, changed: [], created: false, stale: false });
    }
    expect(await versionsOf(person.id)).toHaveLength(1);
    expect((await storedPerson(person.id)).lastSyncedAt).toEqual(t(2));
  });

  it('updates changed fields and appends a version with the diff', async () => {
    const person = makePerson({ firstName: 'Jane', lastName: 'Roe', email: 'jane@example.com' });
    await upsertPersonSnapshot(handle.db, { person, observedAt: t(0), source: 'webhook' });

    const result = await upsertPersonSnapshot(handle.db, {
      person: {
        ...person,
        lastName: 'Álvarez',
        addressCity: 'Hamburg',
        email: 'JANE@example.org',
        fatcaCrsConfirmedAt: new Date('2024-01-01T10:00:00.000Z'),
        internationalOperativityExpectation: ['ES'],
      },
      observedAt: t(5),
      source: 'reconciliation',
    });
    expect(result.version).toBe(2);
    expect(result.created).toBe(false);
    expect([...result.changed].sort()).toEqual(
      ['addressCity', 'email', 'fatcaCrsConfirmedAt', 'internationalOperativityExpectation', 'lastName'].sort(),
    );

    const row = await storedPerson(person.id);
    expect(row).toMatchObject({
      lastName: 'Álvarez',
      addressCity: 'Hamburg',
      searchName: 'jane alvarez',
      emailNormalized: 'jane@example.org',
      version: 2,
      lastSyncedAt: t(5),
      firstSeenAt: t(0),
    });

    const versions = await versionsOf(person.id);
    expect(versions.map((version) => version.version)).toEqual([1, 2]);
    expect(versions[1]).toMatchObject({ source: 'reconciliation', observedAt: t(5) });
    expect(versions[1]?.changes).toEqual({
      lastName: { from: 'Roe', to: 'Álvarez' },
      addressCity: { from: 'Berlin', to: 'Hamburg' },
      email: { from: 'jane@example.com', to: 'JANE@example.org' },
      fatcaCrsConfirmedAt: { from: null, to: '2024-01-01T10:00:00.000Z' },
      internationalOperativityExpectation: { from: [], to: ['ES'] },
    });
    expect(versions[1]?.snapshot).toMatchObject({ lastName: 'Álvarez', addressCity: 'Hamburg', firstName: 'Jane' });
  });

  it('does not let an older snapshot overwrite newer data', async () => {
    const person = makePerson({ addressCity: 'Berlin' });
    await upsertPersonSnapshot(handle.db, { person, observedAt: t(10), source: 'webhook' });
    await upsertPersonSnapshot(handle.db, {
      person: { ...person, addressCity: 'Köln' },
      observedAt: t(20),
      source: 'webhook',
    });

    const late = await upsertPersonSnapshot(handle.db, {
      person: { ...person, addressCity: 'München' },
      observedAt: t(15),
      source: 'webhook',
    });
    expect(late).toEqual({ version: 2, changed: [], created: false, stale: true });
    const row = await storedPerson(person.id);
    expect(row.addressCity).toBe('Köln');
    expect(row.lastSyncedAt).toEqual(t(20));
    expect(await versionsOf(person.id)).toHaveLength(2);
  });

  it('leaves fields the snapshot does not carry as stored', async () => {
    const person = makePerson({ jobTitle: 'Engineer', nationality: 'DE' });
    await upsertPersonSnapshot(handle.db, { person, observedAt: t(0), source: 'webhook' });
    const result = await upsertPersonSnapshot(handle.db, {
      person: { id: person.id, nationality: 'AT' },
      observedAt: t(1),
      source: 'agent_change',
    });
    expect(result.changed).toEqual(['nationality']);
    const row = await storedPerson(person.id);
    expect(row).toMatchObject({ nationality: 'AT', jobTitle: 'Engineer', firstName: 'Jane' });
  });

  it('keeps Solaris creation time once known', async () => {
    const person = makePerson();
    await upsertPersonSnapshot(handle.db, { person, observedAt: t(0), source: 'webhook' });
    await upsertPersonSnapshot(handle.db, {
      person,
      observedAt: t(1),
      source: 'reconciliation',
      solarisCreatedAt: t(-60),
    });
    expect((await storedPerson(person.id)).solarisCreatedAt).toEqual(t(-60));
  });

  it('creates a person once when two deliveries race', async () => {
    const person = makePerson();
    const results = await Promise.all([
      upsertPersonSnapshot(handle.db, { person, observedAt: t(0), source: 'webhook' }),
      upsertPersonSnapshot(handle.db, { person, observedAt: t(0), source: 'webhook' }),
    ]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(await versionsOf(person.id)).toHaveLength(1);
  });
});
