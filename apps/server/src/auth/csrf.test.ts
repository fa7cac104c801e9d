import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenForTest } from '../testing/http.ts';
import { CSRF_GUARDED_PATHS, CSRF_HEADER, csrfGuard } from './csrf.ts';

let server: Awaited<ReturnType<typeof listenForTest>>;
beforeAll(async () => {
  const app = express();
  app.use(CSRF_GUARDED_PATHS, csrfGuard());
  app.all('/{*path}', (_req, res) => {
    res.json({ reached: true });
  });
  server = await listenForTest(app);
});
afterAll(() => server.close());

async function post(path: string, headers: Record<string, string>, body = '{}') {
  const response = await fetch(`${server.url}${path}`, { method: 'POST', headers, body });
  return { status: response.status, body: (await response.json()) as { error?: { message: string } } };
}

const json = { 'content-type': 'application/json' };

describe('CSRF guard', () => {
  it('lets the web client through: JSON with the custom header', async () => {
    expect((await post('/trpc/auth.logout', { ...json, [CSRF_HEADER]: '1', 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('refuses a request without the custom header, as any page on another site would send it', async () => {
    const refused = await post('/trpc/auth.logout', json);
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toContain(`${CSRF_HEADER}: 1`);
  });

  it('refuses a form post, which cannot be JSON', async () => {
    const refused = await post('/api/anything', { 'content-type': 'application/x-www-form-urlencoded', [CSRF_HEADER]: '1' }, 'a=1');
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toContain('JSON');
  });

  it('refuses what the browser marks as coming from another site, header or not', async () => {
    const refused = await post('/auth/oidc/login', { ...json, [CSRF_HEADER]: '1', 'sec-fetch-site': 'cross-site' });
    expect(refused.status).toBe(403);
    expect((await post('/trpc/x', { ...json, [CSRF_HEADER]: '1', 'sec-fetch-site': 'same-site' })).status).toBe(403);
  });

  it('leaves GET alone, and paths outside the cookie-authenticated surfaces', async () => {
    expect((await fetch(`${server.url}/trpc/system.overview`)).status).toBe(200);
    expect((await post('/webhooks/solaris', json)).status).toBe(200);
  });
});
