import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SolarisApiError, createSolarisClient } from '@identdesk/solaris';
import { createTokenIssuer, TOKEN_LIFETIME_SECONDS } from '../core/token.ts';
import { startTestSandbox, type TestSandbox } from '../testing/harness.ts';
import { errorsOf } from '../testing/fixtures.ts';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox({ clientId: 'partner-one', clientSecret: 'partner-secret+1' });
});
afterAll(async () => {
  await t?.close();
});

function tokenRequest(credentials: string | null, body = 'grant_type=client_credentials&scope=partners') {
  return fetch(`${t.baseUrl}/oauth2/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(credentials ? { authorization: `Basic ${Buffer.from(credentials).toString('base64')}` } : {}),
    },
    body,
  });
}

describe('POST /oauth2/token', () => {
  it('issues a bearer token for the configured client', async () => {
    const response = await tokenRequest('partner-one:partner-secret+1');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toEqual({ access_token: expect.any(String), expires_in: 3599, scope: 'partners', token_type: 'bearer' });
    const api = await fetch(`${t.baseUrl}/v1/persons`, { headers: { authorization: `Bearer ${String(body['access_token'])}` } });
    expect(api.status).toBe(200);
  });

  it('refuses a wrong secret, missing credentials and other grant types', async () => {
    const wrong = await tokenRequest('partner-one:nope');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_client' });
    expect((await tokenRequest(null)).status).toBe(401);
    const grant = await tokenRequest('partner-one:partner-secret+1', 'grant_type=password');
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
    const method = await fetch(`${t.baseUrl}/oauth2/token`);
    expect(method.status).toBe(405);
  });

  it('is what the Solaris client uses', async () => {
    expect(Array.isArray(await t.client.listPersons())).toBe(true);
    const wrongClient = createSolarisClient({ apiBaseUrl: t.baseUrl, clientId: 'partner-one', clientSecret: 'wrong', maxRetries: 0 });
    const error = await wrongClient.listPersons().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SolarisApiError);
    expect((error as SolarisApiError).status).toBe(401);
  });
});

describe('bearer tokens on /v1', () => {
  it('answers 401 in the Solaris error format without a token', async () => {
    const response = await fetch(`${t.baseUrl}/v1/persons`);
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    const [error] = errorsOf(await response.json());
    expect(error).toMatchObject({ status: 401, code: 'unauthorized', title: 'Unauthorized', source: { field: 'Authorization' } });
  });

  it.each([
    ['a malformed token', 'Bearer not-a-token'],
    ['a token signed with another secret', `Bearer ${createTokenIssuer('other-secret').issue('partner-one', Date.now()).token}`],
    [
      'an expired token',
      `Bearer ${createTokenIssuer('partner-secret+1').issue('partner-one', Date.now() - (TOKEN_LIFETIME_SECONDS + 5) * 1000).token}`,
    ],
    ['Basic credentials', `Basic ${Buffer.from('partner-one:partner-secret+1').toString('base64')}`],
  ])('answers 401 for %s', async (_label, header) => {
    const response = await fetch(`${t.baseUrl}/v1/persons`, { headers: { authorization: header } });
    expect(response.status).toBe(401);
    expect(errorsOf(await response.json())[0]?.code).toBe('unauthorized');
  });

  it('accepts a token issued before a restart (stateless tokens)', async () => {
    const token = createTokenIssuer('partner-secret+1').issue('partner-one', Date.now()).token;
    const response = await fetch(`${t.baseUrl}/v1/persons`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
  });
});

describe('control API', () => {
  it('is not mounted unless enabled', async () => {
    const closed = await startTestSandbox({ controlApi: false });
    try {
      const response = await fetch(`${closed.baseUrl}/_control/clock`);
      expect(response.status).toBe(404);
    } finally {
      await closed.close();
    }
  });

  it('reads and moves the clock', async () => {
    const before = (await (await fetch(`${t.baseUrl}/_control/clock`)).json()) as { now: string; time_scale: number };
    expect(before.time_scale).toBe(1);
    await t.advance(3_600_000);
    const after = (await (await fetch(`${t.baseUrl}/_control/clock`)).json()) as { now: string };
    expect(Date.parse(after.now) - Date.parse(before.now)).toBeGreaterThanOrEqual(3_600_000);
    const invalid = await fetch(`${t.baseUrl}/_control/clock/advance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ms: -5 }),
    });
    expect(invalid.status).toBe(400);
  });
});
