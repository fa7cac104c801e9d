import { auditEvents } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { TRPCError } from '@trpc/server';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPasswordUser, manualClock, TEST_PASSWORD, testAuthService } from '../../testing/auth.ts';
import { callerFor } from '../../testing/callers.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('auth.login', () => {
  it('sets the session cookie and answers who signed in; auth.me then knows them', async () => {
    const user = await createPasswordUser(handle.db, { role: 'compliance', displayName: 'Rita Review' });
    const { caller, cookies, service } = callerFor(handle.db, null);
    expect(await caller.auth.login({ email: user.email, password: TEST_PASSWORD })).toEqual({ user });
    expect(cookies.token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const session = await service.resolveSession(cookies.token);
    expect(session?.user).toEqual(user);
    const signedIn = callerFor(handle.db, session?.user ?? null, { service, session });
    expect(await signedIn.caller.auth.me()).toEqual({ user });
    expect(await callerFor(handle.db, null).caller.auth.me()).toEqual({ user: null });
  });

  it('refuses a wrong password and an unknown email with the same words', async () => {
    const user = await createPasswordUser(handle.db);
    const { caller, cookies } = callerFor(handle.db, null);
    const wrong = await refusal(caller.auth.login({ email: user.email, password: 'not the password' }));
    const unknown = await refusal(caller.auth.login({ email: 'nobody@identdesk.test', password: 'not the password' }));
    expect(wrong).toEqual({ code: 'UNAUTHORIZED', message: 'The email or password is not right. Check both and try again.' });
    expect(unknown).toEqual(wrong);
    expect(cookies.token).toBeNull();
  });

  it('says an account is locked, for how long, after the limit of failures', async () => {
    const clock = manualClock();
    const service = testAuthService(handle.db, { clock, settings: { maxFailedSignIns: 3, lockMs: 15 * 60_000 } });
    const user = await createPasswordUser(handle.db);
    const { caller } = callerFor(handle.db, null, { service });
    for (let i = 0; i < 2; i++) await refusal(caller.auth.login({ email: user.email, password: 'wrong wrong' }));
    expect(await refusal(caller.auth.login({ email: user.email, password: 'wrong wrong' }))).toEqual({
      code: 'TOO_MANY_REQUESTS',
      message: 'Too many failed sign-ins: this account is locked for 15 more minutes. Try again then, or ask an admin.',
    });
    clock.minutes(14);
    expect((await refusal(caller.auth.login({ email: user.email, password: TEST_PASSWORD }))).message).toContain('locked for 1 more minute.');
  });

  it('names an empty field instead of checking anything', async () => {
    const { caller } = callerFor(handle.db, null);
    expect(await refusal(caller.auth.login({ email: ' ', password: '' }))).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('auth.logout and auth.logoutEverywhere', () => {
  it('ends this session and clears the cookie; signing out twice is no error', async () => {
    const user = await createPasswordUser(handle.db);
    const service = testAuthService(handle.db);
    const { caller: anonymous, cookies } = callerFor(handle.db, null, { service });
    await anonymous.auth.login({ email: user.email, password: TEST_PASSWORD });
    const session = await service.resolveSession(cookies.token);
    const signedIn = callerFor(handle.db, user, { service, session });
    expect(await signedIn.caller.auth.logout()).toEqual({ signedOut: true });
    expect(signedIn.cookies.cleared).toBe(true);
    expect(await service.resolveSession(cookies.token)).toBeNull();
    expect(await callerFor(handle.db, null, { service }).caller.auth.logout()).toEqual({ signedOut: true });

    const [event] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'auth.logout', actorUserId: user.id, ip: '198.51.100.23' });
  });

  it('ends every session of the user', async () => {
    const user = await createPasswordUser(handle.db);
    const service = testAuthService(handle.db);
    const tokens: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const { caller, cookies } = callerFor(handle.db, null, { service });
      await caller.auth.login({ email: user.email, password: TEST_PASSWORD });
      tokens.push(cookies.token);
    }
    const { caller, cookies } = callerFor(handle.db, user, { service });
    expect(await caller.auth.logoutEverywhere()).toEqual({ sessions: 3 });
    expect(cookies.cleared).toBe(true);
    for (const token of tokens) expect(await service.resolveSession(token)).toBeNull();
  });
});

describe('auth.providers', () => {
  it('offers password sign-in, and no provider when none is configured', async () => {
    expect(await callerFor(handle.db, null).caller.auth.providers()).toEqual({ password: true, oidc: null, demo: null });
  });
});
