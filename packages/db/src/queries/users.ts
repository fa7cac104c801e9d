import type { Role } from '@identdesk/domain';
import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { normalizeEmail } from '../normalize.ts';
import { users, type UserRow } from '../schema/users.ts';

/** A console user as authorisation and the shell need it: never the password hash. */
export interface StaffUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  disabledAt: Date | null;
}

const staffColumns = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  role: users.role,
  disabledAt: users.disabledAt,
};

/** What sign-in reads: the hash and the lockout state besides the user. */
export interface SignInCandidate extends StaffUser {
  passwordHash: string | null;
  failedLoginCount: number;
  lockedUntil: Date | null;
}

export async function findSignInCandidate(db: DatabaseExecutor, email: string): Promise<SignInCandidate | undefined> {
  const [row] = await db
    .select({
      ...staffColumns,
      passwordHash: users.passwordHash,
      failedLoginCount: users.failedLoginCount,
      lockedUntil: users.lockedUntil,
    })
    .from(users)
    .where(eq(users.email, normalizeEmail(email) ?? ''))
    .limit(1);
  return row;
}

export async function findStaffUserById(db: DatabaseExecutor, id: string): Promise<StaffUser | undefined> {
  const [row] = await db.select(staffColumns).from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export async function findStaffUserByEmail(db: DatabaseExecutor, email: string): Promise<StaffUser | undefined> {
  const [row] = await db
    .select(staffColumns)
    .from(users)
    .where(eq(users.email, normalizeEmail(email) ?? ''))
    .limit(1);
  return row;
}

export async function findStaffUserByOidcSubject(db: DatabaseExecutor, subject: string): Promise<StaffUser | undefined> {
  const [row] = await db.select(staffColumns).from(users).where(eq(users.oidcSubject, subject)).limit(1);
  return row;
}

/** Every user, for the audit page's "who" filter: staff names are not customer data. */
export async function listStaffUsers(db: DatabaseExecutor): Promise<StaffUser[]> {
  return db.select(staffColumns).from(users).orderBy(asc(users.displayName), asc(users.email));
}

export interface NewStaffUser {
  email: string;
  displayName: string;
  role: Role;
  passwordHash?: string | null;
  oidcSubject?: string | null;
}

function normalizedEmailOf(email: string): string {
  const normalized = normalizeEmail(email);
  if (!normalized) throw new Error('A user needs an email address.');
  return normalized;
}

/** Inserts a user; the email is stored lower-case. Fails on a taken email or OIDC subject. */
export async function insertStaffUser(db: DatabaseExecutor, user: NewStaffUser): Promise<StaffUser> {
  const [row] = await db
    .insert(users)
    .values({ ...user, email: normalizedEmailOf(user.email) })
    .returning(staffColumns);
  if (!row) throw new Error('user insert returned nothing');
  return row;
}

/**
 * Inserts the user unless the email or the OIDC subject is already taken, and then returns
 * undefined instead of failing: two first sign-ins of the same person can arrive at once, and
 * the one that loses the race should sign in as the user the other one created.
 */
export async function insertStaffUserUnlessTaken(db: DatabaseExecutor, user: NewStaffUser): Promise<StaffUser | undefined> {
  const [row] = await db
    .insert(users)
    .values({ ...user, email: normalizedEmailOf(user.email) })
    // No target: a conflict on either unique key (email or OIDC subject) means the user exists.
    .onConflictDoNothing()
    .returning(staffColumns);
  return row;
}

/**
 * Inserts the user unless one with the email exists; either way returns the stored user and
 * whether this call created it. Leaves an existing user exactly as it is (its password too).
 */
export async function ensureStaffUser(
  db: DatabaseExecutor,
  user: NewStaffUser,
): Promise<{ user: StaffUser; created: boolean }> {
  const email = normalizedEmailOf(user.email);
  const [inserted] = await db
    .insert(users)
    .values({ ...user, email })
    .onConflictDoNothing({ target: users.email })
    .returning(staffColumns);
  if (inserted) return { user: inserted, created: true };
  const existing = await findStaffUserByEmail(db, email);
  if (!existing) throw new Error('user vanished between insert and select');
  return { user: existing, created: false };
}

export async function setUserPasswordHash(db: DatabaseExecutor, userId: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
}

/** Links a user to their identity at the OIDC provider and, when the provider decides roles, sets the role. */
export async function linkOidcIdentity(
  db: DatabaseExecutor,
  userId: string,
  changes: { oidcSubject: string; role?: Role },
): Promise<StaffUser> {
  const [row] = await db
    .update(users)
    .set(changes.role ? { oidcSubject: changes.oidcSubject, role: changes.role } : { oidcSubject: changes.oidcSubject })
    .where(eq(users.id, userId))
    .returning(staffColumns);
  if (!row) throw new Error(`user ${userId} not found`);
  return row;
}

export interface FailedSignInPolicy {
  now: Date;
  /** This many failures in a row lock the account. */
  maxFailures: number;
  lockMs: number;
}

/**
 * Counts a failed sign-in in one statement, so parallel attempts cannot lose a count. A failure
 * after an expired lock starts counting again from one; the failure that reaches the limit locks
 * the account until `now + lockMs`.
 */
export async function recordFailedSignIn(
  db: DatabaseExecutor,
  userId: string,
  policy: FailedSignInPolicy,
): Promise<Pick<UserRow, 'failedLoginCount' | 'lockedUntil'>> {
  const lockExpired = sql`(${users.lockedUntil} is not null and ${users.lockedUntil} <= ${policy.now})`;
  const nextCount = sql`case when ${lockExpired} then 1 else ${users.failedLoginCount} + 1 end`;
  const lockUntil = new Date(policy.now.getTime() + policy.lockMs);
  const [row] = await db
    .update(users)
    .set({
      failedLoginCount: nextCount,
      lockedUntil: sql`case
        when ${nextCount} >= ${policy.maxFailures} then ${lockUntil}::timestamptz
        when ${lockExpired} then null
        else ${users.lockedUntil} end`,
    })
    .where(eq(users.id, userId))
    .returning({ failedLoginCount: users.failedLoginCount, lockedUntil: users.lockedUntil });
  if (!row) throw new Error(`user ${userId} not found`);
  return row;
}

export type SignInCompletion = { cleared: true } | { cleared: false; lockedUntil: Date };

/**
 * A right password forgets earlier failures, unless the account is locked at `now`: checked in
 * the same statement that clears, because wrong guesses sent in parallel with the right one can
 * lock the account while the right one's password is still being checked, and that lock must
 * hold. When it does, returns when the lock ends.
 */
export async function clearFailedSignInsUnlessLocked(db: DatabaseExecutor, userId: string, now: Date): Promise<SignInCompletion> {
  // Another round only when the lock that stopped the clear was lifted (an admin's unlock) before it could be read.
  for (let round = 0; round < 3; round++) {
    const [cleared] = await db
      .update(users)
      .set({ failedLoginCount: 0, lockedUntil: null })
      .where(and(eq(users.id, userId), or(isNull(users.lockedUntil), lte(users.lockedUntil, now))))
      .returning({ id: users.id });
    if (cleared) return { cleared: true };
    const [row] = await db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId)).limit(1);
    if (!row) throw new Error(`user ${userId} not found`);
    if (row.lockedUntil && row.lockedUntil > now) return { cleared: false, lockedUntil: row.lockedUntil };
  }
  throw new Error(`user ${userId}: lock state kept changing during sign-in`);
}

/** The OIDC subject a user is linked to, or null. */
export async function findUserOidcSubject(db: DatabaseExecutor, userId: string): Promise<string | null> {
  const [row] = await db.select({ oidcSubject: users.oidcSubject }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.oidcSubject ?? null;
}
