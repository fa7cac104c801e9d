import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createSolarisClient, type SolarisClient } from '@identdesk/solaris';
import { createSandbox, DEFAULT_BASE_PATH, type CreateSandboxOptions, type Sandbox } from '../create-sandbox.ts';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';

export const TEST_CLIENT_ID = 'identdesk-sandbox';
export const TEST_CLIENT_SECRET = 'sandbox-secret';

export interface TestSandbox {
  sandbox: Sandbox;
  database: TestDatabase;
  /** e.g. http://127.0.0.1:1234 */
  origin: string;
  /** origin + /sandbox/solaris */
  baseUrl: string;
  client: SolarisClient;
  /** A bearer token for raw fetch calls. */
  token(): Promise<string>;
  /** fetch against baseUrl with the bearer token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  /** POST /_control/clock/advance */
  advance(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function listen(app: express.Express | ((...args: never[]) => void)): Promise<{ server: Server; origin: string }> {
  const server = createServer(app as Parameters<typeof createServer>[0] & object);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

export async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

export async function startTestSandbox(
  options: Partial<Omit<CreateSandboxOptions, 'pool' | 'publicBaseUrl'>> & { database?: TestDatabase } = {},
): Promise<TestSandbox> {
  const database = options.database ?? (await openTestDatabase());
  const app = express();
  let sandbox: Sandbox | null = null;
  app.use(DEFAULT_BASE_PATH, (req, res, next) => {
    if (!sandbox) return next();
    sandbox.router(req, res, next);
  });
  const { server, origin } = await listen(app);
  const created = createSandbox({
    controlApi: true,
    pollIntervalMs: 50,
    ...options,
    pool: database.pool,
    publicBaseUrl: origin,
  });
  sandbox = created;
  await created.start();
  const baseUrl = `${origin}${DEFAULT_BASE_PATH}`;
  const client = createSolarisClient({
    apiBaseUrl: baseUrl,
    clientId: options.clientId ?? TEST_CLIENT_ID,
    clientSecret: options.clientSecret ?? TEST_CLIENT_SECRET,
    maxRetries: 0,
  });
  let cachedToken: string | null = null;
  const token = async () => {
    if (cachedToken) return cachedToken;
    const response = await fetch(`${baseUrl}/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${options.clientId ?? TEST_CLIENT_ID}:${options.clientSecret ?? TEST_CLIENT_SECRET}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'grant_type=client_credentials',
    });
    const body = (await response.json()) as { access_token: string };
    cachedToken = body.access_token;
    return cachedToken;
  };
  return {
    sandbox: created,
    database,
    origin,
    baseUrl,
    client,
    token,
    async api(path, init = {}) {
      const headers = new Headers(init.headers);
      if (!headers.has('authorization')) headers.set('authorization', `Bearer ${await token()}`);
      return fetch(`${baseUrl}${path}`, { ...init, headers });
    },
    async advance(ms) {
      const response = await fetch(`${baseUrl}/_control/clock/advance`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ms }),
      });
      if (!response.ok) throw new Error(`advance failed: ${response.status} ${await response.text()}`);
    },
    async close() {
      await created.stop();
      await closeServer(server);
      if (!options.database) await database.close();
    },
  };
}

/** Polls `read` until `done` holds, failing after `timeoutMs` (no fixed sleeps). */
export async function waitFor<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 25, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
