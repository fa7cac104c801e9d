import { openDatabase, type DatabaseHandle } from '@identdesk/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.ts';
import { createPasswordUser, TEST_PASSWORD } from '../testing/auth.ts';
import { startTestServer, waitFor } from '../testing/harness.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../testing/private-postgres.ts';
import { isDatabaseUnavailable } from './availability.ts';

const CSRF = { 'content-type': 'application/json', 'x-identdesk-csrf': '1' };

/**
 * Issue #9: "the database going away gives a clear error and Identdesk recovers when it
 * returns". A PostgreSQL server of the test's own is stopped the hard way (as a crash or a
 * failover does) under a running Identdesk, then started again.
 */
describe('the database goes away and comes back', () => {
  let postgres: PrivatePostgres;
  let database: DatabaseHandle;
  let server: RunningServer;
  let agent: { email: string };
  let cookie = '';

  async function search() {
    const response = await fetch(`${server.localUrl}/trpc/search.persons`, {
      method: 'POST',
      headers: { ...CSRF, cookie },
      body: JSON.stringify({ query: 'Müller', page: 1, pageSize: 25 }),
    });
    return { status: response.status, body: (await response.json()) as { error?: { message: string; data: { code: string } } } };
  }

  async function signIn() {
    return fetch(`${server.localUrl}/trpc/auth.login`, {
      method: 'POST',
      headers: CSRF,
      body: JSON.stringify({ email: agent.email, password: TEST_PASSWORD }),
    });
  }

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    database = await openDatabase({ url: postgres.url, poolMax: 4, onError: () => {} });
    server = await startTestServer({ database });
    agent = await createPasswordUser(database.db, { role: 'agent' });
    const login = await signIn();
    cookie = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
    expect((await search()).status).toBe(200);

    postgres.stop('immediate');
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.close();
    postgres?.remove();
  });

  it('answers a signed-in agent 503 with words to try again, never 500, while it is gone', async () => {
    const { status, body } = await search();
    expect(status).toBe(503);
    expect(body.error?.data.code).toBe('SERVICE_UNAVAILABLE');
    expect(body.error?.message).toMatch(/database cannot be reached.*try again/i);
  });

  it('answers a sign-in 503 too, not "wrong password"', async () => {
    const response = await signIn();
    expect(response.status).toBe(503);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/database cannot be reached/i);
  });

  it('reports itself not ready, naming the database', async () => {
    const response = await fetch(`${server.localUrl}/readyz`);
    expect(response.status).toBe(503);
    expect(JSON.stringify(await response.json())).toMatch(/database/i);
  });

  it('answers Solaris 503 for a webhook it cannot store, so Solaris delivers it again', async () => {
    const response = await fetch(`${server.localUrl}/webhooks/solaris`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'solaris-webhook-id': 'outage-1', 'solaris-webhook-event-type': 'IDENTIFICATION', 'solaris-webhook-signature': 'sha256=00' },
      body: '{}',
    });
    expect(response.status).toBe(503);
  });

  it('serves the same session again once the database is back, without a restart', async () => {
    postgres.start();
    const recovered = await waitFor(() => search(), (answer) => answer.status === 200, { what: 'a search after the database returned', timeoutMs: 30_000 });
    expect(recovered.body.error).toBeUndefined();
    const ready = await waitFor(() => fetch(`${server.localUrl}/readyz`), (response) => response.status === 200, { what: '/readyz', timeoutMs: 30_000 });
    expect(ready.status).toBe(200);
  }, 60_000);
});

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection, a server shutting down and a lost connection, also as the cause of another error', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query', { cause: Object.assign(new Error('x'), { code: '08006' }) }))).toBe(true);
  });

  it('does not mistake a fault of the query or of the data for an outage', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' }))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('no such file'), { code: 'ENOENT', syscall: 'open' }))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
