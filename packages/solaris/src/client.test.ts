import { afterEach, describe, expect, it } from 'vitest';
import { createSolarisClient, type SolarisClientOptions } from './client.ts';
import { SolarisApiError, SolarisInvalidResponseError, SolarisUnavailableError } from './errors.ts';
import type { SolarisCallOutcome, SolarisRetryEvent } from './transport.ts';
import {
  TEST_CLIENT_ID,
  TEST_CLIENT_SECRET,
  sendJson,
  startFakeSolaris,
  startTestServer,
  unusedPortUrl,
  type TestServer,
} from './testing/test-server.ts';
import { CREATE_PERSON_INPUT, DOCUMENT, DOCUMENT_ID, IDENTIFICATION, PERSON, SEED_ERROR_BODY } from './testing/fixtures.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function fakeSolaris(...args: Parameters<typeof startFakeSolaris>) {
  const server = await startFakeSolaris(...args);
  servers.push(server);
  return server;
}

function recordingSleep() {
  const sleeps: number[] = [];
  return { sleeps, sleep: (ms: number) => (sleeps.push(ms), Promise.resolve()) };
}

function clientFor(url: string, overrides: Partial<SolarisClientOptions> = {}) {
  return createSolarisClient({
    apiBaseUrl: url,
    clientId: TEST_CLIENT_ID,
    clientSecret: TEST_CLIENT_SECRET,
    sleep: () => Promise.resolve(),
    ...overrides,
  });
}

async function captureError(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('OAuth2 client credentials', () => {
  it('posts Basic credentials and the exact form body to /oauth2/token, then calls with Bearer', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 200, PERSON));
    const person = await clientFor(server.url).getPerson(PERSON.id);

    expect(person.first_name).toBe('Jane');
    const [tokenRequest] = server.tokenRequests();
    expect(tokenRequest?.method).toBe('POST');
    expect(tokenRequest?.headers.authorization).toBe(
      `Basic ${Buffer.from('identdesk-client:not-a-real-secret:with colon').toString('base64')}`,
    );
    expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequest?.body.toString('utf8')).toBe('grant_type=client_credentials&scope=partners');
    expect(server.apiRequests()[0]?.headers.authorization).toBe('Bearer token-1');
    expect(server.apiRequests()[0]?.headers.accept).toBe('application/json');
  });

  it('requests one token for many sequential and concurrent calls', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 200, PERSON), { tokenDelayMs: 50 });
    const client = clientFor(server.url);

    await Promise.all(Array.from({ length: 10 }, () => client.getPerson(PERSON.id)));
    for (let index = 0; index < 5; index += 1) await client.getPerson(PERSON.id);

    expect(server.tokenRequests()).toHaveLength(1);
    expect(server.apiRequests()).toHaveLength(15);
    expect(new Set(server.apiRequests().map((request) => request.headers.authorization))).toEqual(
      new Set(['Bearer token-1']),
    );
  });

  it('refreshes the token 60 s before it expires', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 200, PERSON), { expiresIn: 3599 });
    let now = 1_000_000;
    const client = clientFor(server.url, { now: () => now });

    await client.getPerson(PERSON.id);
    now += (3599 - 60) * 1000 - 1;
    await client.getPerson(PERSON.id);
    expect(server.tokenRequests()).toHaveLength(1);

    now += 1;
    await client.getPerson(PERSON.id);
    expect(server.tokenRequests()).toHaveLength(2);
    expect(server.apiRequests().map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('fetches the token from authBaseUrl when it differs from apiBaseUrl', async () => {
    const auth = await fakeSolaris(() => undefined);
    const api = await startTestServer((_request, response) => sendJson(response, 200, PERSON));
    servers.push(api);
    await clientFor(`${api.url}/sandbox/solaris`, { authBaseUrl: auth.url }).getPerson(PERSON.id);

    expect(auth.tokenRequests()).toHaveLength(1);
    expect(api.requests.map((request) => request.path)).toEqual([`/sandbox/solaris/v1/persons/${PERSON.id}`]);
  });

  it('on a 401 drops the token, fetches a new one and retries once', async () => {
    const server = await fakeSolaris((_request, response, token) =>
      token === 'token-1' ? sendJson(response, 401, { errors: [{ code: 'unauthorized' }] }) : sendJson(response, 200, PERSON),
    );
    const client = clientFor(server.url);

    await expect(client.getPerson(PERSON.id)).resolves.toMatchObject({ id: PERSON.id });
    await client.getPerson(PERSON.id);

    expect(server.tokenRequests()).toHaveLength(2);
    expect(server.apiRequests().map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-2',
    ]);
  });

  it('gives up after one re-authentication when every token is refused', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 401, { errors: [{ code: 'unauthorized' }] }));
    const error = await captureError(clientFor(server.url).getPerson(PERSON.id));

    expect(error).toBeInstanceOf(SolarisApiError);
    expect((error as SolarisApiError).status).toBe(401);
    expect(server.tokenRequests()).toHaveLength(2);
    expect(server.apiRequests()).toHaveLength(2);
  });

  it('reports refused client credentials as a SolarisApiError of /oauth2/token, not retried', async () => {
    const server = await fakeSolaris(() => undefined);
    const client = createSolarisClient({ apiBaseUrl: server.url, clientId: 'someone', clientSecret: 'wrong' });
    const error = await captureError(client.getPerson(PERSON.id));

    expect(error).toBeInstanceOf(SolarisApiError);
    expect(error).toMatchObject({ status: 401, method: 'POST', path: '/oauth2/token', code: 'invalid_client' });
    expect((error as Error).message).toContain('Client authentication failed');
    expect(server.requests).toHaveLength(1);
  });
});

describe('retries', () => {
  it('retries a 429 after the Retry-After seconds', async () => {
    let calls = 0;
    const server = await fakeSolaris((_request, response) =>
      ++calls === 1 ? sendJson(response, 429, { errors: [] }, { 'retry-after': '2' }) : sendJson(response, 200, PERSON),
    );
    const { sleeps, sleep } = recordingSleep();
    const events: SolarisRetryEvent[] = [];
    await clientFor(server.url, { sleep, onRetry: (event) => events.push(event) }).getPerson(PERSON.id);

    expect(sleeps).toEqual([2000]);
    expect(events).toEqual([
      { method: 'GET', pathTemplate: '/v1/persons/{person_id}', status: 429, reason: 'rate_limited', attempt: 1, delayMs: 2000 },
    ]);
    expect(server.apiRequests()).toHaveLength(2);
  });

  it('retries a 429 until the Retry-After HTTP date', async () => {
    const now = Date.UTC(2026, 0, 15, 9, 30, 0);
    let calls = 0;
    const server = await fakeSolaris((_request, response) =>
      ++calls === 1
        ? sendJson(response, 429, {}, { 'retry-after': new Date(now + 3000).toUTCString() })
        : sendJson(response, 200, PERSON),
    );
    const { sleeps, sleep } = recordingSleep();
    await clientFor(server.url, { sleep, now: () => now }).getPerson(PERSON.id);

    expect(sleeps).toEqual([3000]);
  });

  it('throws a 429 whose Retry-After is longer than maxRetryAfterMs instead of waiting', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 429, {}, { 'retry-after': '3600' }));
    const { sleeps, sleep } = recordingSleep();
    const error = await captureError(clientFor(server.url, { sleep }).getPerson(PERSON.id));

    expect(error).toMatchObject({ status: 429, attempts: 1 });
    expect(sleeps).toEqual([]);
  });

  it('retries a 500 on a GET and succeeds', async () => {
    let calls = 0;
    const server = await fakeSolaris((_request, response) =>
      ++calls === 1 ? sendJson(response, 500, { errors: [] }) : sendJson(response, 200, PERSON),
    );
    await expect(clientFor(server.url).getPerson(PERSON.id)).resolves.toMatchObject({ id: PERSON.id });
    expect(server.apiRequests()).toHaveLength(2);
  });

  it('gives the 503 after maxRetries + 1 attempts', async () => {
    const server = await fakeSolaris((_request, response) =>
      sendJson(response, 503, { errors: [{ code: 'service_unavailable', title: 'Service Unavailable' }] }),
    );
    const events: SolarisRetryEvent[] = [];
    const error = await captureError(
      clientFor(server.url, { maxRetries: 3, onRetry: (event) => events.push(event) }).getPerson(PERSON.id),
    );

    expect(error).toBeInstanceOf(SolarisApiError);
    expect(error).toMatchObject({ status: 503, attempts: 4, code: 'service_unavailable' });
    expect(server.apiRequests()).toHaveLength(4);
    expect(events.map((event) => event.attempt)).toEqual([1, 2, 3]);
  });

  it('uses the default of 4 retries (5 attempts)', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 502, {}));
    await captureError(clientFor(server.url).getPerson(PERSON.id));
    expect(server.apiRequests()).toHaveLength(5);
  });

  it('does not retry a 400 and names the field and detail of the Solaris error', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 400, SEED_ERROR_BODY));
    const error = await captureError(
      clientFor(server.url).createPerson(CREATE_PERSON_INPUT),
    );

    expect(error).toBeInstanceOf(SolarisApiError);
    const apiError = error as SolarisApiError;
    expect(apiError).toMatchObject({ status: 400, method: 'POST', path: '/v1/persons', field: 'country', attempts: 1 });
    expect(apiError.body).toEqual(SEED_ERROR_BODY);
    expect(apiError.message).toBe(
      'Solaris POST /v1/persons failed with 400 invalid_model on field "country": country Residency Country is not allowed for this branch',
    );
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('does not retry 404 on a GET, and reports the path without its query', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 404, { errors: [{ code: 'not_found' }] }));
    const error = await captureError(clientFor(server.url).getIdentification('p1', 'i1', { includeDocuments: true }));

    expect(error).toMatchObject({ status: 404, path: '/v1/persons/p1/identifications/i1' });
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('does not repeat a POST after a 5xx: the person may already exist', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 500, {}));
    const error = await captureError(clientFor(server.url).createPerson(CREATE_PERSON_INPUT));

    expect(error).toMatchObject({ status: 500, attempts: 1 });
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('repeats a POST after a 429: the rate limiter rejected it unprocessed', async () => {
    let calls = 0;
    const server = await fakeSolaris((_request, response) =>
      ++calls === 1 ? sendJson(response, 429, {}, { 'retry-after': '1' }) : sendJson(response, 201, PERSON),
    );
    await expect(
      clientFor(server.url).createPerson(CREATE_PERSON_INPUT),
    ).resolves.toMatchObject({ id: PERSON.id });
    expect(server.apiRequests()).toHaveLength(2);
  });

  it('retries a PATCH (request identification) after a 502', async () => {
    let calls = 0;
    const server = await fakeSolaris((_request, response) =>
      ++calls === 1 ? sendJson(response, 502, {}) : sendJson(response, 200, IDENTIFICATION),
    );
    await expect(clientFor(server.url).requestIdentification('p1', IDENTIFICATION.id)).resolves.toMatchObject({
      status: 'pending',
    });
    expect(server.apiRequests().map((request) => request.method)).toEqual(['PATCH', 'PATCH']);
  });

  it('times out a hanging server and retries', async () => {
    let calls = 0;
    const server = await fakeSolaris((_request, response) => {
      // The first answer never comes.
      if (++calls > 1) sendJson(response, 200, PERSON);
    });
    const events: SolarisRetryEvent[] = [];
    const started = performance.now();
    const person = await clientFor(server.url, { timeoutMs: 200, onRetry: (event) => events.push(event) }).getPerson(
      PERSON.id,
    );

    expect(person.id).toBe(PERSON.id);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    expect(events).toMatchObject([{ reason: 'timeout', status: null, attempt: 1 }]);
    expect(server.apiRequests()).toHaveLength(2);
  });

  it('does not repeat a POST that timed out, and says its outcome is unknown', async () => {
    const server = await fakeSolaris(() => undefined);
    const error = await captureError(
      clientFor(server.url, { timeoutMs: 150 }).createIdentification('p1', { method: 'idnow' }),
    );

    expect(error).toBeInstanceOf(SolarisUnavailableError);
    expect(error).toMatchObject({ reason: 'timeout', outcomeUnknown: true, attempts: 1, status: null });
    expect(server.apiRequests()).toHaveLength(1);
  });

  it('retries a refused connection, then fails with SolarisUnavailableError', async () => {
    const auth = await fakeSolaris(() => undefined);
    const deadUrl = await unusedPortUrl();
    const events: SolarisRetryEvent[] = [];
    const error = await captureError(
      clientFor(deadUrl, { authBaseUrl: auth.url, maxRetries: 2, onRetry: (event) => events.push(event) }).getPerson(
        PERSON.id,
      ),
    );

    expect(error).toBeInstanceOf(SolarisUnavailableError);
    expect(error).toMatchObject({
      reason: 'network',
      outcomeUnknown: false,
      attempts: 3,
      method: 'GET',
      path: `/v1/persons/${PERSON.id}`,
    });
    expect((error as Error).message).toBe(`Solaris GET /v1/persons/${PERSON.id} could not reach Solaris after 3 attempt(s)`);
    expect(events.map((event) => [event.reason, event.status])).toEqual([
      ['network', null],
      ['network', null],
    ]);
  });

  it('retries a POST whose connection was refused: nothing was sent', async () => {
    const auth = await fakeSolaris(() => undefined);
    const deadUrl = await unusedPortUrl();
    const error = await captureError(
      clientFor(deadUrl, { authBaseUrl: auth.url, maxRetries: 1 }).createPerson(CREATE_PERSON_INPUT),
    );
    expect(error).toMatchObject({ reason: 'network', attempts: 2, outcomeUnknown: false });
  });

  it('waits real, doubling backoff delays between attempts', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 503, {}));
    const events: SolarisRetryEvent[] = [];
    await captureError(
      createSolarisClient({
        apiBaseUrl: server.url,
        clientId: TEST_CLIENT_ID,
        clientSecret: TEST_CLIENT_SECRET,
        maxRetries: 3,
        retryBaseDelayMs: 40,
        random: () => 0.999,
        onRetry: (event) => events.push(event),
      }).getPerson(PERSON.id),
    );

    const expectedDelays = [39, 79, 159];
    expect(events.map((event) => event.delayMs)).toEqual(expectedDelays);
    const arrivals = server.apiRequests().map((request) => request.receivedAt);
    const gaps = arrivals.slice(1).map((arrival, index) => arrival - (arrivals[index] ?? arrival));
    expect(gaps).toHaveLength(3);
    // 1 ms of slack for timer granularity.
    gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual((expectedDelays[index] ?? 0) - 1));
  });

  it('draws each delay with full jitter below a doubling, capped ceiling', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 500, {}));
    const { sleeps, sleep } = recordingSleep();
    await captureError(
      clientFor(server.url, { sleep, maxRetries: 5, retryBaseDelayMs: 100, retryMaxDelayMs: 500, random: () => 0.5 }).getPerson(
        PERSON.id,
      ),
    );
    expect(sleeps).toEqual([50, 100, 200, 250, 250]);
  });
});

describe('call outcomes (the connection health view)', () => {
  it('reports a call that needed a retry after a 429, with its Retry-After, once, by path template', async () => {
    let calls = 0;
    const server = await fakeSolaris((_request, response) =>
      ++calls === 1 ? sendJson(response, 429, { errors: [] }, { 'retry-after': '2' }) : sendJson(response, 200, PERSON),
    );
    const outcomes: SolarisCallOutcome[] = [];
    await clientFor(server.url, { onOutcome: (outcome) => outcomes.push(outcome) }).getPerson(PERSON.id);

    const apiCalls = outcomes.filter((outcome) => outcome.pathTemplate !== '/oauth2/token');
    expect(apiCalls).toMatchObject([
      {
        method: 'GET',
        pathTemplate: '/v1/persons/{person_id}',
        result: 'success',
        status: 200,
        retryAfterMs: 2000,
        attempts: [
          { status: 429, problem: 'rate_limited' },
          { status: 200, problem: null },
        ],
      },
    ]);
    // The token request is a call of its own, reported as such; no outcome names the person.
    expect(outcomes.map((outcome) => outcome.pathTemplate)).toEqual(['/oauth2/token', '/v1/persons/{person_id}']);
    expect(JSON.stringify(outcomes)).not.toContain(PERSON.id);
  });

  it('reports a call that failed with 503 after every retry', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 503, {}));
    const outcomes: SolarisCallOutcome[] = [];
    await captureError(clientFor(server.url, { maxRetries: 2, onOutcome: (outcome) => outcomes.push(outcome) }).getPerson(PERSON.id));

    expect(outcomes.at(-1)).toMatchObject({
      result: 'server_error',
      status: 503,
      attempts: [503, 503, 503].map((status) => ({ status, problem: 'server_error' })),
    });
  });

  it('reports a timeout as a call without an answer', async () => {
    const server = await fakeSolaris(() => undefined);
    const outcomes: SolarisCallOutcome[] = [];
    await captureError(
      clientFor(server.url, { timeoutMs: 100, maxRetries: 1, onOutcome: (outcome) => outcomes.push(outcome) }).getPerson(PERSON.id),
    );

    expect(outcomes.at(-1)).toMatchObject({
      result: 'timeout',
      status: null,
      attempts: [
        { status: null, problem: 'timeout' },
        { status: null, problem: 'timeout' },
      ],
    });
  });

  it('reports a 404 as refused: Solaris answered, the connection is fine', async () => {
    const server = await fakeSolaris((_request, response) => sendJson(response, 404, { errors: [{ code: 'not_found' }] }));
    const outcomes: SolarisCallOutcome[] = [];
    await captureError(clientFor(server.url, { onOutcome: (outcome) => outcomes.push(outcome) }).getPerson(PERSON.id));

    expect(outcomes.at(-1)).toMatchObject({ result: 'refused', status: 404, attempts: [{ status: 404, problem: null }] });
  });
});

describe('endpoints', () => {
  it('creates, gets, updates and lists persons with page[number] and page[size]', async () => {
    const server = await fakeSolaris((request, response) => {
      if (request.method === 'GET' && request.path === '/v1/persons') {
        sendJson(response, 200, [PERSON]);
        return;
      }
      sendJson(response, request.method === 'POST' ? 201 : 200, { ...PERSON, a_field_from_the_future: { nested: true } });
    });
    const client = clientFor(server.url);

    const created = await client.createPerson(CREATE_PERSON_INPUT);
    expect(created.a_field_from_the_future).toEqual({ nested: true });
    await client.getPerson(PERSON.id);
    await client.updatePerson(PERSON.id, { email: 'jane@example.com' });
    const listed = await client.listPersons({ page: 2, pageSize: 5 });
    expect(listed).toHaveLength(1);

    const requests = server.apiRequests();
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /v1/persons',
      `GET /v1/persons/${PERSON.id}`,
      `PATCH /v1/persons/${PERSON.id}`,
      'GET /v1/persons',
    ]);
    expect(requests[0]?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(requests[0]?.body.toString() ?? '')).toEqual(CREATE_PERSON_INPUT);
    expect(JSON.parse(requests[2]?.body.toString() ?? '')).toEqual({ email: 'jane@example.com' });
    expect(requests[3]?.query.get('page[number]')).toBe('2');
    expect(requests[3]?.query.get('page[size]')).toBe('5');
  });

  it('covers the identification endpoints', async () => {
    const identificationPath = `/v1/persons/p1/identifications/${IDENTIFICATION.id}`;
    const server = await fakeSolaris((request, response) => {
      const routes: Record<string, unknown> = {
        'POST /v1/persons/p1/identifications': { ...IDENTIFICATION, status: 'created', reference: null, url: null },
        [`PATCH ${identificationPath}/request`]: IDENTIFICATION,
        [`GET ${identificationPath}`]: {
          ...IDENTIFICATION,
          status: 'successful',
          documents: [{ ...DOCUMENT, checksum: 'abc' }],
        },
        'GET /v1/persons/p1/identifications': [IDENTIFICATION],
        [`GET ${identificationPath}/supported_documents`]: [{ type: 'Passport', issuing_countries: ['DE', 'FR'] }],
        [`GET ${identificationPath}/idnow_attempts`]: [
          { id: 'a1', result: 'ABORTED', reason: 'TECH_AUDIO', payload: { identificationprocess: { result: 'ABORTED' } } },
        ],
      };
      const body = routes[`${request.method} ${request.path}`];
      if (body === undefined) sendJson(response, 404, { errors: [{ code: 'not_found' }] });
      else sendJson(response, 200, body);
    });
    const client = clientFor(server.url);

    const created = await client.createIdentification('p1', { method: 'idnow', language: 'DE', proof_of_address_type: 'GAS_BILL', proof_of_address_issued_at: '2022-03-03' });
    expect(created.status).toBe('created');
    const requested = await client.requestIdentification('p1', IDENTIFICATION.id);
    expect(requested).toMatchObject({ status: 'pending', reference: 'TST-KCCEY', estimated_waiting_time: 60 });
    const fetched = await client.getIdentification('p1', IDENTIFICATION.id, { includeDocuments: true });
    expect(fetched.documents?.[0]).toMatchObject({ id: DOCUMENT_ID, document_type: 'KYC_REPORT', checksum: 'abc' });
    expect(await client.listIdentifications('p1')).toHaveLength(1);
    expect(await client.listSupportedDocuments('p1', IDENTIFICATION.id)).toEqual([
      { type: 'Passport', issuing_countries: ['DE', 'FR'] },
    ]);
    const attempts = await client.listIdnowAttempts('p1', IDENTIFICATION.id, { page: 1, pageSize: 10 });
    expect(attempts[0]).toMatchObject({ result: 'ABORTED', reason: 'TECH_AUDIO' });

    const requests = server.apiRequests();
    expect(JSON.parse(requests[0]?.body.toString() ?? '')).toEqual({
      method: 'idnow',
      language: 'DE',
      proof_of_address_type: 'GAS_BILL',
      proof_of_address_issued_at: '2022-03-03',
    });
    expect(requests[1]?.body.length).toBe(0);
    expect(requests[2]?.query.get('include_documents')).toBe('true');
    expect(requests[5]?.url).toBe(`${identificationPath}/idnow_attempts?page%5Bnumber%5D=1&page%5Bsize%5D=10`);
  });

  it('uploads a document as multipart with document_type and the file bytes intact', async () => {
    const bytes = new Uint8Array(4096);
    for (let index = 0; index < bytes.length; index += 1) bytes[index] = (index * 31 + 7) % 256;
    bytes.set([13, 10, 45, 45, 13, 10, 0, 255], 100); // CRLF, "--", NUL and 0xFF inside the payload

    let received: { documentType: unknown; fileName: string; type: string; bytes: Uint8Array } | null = null;
    const server = await fakeSolaris(async (request, response) => {
      const form = await new Request(`http://test${request.url}`, {
        method: request.method,
        headers: { 'content-type': request.headers['content-type'] ?? '' },
        body: request.body,
      }).formData();
      const file = form.get('file');
      if (!(file instanceof File)) throw new Error('no file part');
      received = {
        documentType: form.get('document_type'),
        fileName: file.name,
        type: file.type,
        bytes: new Uint8Array(await file.arrayBuffer()),
      };
      sendJson(response, 201, { id: DOCUMENT_ID, name: file.name, content_type: file.type, document_type: 'ID_DOCUMENT', size: file.size });
    });

    const document = await clientFor(server.url).uploadIdentificationDocument('p1', 'i1', {
      documentType: 'ID_DOCUMENT',
      file: bytes,
      fileName: 'passport.png',
      contentType: 'image/png',
    });

    expect(document).toMatchObject({ id: DOCUMENT_ID, size: 4096 });
    expect(server.apiRequests()[0]?.path).toBe('/v1/persons/p1/identifications/i1/document_upload');
    expect(received).toMatchObject({ documentType: 'ID_DOCUMENT', fileName: 'passport.png', type: 'image/png' });
    expect(Buffer.from((received as { bytes: Uint8Array } | null)?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
  });

  it('lists documents, reads metadata and downloads the file with its type and name', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 254, 255])]);
    const server = await fakeSolaris((request, response) => {
      if (request.path === `/v1/persons/p1/documents/${DOCUMENT_ID}/file`) {
        response.writeHead(200, {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename="ausweis.pdf"; filename*=UTF-8''Ausweis%20M%C3%BCller.pdf`,
        });
        response.end(pdf);
      } else if (request.path === `/v1/persons/p1/documents/${DOCUMENT_ID}`) {
        sendJson(response, 200, { ...DOCUMENT, size: pdf.length });
      } else {
        sendJson(response, 200, [DOCUMENT]);
      }
    });
    const client = clientFor(server.url);

    expect(await client.listDocuments('p1', { page: 3, pageSize: 20 })).toEqual([DOCUMENT]);
    expect(server.apiRequests()[0]?.query.get('page[number]')).toBe('3');
    expect(await client.getDocument('p1', DOCUMENT_ID)).toMatchObject({ size: pdf.length });
    const file = await client.downloadDocumentFile('p1', DOCUMENT_ID);
    expect(file.contentType).toBe('application/pdf');
    expect(file.fileName).toBe('Ausweis Müller.pdf');
    expect(Buffer.from(file.bytes).equals(pdf)).toBe(true);
  });

  it('creates, lists and deletes webhook subscriptions', async () => {
    const server = await fakeSolaris((request, response) => {
      if (request.method === 'POST') {
        sendJson(response, 201, { id: 'wh1', event_type: 'IDENTIFICATION', url: 'https://desk.example/webhooks/solaris', secret: 's3cr3t' });
      } else if (request.method === 'GET') {
        sendJson(response, 200, [{ id: 'wh1', event_type: 'IDENTIFICATION', url: 'https://desk.example/webhooks/solaris' }]);
      } else {
        response.writeHead(204).end();
      }
    });
    const client = clientFor(server.url);

    const created = await client.createWebhookSubscription({ event_type: 'IDENTIFICATION', url: 'https://desk.example/webhooks/solaris' });
    expect(created.secret).toBe('s3cr3t');
    expect(await client.listWebhookSubscriptions()).toHaveLength(1);
    await expect(client.deleteWebhookSubscription('wh1')).resolves.toBeUndefined();
    expect(server.apiRequests().map((request) => `${request.method} ${request.url}`)).toEqual([
      'POST /v1/webhooks',
      'GET /v1/webhooks',
      'DELETE /v1/webhooks/wh1',
    ]);
    expect(JSON.parse(server.apiRequests()[0]?.body.toString() ?? '')).toEqual({
      event_type: 'IDENTIFICATION',
      url: 'https://desk.example/webhooks/solaris',
    });
  });

  it('URL-encodes ids and keeps ids out of the retry hook', async () => {
    let calls = 0;
    const server = await fakeSolaris((_request, response) =>
      ++calls === 1 ? sendJson(response, 500, {}) : sendJson(response, 200, PERSON),
    );
    const events: SolarisRetryEvent[] = [];
    await clientFor(server.url, { onRetry: (event) => events.push(event) }).getPerson('a/b?c');

    expect(server.apiRequests()[0]?.url).toBe('/v1/persons/a%2Fb%3Fc');
    expect(JSON.stringify(events)).not.toContain('a%2F');
    expect(events[0]?.pathTemplate).toBe('/v1/persons/{person_id}');
  });

  it('refuses an empty id instead of calling the list endpoint', async () => {
    const client = clientFor('http://127.0.0.1:9');
    await expect(client.getPerson('')).rejects.toThrow(TypeError);
  });

  it('rejects an unexpected body without echoing its personal data', async () => {
    const server = await fakeSolaris((_request, response) =>
      sendJson(response, 200, { ...IDENTIFICATION, status: 'teleported', reference: 'SECRET-REF' }),
    );
    const error = await captureError(clientFor(server.url).getIdentification('p1', 'i1'));

    expect(error).toBeInstanceOf(SolarisInvalidResponseError);
    expect((error as Error).message).toContain('status');
    expect((error as Error).message).not.toContain('SECRET-REF');
    expect((error as Error).message).not.toContain('teleported');
  });
});
