import { listActiveWebhookSubscriptions, saveWebhookSubscription, webhookDeliveries } from '@identdesk/db';
import { asc, inArray } from 'drizzle-orm';
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

describe('POST /webhooks/solaris under a burst', () => {
  function deliveryAbout(index: number, signing: { secret: string; subscriptionId?: string }) {
    return signedDelivery({
      ...signing,
      eventType: 'IDENTIFICATION',
      entityId: `burst-person-${index}`,
      body: JSON.stringify({ id: `burst-identification-${index}`, status: 'pending' }),
    });
  }

  const webhookIdOf = (delivery: { headers: Record<string, string> }) => delivery.headers['solaris-webhook-id'] ?? '';

  it('answers 200 deliveries at once each rightly, repeats and forgeries among them, and stores each once in arrival order', async () => {
    const subscription = await subscriptionSecret('IDENTIFICATION');
    const unique = Array.from({ length: 150 }, (_, index) =>
      deliveryAbout(index, index % 2 === 0 ? { secret: subscription.secret, subscriptionId: subscription.id } : { secret: IDENTIFICATION_SECRET }),
    );
    const repeats = unique.slice(0, 30);
    const forged = Array.from({ length: 20 }, (_, index) =>
      deliveryAbout(1_000 + index, index % 2 === 0 ? { secret: 'forged-secret', subscriptionId: subscription.id } : { secret: 'forged-secret' }),
    );
    // Interleaved, so repeats and forgeries arrive among the others.
    const sent: typeof unique = [];
    unique.forEach((delivery, index) => {
      sent.push(delivery);
      if (index % 5 === 4) sent.push(repeats[(index - 4) / 5] ?? delivery);
      if (index % 15 === 7 || index % 15 === 14) sent.push(forged[sent.filter((candidate) => forged.includes(candidate)).length] ?? delivery);
    });
    expect(sent).toHaveLength(200);

    const answers = await Promise.all(
      sent.map(async (delivery) => {
        const response = await post(delivery);
        return { delivery, status: response.status, body: (await response.json()) as { status?: string; id?: string } };
      }),
    );

    for (const answer of answers.filter((candidate) => forged.includes(candidate.delivery))) expect(answer.status).toBe(401);
    const answersById = new Map<string, typeof answers>();
    for (const answer of answers.filter((candidate) => !forged.includes(candidate.delivery))) {
      const webhookId = webhookIdOf(answer.delivery);
      answersById.set(webhookId, [...(answersById.get(webhookId) ?? []), answer]);
    }
    expect(answersById.size).toBe(150);
    for (const [webhookId, answered] of answersById) {
      const expectedRepeats = repeats.some((delivery) => webhookIdOf(delivery) === webhookId) ? 1 : 0;
      expect(answered.map((answer) => answer.status).sort(), webhookId).toEqual([...Array<number>(expectedRepeats).fill(200), 202]);
      expect(new Set(answered.map((answer) => answer.body.id)).size, webhookId).toBe(1);
    }

    const stored = await database.db
      .select()
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.webhookId, [...unique, ...forged].map(webhookIdOf)))
      .orderBy(asc(webhookDeliveries.arrival));
    const verified = stored.filter((row) => row.signatureValid);
    expect(verified.map((row) => row.webhookId).sort()).toEqual(unique.map(webhookIdOf).sort());
    for (const row of verified) expect(answersById.get(row.webhookId)?.[0]?.body.id).toBe(row.id);
    expect(stored.filter((row) => !row.signatureValid).map((row) => row.status)).toEqual(Array<string>(20).fill('rejected'));
    // Numbered in the order they were received: arrival never runs against the receipt time.
    const receivedAt = verified.map((row) => row.receivedAt.getTime());
    expect(receivedAt).toEqual([...receivedAt].sort((a, b) => a - b));
  });

  it('numbers deliveries sent one after another in the order they were sent', async () => {
    const sequence = Array.from({ length: 5 }, (_, index) => deliveryAbout(2_000 + index, { secret: IDENTIFICATION_SECRET }));
    for (const delivery of sequence) expect((await post(delivery)).status).toBe(202);
    const stored = await database.db
      .select({ webhookId: webhookDeliveries.webhookId })
      .from(webhookDeliveries)
      .where(inArray(webhookDeliveries.webhookId, sequence.map(webhookIdOf)))
      .orderBy(asc(webhookDeliveries.arrival));
    expect(stored.map((row) => row.webhookId)).toEqual(sequence.map(webhookIdOf));
  });

  it('refuses a signed delivery whose webhook id cannot be a Solaris one, naming the header, and stores nothing', async () => {
    const delivery = signedDelivery({ secret: IDENTIFICATION_SECRET, eventType: 'IDENTIFICATION', body: '{"id":"x"}', webhookId: 'x'.repeat(256) });
    const response = await post(delivery);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field: 'solaris-webhook-id', message: expect.stringContaining('255 characters') });
    expect(await deliveriesWithWebhookId(database.db, webhookIdOf(delivery))).toEqual([]);
  });

  it('accepts a subscription secret renewed or a subscription stored by another process at once, and no longer the old secret', async () => {
    const [stored] = (await listActiveWebhookSubscriptions(database.db)).filter((row) => row.eventType === 'IDENTIFICATION');
    if (!stored?.secret) throw new Error('no stored IDENTIFICATION subscription');
    const original = { id: stored.id, eventType: stored.eventType, url: stored.url, secret: stored.secret };
    const signedWith = (secret: string, subscriptionId = original.id) => deliveryAbout(3_000, { secret, subscriptionId });
    expect((await post(signedWith(original.secret))).status).toBe(202);

    try {
      // `pnpm solaris:subscribe` in another process: this server is not told.
      await saveWebhookSubscription(database.db, { ...original, secret: 'renewed-elsewhere' });
      expect((await post(signedWith('renewed-elsewhere'))).status).toBe(202);
      expect((await post(signedWith(original.secret))).status).toBe(401);

      await saveWebhookSubscription(database.db, { ...original, id: 'subscribed-elsewhere', secret: 'secret-elsewhere' });
      expect((await post(signedWith('secret-elsewhere', 'subscribed-elsewhere'))).status).toBe(202);
    } finally {
      await saveWebhookSubscription(database.db, original);
    }
  });
});
