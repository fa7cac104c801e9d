import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type * as DbModule from '@identdesk/db';
import { auditEvents, findStaffUserByEmail, findUserOidcSubject, insertStaffUser } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { desc } from 'drizzle-orm';
import express, { type RequestHandler } from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mountHttpRoutes } from '../access/http-routes.ts';
import { createLogger } from '../logger.ts';
import { testAuthService } from '../testing/auth.ts';
import { CookieJar, startOidcProvider, type RunningOidcProvider } from '../testing/oidc-provider.ts';
import { sessionCookieName } from './cookies.ts';
import { OIDC_CALLBACK_PATH, oidcRoutes } from './oidc.ts';
import type { AuthService } from './service.ts';
import type { OidcSettings } from './settings.ts';

/** Lets a test hold sign-ins right after they looked a user up by email (the real lookup, on the real database). */
const emailLookups = vi.hoisted(() => ({ hold: null as ((email: string) => Promise<void>) | null }));
vi.mock('@identdesk/db', async (importOriginal) => {
  const actual = await importOriginal<typeof DbModule>();
  return {
    ...actual,
    findStaffUserByEmail: async (...args: Parameters<typeof actual.findStaffUserByEmail>) => {
      const found = await actual.findStaffUserByEmail(...args);
      await emailLookups.hold?.(args[1]);
      return found;
    },
  };
});

/** Resolves for everyone once `parties` callers for `email` have arrived. */
function meetingPoint(email: string, parties: number) {
  let arrived = 0;
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async (lookedUp: string) => {
    if (lookedUp.trim().toLowerCase() !== email) return;
    arrived += 1;
    if (arrived >= parties) open();
    await opened;
  };
}

let handle: TestDatabase;
let auth: AuthService;
let appServer: Server;
let appUrl: string;
let provider: RunningOidcProvider;
let current: RequestHandler = (_req, res) => {
  res.sendStatus(503);
};

beforeAll(async () => {
  handle = await openTestDatabase();
  auth = testAuthService(handle.db);
  const app = express();
  app.use((req, res, next) => current(req, res, next));
  appServer = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => appServer.once('listening', resolve));
  appUrl = `http://127.0.0.1:${(appServer.address() as AddressInfo).port}`;
  provider = await startOidcProvider({
    redirectUri: `${appUrl}${OIDC_CALLBACK_PATH}`,
    identities: {
      known: { email: 'Known.Agent@identdesk.test', name: 'Known Agent' },
      stranger: { email: 'stranger@identdesk.test', name: 'Stranger' },
      newcomer: { email: 'newcomer@identdesk.test', name: 'Nina Newcomer', roles: ['idd-review'] },
      promoted: { email: 'promoted@identdesk.test', name: 'Pat Promoted', roles: ['idd-leads', 'unrelated-group'] },
      roleless: { email: 'roleless@identdesk.test', roles: ['unrelated-group'] },
      torn: { email: 'torn@identdesk.test', roles: ['idd-review', 'idd-leads'] },
      twin: { email: 'twin@identdesk.test', name: 'Tess Twin', roles: ['idd-review'] },
      unverified: { email: 'known.agent@identdesk.test', email_verified: false },
    },
  });
  await insertStaffUser(handle.db, { email: 'known.agent@identdesk.test', displayName: 'Known Agent', role: 'agent' });
  await insertStaffUser(handle.db, { email: 'promoted@identdesk.test', displayName: 'Pat Promoted', role: 'agent' });
});

afterAll(async () => {
  await provider.stop();
  await new Promise((resolve) => appServer.close(resolve));
  await handle.close();
});

function useSettings(overrides: Partial<OidcSettings> = {}) {
  const settings: OidcSettings = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    providerName: 'Test IdP',
    scopes: 'openid email profile',
    roleClaim: undefined,
    roleMap: undefined,
    ...overrides,
  };
  const router = express.Router();
  mountHttpRoutes(
    router,
    oidcRoutes({ db: handle.db, auth, settings, publicUrl: () => appUrl, logger: createLogger({ level: 'silent' }) }),
    async () => null,
  );
  current = router;
}

const SESSION_COOKIE = sessionCookieName(false);

/** Goes through the provider's login and consent forms like a browser, up to Identdesk's answer to the callback. */
async function signInAs(login: string, redirect = '/audit') {
  const jar = new CookieJar();
  let response = await jar.fetch(`${appUrl}/auth/oidc/login?redirect=${encodeURIComponent(redirect)}`);
  let base = appUrl;
  for (let hop = 0; hop < 20; hop++) {
    const location = response.headers.get('location');
    if (response.status === 200) {
      const html = await response.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
      if (!action || !prompt) throw new Error(`unexpected page from the provider: ${html.slice(0, 200)}`);
      const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
      response = await jar.fetch(new URL(action, base).href, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form),
      });
      continue;
    }
    if (!location) throw new Error(`no redirect (HTTP ${response.status})`);
    const next = new URL(location, base);
    base = next.origin;
    if (next.href.startsWith(`${appUrl}${OIDC_CALLBACK_PATH}`)) {
      const callback = await jar.fetch(next.href);
      return { response: callback, jar, callbackUrl: next.href };
    }
    response = await jar.fetch(next.href);
  }
  throw new Error('too many redirects');
}

async function lastEvent() {
  const [event] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
  return event;
}

describe('OIDC sign-in against a real provider (authorization code + PKCE)', () => {
  it('signs in an existing user matched by email, links the subject and returns to where they were going', async () => {
    useSettings();
    const { response, jar } = await signInAs('known', '/audit?action=auth.login_failed');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/audit?action=auth.login_failed');
    const token = jar.get(appUrl, SESSION_COOKIE);
    const session = await auth.resolveSession(token ?? null);
    expect(session?.user).toMatchObject({ email: 'known.agent@identdesk.test', role: 'agent' });
    const cookie = response.headers.getSetCookie().find((value) => value.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const user = await findStaffUserByEmail(handle.db, 'known.agent@identdesk.test');
    expect(await findUserOidcSubject(handle.db, user?.id ?? '')).toBe('known');
    expect(await lastEvent()).toMatchObject({ action: 'auth.login_succeeded', actorUserId: user?.id, details: { method: 'oidc' } });
  });

  it('refuses an identity Identdesk does not know when the provider does not decide roles', async () => {
    useSettings();
    const { response, jar } = await signInAs('stranger');
    expect(response.headers.get('location')).toBe('/login?error=unknown_user');
    expect(jar.get(appUrl, SESSION_COOKIE)).toBeUndefined();
    expect(await findStaffUserByEmail(handle.db, 'stranger@identdesk.test')).toBeUndefined();
    expect(await lastEvent()).toMatchObject({ action: 'auth.login_failed', details: { method: 'oidc', problem: 'unknown_user' } });
  });

  it('refuses to link an email the provider says is unverified', async () => {
    useSettings();
    const { response } = await signInAs('unverified');
    expect(response.headers.get('location')).toBe('/login?error=email_unverified');
  });

  it('provisions a user with the role from the claim when the provider decides roles, and updates roles on sign-in', async () => {
    useSettings({ roleClaim: 'identdesk_roles', roleMap: { 'idd-review': 'compliance', 'idd-leads': 'team_lead' } });
    const first = await signInAs('newcomer', '/');
    expect(first.response.headers.get('location')).toBe('/');
    expect(await findStaffUserByEmail(handle.db, 'newcomer@identdesk.test')).toMatchObject({
      displayName: 'Nina Newcomer',
      role: 'compliance',
    });

    await signInAs('promoted');
    expect((await findStaffUserByEmail(handle.db, 'promoted@identdesk.test'))?.role).toBe('team_lead');
  });

  it('signs two simultaneous first sign-ins of a new identity in as the same user, provisioned once', async () => {
    useSettings({ roleClaim: 'identdesk_roles', roleMap: { 'idd-review': 'compliance', 'idd-leads': 'team_lead' } });
    // Both sign-ins have looked for the user and found none before either goes on to create it.
    emailLookups.hold = meetingPoint('twin@identdesk.test', 2);
    let results: Awaited<ReturnType<typeof signInAs>>[];
    try {
      results = await Promise.all([signInAs('twin', '/'), signInAs('twin', '/')]);
    } finally {
      emailLookups.hold = null;
    }

    const signedIn = await Promise.all(
      results.map(async ({ response, jar }) => {
        expect(response.status).toBe(302);
        expect(response.headers.get('location')).toBe('/');
        return (await auth.resolveSession(jar.get(appUrl, SESSION_COOKIE) ?? null))?.user;
      }),
    );
    const user = await findStaffUserByEmail(handle.db, 'twin@identdesk.test');
    expect(user).toMatchObject({ displayName: 'Tess Twin', role: 'compliance' });
    expect(signedIn.map((each) => each?.id)).toEqual([user?.id, user?.id]);

    const rows = await handle.pool.query<{ n: number }>("select count(*)::int as n from users where email = 'twin@identdesk.test'");
    expect(rows.rows[0]?.n).toBe(1);
    const provisioned = await handle.pool.query<{ n: number }>(
      "select count(*)::int as n from audit_events where action = 'user.provisioned' and subject_id = $1",
      [user?.id],
    );
    expect(provisioned.rows[0]?.n).toBe(1);
  });

  it('refuses an identity whose claim grants no role, or more than one', async () => {
    useSettings({ roleClaim: 'identdesk_roles', roleMap: { 'idd-review': 'compliance', 'idd-leads': 'team_lead' } });
    expect((await signInAs('roleless')).response.headers.get('location')).toBe('/login?error=no_role');
    expect((await signInAs('torn')).response.headers.get('location')).toBe('/login?error=ambiguous_role');
  });

  it('never returns to another site, whatever ?redirect= says', async () => {
    useSettings();
    const { response } = await signInAs('known', 'https://evil.example/phish');
    expect(response.headers.get('location')).toBe('/');
  });

  it('refuses a callback without its transaction cookie, and a replayed code', async () => {
    useSettings();
    const { callbackUrl } = await signInAs('known');
    const withoutCookie = await fetch(callbackUrl, { redirect: 'manual' });
    expect(withoutCookie.headers.get('location')).toBe('/login?error=oidc_expired');

    const jar = new CookieJar();
    const start = await jar.fetch(`${appUrl}/auth/oidc/login`);
    expect(start.status).toBe(302);
    const replay = await jar.fetch(callbackUrl);
    expect(replay.headers.get('location')).toBe('/login?error=oidc_failed');
  });
});
