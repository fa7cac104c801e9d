import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInUser } from '../trpc/init.ts';
import { listenForTest } from '../testing/http.ts';
import { access, mountHttpRoutes, route } from './http-routes.ts';

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
