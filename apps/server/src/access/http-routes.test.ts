import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileRoutes } from '../documents/file-routes.ts';
import { createLogger } from '../logger.ts';
import { proofOfAddressUploadRoute } from '../proof-of-address/upload-route.ts';
import type { SignedInUser } from '../trpc/init.ts';
import { listenForTest } from '../testing/http.ts';
import { access, mountHttpRoutes, refusalFor, route } from './http-routes.ts';

const agent: SignedInUser = { id: 'u1', email: 'a@identdesk.test', displayName: 'A', role: 'agent' };
const reviewer: SignedInUser = { id: 'u2', email: 'c@identdesk.test', displayName: 'C', role: 'compliance' };

let server: Awaited<ReturnType<typeof listenForTest>>;
beforeAll(async () => {
  const app = express();
  const users: Record<string, SignedInUser> = { agent, reviewer };
  mountHttpRoutes(
    app,
    [
      route({ method: 'get', path: '/open', access: access.public, summary: 'open' }, ({ res, user }) => {
        res.json({ user: user?.role ?? null });
      }),
      route({ method: 'get', path: '/mine', access: access.authenticated, summary: 'signed in' }, ({ res, user }) => {
        res.json({ user: user.role });
      }),
      route({ method: 'post', path: '/review', access: access.roles('compliance', 'admin'), summary: 'review' }, ({ res, user }) => {
        res.json({ user: user.role });
      }),
    ],
    async (req) => users[req.get('x-test-user') ?? ''] ?? null,
  );
  server = await listenForTest(app);
});
afterAll(() => server.close());

async function call(path: string, user?: string, method = 'GET') {
  const response = await fetch(`${server.url}${path}`, { method, headers: user ? { 'x-test-user': user } : {} });
  return { status: response.status, body: (await response.json()) as unknown };
}

describe('HTTP routes declare who may call them', () => {
  it('lets anyone call a public route, telling it who is signed in', async () => {
    expect(await call('/open')).toEqual({ status: 200, body: { user: null } });
    expect(await call('/open', 'agent')).toEqual({ status: 200, body: { user: 'agent' } });
  });

  it('answers 401 without a session and 403 for the wrong role, in words', async () => {
    expect(await call('/mine')).toEqual({ status: 401, body: { error: { code: 'UNAUTHORIZED', message: 'Sign in to continue.' } } });
    expect(await call('/mine', 'agent')).toEqual({ status: 200, body: { user: 'agent' } });
    expect(await call('/review', undefined, 'POST')).toMatchObject({ status: 401 });
    expect(await call('/review', 'agent', 'POST')).toEqual({
      status: 403,
      body: { error: { code: 'FORBIDDEN', message: 'This needs one of the roles: compliance, admin.' } },
    });
    expect(await call('/review', 'reviewer', 'POST')).toEqual({ status: 200, body: { user: 'compliance' } });
  });
});

describe('the customer file and proof-of-address routes', () => {
  // Declarations only: building the routes touches neither the database nor Solaris.
  const routes = [
    ...fileRoutes({ db: undefined as never, solaris: () => null, logger: createLogger({ level: 'silent' }), clock: () => new Date() }),
    proofOfAddressUploadRoute({ db: undefined as never, logger: createLogger({ level: 'silent' }), now: () => new Date(), clock: () => new Date() }),
  ];

  it('let agents and compliance open customers’ files, and only agents record a proof of address', () => {
    expect(routes.map((declared) => [declared.method, declared.path, declared.access])).toEqual([
      ['get', '/api/documents/:documentId/file', { kind: 'roles', roles: ['agent', 'compliance'] }],
      ['get', '/api/proof-of-address/:submissionId/file', { kind: 'roles', roles: ['agent', 'compliance'] }],
      ['post', '/api/persons/:personId/proof-of-address', { kind: 'roles', roles: ['agent'] }],
    ]);
  });

  it('refuse team leads and admins before reading anything', () => {
    for (const declared of routes) {
      expect(refusalFor(declared.access, { ...agent, role: 'team_lead' })?.status).toBe(403);
      expect(refusalFor(declared.access, { ...agent, role: 'admin' })?.status).toBe(403);
      expect(refusalFor(declared.access, null)?.status).toBe(401);
      expect(refusalFor(declared.access, agent)).toBeNull();
    }
  });
});
