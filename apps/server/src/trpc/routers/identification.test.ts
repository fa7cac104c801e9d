import { auditEvents } from '@identdesk/db';
import { createIdentification, createPerson, openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordUser } from '../../testing/auth.ts';
import { callerFor } from '../../testing/callers.ts';
import type { SignedInUser } from '../init.ts';

let handle: TestDatabase;
let reviewer: SignedInUser;
let personId: string;
let identificationId: string;

beforeAll(async () => {
  handle = await openTestDatabase();
  reviewer = await createPasswordUser(handle.db, { role: 'compliance' });
  const person = await createPerson(handle.db);
  personId = person.id;
  const identification = await createIdentification(handle.db, person.id, {
    reference: 'TST-KXZRK',
    url: 'https://go.test.idnow.de/app/solarisbankvideoidentsandbox/identifications/TST-KXZRK',
    status: 'successful',
  });
  identificationId = identification.id;
});
afterAll(() => handle.close());

const reason = 'Fraud case FC-2030-117: compare with IDnow';

describe('identification.revealReference', () => {
  it('gives compliance the reference and URL, and records who, which person, and why', async () => {
    const { caller } = callerFor(handle.db, reviewer);
    expect(await caller.identification.revealReference({ id: identificationId, reason: `  ${reason}  ` })).toEqual({
      id: identificationId,
      reference: 'TST-KXZRK',
      url: 'https://go.test.idnow.de/app/solarisbankvideoidentsandbox/identifications/TST-KXZRK',
    });
    const [event] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({
      action: 'identification.reference_revealed',
      actorUserId: reviewer.id,
      actorRole: 'compliance',
      personId,
      subjectType: 'identification',
      subjectId: identificationId,
      reason,
      ip: '198.51.100.23',
    });
  });

  it('wants a reason of ten characters or more', async () => {
    const { caller } = callerFor(handle.db, reviewer);
    await expect(caller.identification.revealReference({ id: identificationId, reason: 'because' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('answers NOT_FOUND for an unknown id and records nothing', async () => {
    const before = await handle.db.$count(auditEvents);
    const { caller } = callerFor(handle.db, reviewer);
    await expect(
      caller.identification.revealReference({ id: `${'0'.repeat(32)}cidt`, reason }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await handle.db.$count(auditEvents)).toBe(before);
  });
});
