import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Test-only support (not exported from the package): real HTTP servers on port 0, so the
// client's fetch, timeouts and connection errors are exercised for real, without mocks.

export interface RecordedRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** performance.now() when the request was complete. */
  receivedAt: number;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => void | Promise<void>;

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startTestServer(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const parsed = new URL(incoming.url ?? '/', 'http://test.invalid');
      const recorded: RecordedRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        path: parsed.pathname,
        query: parsed.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks),
        receivedAt: performance.now(),
      };
      requests.push(recorded);
      Promise.resolve(handler(recorded, response)).catch((error: unknown) => {
        response.statusCode = 599;
        response.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Hanging test responses would otherwise keep close() waiting.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A port nobody listens on: bound once, then released. */
export async function unusedPortUrl(): Promise<string> {
  const server = await startTestServer(() => undefined);
  await server.close();
  return server.url;
}

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

export interface FakeSolaris extends TestServer {
  /** Requests to /oauth2/token. */
  tokenRequests(): RecordedRequest[];
  /** Requests to everything else. */
  apiRequests(): RecordedRequest[];
}

export const TEST_CLIENT_ID = 'identdesk-client';
export const TEST_CLIENT_SECRET = 'not-a-real-secret:with colon';

/**
 * A Solaris stand-in: `/oauth2/token` issues `token-1`, `token-2`, ... for the test
 * credentials (after `tokenDelayMs`), every other request goes to `api` with the bearer
 * token it carried.
 */
export async function startFakeSolaris(
  api: (request: RecordedRequest, response: ServerResponse, token: string | null) => void | Promise<void>,
  options: { tokenDelayMs?: number; expiresIn?: number } = {},
): Promise<FakeSolaris> {
  let issued = 0;
  const expectedBasic = `Basic ${Buffer.from(`${TEST_CLIENT_ID}:${TEST_CLIENT_SECRET}`).toString('base64')}`;
  const server = await startTestServer(async (request, response) => {
    if (request.path === '/oauth2/token') {
      if (options.tokenDelayMs) await new Promise((resolve) => setTimeout(resolve, options.tokenDelayMs));
      if (request.headers.authorization !== expectedBasic) {
        sendJson(response, 401, { error: 'invalid_client', error_description: 'Client authentication failed' });
        return;
      }
      issued += 1;
      sendJson(response, 200, {
        access_token: `token-${issued}`,
        expires_in: options.expiresIn ?? 3599,
        scope: 'partners',
        token_type: 'bearer',
      });
      return;
    }
    const authorization = request.headers.authorization ?? '';
    const token = authorization.startsWith('Bearer ') ? authorization.slice('Bearer '.length) : null;
    await api(request, response, token);
  });
  return {
    ...server,
    tokenRequests: () => server.requests.filter((request) => request.path === '/oauth2/token'),
    apiRequests: () => server.requests.filter((request) => request.path !== '/oauth2/token'),
  };
}
