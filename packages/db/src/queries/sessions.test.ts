import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, openTestDatabase, type TestDatabase } from '../testing.ts';
import {
  deleteEndedSessions,
  findSessionWithUser,
  insertSession,
  revokeSession,
  revokeUserSessions,
  touchSession,
} from './sessions.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const start = new Date('2030-01-01T08:00:00.000Z');
const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);

async function newSession(userId: string, id: string) {
  await insertSession(handle.db, {
    id,
    userId,
    createdAt: start,
    expiresAt: at(12 * 60),
    idleExpiresAt: at(30),
    ip: '127.0.0.1',
    userAgent: 'vitest',
  });
}

describe('sessions', () => {
  it('finds a session with its user', async () => {
    const user = await createUser(handle.db, { role: 'compliance' });
    await newSession(user.id, 'hash-a');
    const found = await findSessionWithUser(handle.db, 'hash-a');
    expect(found?.user).toEqual({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: 'compliance',
      disabledAt: null,
    });
    expect(found?.session).toMatchObject({ lastSeenAt: start, idleExpiresAt: at(30), revokedAt: null });
    expect(await findSessionWithUser(handle.db, 'hash-unknown')).toBeUndefined();
  });

  it('moves the idle expiry only when the last touch is older than the throttle', async () => {
    await touchSession(handle.db, 'hash-a', { now: at(1), idleExpiresAt: at(31), touchedBefore: at(0) });
    expect((await findSessionWithUser(handle.db, 'hash-a'))?.session.idleExpiresAt).toEqual(at(30));
    await touchSession(handle.db, 'hash-a', { now: at(2), idleExpiresAt: at(32), touchedBefore: at(1) });
    expect((await findSessionWithUser(handle.db, 'hash-a'))?.session).toMatchObject({ lastSeenAt: at(2), idleExpiresAt: at(32) });
  });

  it('revokes one session, or every session of a user', async () => {
    const user = await createUser(handle.db);
    await newSession(user.id, 'hash-b');
    await newSession(user.id, 'hash-c');
    await newSession(user.id, 'hash-d');
    expect(await revokeSession(handle.db, 'hash-b', at(5))).toBe(true);
    expect(await revokeSession(handle.db, 'hash-b', at(6))).toBe(false);
    expect(await revokeUserSessions(handle.db, user.id, at(7))).toBe(2);
    expect((await findSessionWithUser(handle.db, 'hash-b'))?.session.revokedAt).toEqual(at(5));
    expect((await findSessionWithUser(handle.db, 'hash-d'))?.session.revokedAt).toEqual(at(7));
    expect((await findSessionWithUser(handle.db, 'hash-a'))?.session.revokedAt).toBeNull();
  });

  it('deletes sessions that have ended and keeps the live ones', async () => {
    expect(await deleteEndedSessions(handle.db, at(10))).toBe(3);
    expect(await findSessionWithUser(handle.db, 'hash-a')).toBeDefined();
  });
});
