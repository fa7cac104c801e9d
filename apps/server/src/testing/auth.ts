import { insertStaffUser, type Database, type DatabaseExecutor } from '@identdesk/db';
import type { Role } from '@identdesk/domain';
import { randomBytes } from 'node:crypto';
import { createLogger } from '../logger.ts';
import { hashPassword } from '../auth/passwords.ts';
import { createAuthService, type AuthService, type SessionUser } from '../auth/service.ts';
import { DEFAULT_AUTH_SETTINGS, type AuthSettings } from '../auth/settings.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A user who signs in with {@link TEST_PASSWORD}. */
export async function createPasswordUser(
  db: DatabaseExecutor,
  overrides: { role?: Role; email?: string; displayName?: string; password?: string } = {},
): Promise<SessionUser> {
  const role = overrides.role ?? 'agent';
  const user = await insertStaffUser(db, {
    email: overrides.email ?? `${role}.${randomBytes(4).toString('hex')}@identdesk.test`,
    displayName: overrides.displayName ?? `Test ${role}`,
    role,
    passwordHash: await hashPassword(overrides.password ?? TEST_PASSWORD),
  });
  return { id: user.id, email: user.email, displayName: user.displayName, role: user.role };
}

/** A clock tests move by hand. */
export function manualClock(start = new Date('2030-06-01T08:00:00.000Z')) {
  let current = start.getTime();
  const clock = () => new Date(current);
  return Object.assign(clock, {
    advance(ms: number) {
      current += ms;
    },
    minutes(n: number) {
      current += n * 60_000;
    },
  });
}

export function testAuthService(db: Database, options: { clock?: () => Date; settings?: Partial<AuthSettings> } = {}): AuthService {
  return createAuthService({
    db,
    settings: { ...DEFAULT_AUTH_SETTINGS, ...options.settings },
    logger: createLogger({ level: 'silent' }),
    clock: options.clock,
  });
}
