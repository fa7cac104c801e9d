import type { Role } from '@identdesk/domain';
import { asc, eq, sql } from 'drizzle-orm';
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

/** A successful sign-in (or an admin's unlock) forgets earlier failures. */
export async function clearFailedSignIns(db: DatabaseExecutor, userId: string): Promise<void> {
  await db.update(users).set({ failedLoginCount: 0, lockedUntil: null }).where(eq(users.id, userId));
}

/** The OIDC subject a user is linked to, or null. */
export async function findUserOidcSubject(db: DatabaseExecutor, userId: string): Promise<string | null> {
  const [row] = await db.select({ oidcSubject: users.oidcSubject }).from(users).where(eq(users.id, userId)).limit(1);
  return row?.oidcSubject ?? null;
}
