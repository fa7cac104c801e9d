import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { sessions } from '../schema/sessions.ts';
import { users } from '../schema/users.ts';
import type { StaffUser } from './users.ts';

export interface NewSession {
  /** SHA-256 of the session token, hex: the token itself is never stored. */
  id: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  idleExpiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export async function insertSession(db: DatabaseExecutor, session: NewSession): Promise<void> {
  await db.insert(sessions).values({ ...session, lastSeenAt: session.createdAt });
}

export interface SessionWithUser {
  session: {
    id: string;
    createdAt: Date;
    lastSeenAt: Date;
    expiresAt: Date;
    idleExpiresAt: Date;
    revokedAt: Date | null;
  };
  user: StaffUser;
}

/** The session with this id and its user, whatever its state: the caller decides whether it still holds. */
export async function findSessionWithUser(db: DatabaseExecutor, id: string): Promise<SessionWithUser | undefined> {
  const [row] = await db
    .select({
      session: {
        id: sessions.id,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        idleExpiresAt: sessions.idleExpiresAt,
        revokedAt: sessions.revokedAt,
      },
      user: {
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        role: users.role,
        disabledAt: users.disabledAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, id))
    .limit(1);
  return row;
}

/**
 * Moves the idle expiry forward. Only when `last_seen_at` is older than `touchedBefore`, so a burst
 * of requests writes once; the condition in the statement keeps parallel requests from racing.
 */
export async function touchSession(
  db: DatabaseExecutor,
  id: string,
  update: { now: Date; idleExpiresAt: Date; touchedBefore: Date },
): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: update.now, idleExpiresAt: update.idleExpiresAt })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt), lt(sessions.lastSeenAt, update.touchedBefore)));
}

export async function revokeSession(db: DatabaseExecutor, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.id, id), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length > 0;
}

/** Ends every open session of the user; returns how many there were. */
export async function revokeUserSessions(db: DatabaseExecutor, userId: string, now: Date): Promise<number> {
  const rows = await db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}

/** Removes sessions that ended before `endedBefore` (expired or revoked); they can never be used again. */
export async function deleteEndedSessions(db: DatabaseExecutor, endedBefore: Date): Promise<number> {
  const rows = await db
    .delete(sessions)
    .where(
      or(lt(sessions.expiresAt, endedBefore), lt(sessions.idleExpiresAt, endedBefore), lt(sessions.revokedAt, endedBefore)),
    )
    .returning({ id: sessions.id });
  return rows.length;
}
