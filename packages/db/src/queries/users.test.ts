import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.ts';
import {
  clearFailedSignInsUnlessLocked,
  ensureStaffUser,
  findSignInCandidate,
  findStaffUserByOidcSubject,
  insertStaffUser,
  insertStaffUserUnlessTaken,
  linkOidcIdentity,
  listStaffUsers,
  recordFailedSignIn,
} from './users.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const MINUTE = 60_000;
const policy = (now: Date) => ({ now, maxFailures: 3, lockMs: 15 * MINUTE });

describe('staff users', () => {
  it('stores the email lower-case and finds the user by any spelling of it', async () => {
    const user = await insertStaffUser(handle.db, { email: 'Ada.Lovelace@Identdesk.Test', displayName: 'Ada', role: 'agent' });
    expect(user.email).toBe('ada.lovelace@identdesk.test');
    const candidate = await findSignInCandidate(handle.db, '  ADA.lovelace@identdesk.test ');
    expect(candidate).toMatchObject({ id: user.id, role: 'agent', failedLoginCount: 0, lockedUntil: null, passwordHash: null });
  });

  it('ensureStaffUser creates once and leaves an existing user as it is', async () => {
    const first = await ensureStaffUser(handle.db, {
      email: 'demo@identdesk.test',
      displayName: 'Demo',
      role: 'compliance',
      passwordHash: 'first',
    });
    const second = await ensureStaffUser(handle.db, {
      email: 'DEMO@identdesk.test',
      displayName: 'Other',
      role: 'admin',
      passwordHash: 'second',
    });
    expect(first.created).toBe(true);
    expect(second).toEqual({ user: first.user, created: false });
    expect((await findSignInCandidate(handle.db, 'demo@identdesk.test'))?.passwordHash).toBe('first');
  });

  it('lists users by name without their password hashes', async () => {
    const listed = await listStaffUsers(handle.db);
    expect(listed.map((user) => user.displayName)).toEqual(['Ada', 'Demo']);
    expect(Object.keys(listed[0] ?? {})).not.toContain('passwordHash');
  });

  it('insertStaffUserUnlessTaken returns nothing when the email or the OIDC subject is taken', async () => {
    const created = await insertStaffUserUnlessTaken(handle.db, {
      email: 'New.Comer@identdesk.test',
      displayName: 'Zed',
      role: 'compliance',
      oidcSubject: 'sub-new',
    });
    expect(created).toMatchObject({ email: 'new.comer@identdesk.test', role: 'compliance' });
    expect(
      await insertStaffUserUnlessTaken(handle.db, { email: 'NEW.COMER@identdesk.test', displayName: 'Zed', role: 'admin', oidcSubject: 'sub-other' }),
    ).toBeUndefined();
    expect(
      await insertStaffUserUnlessTaken(handle.db, { email: 'elsewhere@identdesk.test', displayName: 'Zed', role: 'admin', oidcSubject: 'sub-new' }),
    ).toBeUndefined();
    expect(await findStaffUserByOidcSubject(handle.db, 'sub-new')).toEqual(created);
  });

  it('links an OIDC subject and takes the role the provider decides', async () => {
    const user = await insertStaffUser(handle.db, { email: 'sso@identdesk.test', displayName: 'SSO', role: 'agent' });
    const linked = await linkOidcIdentity(handle.db, user.id, { oidcSubject: 'sub-1', role: 'team_lead' });
    expect(linked.role).toBe('team_lead');
    expect(await findStaffUserByOidcSubject(handle.db, 'sub-1')).toEqual(linked);
  });
});

describe('failed sign-ins', () => {
  it('locks the account at the limit, and a failure after the lock ends counts from one again', async () => {
    const user = await insertStaffUser(handle.db, { email: 'lock@identdesk.test', displayName: 'Lock', role: 'agent' });
    const start = new Date('2030-01-01T10:00:00.000Z');
    expect(await recordFailedSignIn(handle.db, user.id, policy(start))).toEqual({ failedLoginCount: 1, lockedUntil: null });
    expect(await recordFailedSignIn(handle.db, user.id, policy(start))).toEqual({ failedLoginCount: 2, lockedUntil: null });
    const locked = await recordFailedSignIn(handle.db, user.id, policy(start));
    expect(locked).toEqual({ failedLoginCount: 3, lockedUntil: new Date(start.getTime() + 15 * MINUTE) });

    const afterLock = new Date(start.getTime() + 16 * MINUTE);
    expect(await recordFailedSignIn(handle.db, user.id, policy(afterLock))).toEqual({ failedLoginCount: 1, lockedUntil: null });

    expect(await clearFailedSignInsUnlessLocked(handle.db, user.id, afterLock)).toEqual({ cleared: true });
    expect(await findSignInCandidate(handle.db, 'lock@identdesk.test')).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it('clears failures on a right password only while the account is not locked', async () => {
    const user = await insertStaffUser(handle.db, { email: 'race@identdesk.test', displayName: 'Race', role: 'agent' });
    const start = new Date('2030-01-01T10:00:00.000Z');
    await recordFailedSignIn(handle.db, user.id, policy(start));
    expect(await clearFailedSignInsUnlessLocked(handle.db, user.id, start)).toEqual({ cleared: true });
    expect(await findSignInCandidate(handle.db, 'race@identdesk.test')).toMatchObject({ failedLoginCount: 0, lockedUntil: null });

    // Locked by failures after the right password's sign-in began: the lock stays.
    for (let i = 0; i < 3; i++) await recordFailedSignIn(handle.db, user.id, policy(start));
    const lockedUntil = new Date(start.getTime() + 15 * MINUTE);
    expect(await clearFailedSignInsUnlessLocked(handle.db, user.id, start)).toEqual({ cleared: false, lockedUntil });
    expect(await findSignInCandidate(handle.db, 'race@identdesk.test')).toMatchObject({ failedLoginCount: 3, lockedUntil });

    // Once the lock has ended, the right password clears it.
    expect(await clearFailedSignInsUnlessLocked(handle.db, user.id, lockedUntil)).toEqual({ cleared: true });
    expect(await findSignInCandidate(handle.db, 'race@identdesk.test')).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it('loses no failure when attempts arrive in parallel', async () => {
    const user = await insertStaffUser(handle.db, { email: 'parallel@identdesk.test', displayName: 'Parallel', role: 'agent' });
    const now = new Date('2030-01-01T10:00:00.000Z');
    await Promise.all(
      Array.from({ length: 10 }, () => recordFailedSignIn(handle.db, user.id, { ...policy(now), maxFailures: 100 })),
    );
    expect((await findSignInCandidate(handle.db, 'parallel@identdesk.test'))?.failedLoginCount).toBe(10);
  });
});
