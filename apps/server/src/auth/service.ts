import { createHash } from 'node:crypto';
import {
  clearFailedSignInsUnlessLocked,
  deleteEndedSessions,
  findSessionWithUser,
  findSignInCandidate,
  insertSession,
  recordFailedSignIn,
  revokeSession,
  revokeUserSessions,
  touchSession,
  type Database,
  type StaffUser,
} from '@identdesk/db';
import { audit, type AuditContext } from '../audit/audit.ts';
import type { Logger } from '../logger.ts';
import type { RequestOrigin, SignedInUser } from '../trpc/init.ts';
import { verifyAgainstNothing, verifyPassword } from './passwords.ts';
import { createFixedWindowLimiter } from './rate-limit.ts';
import { newSessionToken, SESSION_TOKEN_PATTERN, sessionIdOf } from './session-token.ts';
import type { AuthSettings } from './settings.ts';

/** The signed-in user as procedures see it. */
export type SessionUser = SignedInUser;

export type SignInOutcome =
  | { ok: true; user: SessionUser; token: string }
  | { ok: false; reason: 'invalid_credentials' }
  | { ok: false; reason: 'locked'; until: Date }
  | { ok: false; reason: 'rate_limited'; until: Date };

export interface ResolvedSession {
  user: SessionUser;
  /** SHA-256 of the token: what the sessions table and logout use. */
  sessionId: string;
}

export interface AuthService {
  readonly settings: AuthSettings;
  /** Wall-clock time of sessions and the audit trail (tests inject one). */
  readonly clock: () => Date;
  signInWithPassword(credentials: { email: string; password: string }, origin: RequestOrigin): Promise<SignInOutcome>;
  /** Opens a session for a user whose identity is established (password checked, or OIDC), and audits the sign-in. */
  startSession(user: SessionUser, origin: RequestOrigin, method: 'password' | 'oidc'): Promise<string>;
  /** The session of a cookie's token when it is open, not expired and its user not disabled; moves the idle expiry. */
  resolveSession(token: string | null): Promise<ResolvedSession | null>;
  signOut(session: ResolvedSession, origin: RequestOrigin): Promise<void>;
  /** Ends every session of the user, on every device; returns how many were open. */
  signOutEverywhere(user: SessionUser, origin: RequestOrigin): Promise<number>;
}

export interface AuthServiceDeps {
  db: Database;
  settings: AuthSettings;
  logger: Logger;
  clock?: () => Date;
}

function sessionUserOf(user: StaffUser): SessionUser {
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}

const SESSION_CLEANUP_INTERVAL_MS = 60 * 60_000;
/** Ended sessions are kept this long (for a look at recent activity), then deleted. */
const ENDED_SESSION_RETENTION_MS = 7 * 24 * 60 * 60_000;

export function createAuthService(deps: AuthServiceDeps): AuthService {
  const { db, settings, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const ipLimiter = createFixedWindowLimiter({ limit: settings.ipMaxAttempts, windowMs: settings.ipWindowMs });
  const phantoms = createPhantomAccounts(settings);
  let lastCleanupAt = 0;

  const auditContext = (executor: AuditContext['db'], origin: RequestOrigin): AuditContext => ({
    db: executor,
    user: null,
    origin,
    auth: { clock },
  });

  async function cleanupEndedSessions(now: Date) {
    if (now.getTime() - lastCleanupAt < SESSION_CLEANUP_INTERVAL_MS) return;
    lastCleanupAt = now.getTime();
    const removed = await deleteEndedSessions(db, new Date(now.getTime() - ENDED_SESSION_RETENTION_MS));
    if (removed > 0) logger.info({ removed }, 'ended sessions removed');
  }

  const service: AuthService = {
    settings,
    clock,

    async signInWithPassword({ email, password }, origin) {
      const now = clock();
      const ipKey = origin.ip ?? 'unknown';
      const ipWindow = ipLimiter.hit(ipKey, now);
      if (!ipWindow.allowed) {
        // Once per window, so an attack from one address does not flood the trail.
        if (ipWindow.count === settings.ipMaxAttempts + 1) {
          await audit(auditContext(db, origin), {
            action: 'auth.login_rate_limited',
            subject: null,
            actor: null,
            details: { windowMinutes: settings.ipWindowMs / 60_000 },
          });
        }
        return { ok: false, reason: 'rate_limited', until: ipWindow.resetAt };
      }

      const candidate = await findSignInCandidate(db, email);
      if (!candidate || candidate.disabledAt || !candidate.passwordHash) {
        await verifyAgainstNothing(password);
        const phantom = phantoms.fail(email, now);
        await audit(auditContext(db, origin), {
          action: phantom.lockedUntil ? 'auth.login_locked' : 'auth.login_failed',
          subject: null,
          actor: null,
          details: { account: 'unknown' },
        });
        return phantom.lockedUntil
          ? { ok: false, reason: 'locked', until: phantom.lockedUntil }
          : { ok: false, reason: 'invalid_credentials' };
      }

      const actor = { id: candidate.id, role: candidate.role };
      const subject = { type: 'user', id: candidate.id };
      if (candidate.lockedUntil && candidate.lockedUntil > now) {
        await verifyAgainstNothing(password);
        await audit(auditContext(db, origin), { action: 'auth.login_locked', subject, actor, details: { lockedUntil: candidate.lockedUntil.toISOString() } });
        return { ok: false, reason: 'locked', until: candidate.lockedUntil };
      }

      if (!(await verifyPassword(candidate.passwordHash, password))) {
        const counted = await recordFailedSignIn(db, candidate.id, {
          now,
          maxFailures: settings.maxFailedSignIns,
          lockMs: settings.lockMs,
        });
        if (counted.lockedUntil && counted.lockedUntil > now) {
          await audit(auditContext(db, origin), {
            action: 'auth.login_locked',
            subject,
            actor,
            details: { failures: counted.failedLoginCount, lockedUntil: counted.lockedUntil.toISOString() },
          });
          return { ok: false, reason: 'locked', until: counted.lockedUntil };
        }
        await audit(auditContext(db, origin), { action: 'auth.login_failed', subject, actor, details: { failures: counted.failedLoginCount } });
        return { ok: false, reason: 'invalid_credentials' };
      }

      // Wrong guesses sent alongside this one may have locked the account while its password was
      // being checked; then the lock holds, and the answer is the same as for any locked account.
      const completion = await clearFailedSignInsUnlessLocked(db, candidate.id, now);
      if (!completion.cleared) {
        await audit(auditContext(db, origin), { action: 'auth.login_locked', subject, actor, details: { lockedUntil: completion.lockedUntil.toISOString() } });
        return { ok: false, reason: 'locked', until: completion.lockedUntil };
      }
      const user = sessionUserOf(candidate);
      const token = await service.startSession(user, origin, 'password');
      return { ok: true, user, token };
    },

    async startSession(user, origin, method) {
      const now = clock();
      const token = newSessionToken();
      const sessionId = sessionIdOf(token);
      await db.transaction(async (tx) => {
        await insertSession(tx, {
          id: sessionId,
          userId: user.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + settings.sessionAbsoluteMs),
          idleExpiresAt: new Date(now.getTime() + Math.min(settings.sessionIdleMs, settings.sessionAbsoluteMs)),
          ip: origin.ip,
          userAgent: origin.userAgent?.slice(0, 512) ?? null,
        });
        await audit(auditContext(tx, origin), {
          action: 'auth.login_succeeded',
          subject: { type: 'user', id: user.id },
          actor: { id: user.id, role: user.role },
          details: { method },
        });
      });
      await cleanupEndedSessions(now).catch((error: unknown) => logger.warn({ err: error }, 'session cleanup failed'));
      return token;
    },

    async resolveSession(token) {
      if (!token || !SESSION_TOKEN_PATTERN.test(token)) return null;
      const sessionId = sessionIdOf(token);
      const found = await findSessionWithUser(db, sessionId);
      if (!found) return null;
      const now = clock();
      const { session, user } = found;
      if (session.revokedAt || session.expiresAt <= now || session.idleExpiresAt <= now || user.disabledAt) return null;
      if (now.getTime() - session.lastSeenAt.getTime() >= settings.sessionTouchIntervalMs) {
        const idleExpiresAt = new Date(Math.min(now.getTime() + settings.sessionIdleMs, session.expiresAt.getTime()));
        await touchSession(db, sessionId, {
          now,
          idleExpiresAt,
          touchedBefore: new Date(now.getTime() - settings.sessionTouchIntervalMs + 1),
        });
      }
      return { user: sessionUserOf(user), sessionId };
    },

    async signOut(session, origin) {
      await db.transaction(async (tx) => {
        await revokeSession(tx, session.sessionId, clock());
        await audit(auditContext(tx, origin), {
          action: 'auth.logout',
          subject: { type: 'user', id: session.user.id },
          actor: { id: session.user.id, role: session.user.role },
        });
      });
    },

    async signOutEverywhere(user, origin) {
      return db.transaction(async (tx) => {
        const revoked = await revokeUserSessions(tx, user.id, clock());
        await audit(auditContext(tx, origin), {
          action: 'auth.logout_everywhere',
          subject: { type: 'user', id: user.id },
          actor: { id: user.id, role: user.role },
          details: { sessions: revoked },
        });
        return revoked;
      });
    },
  };
  return service;
}

/**
 * Failed sign-ins for emails that have no account, counted like real accounts' (in memory,
 * bounded), so that "locked" comes after the same number of tries whether the email exists or
 * not, and the answer never tells which.
 */
function createPhantomAccounts(settings: AuthSettings, maxKeys = 10_000) {
  const accounts = new Map<string, { failures: number; lockedUntil: number | null }>();
  const keyOf = (email: string) => createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
  return {
    fail(email: string, now: Date): { lockedUntil: Date | null } {
      const key = keyOf(email);
      const at = now.getTime();
      let account = accounts.get(key);
      if (account?.lockedUntil && account.lockedUntil > at) return { lockedUntil: new Date(account.lockedUntil) };
      if (!account || (account.lockedUntil !== null && account.lockedUntil <= at)) {
        if (!account && accounts.size >= maxKeys) {
          const oldest = accounts.keys().next();
          if (!oldest.done) accounts.delete(oldest.value);
        }
        account = { failures: 0, lockedUntil: null };
        accounts.set(key, account);
      }
      account.failures += 1;
      if (account.failures >= settings.maxFailedSignIns) account.lockedUntil = at + settings.lockMs;
      return { lockedUntil: account.lockedUntil === null ? null : new Date(account.lockedUntil) };
    },
  };
}
