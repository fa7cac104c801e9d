import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server.ts';
import { createSolarisConnectionHealth, HEALTH_WINDOW_MS } from '../../solaris/health.ts';
import { syncIdentification, syncPerson } from '../../ingest/sync.ts';
import { createPasswordUser } from '../../testing/auth.ts';
import { createDeliverySwitch, type FaultProxy, startTestServerBehindFaultProxy, waitFor } from '../../testing/harness.ts';
import { createIdentificationAtSolaris, identificationBody, personInput, signedDelivery } from '../../testing/solaris-fixtures.ts';
import { signInOverHttp } from '../../testing/trpc-http.ts';
import type { SolarisStatus } from './system.ts';

const IDENTIFICATION_SECRET = 'solaris-status-identification-secret';
const MINUTE = 60_000;
/** Per attempt: a hanging Solaris is given up on after this long (10 s in production), so the test stays quick; shorter fails on a busy machine. */
const CLIENT_TIMEOUT_MS = 1_500;

let database: TestDatabase;
let server: RunningServer;
let proxy: FaultProxy;
let callAsAgent: Awaited<ReturnType<typeof signInOverHttp>>;
let callAsAdmin: Awaited<ReturnType<typeof signInOverHttp>>;
/** The wall clock the health window is measured on, moved by the test to let failures age out. */
let wallMs = Date.now();
/**
 * The sandbox's own webhooks are dropped on the way: the identification plays out in sandbox time
 * meanwhile, and its re-fetches would add to the counts this test checks. The test posts its own.
 */
const sandboxDeliveries = createDeliverySwitch();
sandboxDeliveries.state.mode = 'lose';

beforeAll(async () => {
  database = await openTestDatabase();
  // Identdesk reaches its own sandbox through a proxy that answers chosen requests with errors or not at all.
  ({ server, proxy } = await startTestServerBehindFaultProxy({
    database,
    env: {
      SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: IDENTIFICATION_SECRET,
      // A failed delivery waits 30 to 60 s of sandbox time, which only the test moves past.
      WEBHOOK_RETRY_BASE_SECONDS: '60',
      WEBHOOK_MAX_ATTEMPTS: '5',
    },
    sandboxFetch: sandboxDeliveries.fetch,
    overrides: {
      solarisClient: { retryBaseDelayMs: 2, retryMaxDelayMs: 10, maxRetries: 2, timeoutMs: CLIENT_TIMEOUT_MS },
      solarisHealth: createSolarisConnectionHealth({ mode: 'sandbox', now: () => wallMs }),
    },
  }));
  callAsAgent = await signInOverHttp(server.localUrl, await createPasswordUser(database.db, { role: 'agent' }));
  callAsAdmin = await signInOverHttp(server.localUrl, await createPasswordUser(database.db, { role: 'admin' }));
});

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await database?.close();
});

async function solarisStatus(call = callAsAgent): Promise<SolarisStatus> {
  const answer = await call<SolarisStatus>('system.solarisStatus', {});
  expect(answer.status).toBe(200);
  if (!answer.data) throw new Error(`no status: ${JSON.stringify(answer.error)}`);
  return answer.data;
}

const personPaths = (personId: string) => (_method: string, path: string) => path.startsWith(`/sandbox/solaris/v1/persons/${personId}`);

async function postIdentificationWebhook(personId: string, identification: { id: string; status: string }) {
  const delivery = signedDelivery({
    secret: IDENTIFICATION_SECRET,
    eventType: 'IDENTIFICATION',
    entityId: personId,
    body: identificationBody(identification),
  });
  const response = await fetch(`${server.localUrl}/webhooks/solaris`, { method: 'POST', headers: delivery.headers, body: delivery.body });
  expect(response.status).toBe(202);
}

describe('system.solarisStatus through a Solaris that fails', () => {
  let personId = '';
  let identificationId = '';

  it('is ok while the sandbox answers, and says it watches the sandbox', async () => {
    ({ personId, identificationId } = await createIdentificationAtSolaris(server.solaris));
    const status = await solarisStatus();

    expect(status.state).toBe('ok');
    expect(status.connection).toMatchObject({ mode: 'sandbox', failedRequests: 0, problems: [], failingSince: null });
    expect(status.connection?.requests).toBeGreaterThan(0);
    expect(status.connection?.lastSuccessAt).not.toBeNull();
    expect(status.webhooks).toEqual({ waitingForRetry: 0, dead: 0, nextRetryInSeconds: null, oldestUnprocessedSeconds: null });
  });

  it('turns degraded when Solaris answers 500 and the client gets through on a retry', async () => {
    proxy.inject(personPaths(personId), [500, 500]);
    await server.solaris.getIdentification(personId, identificationId);
    const status = await solarisStatus();

    expect(status.state).toBe('degraded');
    expect(status.connection).toMatchObject({
      failedRequests: 2,
      problems: [{ problem: 'server_error', status: 500, count: 2 }],
      retriedCalls: 1,
    });
    expect(status.connection?.failingSince).toBe(new Date(wallMs).toISOString());
    // Nothing in it names a customer: only counts, statuses and times.
    expect(JSON.stringify(status)).not.toContain(personId);
    expect(JSON.stringify(status)).not.toContain(identificationId);
  });

  it('keeps a webhook delivery waiting for a retry while Solaris answers 503 to its re-fetch', async () => {
    // The client tries three times (two retries) per call: one processing attempt's worth.
    proxy.inject(personPaths(personId), [503, 503, 503]);
    await postIdentificationWebhook(personId, { id: identificationId, status: 'pending' });
    const status = await waitFor(solarisStatus, (answer) => answer.webhooks.waitingForRetry === 1, {
      what: 'the delivery to wait for a retry',
    });

    expect(status.state).toBe('degraded');
    expect(status.webhooks.dead).toBe(0);
    // Backoff of 60 s with equal jitter: between 30 and 60 s of queue time.
    expect(status.webhooks.nextRetryInSeconds).toBeGreaterThanOrEqual(29);
    expect(status.webhooks.nextRetryInSeconds).toBeLessThanOrEqual(60);
    expect(status.webhooks.oldestUnprocessedSeconds).toBeGreaterThanOrEqual(0);
    expect(status.connection?.problems).toContainEqual({ problem: 'server_error', status: 503, count: 3 });
  });

  it('turns unreachable when Solaris answers 429 and then not at all, with each failure counted', async () => {
    // A call that gets through ends the run of the webhook's failed re-fetches.
    await server.solaris.getIdentification(personId, identificationId);
    proxy.inject(personPaths(personId), [429, 429, 429]);
    await expect(server.solaris.getPerson(personId)).rejects.toMatchObject({ status: 429, attempts: 3 });
    // Three failed requests in a row are not yet "unreachable".
    expect((await solarisStatus()).state).toBe('degraded');

    proxy.stall(personPaths(personId), { forward: false });
    const started = performance.now();
    await expect(server.solaris.getPerson(personId)).rejects.toMatchObject({ reason: 'timeout', attempts: 3 });
    // Three attempts, each given up on at the client's timeout: the test controls how long a hang lasts.
    expect(performance.now() - started).toBeLessThan(CLIENT_TIMEOUT_MS * 3 + 2_000);
    const status = await solarisStatus();

    expect(status.state).toBe('unreachable');
    expect(status.connection?.problems).toEqual([
      { problem: 'server_error', status: 503, count: 3 },
      { problem: 'rate_limited', status: 429, count: 3 },
      { problem: 'timeout', status: null, count: 3 },
      { problem: 'server_error', status: 500, count: 2 },
    ]);
    expect(status.connection?.failedRequests).toBe(11);
    // The proxy sends Retry-After: 0 with its 429s.
    expect(status.connection?.retryAfterSeconds).toBe(0);
  });

  it('shows the same status to every role', async () => {
    const forAdmin = await solarisStatus(callAsAdmin);
    expect(forAdmin.state).toBe('unreachable');
    expect(forAdmin.connection?.failedRequests).toBe(11);
  });

  it('works off the waiting delivery once Solaris answers again, and returns to ok when the failures age out', async () => {
    proxy.clear();
    await server.solaris.getPerson(personId);
    // Answering again: no longer unreachable, but the last five minutes still had failures.
    expect((await solarisStatus()).state).toBe('degraded');

    // The delivery's retry comes due in queue time; the worker processes it against the healthy sandbox.
    server.sandbox?.clock.advance(2 * MINUTE);
    await server.worker.drain();
    const caughtUp = await solarisStatus();
    expect(caughtUp.webhooks).toEqual({ waitingForRetry: 0, dead: 0, nextRetryInSeconds: null, oldestUnprocessedSeconds: null });
    expect(caughtUp.state).toBe('degraded');

    wallMs += HEALTH_WINDOW_MS + 1;
    const recovered = await solarisStatus();
    expect(recovered.state).toBe('ok');
    expect(recovered.connection).toMatchObject({ failedRequests: 0, problems: [], failingSince: null, retryAfterSeconds: null });
  });

  it('answers UNAUTHORIZED without a session: the status is for signed-in staff', async () => {
    const response = await fetch(`${server.localUrl}/trpc/system.solarisStatus`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-identdesk-csrf': '1' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });
});

describe('a page that asks Solaris directly while Solaris fails', () => {
  it('tells the agent starting a new identification what to do after a 503, instead of "refused"', async () => {
    const sandbox = server.sandbox;
    if (!sandbox) throw new Error('the test server runs in sandbox mode');
    const syncDeps = { db: database.db, solaris: server.solaris, now: server.now };
    // A customer whose call was aborted and whose 14-day link then ran out: a new identification is due.
    const person = await server.solaris.createPerson(personInput('X-AUTOTEST-ABORTIDENT'));
    await syncPerson(syncDeps, person.id, 'webhook');
    const previous = await server.solaris.createIdentification(person.id, { method: 'idnow', language: 'EN' });
    await server.solaris.requestIdentification(person.id, previous.id);
    sandbox.clock.advance(15 * 24 * 60 * MINUTE);
    await sandbox.runDue();
    await syncIdentification(syncDeps, { personId: person.id, identificationId: previous.id, source: 'reconciliation' });

    proxy.inject((method, path) => method === 'POST' && path.endsWith(`/persons/${person.id}/identifications`), [503]);
    const answer = await callAsAgent<{ status: string; identificationId: string | null; message: string }>('identification.start', {
      personId: person.id,
      replacesIdentificationId: previous.id,
      language: 'DE',
      proofOfAddressSubmissionId: null,
      reason: 'The customer’s link expired before the call',
    });

    // Solaris' trouble is not the agent's input: 503 (try again later) with the start's message, which the dialog shows.
    expect(answer.status).toBe(503);
    expect(answer.error?.message).toMatch(/^Solaris could not take the new identification now \(.+\)\. Wait a few minutes and reload this page/);
    expect((await solarisStatus()).connection?.problems).toContainEqual({ problem: 'server_error', status: 503, count: 1 });
  });
});
