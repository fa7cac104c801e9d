import { auditEvents, findSignInCandidate, verifyAuditChain } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPasswordUser, manualClock, TEST_PASSWORD, testAuthService } from '../testing/auth.ts';
import type * as PasswordsModule from './passwords.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import type { SignInOutcome } from './service.ts';

/** Lets a test act while a sign-in sits between its (real) password check and what follows it. */
const passwordCheck = vi.hoisted(() => ({ afterNextCheck: null as (() => Promise<void>) | null }));
vi.mock('./passwords.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof PasswordsModule>();
  return {
    ...actual,
    verifyPassword: async (passwordHash: string, password: string) => {
      const matches = await actual.verifyPassword(passwordHash, password);
      const hook = passwordCheck.afterNextCheck;
      passwordCheck.afterNextCheck = null;
      if (hook) await hook();
      return matches;
    },
  };
});

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const origin = { ip: '192.0.2.10', userAgent: 'vitest' };

function tokenOf(outcome: SignInOutcome): string {
  if (!outcome.ok) throw new Error(`sign-in refused: ${outcome.reason}`);
  return outcome.token;
}

async function lastActions(n: number) {
  const rows = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(n);
  return rows.map((row) => row.action).reverse();
}

describe('password sign-in', () => {
  it('opens a session whose token is stored only as its SHA-256, and audits the sign-in', async () => {
    const clock = manualClock();
    const service = testAuthService(handle.db, { clock });
    const user = await createPasswordUser(handle.db, { role: 'compliance' });
    const outcome = await service.signInWithPassword({ email: user.email.toUpperCase(), password: TEST_PASSWORD }, origin);
    const token = tokenOf(outcome);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const stored = await handle.pool.query<{ id: string }>('select id from sessions where user_id = $1', [user.id]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.rows[0]?.id).not.toContain(token);

    const [event] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({
      action: 'auth.login_succeeded',
      actorUserId: user.id,
      actorRole: 'compliance',
      ip: '192.0.2.10',
      userAgent: 'vitest',
      details: { method: 'password' },
      occurredAt: clock(),
    });
    expect((await service.resolveSession(token))?.user).toEqual(user);
  });

  it('answers a wrong password and an unknown email alike', async () => {
    const service = testAuthService(handle.db);
    const user = await createPasswordUser(handle.db);
    expect(await service.signInWithPassword({ email: user.email, password: 'wrong password!' }, origin)).toEqual({
      ok: false,
      reason: 'invalid_credentials',
    });
    expect(await service.signInWithPassword({ email: 'nobody@identdesk.test', password: 'wrong password!' }, origin)).toEqual({
      ok: false,
      reason: 'invalid_credentials',
    });
    expect(await lastActions(2)).toEqual(['auth.login_failed', 'auth.login_failed']);
  });

  it('spends a password check on an unknown email too, so its timing does not tell the email is unknown', async () => {
    const service = testAuthService(handle.db, { settings: { ipMaxAttempts: 1000, maxFailedSignIns: 1000 } });
    const hash = await hashPassword('whatever it is');
    const fastest = async (run: () => Promise<unknown>) => {
      let best = Number.POSITIVE_INFINITY;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        await run();
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const oneCheck = await fastest(() => verifyPassword(hash, 'not the password'));
    const unknownEmail = await fastest(() => service.signInWithPassword({ email: 'ghost@identdesk.test', password: 'not the password' }, origin));
    // Without the check an unknown email would answer in a few milliseconds of lookups.
    expect(unknownEmail).toBeGreaterThan(oneCheck * 0.6);
  });

  it('locks an account after the limit of failures, refuses even the right password while locked, and unlocks by itself', async () => {
    const clock = manualClock();
    const service = testAuthService(handle.db, { clock, settings: { maxFailedSignIns: 3, lockMs: 15 * 60_000 } });
    const user = await createPasswordUser(handle.db);
    const wrong = { email: user.email, password: 'not it at all' };
    expect((await service.signInWithPassword(wrong, origin)).ok).toBe(false);
    expect(await service.signInWithPassword(wrong, origin)).toEqual({ ok: false, reason: 'invalid_credentials' });
    const locked = await service.signInWithPassword(wrong, origin);
    expect(locked).toEqual({ ok: false, reason: 'locked', until: new Date(clock().getTime() + 15 * 60_000) });
    expect(await lastActions(1)).toEqual(['auth.login_locked']);

    clock.minutes(5);
    expect(await service.signInWithPassword({ email: user.email, password: TEST_PASSWORD }, origin)).toMatchObject({
      ok: false,
      reason: 'locked',
    });

    clock.minutes(11);
    tokenOf(await service.signInWithPassword({ email: user.email, password: TEST_PASSWORD }, origin));
    expect(await findSignInCandidate(handle.db, user.email)).toMatchObject({ failedLoginCount: 0, lockedUntil: null });
  });

  it('keeps a lock that parallel wrong guesses set while the right password was being checked', async () => {
    const clock = manualClock();
    const service = testAuthService(handle.db, { clock, settings: { maxFailedSignIns: 3, lockMs: 15 * 60_000 } });
    const user = await createPasswordUser(handle.db);
    const wrong = { email: user.email, password: 'not it at all' };
    // The right password was sent first and found the account unlocked; the guesses land during its check.
    passwordCheck.afterNextCheck = async () => {
      for (let i = 0; i < 3; i++) await service.signInWithPassword(wrong, origin);
    };
    const outcome = await service.signInWithPassword({ email: user.email, password: TEST_PASSWORD }, origin);
    expect(passwordCheck.afterNextCheck).toBeNull();

    const lockedUntil = new Date(clock().getTime() + 15 * 60_000);
    expect(outcome).toEqual({ ok: false, reason: 'locked', until: lockedUntil });
    const [event] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({
      action: 'auth.login_locked',
      subjectId: user.id,
      actorUserId: user.id,
      details: { lockedUntil: lockedUntil.toISOString() },
    });
    const sessions = await handle.pool.query<{ n: number }>('select count(*)::int as n from sessions where user_id = $1', [user.id]);
    expect(sessions.rows[0]?.n).toBe(0);
    expect(await findSignInCandidate(handle.db, user.email)).toMatchObject({ failedLoginCount: 3, lockedUntil });
  });

  it('locks an unknown email after the same number of failures, so the lock does not reveal which emails exist', async () => {
    const clock = manualClock();
    const service = testAuthService(handle.db, { clock, settings: { maxFailedSignIns: 3 } });
    const attempt = () => service.signInWithPassword({ email: 'phantom@identdesk.test', password: 'guessing' }, origin);
    expect((await attempt()).ok).toBe(false);
    expect(await attempt()).toEqual({ ok: false, reason: 'invalid_credentials' });
    expect(await attempt()).toMatchObject({ ok: false, reason: 'locked' });
    expect(await attempt()).toMatchObject({ ok: false, reason: 'locked' });
    clock.minutes(16);
    expect(await attempt()).toEqual({ ok: false, reason: 'invalid_credentials' });
  });

  it('limits attempts per IP address across accounts, and audits the limit once per window', async () => {
    const clock = manualClock();
    const service = testAuthService(handle.db, { clock, settings: { ipMaxAttempts: 3, ipWindowMs: 10 * 60_000 } });
    const user = await createPasswordUser(handle.db);
    const from = { ip: '203.0.113.50', userAgent: 'bot' };
    for (let i = 0; i < 3; i++) {
      await service.signInWithPassword({ email: `spray${i}@identdesk.test`, password: 'x' }, from);
    }
    const before = (await handle.pool.query<{ n: number }>("select count(*)::int as n from audit_events where action = 'auth.login_rate_limited'")).rows[0]?.n;
    expect(await service.signInWithPassword({ email: user.email, password: TEST_PASSWORD }, from)).toEqual({
      ok: false,
      reason: 'rate_limited',
      until: new Date(clock().getTime() + 10 * 60_000),
    });
    await service.signInWithPassword({ email: user.email, password: TEST_PASSWORD }, from);
    const after = (await handle.pool.query<{ n: number }>("select count(*)::int as n from audit_events where action = 'auth.login_rate_limited'")).rows[0]?.n;
    expect(after).toBe((before ?? 0) + 1);

    // Another address is not affected, and the window ends.
    tokenOf(await service.signInWithPassword({ email: user.email, password: TEST_PASSWORD }, origin));
    clock.minutes(11);
    tokenOf(await service.signInWithPassword({ email: user.email, password: TEST_PASSWORD }, from));
  });
});

describe('sessions', () => {
  it('end after the idle time without requests, and activity keeps them open', async () => {
    const clock = manualClock();
    const service = testAuthService(handle.db, { clock, settings: { sessionIdleMs: 30 * 60_000 } });
    const user = await createPasswordUser(handle.db);
    const token = tokenOf(await service.signInWithPassword({ email: user.email, password: TEST_PASSWORD }, origin));

    for (let i = 0; i < 4; i++) {
      clock.minutes(20);
      expect(await service.resolveSession(token), `still open after ${(i + 1) * 20} active minutes`).not.toBeNull();
    }
    clock.minutes(31);
    expect(await service.resolveSession(token)).toBeNull();
  });

  it('write last_seen_at at most once per touch interval', async () => {
    const clock = manualClock();
    const service = testAuthService(handle.db, { clock });
    const user = await createPasswordUser(handle.db);
    const token = tokenOf(await service.signInWithPassword({ email: user.email, password: TEST_PASSWORD }, origin));
    const lastSeen = async () =>
      (await handle.pool.query<{ at: Date }>('select last_seen_at as at from sessions where user_id = $1', [user.id])).rows[0]?.at;
    const signedInAt = await lastSeen();
    clock.advance(30_000);
    await service.resolveSession(token);
    expect(await lastSeen()).toEqual(signedInAt);
    clock.advance(30_000);
    await service.resolveSession(token);
    expect(await lastSeen()).toEqual(clock());
  });

  it('end at the absolute expiry however active they are', async () => {
    const clock = manualClock();
    const service = testAuthService(handle.db, {
      clock,
      settings: { sessionIdleMs: 30 * 60_000, sessionAbsoluteMs: 2 * 60 * 60_000 },
    });
    const user = await createPasswordUser(handle.db);
    const token = tokenOf(await service.signInWithPassword({ email: user.email, password: TEST_PASSWORD }, origin));
    for (let minute = 10; minute < 120; minute += 10) {
      clock.minutes(10);
      expect(await service.resolveSession(token), `open at minute ${minute}`).not.toBeNull();
    }
    clock.minutes(10);
    expect(await service.resolveSession(token)).toBeNull();
  });

  it('are refused for tokens that are malformed, unknown, or whose user was disabled', async () => {
    const service = testAuthService(handle.db);
    const user = await createPasswordUser(handle.db);
    const token = tokenOf(await service.signInWithPassword({ email: user.email, password: TEST_PASSWORD }, origin));
    expect(await service.resolveSession(null)).toBeNull();
    expect(await service.resolveSession("'; drop table sessions; --")).toBeNull();
    expect(await service.resolveSession('A'.repeat(43))).toBeNull();
    await handle.pool.query('update users set disabled_at = now() where id = $1', [user.id]);
    expect(await service.resolveSession(token)).toBeNull();
  });

  it('end on sign-out, and sign-out everywhere ends all of the user’s sessions and no one else’s', async () => {
    const service = testAuthService(handle.db);
    const user = await createPasswordUser(handle.db);
    const other = await createPasswordUser(handle.db);
    const signIn = async (email: string) =>
      tokenOf(await service.signInWithPassword({ email, password: TEST_PASSWORD }, origin));
    const laptop = await signIn(user.email);
    const phone = await signIn(user.email);
    const desktop = await signIn(user.email);
    const colleague = await signIn(other.email);

    const laptopSession = await service.resolveSession(laptop);
    if (!laptopSession) throw new Error('laptop session missing');
    await service.signOut(laptopSession, origin);
    expect(await service.resolveSession(laptop)).toBeNull();
    expect(await service.resolveSession(phone)).not.toBeNull();

    expect(await service.signOutEverywhere(user, origin)).toBe(2);
    expect(await service.resolveSession(phone)).toBeNull();
    expect(await service.resolveSession(desktop)).toBeNull();
    expect(await service.resolveSession(colleague)).not.toBeNull();
    expect(await lastActions(1)).toEqual(['auth.logout_everywhere']);
  });

  it('leave the audit chain intact', async () => {
    expect(await verifyAuditChain(handle.db)).toMatchObject({ ok: true });
  });
});
