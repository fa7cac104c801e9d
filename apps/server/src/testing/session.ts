import type { DatabaseExecutor } from '@identdesk/db';
import { ROLES, type Role } from '@identdesk/domain';
import { createPasswordUser, TEST_PASSWORD } from './auth.ts';

/** Headers the web app sends with every request that changes something (decision 0003). */
export const CSRF_HEADERS = { 'x-identdesk-csrf': '1' } as const;

/** Signs in over HTTP as a user created with `createPasswordUser`; the `cookie` header of the session. */
export async function signIn(baseUrl: string, email: string, password = TEST_PASSWORD): Promise<string> {
  const response = await fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { ...CSRF_HEADERS, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email} failed with ${response.status}`);
  const cookie = response.headers.getSetCookie()[0]?.split(';')[0];
  if (!cookie) throw new Error(`sign-in as ${email} set no cookie`);
  return cookie;
}

/** A new user of each role, signed in over HTTP: the `cookie` header of each one's session. */
export async function signInEveryRole(baseUrl: string, db: DatabaseExecutor): Promise<Record<Role, string>> {
  const cookies = {} as Record<Role, string>;
  for (const role of ROLES) cookies[role] = await signIn(baseUrl, (await createPasswordUser(db, { role })).email);
  return cookies;
}
