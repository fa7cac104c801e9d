import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentification, createPerson, openTestDatabase, type TestDatabase } from '../testing.ts';
import { findIdentificationPersonId, personExists } from './solaris-sync.ts';

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
});
