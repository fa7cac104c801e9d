import { auditEvents, findSignInCandidate, listStaffUsers } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testAuthService } from '../testing/auth.ts';
import { ensureDemoUsers } from './demo-users.ts';
import { DEMO_USER_PASSWORD } from './settings.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('demo users', () => {
  it('are created once, one per role, and sign in with the demo password', async () => {
    const first = await ensureDemoUsers(handle.db);
    expect(first.created).toBe(4);
    expect(first.table).toContain('agent@identdesk.local');
    expect(first.table).toContain('Team lead');
    const second = await ensureDemoUsers(handle.db);
    expect(second.created).toBe(0);

    const users = await listStaffUsers(handle.db);
    expect(users.map((user) => [user.email, user.role]).sort()).toEqual([
      ['admin@identdesk.local', 'admin'],
      ['agent@identdesk.local', 'agent'],
      ['compliance@identdesk.local', 'compliance'],
      ['lead@identdesk.local', 'team_lead'],
    ]);
    const created = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, 'user.created'));
    expect(created).toHaveLength(4);

    const outcome = await testAuthService(handle.db).signInWithPassword(
      { email: 'lead@identdesk.local', password: DEMO_USER_PASSWORD },
      { ip: '127.0.0.1', userAgent: 'vitest' },
    );
    expect(outcome.ok).toBe(true);
  });

  it('leave a demo user someone changed as it is', async () => {
    await handle.pool.query("update users set password_hash = 'changed' where email = 'agent@identdesk.local'");
    await ensureDemoUsers(handle.db);
    expect((await findSignInCandidate(handle.db, 'agent@identdesk.local'))?.passwordHash).toBe('changed');
  });
});
