import { auditEvents, findStaffUserByEmail } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { ROLES, type Role } from '@identdesk/domain';
import { asc, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppAuth } from './auth/app-auth.ts';
import { OIDC_CALLBACK_PATH, OIDC_LOGIN_PATH } from './auth/oidc.ts';
import { createAuthService } from './auth/service.ts';
import { DEFAULT_AUTH_SETTINGS } from './auth/settings.ts';
import { buildHttpRoutes, createApp, type AppDependencies } from './app.ts';
import { createLogger } from './logger.ts';
import { createPasswordUser, TEST_PASSWORD } from './testing/auth.ts';
import { freePort } from './testing/harness.ts';
import { CookieJar, startOidcProvider } from './testing/oidc-provider.ts';
import { collectLines, fakeWebDist, listenForTest } from './testing/http.ts';
import type { SignedInUser } from './trpc/init.ts';

let handle: TestDatabase;
let server: Awaited<ReturnType<typeof listenForTest>>;
let deps: AppDependencies;
let auth: AppAuth;
const logLines: string[] = [];
const users = {} as Record<Role, SignedInUser>;

function appAuth(secureCookies: boolean): AppAuth {
  const logger = createLogger({ level: 'silent' });
  return {
    service: createAuthService({ db: handle.db, settings: { ...DEFAULT_AUTH_SETTINGS, secureCookies, ipMaxAttempts: 1000 }, logger }),
    oidc: null,
    demoUsers: false,
    publicUrl: () => 'http://localhost',
  };
}

beforeAll(async () => {
  handle = await openTestDatabase();
  for (const role of ROLES) users[role] = await createPasswordUser(handle.db, { role });
  auth = appAuth(false);
  deps = { database: handle, logger: createLogger({ level: 'trace', destination: collectLines(logLines) }), webDistDir: fakeWebDist(), auth };
  server = await listenForTest(createApp(deps));
});
afterAll(async () => {
  await server.close();
  await handle.close();
});

const CSRF = { 'content-type': 'application/json', 'x-identdesk-csrf': '1' };

async function login(baseUrl: string, email: string, password = TEST_PASSWORD) {
  return fetch(`${baseUrl}/trpc/auth.login`, { method: 'POST', headers: CSRF, body: JSON.stringify({ email, password }) });
}

function cookieOf(response: Response): string {
  const header = response.headers.getSetCookie()[0] ?? '';
  return header.split(';')[0] ?? '';
}

async function me(cookie: string) {
  const response = await fetch(`${server.url}/trpc/auth.me`, { headers: { cookie } });
  return ((await response.json()) as { result: { data: { user: SignedInUser | null } } }).result.data.user;
}

describe('sign-in over HTTP', () => {
  it('sets an httpOnly, SameSite=Strict session cookie without Max-Age, and auth.me knows the user', async () => {
    const response = await login(server.url, users.compliance.email);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const setCookie = response.headers.getSetCookie();
    expect(setCookie).toHaveLength(1);
    expect(setCookie[0]).toMatch(/^identdesk_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const cookie = cookieOf(response);
    expect(await me(cookie)).toEqual(users.compliance);
    expect(await me('')).toBeNull();
    expect(await me('identdesk_session=forged-token')).toBeNull();

    const [event] = await handle.db.select().from(auditEvents).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ action: 'auth.login_succeeded', actorUserId: users.compliance.id, ip: '127.0.0.1', userAgent: 'node' });
  });

  it('ends the session on logout and clears the cookie', async () => {
    const cookie = cookieOf(await login(server.url, users.agent.email));
    const response = await fetch(`${server.url}/trpc/auth.logout`, { method: 'POST', headers: { ...CSRF, cookie }, body: '{}' });
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()[0]).toMatch(/^identdesk_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    expect(await me(cookie)).toBeNull();
  });

  it('refuses a sign-in (or any other POST) without the CSRF header, before it is tried', async () => {
    const before = await handle.db.$count(auditEvents);
    const response = await fetch(`${server.url}/trpc/auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: users.agent.email, password: TEST_PASSWORD }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await handle.db.$count(auditEvents)).toBe(before);
  });

  it('makes the cookie Secure with the __Host- prefix when PUBLIC_URL is https', async () => {
    const secure = await listenForTest(createApp({ ...deps, auth: appAuth(true) }));
    try {
      const response = await login(secure.url, users.admin.email);
      expect(response.headers.getSetCookie()[0]).toMatch(/^__Host-identdesk_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; Secure; SameSite=Strict$/);
    } finally {
      await secure.close();
    }
  });

  it('never logs a password or a session token, even at trace level', async () => {
    const response = await login(server.url, users.team_lead.email);
    const token = cookieOf(response).split('=')[1] ?? 'missing';
    await me(cookieOf(response));
    await login(server.url, users.team_lead.email, 'a wrong password 123');
    const logged = logLines.join('');
    expect(logged).toContain('"path":"/trpc/auth.login"');
    expect(logged).not.toContain(TEST_PASSWORD);
    expect(logged).not.toContain('a wrong password 123');
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(users.team_lead.email);
  });

  it('serves the sign-in page under the strict content security policy', async () => {
    const response = await fetch(`${server.url}/login?redirect=%2Faudit`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });
});

describe('every HTTP route declares who may call it', () => {
  const routes = () => buildHttpRoutes(deps, auth);

  it('mounts no Express route outside the access table (but the web app fallback)', () => {
    const app = createApp(deps);
    const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
    const mounted = stack.flatMap((layer) =>
      layer.route ? Object.keys(layer.route.methods).map((method) => `${method.toUpperCase()} ${layer.route?.path}`) : [],
    );
    const declared = routes().map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(mounted.filter((route) => !declared.includes(route))).toEqual(['GET /{*path}']);
    expect(declared).toEqual(expect.arrayContaining(['GET /healthz', 'GET /readyz', 'GET /api/audit/export.csv']));
  });

  it('refuses every role a route does not allow: 401 without a session, 403 for the wrong role', async () => {
    const cookies = {} as Record<Role, string>;
    for (const role of ROLES) cookies[role] = cookieOf(await login(server.url, users[role].email));
    for (const route of routes()) {
      if (route.access.kind === 'public') continue;
      const url = `${server.url}${route.path}`;
      expect((await fetch(url, { method: route.method.toUpperCase() })).status, `${route.path} without a session`).toBe(401);
      const allowed = route.access.kind === 'roles' ? route.access.roles : ROLES;
      for (const role of ROLES) {
        const status = (await fetch(url, { method: route.method.toUpperCase(), headers: { cookie: cookies[role] } })).status;
        if (allowed.includes(role)) expect(status, `${route.path} as ${role}`).not.toBeOneOf([401, 403]);
        else expect(status, `${route.path} as ${role}`).toBe(403);
      }
    }
  });
});

describe('single sign-on that provisions users, over HTTP', () => {
  it('records user.provisioned for the new user, with the role the provider granted, before the sign-in', async () => {
    const port = await freePort();
    const appUrl = `http://127.0.0.1:${port}`;
    const provider = await startOidcProvider({
      redirectUri: `${appUrl}${OIDC_CALLBACK_PATH}`,
      identities: { nina: { email: 'nina.newcomer@identdesk.test', name: 'Nina Newcomer', roles: ['idd-review'] } },
    });
    const oidc = {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      providerName: 'Test IdP',
      scopes: 'openid email profile',
      roleClaim: 'identdesk_roles',
      roleMap: { 'idd-review': 'compliance' as const },
    };
    const app = createApp({ ...deps, auth: { ...appAuth(false), oidc, publicUrl: () => appUrl } });
    const listening = app.listen(port, '127.0.0.1');
    await new Promise((resolve) => listening.once('listening', resolve));
    try {
      // The provider's development login and consent forms, filled in as a browser would.
      const jar = new CookieJar();
      let response = await jar.fetch(`${appUrl}${OIDC_LOGIN_PATH}?redirect=/audit`);
      let url = `${appUrl}${OIDC_LOGIN_PATH}`;
      while (!url.startsWith(`${appUrl}${OIDC_CALLBACK_PATH}`)) {
        if (response.status === 200) {
          const page = await response.text();
          const prompt = /name="prompt" value="(\w+)"/.exec(page)?.[1] ?? '';
          url = new URL(/action="([^"]+)"/.exec(page)?.[1] ?? '', url).href;
          const form = new URLSearchParams(prompt === 'login' ? { prompt, login: 'nina', password: 'any' } : { prompt });
          response = await jar.fetch(url, { method: 'POST', body: form });
        } else {
          url = new URL(response.headers.get('location') ?? '', url).href;
          response = await jar.fetch(url);
        }
      }
      expect(response.headers.get('location')).toBe('/audit');

      const user = await findStaffUserByEmail(handle.db, 'nina.newcomer@identdesk.test');
      expect(user).toMatchObject({ role: 'compliance', displayName: 'Nina Newcomer' });
      const events = await handle.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.actorUserId, user?.id ?? ''))
        .orderBy(asc(auditEvents.id));
      expect(events.map((event) => event.action)).toEqual(['user.provisioned', 'auth.login_succeeded']);
      expect(events[0]).toMatchObject({ actorRole: 'compliance', subjectType: 'user', subjectId: user?.id, details: { role: 'compliance' }, ip: '127.0.0.1' });
      // Who was provisioned is the user id; the name and e-mail stay in the users table.
      expect(JSON.stringify(events[0])).not.toMatch(/nina|newcomer/i);
    } finally {
      await new Promise((resolve) => listening.close(resolve));
      await provider.stop();
    }
  }, 60_000);
});
