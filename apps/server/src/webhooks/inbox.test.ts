import { listActiveWebhookSubscriptions } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { signWebhookBody } from '@identdesk/solaris';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliverySwitch, startTestServer, waitFor } from '../testing/harness.ts';
import { deliveriesWithWebhookId, statusHistory, storedIdentification } from '../testing/queries.ts';
import { createIdentificationAtSolaris, identificationBody, signedDelivery } from '../testing/solaris-fixtures.ts';
import type { RunningServer } from '../server.ts';

const IDENTIFICATION_SECRET = 'configured-identification-secret';

let database: TestDatabase;
let server: RunningServer;
let inboxUrl: string;
const deliveries = createDeliverySwitch();

beforeAll(async () => {
  database = await openTestDatabase();
  // The sandbox's own webhooks are dropped here: every delivery in this file is sent by the test.
  deliveries.state.mode = 'lose';
  server = await startTestServer({
    database,
    env: { SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: IDENTIFICATION_SECRET },
    sandboxFetch: deliveries.fetch,
  });
  inboxUrl = `${server.localUrl}/webhooks/solaris`;
});

afterAll(async () => {
  await server?.stop();
  await database?.close();
});

async function subscriptionSecret(eventType: string) {
  const subscriptions = await listActiveWebhookSubscriptions(database.db);
  const subscription = subscriptions.find((candidate) => candidate.eventType === eventType);
  if (!subscription?.secret) throw new Error(`no stored ${eventType} subscription`);
  return { id: subscription.id, secret: subscription.secret };
}

function post(delivery: { headers: Record<string, string>; body: string }) {
  return fetch(inboxUrl, { method: 'POST', headers: delivery.headers, body: delivery.body });
}

async function processedDelivery(webhookId: string) {
  const [row] = await waitFor(
    () => deliveriesWithWebhookId(database.db, webhookId),
    (rows) => rows[0]?.status === 'processed',
    { what: `delivery ${webhookId} processed` },
  );
  return row;
}

describe('POST /webhooks/solaris signatures', () => {
  it('accepts a delivery signed with the stored secret of its subscription and processes it', async () => {
    const { personId, identification } = await createIdentificationAtSolaris(server.solaris);
    const subscription = await subscriptionSecret('IDENTIFICATION');
    const delivery = signedDelivery({
      secret: subscription.secret,
      subscriptionId: subscription.id,
      eventType: 'IDENTIFICATION',
      entityId: personId,
      body: identificationBody(identification),
    });

    const response = await post(delivery);
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ status: 'accepted' });
    const row = await processedDelivery(delivery.headers['solaris-webhook-id'] ?? '');
    expect(row).toMatchObject({ signatureValid: true, attempts: 1, entityId: personId });
    expect(await storedIdentification(database.db, identification.id)).toMatchObject({ status: 'pending', personId });
  });

  it('accepts a delivery signed with the secret configured for its event type', async () => {
    const { personId, identification } = await createIdentificationAtSolaris(server.solaris, { request: false });
    const delivery = signedDelivery({
      secret: IDENTIFICATION_SECRET,
      eventType: 'IDENTIFICATION',
      entityId: personId,
      body: identificationBody(identification),
    });
    expect((await post(delivery)).status).toBe(202);
    await processedDelivery(delivery.headers['solaris-webhook-id'] ?? '');
    expect(await storedIdentification(database.db, identification.id)).toMatchObject({ status: 'created' });
  });

  it('acknowledges the first, empty WEBHOOK-SUBSCRIPTION delivery', async () => {
    const subscription = await subscriptionSecret('PERSON_CHANGED');
    const delivery = signedDelivery({
      secret: subscription.secret,
      subscriptionId: subscription.id,
      eventType: 'WEBHOOK-SUBSCRIPTION',
      body: '',
    });
    expect((await post(delivery)).status).toBe(202);
    await processedDelivery(delivery.headers['solaris-webhook-id'] ?? '');
  });

  const refusals = [
    {
      name: 'a tampered body',
      make: (secret: string, body: string) => {
        const delivery = signedDelivery({ secret, eventType: 'IDENTIFICATION', body });
        return { ...delivery, body: body.replace('"pending"', '"successful"') };
      },
    },
    {
      name: 'a wrong secret',
      make: (_secret: string, body: string) => signedDelivery({ secret: 'not-the-secret', eventType: 'IDENTIFICATION', body }),
    },
    {
      name: 'a missing signature header',
      make: (secret: string, body: string) => {
        const delivery = signedDelivery({ secret, eventType: 'IDENTIFICATION', body });
        const { 'solaris-webhook-signature': _dropped, ...headers } = delivery.headers;
        return { headers, body };
      },
    },
  ];

  for (const refusal of refusals) {
    it(`answers 401 to ${refusal.name}, records it as rejected and never processes it`, async () => {
      const { personId, identification } = await createIdentificationAtSolaris(server.solaris);
      const delivery = refusal.make(IDENTIFICATION_SECRET, identificationBody(identification));
      delivery.headers['solaris-entity-id'] = personId;

      const response = await post(delivery);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'invalid_signature', message: expect.stringContaining('solaris-webhook-signature') });

      const rows = await deliveriesWithWebhookId(database.db, delivery.headers['solaris-webhook-id'] ?? '');
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ signatureValid: false, status: 'rejected', attempts: 0, entityId: personId });
      await server.worker.drain();
      expect(await storedIdentification(database.db, identification.id)).toBeNull();
    });
  }

  it('does not let one event type vouch for another with its subscription secret', async () => {
    const { personId, identification } = await createIdentificationAtSolaris(server.solaris);
    const personChanged = await subscriptionSecret('PERSON_CHANGED');
    const delivery = signedDelivery({
      secret: personChanged.secret,
      subscriptionId: personChanged.id,
      eventType: 'IDENTIFICATION',
      entityId: personId,
      body: identificationBody(identification),
    });
    expect((await post(delivery)).status).toBe(401);
  });

  it('keeps a forged delivery from claiming the id of the genuine one that comes later', async () => {
    const { personId, identification } = await createIdentificationAtSolaris(server.solaris);
    const body = identificationBody(identification);
    const webhookId = crypto.randomUUID();
    const forged = signedDelivery({ secret: 'forged', eventType: 'IDENTIFICATION', entityId: personId, body, webhookId });
    const genuine = signedDelivery({ secret: IDENTIFICATION_SECRET, eventType: 'IDENTIFICATION', entityId: personId, body, webhookId });
    expect((await post(forged)).status).toBe(401);
    expect((await post(genuine)).status).toBe(202);
    const rows = await waitFor(
      () => deliveriesWithWebhookId(database.db, webhookId),
      (found) => found.some((row) => row.status === 'processed'),
    );
    expect(rows.map((row) => row.status).sort()).toEqual(['processed', 'rejected']);
  });
});

describe('POST /webhooks/solaris deliveries', () => {
  it('stores a delivery sent ten times once, answers every repeat with 2xx, and has one effect', async () => {
    const { personId, identification } = await createIdentificationAtSolaris(server.solaris);
    const delivery = signedDelivery({
      secret: IDENTIFICATION_SECRET,
      eventType: 'IDENTIFICATION',
      entityId: personId,
      body: identificationBody(identification),
    });
    const webhookId = delivery.headers['solaris-webhook-id'] ?? '';

    const answers = await Promise.all(Array.from({ length: 10 }, () => post(delivery)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 202]);
    await processedDelivery(webhookId);
    // And again after it was processed.
    expect((await post(delivery)).status).toBe(200);
    await server.worker.drain();

    const rows = await deliveriesWithWebhookId(database.db, webhookId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'processed', attempts: 1 });
    const history = await statusHistory(database.db, identification.id);
    expect(history.map((entry) => entry.toStatus)).toEqual(['pending']);
  });

  it('stores the delivery before it answers', async () => {
    const { personId, identification } = await createIdentificationAtSolaris(server.solaris);
    const delivery = signedDelivery({
      secret: IDENTIFICATION_SECRET,
      eventType: 'IDENTIFICATION',
      entityId: personId,
      body: identificationBody(identification),
    });
    const response = await post(delivery);
    const { id } = (await response.json()) as { id: string };
    const rows = await deliveriesWithWebhookId(database.db, delivery.headers['solaris-webhook-id'] ?? '');
    expect(rows.map((row) => row.id)).toEqual([id]);
  });

  it('refuses a signed delivery without its webhook id, naming the header', async () => {
    const body = '{}';
    const response = await fetch(inboxUrl, {
      method: 'POST',
      headers: {
        'solaris-webhook-event-type': 'IDENTIFICATION',
        'solaris-webhook-signature': signWebhookBody(IDENTIFICATION_SECRET, body),
      },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field: 'solaris-webhook-id' });
  });

  it('answers 413 to a body larger than any Solaris delivery, and 405 to other methods', async () => {
    const huge = JSON.stringify({ padding: 'x'.repeat(300 * 1024) });
    const tooLarge = await post(signedDelivery({ secret: IDENTIFICATION_SECRET, eventType: 'IDENTIFICATION', body: huge }));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toMatchObject({ error: 'body_too_large' });

    const get = await fetch(inboxUrl);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('dead-letters a verified delivery whose body names no identification, without retrying', async () => {
    const delivery = signedDelivery({ secret: IDENTIFICATION_SECRET, eventType: 'IDENTIFICATION', body: '{"status":"pending"}' });
    expect((await post(delivery)).status).toBe(202);
    const [row] = await waitFor(
      () => deliveriesWithWebhookId(database.db, delivery.headers['solaris-webhook-id'] ?? ''),
      (rows) => rows[0]?.status === 'dead',
    );
    expect(row).toMatchObject({ attempts: 1, lastError: expect.stringContaining('IDENTIFICATION body: id') });
  });
});
