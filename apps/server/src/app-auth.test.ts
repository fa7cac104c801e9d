import { auditEvents } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { ROLES, type Role } from '@identdesk/domain';
import { desc } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppAuth } from './auth/app-auth.ts';
import { createAuthService } from './auth/service.ts';
import { DEFAULT_AUTH_SETTINGS } from './auth/settings.ts';
import { buildHttpRoutes, createApp, type AppDependencies } from './app.ts';
import { createLogger } from './logger.ts';
import { createPasswordUser, TEST_PASSWORD } from './testing/auth.ts';
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
