import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { persons } from '../schema/persons.ts';
import { createIdentification, createPerson, makeIdentification, openTestDatabase, type TestDatabase } from '../testing.ts';
import { upsertIdentificationSnapshot, type IdentificationSnapshot } from './identifications.ts';
import { refreshProofOfAddressState } from './proof-of-address-state.ts';
import {
  findIdentificationPersonId,
  identificationStatusAt,
  personExists,
  storeIdentificationRefetch,
} from './solaris-sync.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('lookups for the Solaris sync', () => {
  it('finds the person of a stored identification and tells known persons from unknown ones', async () => {
    const person = await createPerson(handle.db);
    const identification = await createIdentification(handle.db, person.id);

    expect(await findIdentificationPersonId(handle.db, identification.id)).toBe(person.id);
    expect(await findIdentificationPersonId(handle.db, 'ffffffffffffffffffffffffffffffffcidt')).toBeNull();
    expect(await personExists(handle.db, person.id)).toBe(true);
    expect(await personExists(handle.db, 'ffffffffffffffffffffffffffffffffcper')).toBe(false);
  });

  it('tells the status an identification had at a given time by its history', async () => {
    const person = await createPerson(handle.db);
    const at = (minute: number) => new Date(Date.UTC(2024, 0, 1, 12, minute));
    const identification = await createIdentification(handle.db, person.id, { status: 'pending' }, at(10));
    await upsertIdentificationSnapshot(handle.db, {
      identification: { ...identification, status: 'successful' },
      observedAt: at(20),
      source: 'test',
    });

    expect(await identificationStatusAt(handle.db, identification.id, at(5))).toBeNull();
    expect(await identificationStatusAt(handle.db, identification.id, at(10))).toBe('pending');
    expect(await identificationStatusAt(handle.db, identification.id, at(19))).toBe('pending');
    expect(await identificationStatusAt(handle.db, identification.id, at(25))).toBe('successful');
  });
});

describe('proof-of-address state when reconciliation lists an identification', () => {
  const at = (minute: number) => new Date(Date.UTC(2024, 2, 1, 9, minute));

  async function storedState(personId: string) {
    const [row] = await handle.db.select({ state: persons.proofOfAddressState }).from(persons).where(eq(persons.id, personId));
    return row?.state;
  }

  /** The complete re-fetch that follows reconciliation's listing, bringing the same identification. */
  function refetchOf(identification: IdentificationSnapshot, minute: number) {
    return storeIdentificationRefetch(handle.db, {
      personId: identification.personId,
      identification,
      observedAt: at(minute),
      startedAt: at(minute),
      source: 'reconciliation',
      attempts: [],
      attemptsListedAt: at(minute),
      documents: [],
    });
  }

  it('accepts the proof an identification carries when reconciliation listed it before the re-fetch', async () => {
    const person = await createPerson(handle.db, { nationality: 'DE' }, at(0));
    expect(await refreshProofOfAddressState(handle.db, person.id)).toBe('depends_on_document');
    const identification = makeIdentification(person.id, {
      status: 'successful',
      proofOfAddressType: 'UTILITY_BILL',
      proofOfAddressIssuedAt: '2024-02-10',
    });

    // The listing stores the identification with its proof; the re-fetch finds nothing new in it.
    const listed = await upsertIdentificationSnapshot(handle.db, { identification, observedAt: at(10), source: 'reconciliation' });
    expect(listed.created).toBe(true);
    const refetched = await refetchOf(identification, 11);
    expect(refetched.identification.created).toBe(false);
    expect(refetched.identification.changed).toEqual([]);

    expect(await storedState(person.id)).toBe('accepted');
  });

  it('no longer accepts a proof reconciliation listed as gone from the identification', async () => {
    const person = await createPerson(handle.db, { nationality: 'DE' }, at(0));
    const withProof = makeIdentification(person.id, {
      status: 'successful',
      proofOfAddressType: 'UTILITY_BILL',
      proofOfAddressIssuedAt: '2024-02-10',
    });
    await refetchOf(withProof, 10);
    expect(await storedState(person.id)).toBe('accepted');

    const withoutProof = { ...withProof, proofOfAddressType: null, proofOfAddressIssuedAt: null };
    const listed = await upsertIdentificationSnapshot(handle.db, { identification: withoutProof, observedAt: at(20), source: 'reconciliation' });
    expect(listed.changed).toEqual(expect.arrayContaining(['proofOfAddressType']));
    await refetchOf(withoutProof, 21);

    expect(await storedState(person.id)).toBe('depends_on_document');
  });

  it('decides the state again when a listed identification brings or removes a proof, without a re-fetch', async () => {
    const person = await createPerson(handle.db, { nationality: 'DE' }, at(0));
    const identification = makeIdentification(person.id, {
      status: 'successful',
      proofOfAddressType: 'UTILITY_BILL',
      proofOfAddressIssuedAt: '2024-02-10',
    });

    await upsertIdentificationSnapshot(handle.db, { identification, observedAt: at(10), source: 'reconciliation' });
    expect(await storedState(person.id)).toBe('accepted');

    const withoutProof = { ...identification, proofOfAddressType: null, proofOfAddressIssuedAt: null };
    const listed = await upsertIdentificationSnapshot(handle.db, { identification: withoutProof, observedAt: at(20), source: 'reconciliation' });
    expect(listed.changed).toEqual(expect.arrayContaining(['proofOfAddressType']));
    expect(await storedState(person.id)).toBe('depends_on_document');
  });
});
