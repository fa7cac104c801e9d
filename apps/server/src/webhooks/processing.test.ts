import { auditEvents, documents, listWebhookDeliveries } from '@identdesk/db';
import { createUser, openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { createSolarisClient } from '@identdesk/solaris';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.ts';
import { createDeliverySwitch, deliver, type FaultProxy, type HeldDelivery, startTestServerBehindFaultProxy, waitFor } from '../testing/harness.ts';
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
import { syncIdentification } from '../ingest/sync.ts';

const IDENTIFICATION_SECRET = 'processing-identification-secret';
const MINUTE = 60_000;

let database: TestDatabase;
let server: RunningServer;
let proxy: FaultProxy;
const deliveries = createDeliverySwitch();
const logLines: string[] = [];

beforeAll(async () => {
  database = await openTestDatabase();
  // Identdesk reaches its own sandbox through a proxy that can answer with chosen errors.
  ({ server, proxy } = await startTestServerBehindFaultProxy({
    database,
    env: { SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: IDENTIFICATION_SECRET, LOG_LEVEL: 'debug' },
    logLines,
    sandboxFetch: deliveries.fetch,
  }));
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

    // Counted into the team-lead metrics in the background after processing, with no metrics read asking for it.
    const facts = await waitFor(
      async () =>
        (
          await database.db.execute<{ funnel_step: number; waiting: number }>(sql`
            select f.funnel_step, (select count(*)::int from metric_pending_changes where person_id = ${personId}) as waiting
            from (select 1) one left join metric_person_facts f on f.person_id = ${personId}`)
        ).rows[0],
      (row) => row?.waiting === 0 && row.funnel_step !== null,
      { what: 'the person counted in the metrics' },
    );
    expect(Number(facts?.funnel_step)).toBe(5);
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

/**
 * Holds the worker in a slow batch (every Solaris answer through the proxy takes a second) while
 * `meanwhile` runs, so what it posts waits in the queue and is claimed together afterwards.
 */
async function whileTheWorkerIsBusy(meanwhile: () => Promise<void>) {
  deliveries.state.mode = 'lose';
  const busy = await createIdentificationAtSolaris(server.solaris, { request: false });
  proxy.settings.delayMs = 1000;
  try {
    const webhookId = await postSigned(busy.personId, busy.identification);
    await waitFor(
      () => deliveriesWithWebhookId(database.db, webhookId),
      (rows) => rows[0]?.status === 'processing',
      { what: 'the worker busy with a slow delivery' },
    );
    await meanwhile();
  } finally {
    proxy.settings.delayMs = 0;
  }
  await server.worker.drain();
}

function requestsFor(path: string) {
  return proxy.log.filter((entry) => entry.method === 'GET' && entry.path === path).length;
}

/** A statement that fails the first time it runs: a crash in the middle of storing a re-fetch. */
async function failOnceOnInsert(table: 'identification_status_changes', identificationId: string) {
  if (!/^[\w-]+$/.test(identificationId)) throw new Error('unexpected identification id');
  const name = `fail_once_${identificationId.replace(/-/g, '_')}`;
  await database.db.execute(sql.raw(`create sequence ${name}`));
  await database.db.execute(
    sql.raw(`create function ${name}() returns trigger language plpgsql as $$
      begin
        if new.identification_id = '${identificationId}' and nextval('${name}') = 1 then
          raise exception 'injected failure while storing a re-fetch';
        end if;
        return new;
      end $$`),
  );
  await database.db.execute(sql.raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`));
}

describe('deliveries answered by a re-fetch', () => {
  it('processes a delivery that arrived before the last complete re-fetch without asking Solaris', async () => {
    deliveries.state.mode = 'lose';
    const { personId, identificationId, identification } = await createIdentificationAtSolaris(server.solaris);
    // Reconciliation-style re-fetch straight from the sandbox, not through the proxy.
    const direct = createSolarisClient({
      apiBaseUrl: `${server.localUrl}/sandbox/solaris`,
      clientId: 'identdesk-sandbox',
      clientSecret: 'sandbox-secret',
    });
    let webhookId = '';
    await whileTheWorkerIsBusy(async () => {
      webhookId = await postSigned(personId, identification);
      await syncIdentification({ db: database.db, solaris: direct, now: server.now }, { personId, identificationId, source: 'reconciliation' });
    });

    const [row] = await deliveriesWithWebhookId(database.db, webhookId);
    expect(row).toMatchObject({ status: 'processed', attempts: 1 });
    expect(proxy.log.filter((entry) => entry.method === 'GET' && entry.path.includes(personId))).toEqual([]);
    const stored = await storedIdentification(database.db, identificationId);
    expect(stored?.refetchedAt?.getTime()).toBeGreaterThanOrEqual(row?.receivedAt.getTime() ?? Infinity);
    // The reported status is the one the re-fetch found, so it dates it from the delivery's arrival.
    expect((await statusHistory(database.db, identificationId)).map((entry) => [entry.toStatus, entry.observedAt])).toEqual([
      ['pending', row?.receivedAt],
    ]);
  });

  it('re-fetches an identification once for a burst of deliveries about it claimed together', async () => {
    deliveries.state.mode = 'lose';
    const { personId, identificationId, identification } = await createIdentificationAtSolaris(server.solaris);
    const webhookIds: string[] = [];
    await whileTheWorkerIsBusy(async () => {
      for (let i = 0; i < 10; i++) webhookIds.push(await postSigned(personId, identification));
    });

    const rows = (await Promise.all(webhookIds.map((id) => deliveriesWithWebhookId(database.db, id)))).flat();
    expect(rows.map((row) => row.status)).toEqual(Array.from({ length: 10 }, () => 'processed'));
    expect(requestsFor(identificationPath(personId, identificationId))).toBe(1);
    expect(requestsFor(`/sandbox/solaris/v1/persons/${personId}`)).toBe(1);
    expect(await storedIdentification(database.db, identificationId)).toMatchObject({ status: 'pending' });
    expect((await statusHistory(database.db, identificationId)).map((entry) => entry.toStatus)).toEqual(['pending']);
    expect(await storedPersonVersions(database.db, personId)).toHaveLength(1);
  });

  it('stores nothing of a re-fetch that fails part-way, re-fetches for the deliveries it would have answered, and converges', async () => {
    deliveries.state.mode = 'lose';
    const { personId, identificationId, identification } = await createIdentificationAtSolaris(server.solaris, { request: false });
    await postSigned(personId, identification);
    await server.worker.drain();
    const known = await storedIdentification(database.db, identificationId);
    expect(known).toMatchObject({ status: 'created', refetchedAt: expect.any(Date) });

    const requested = await server.solaris.requestIdentification(personId, identificationId);
    // The first re-fetch stores the identification's new row, then fails at its status history.
    await failOnceOnInsert('identification_status_changes', identificationId);
    const webhookIds: string[] = [];
    const before = requestsFor(identificationPath(personId, identificationId));
    await whileTheWorkerIsBusy(async () => {
      for (let i = 0; i < 3; i++) webhookIds.push(await postSigned(personId, requested));
    });

    const rows = (await Promise.all(webhookIds.map((id) => deliveriesWithWebhookId(database.db, id)))).flat();
    expect(rows.map((row) => [row.status, row.attempts])).toEqual([
      ['processed', 2],
      ['processed', 1],
      ['processed', 1],
    ]);
    // The failed re-fetch advanced nothing, so the next delivery re-fetched; its re-fetch then
    // answered the third delivery and the first one's retry.
    expect(requestsFor(identificationPath(personId, identificationId)) - before).toBe(2);
    const stored = await storedIdentification(database.db, identificationId);
    expect(stored).toMatchObject({ status: 'pending' });
    expect(stored?.refetchedAt?.getTime()).toBeGreaterThan(known?.refetchedAt?.getTime() ?? Infinity);
    // pending entered once, dated from the first delivery that reported it.
    expect((await statusHistory(database.db, identificationId)).map((entry) => [entry.fromStatus, entry.toStatus, entry.observedAt])).toEqual([
      [null, 'created', expect.any(Date)],
      ['created', 'pending', rows[0]?.receivedAt],
    ]);
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
