import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentification, createPerson, openTestDatabase, type TestDatabase } from '../testing.ts';
import { upsertIdentificationSnapshot } from './identifications.ts';
import { findIdentificationPersonId, identificationStatusAt, personExists } from './solaris-sync.ts';

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
