import { ensureStaffUser, type Database } from '@identdesk/db';
import { ROLE_DETAILS } from '@identdesk/domain';
import { audit } from '../audit/audit.ts';
import { hashPassword } from './passwords.ts';
import { DEMO_USER_PASSWORD, DEMO_USERS } from './settings.ts';

/**
 * Creates the demo accounts of the embedded sandbox unless they exist (an existing one is left
 * exactly as it is), and returns the table to print at start. Their password is public, which
 * is why configuration refuses them beside live Solaris.
 */
export async function ensureDemoUsers(db: Database, clock: () => Date = () => new Date()): Promise<{ created: number; table: string }> {
  const passwordHash = await hashPassword(DEMO_USER_PASSWORD);
  let created = 0;
  for (const demo of DEMO_USERS) {
    await db.transaction(async (tx) => {
      const result = await ensureStaffUser(tx, { ...demo, passwordHash });
      if (!result.created) return;
      created += 1;
      await audit(
        { db: tx, user: null, origin: { ip: null, userAgent: 'identdesk start-up' }, auth: { clock } },
        { action: 'user.created', subject: { type: 'user', id: result.user.id }, actor: null, details: { role: demo.role, via: 'demo users' } },
      );
    });
  }
  const width = Math.max(...DEMO_USERS.map((demo) => demo.email.length));
  const rows = DEMO_USERS.map((demo) => `  ${demo.email.padEnd(width)}  ${ROLE_DETAILS[demo.role].label}`);
  return { created, table: [`Demo users of the sandbox (password "${DEMO_USER_PASSWORD}"):`, ...rows].join('\n') };
}
