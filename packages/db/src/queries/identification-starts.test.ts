import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentification, createPerson, createUser, openTestDatabase, type TestDatabase } from '../testing.ts';
import {
  findIdentificationStartInProgress,
  insertIdentificationStart,
  markIdentificationStartCreated,
  markIdentificationStartFailed,
  markIdentificationStartRequested,
  type NewIdentificationStart,
} from './identification-starts.ts';

/**
 * One new identification on its way per customer: two agents (or a double click) passing the
 * eligibility check together must not both go on to create an identification at Solaris.
 */
let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

async function newStart(): Promise<{ personId: string; identificationId: string; start: (reason?: string) => NewIdentificationStart }> {
  const person = await createPerson(handle.db);
  const identification = await createIdentification(handle.db, person.id);
  const agent = await createUser(handle.db);
  return {
    personId: person.id,
    identificationId: identification.id,
    start: (reason = 'The link ran out') => ({
      personId: person.id,
      replacesIdentificationId: identification.id,
      language: 'DE',
      proofOfAddressType: null,
      proofOfAddressIssuedAt: null,
      proofOfAddressSubmissionId: null,
      reason,
      startedBy: agent.id,
      startedAt: new Date(),
    }),
  };
}

describe('identification starts: one on its way per customer', () => {
  it('refuses a second start while the first is creating or created, and allows one after it was requested or failed', async () => {
    const { personId, start } = await newStart();
    const first = await insertIdentificationStart(handle.db, start('First agent'));
    expect(first).toEqual(expect.any(String));

    // Identdesk is still asking Solaris for the first one.
    expect(await insertIdentificationStart(handle.db, start('Second agent'))).toBeNull();
    // Solaris made it, IDnow's link is not requested yet: still on its way.
    const newIdentification = await createIdentification(handle.db, personId);
    await markIdentificationStartCreated(handle.db, first ?? '', newIdentification.id);
    expect(await insertIdentificationStart(handle.db, start('Second agent'))).toBeNull();
    expect(await findIdentificationStartInProgress(handle.db, personId)).toMatchObject({ id: first, reason: 'First agent', status: 'created' });

    // The customer has the link: a later start (say the link ran out again) is allowed.
    await markIdentificationStartRequested(handle.db, first ?? '', new Date());
    expect(await findIdentificationStartInProgress(handle.db, personId)).toBeNull();
    const second = await insertIdentificationStart(handle.db, start('Link ran out again'));
    expect(second).toEqual(expect.any(String));
    expect(second).not.toBe(first);

    // Solaris refused that one: the agent may try again.
    await markIdentificationStartFailed(handle.db, second ?? '', 'Solaris answered 422');
    const third = await insertIdentificationStart(handle.db, start('Trying again'));
    expect(third).toEqual(expect.any(String));
    expect(await findIdentificationStartInProgress(handle.db, personId)).toMatchObject({ id: third, status: 'creating' });
  });

  it('does not hold up another customer’s start', async () => {
    const one = await newStart();
    const other = await newStart();
    expect(await insertIdentificationStart(handle.db, one.start())).toEqual(expect.any(String));
    expect(await insertIdentificationStart(handle.db, other.start())).toEqual(expect.any(String));
  });

  it('lets exactly one of several starts submitted at the same moment through', async () => {
    const { personId, start } = await newStart();
    const inserted = await Promise.all(Array.from({ length: 5 }, (_, index) => insertIdentificationStart(handle.db, start(`Click ${index + 1}`))));
    const stored = inserted.filter((id): id is string => id !== null);
    expect(stored).toHaveLength(1);
    expect(await findIdentificationStartInProgress(handle.db, personId)).toMatchObject({ id: stored[0], status: 'creating' });
  });
});
