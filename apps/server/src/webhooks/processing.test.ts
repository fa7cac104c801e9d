import { auditEvents, documents, listWebhookDeliveries } from '@identdesk/db';
import { createUser, openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.ts';
import {
  createDeliverySwitch,
  deliver,
  freePort,
  startFaultProxy,
  startTestServer,
  waitFor,
  type HeldDelivery,
} from '../testing/harness.ts';
import {
  deliveriesFor,
  deliveriesWithWebhookId,
  statusHistory,
  storedAttempts,
  storedIdentification,
  storedPersonVersions,
} from '../testing/queries.ts';
import { createIdentificationAtSolaris, identificationBody, signedDelivery } from '../testing/solaris-fixtures.ts';
import { createCallerFactory, createContextInner } from '../trpc/init.ts';
import { appRouter } from '../trpc/router.ts';
import { createLogger } from '../logger.ts';

const IDENTIFICATION_SECRET = 'processing-identification-secret';
const MINUTE = 60_000;

let database: TestDatabase;
let server: RunningServer;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
const deliveries = createDeliverySwitch();
const logLines: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  // Identdesk reaches its own sandbox through a proxy that can answer with chosen errors; the
  // proxy must know the server's port before the server starts (it subscribes through it).
  const port = await freePort();
  proxy = await startFaultProxy(() => `http://127.0.0.1:${port}`);
  server = await startTestServer({
    database,
    env: {
      PORT: String(port),
      SOLARIS_API_URL: `${proxy.origin}/sandbox/solaris`,
      SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: IDENTIFICATION_SECRET,
      LOG_LEVEL: 'debug',
    },
    logLines,
    sandboxFetch: deliveries.fetch,
  });
});

afterAll(async () => {
  await server?.stop();
  await proxy?.close();
  await database?.close();
});

/** Moves sandbox time on and lets what became due happen: IDnow results, webhooks, processing. */
async function advance(ms: number) {
  const sandbox = server.sandbox;
  if (!sandbox) throw new Error('the test server runs in sandbox mode');
  sandbox.clock.advance(ms);
  await sandbox.runDue();
  await server.worker.drain();
}

function heldFor(personId: string): HeldDelivery[] {
  return deliveries.state.held.filter((held) => held.headers['solaris-entity-id'] === personId);
}

function postSigned(personId: string, identification: { id: string; status: string }) {
  const delivery = signedDelivery({
    secret: IDENTIFICATION_SECRET,
    eventType: 'IDENTIFICATION',
    entityId: personId,
    body: identificationBody(identification),
  });
  return fetch(`${server.localUrl}/webhooks/solaris`, { method: 'POST', headers: delivery.headers, body: delivery.body }).then(
    async (response) => {
      expect(response.status).toBe(202);
      return delivery.headers['solaris-webhook-id'] ?? '';
    },
  );
}

function identificationPath(personId: string, identificationId: string) {
  return `/sandbox/solaris/v1/persons/${personId}/identifications/${identificationId}`;
}

async function adminCaller() {
  const admin = await createUser(database.db, { role: 'admin' });
  return createCallerFactory(appRouter)(
    createContextInner({
      db: database.db,
      databaseKind: database.kind,
      user: { id: admin.id, email: admin.email, displayName: admin.displayName, role: 'admin' },
      origin: { ip: '127.0.0.1', userAgent: 'vitest' },
      logger: createLogger({ level: 'silent' }),
      now: () => new Date(),
      webhookQueue: server.worker,
    }),
  );
}

describe('end to end through the webhook', () => {
  it('brings an X-AUTOTEST-HAPPYPATH person from the sandbox into Identdesk with attempts and documents', async () => {
    deliveries.state.mode = 'pass';
    const { personId, identificationId } = await createIdentificationAtSolaris(server.solaris, {
      firstName: 'X-AUTOTEST-HAPPYPATH',
    });
    await advance(5 * MINUTE);

    expect(await storedIdentification(database.db, identificationId)).toMatchObject({
      personId,
      status: 'successful',
      latestAttemptResult: 'SUCCESS',
      completedAt: expect.any(Date),
    });
    expect((await statusHistory(database.db, identificationId)).map((entry) => [entry.fromStatus, entry.toStatus])).toEqual([
      [null, 'pending'],
      ['pending', 'successful'],
    ]);
    expect((await storedAttempts(database.db, identificationId)).map((attempt) => attempt.result)).toEqual(['SUCCESS']);
    const stored = await database.db.select().from(documents).where(eq(documents.identificationId, identificationId));
    expect(stored.map((document) => document.documentType).sort()).toEqual(['ID_DOCUMENT', 'KYC_REPORT', 'SIGNATURE']);
    expect(await storedPersonVersions(database.db, personId)).toHaveLength(1);
    const received = await deliveriesFor(database.db, personId);
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.every((delivery) => delivery.status === 'processed' && delivery.signatureValid)).toBe(true);
  });

  it('acknowledged the first, empty delivery of each subscription made at start', async () => {
    const pings = await waitFor(
      async () => (await listWebhookDeliveries(database.db, { pageSize: 200 })).items.filter((item) => item.eventType === 'WEBHOOK-SUBSCRIPTION'),
      (found) => found.length === 2 && found.every((item) => item.status === 'processed'),
      { what: 'both subscription pings processed' },
    );
    expect(pings.every((item) => item.signatureValid)).toBe(true);
  });

  it('keeps a person changed by IDnow as a new version with the diff', async () => {
    deliveries.state.mode = 'pass';
    const { personId, identificationId } = await createIdentificationAtSolaris(server.solaris, {
      firstName: 'X-AUTOTEST-CHANGEALL',
    });
    // Identdesk first learns of the person from the request's webhook, before IDnow changes it.
    await waitFor(() => storedPersonVersions(database.db, personId), (versions) => versions.length === 1);
    await advance(5 * MINUTE);

    expect(await storedIdentification(database.db, identificationId)).toMatchObject({ status: 'successful' });
    const versions = await storedPersonVersions(database.db, personId);
    expect(versions.map((version) => version.version)).toEqual([1, 2]);
    expect(versions[1]?.source).toBe('webhook');
    expect(Object.keys(versions[1]?.changes ?? {}).length).toBeGreaterThan(0);
    const personChanged = (await deliveriesFor(database.db, personId)).filter((row) => row.eventType === 'PERSON_CHANGED');
    expect(personChanged.length).toBeGreaterThanOrEqual(1);
    expect(personChanged.every((row) => row.status === 'processed')).toBe(true);
  });
});

describe('repeated and out-of-order deliveries', () => {
  it('converges on the true state when the deliveries arrive in reverse, without inventing transitions', async () => {
    deliveries.state.mode = 'hold';
    const inOrder = await createIdentificationAtSolaris(server.solaris, { firstName: 'X-AUTOTEST-CANCELED' });
    const reversed = await createIdentificationAtSolaris(server.solaris, { firstName: 'X-AUTOTEST-CANCELED' });
    const sandbox = server.sandbox;
    if (!sandbox) throw new Error('sandbox mode');
    sandbox.clock.advance(10 * MINUTE);
    await sandbox.runDue();
    deliveries.state.mode = 'pass';

    const statusesOf = (held: HeldDelivery[]) => held.map((delivery) => (JSON.parse(delivery.body) as { status: string }).status);
    expect(statusesOf(heldFor(inOrder.personId))).toEqual(['pending', 'pending_successful', 'canceled']);

    for (const held of heldFor(inOrder.personId)) expect((await deliver(held)).status).toBe(202);
    for (const held of heldFor(reversed.personId).reverse()) expect((await deliver(held)).status).toBe(202);
    await server.worker.drain();

    for (const { identificationId } of [inOrder, reversed]) {
      expect(await storedIdentification(database.db, identificationId)).toMatchObject({
        status: 'canceled',
        latestAttemptResult: 'CANCELED',
        latestFailureCode: 'BAD_PHOTO_QUALITY',
      });
      expect((await storedAttempts(database.db, identificationId)).map((attempt) => attempt.result).sort()).toEqual([
        'CANCELED',
        'REVIEW_PENDING',
      ]);
    }
    // Received in order (if late): each reported status at its arrival, in the order it happened.
    const ordered = await statusHistory(database.db, inOrder.identificationId);
    expect(ordered.map((entry) => [entry.fromStatus, entry.toStatus])).toEqual([
      [null, 'pending'],
      ['pending', 'pending_successful'],
      ['pending_successful', 'canceled'],
    ]);
    // Received in reverse: the older news cannot be placed in time and is not made into transitions.
    const backwards = await statusHistory(database.db, reversed.identificationId);
    expect(backwards.map((entry) => [entry.fromStatus, entry.toStatus])).toEqual([[null, 'canceled']]);
  });

  it('does not add history when the same state is delivered again under new webhook ids', async () => {
    deliveries.state.mode = 'lose';
    const { personId, identificationId, identification } = await createIdentificationAtSolaris(server.solaris);
    for (let i = 0; i < 3; i++) await postSigned(personId, identification);
    await server.worker.drain();
    expect((await statusHistory(database.db, identificationId)).map((entry) => entry.toStatus)).toEqual(['pending']);
    expect(await storedPersonVersions(database.db, personId)).toHaveLength(1);
  });
});

describe('failures while processing', () => {
  it('retries 429 and 500 answers from Solaris, inside one attempt and across attempts', async () => {
    deliveries.state.mode = 'lose';
    const { personId, identificationId, identification } = await createIdentificationAtSolaris(server.solaris);
    const path = identificationPath(personId, identificationId);
    // The client retries twice by itself; a third failure fails the attempt and the queue retries it.
    proxy.inject((method, requested) => method === 'GET' && requested === path, [429, 500, 500]);

    const webhookId = await postSigned(personId, identification);
    const [row] = await waitFor(
      () => deliveriesWithWebhookId(database.db, webhookId),
      (rows) => rows[0]?.status === 'processed',
      { what: 'the delivery processed after retries' },
    );
    expect(row?.attempts).toBe(2);
    expect(proxy.log.filter((entry) => entry.path === path).map((entry) => entry.status)).toEqual([429, 500, 500, 200]);
    expect(await storedIdentification(database.db, identificationId)).toMatchObject({ status: 'pending' });
  });

  it('does not retry a 400: the delivery is dead after one request, naming the problem', async () => {
    deliveries.state.mode = 'lose';
    const { personId, identificationId, identification } = await createIdentificationAtSolaris(server.solaris);
    const path = identificationPath(personId, identificationId);
    proxy.inject((method, requested) => method === 'GET' && requested === path, [400]);

    const webhookId = await postSigned(personId, identification);
    const [row] = await waitFor(
      () => deliveriesWithWebhookId(database.db, webhookId),
      (rows) => rows[0]?.status === 'dead',
    );
    expect(row).toMatchObject({ attempts: 1, lastError: expect.stringContaining('failed with 400') });
    expect(proxy.log.filter((entry) => entry.path === path)).toHaveLength(1);
  });

  it('dead-letters after the maximum attempts, and an admin replay processes it', async () => {
    deliveries.state.mode = 'lose';
    const { personId, identificationId, identification } = await createIdentificationAtSolaris(server.solaris);
    const path = identificationPath(personId, identificationId);
    // 3 attempts (WEBHOOK_MAX_ATTEMPTS) of 3 requests each (the client's own retries).
    proxy.inject((method, requested) => method === 'GET' && requested === path, Array.from({ length: 9 }, () => 500));

    const webhookId = await postSigned(personId, identification);
    const [dead] = await waitFor(
      () => deliveriesWithWebhookId(database.db, webhookId),
      (rows) => rows[0]?.status === 'dead',
      { what: 'the delivery dead-lettered' },
    );
    expect(dead).toMatchObject({ attempts: 3, lastError: expect.stringContaining('failed with 500') });
    expect(await storedIdentification(database.db, identificationId)).toBeNull();

    const caller = await adminCaller();
    const listed = await caller.webhook.list({ statuses: ['dead'] });
    expect(listed.items.map((item) => item.webhookId)).toContain(webhookId);
    const deadId = dead?.id ?? '';
    expect(await caller.webhook.replay({ id: deadId })).toEqual({ id: deadId, status: 'received' });

    const [replayed] = await waitFor(
      () => deliveriesWithWebhookId(database.db, webhookId),
      (rows) => rows[0]?.status === 'processed',
      { what: 'the replayed delivery processed' },
    );
    expect(replayed?.attempts).toBe(1);
    expect(await storedIdentification(database.db, identificationId)).toMatchObject({ status: 'pending' });
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, deadId));
    expect(audit).toMatchObject([{ action: 'webhook_delivery.replayed', actorRole: 'admin' }]);
  });
});

describe('reconciliation', () => {
  it('repairs what a lost webhook missed, and a second run adds nothing', async () => {
    deliveries.state.mode = 'lose';
    const { personId, identificationId } = await createIdentificationAtSolaris(server.solaris, {
      firstName: 'X-AUTOTEST-HAPPYPATH',
    });
    await advance(5 * MINUTE);
    expect(await storedIdentification(database.db, identificationId)).toBeNull();

    const first = await server.reconciler.runNow();
    expect(first).toMatchObject({ aborted: false });
    expect(first?.persons.created).toBeGreaterThanOrEqual(1);
    expect(await storedIdentification(database.db, identificationId)).toMatchObject({
      status: 'successful',
      latestAttemptResult: 'SUCCESS',
    });
    const history = await statusHistory(database.db, identificationId);
    expect(history.map((entry) => [entry.toStatus, entry.source])).toEqual([['successful', 'reconciliation']]);
    expect(await storedAttempts(database.db, identificationId)).toHaveLength(1);
    const stored = await database.db.select().from(documents).where(eq(documents.identificationId, identificationId));
    expect(stored).toHaveLength(3);

    const second = await server.reconciler.runNow();
    expect(second?.persons).toMatchObject({ created: 0, changed: 0 });
    expect(second?.identifications).toMatchObject({ created: 0, changed: 0 });
    expect(second?.attempts).toEqual({ inserted: 0, updated: 0 });
    expect(await statusHistory(database.db, identificationId)).toHaveLength(1);
    expect(await storedPersonVersions(database.db, personId)).toHaveLength(1);
  });
});

describe('logs', () => {
  it('never contain the personal data that passed through this file', () => {
    const logged = logLines.join('');
    expect(logged).toContain('webhook processed');
    expect(logged).not.toMatch(/X-AUTOTEST-/);
    expect(logged).not.toMatch(/Amrumerstrasse|\+49301234567|1992-12-11|Doe /);
    expect(logged).not.toMatch(/TST-[A-Z]{5}/);
  });
});
