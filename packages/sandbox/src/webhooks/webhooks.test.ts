import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '@identdesk/solaris';
import { MINUTE } from '../core/clock.ts';
import { startTestSandbox, waitFor, type TestSandbox } from '../testing/harness.ts';
import { fieldsOf, postJson, SEED_PERSON_REQUEST, uniqueName } from '../testing/fixtures.ts';
import { startWebhookReceiver } from '../testing/webhook-receiver.ts';
import { retryDelayMs, DEFAULT_WEBHOOK_RETRY_POLICY } from './outbox.ts';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(async () => {
  await t?.close();
});

interface DeliveryRow {
  id: string;
  subscription_id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_status_code: number | null;
}

async function deliveries(subscriptionId: string): Promise<DeliveryRow[]> {
  const response = await fetch(`${t.baseUrl}/_control/webhook-deliveries`);
  return ((await response.json()) as DeliveryRow[]).filter((row) => row.subscription_id === subscriptionId);
}

/** A requested identification that then waits for a (simulated) customer: exactly one IDENTIFICATION event. */
async function requestWaitingIdentification() {
  const created = await postJson(t, '/v1/persons', {
    ...SEED_PERSON_REQUEST,
    first_name: 'X-MANUALTEST-HAPPYPATH',
    last_name: uniqueName('Hook'),
  });
  const personId = (created.body as { id: string }).id;
  const identification = await t.client.createIdentification(personId, { method: 'idnow' });
  await t.client.requestIdentification(personId, identification.id);
  return { personId, identificationId: identification.id };
}

describe('webhook subscriptions', () => {
  it('returns the secret once, pings with an empty signed WEBHOOK-SUBSCRIPTION delivery, lists and deletes', async () => {
    const receiver = await startWebhookReceiver();
    try {
      const created = await t.client.createWebhookSubscription({ event_type: 'IDENTIFICATION', url: receiver.url });
      expect(created).toEqual({ id: expect.stringMatching(/^[0-9a-f]{32}cwhk$/), event_type: 'IDENTIFICATION', url: receiver.url, secret: expect.any(String) });
      expect(created.secret.length).toBeGreaterThanOrEqual(32);

      const [ping] = await waitFor(() => receiver.deliveries, (seen) => seen.length >= 1, { what: 'the ping' });
      expect(ping?.webhook).toMatchObject({ eventType: 'WEBHOOK-SUBSCRIPTION', subscriptionId: created.id, attempt: 1 });
      expect(ping?.webhook.webhookId).toMatch(/^[0-9a-f-]{36}$/);
      expect(ping?.rawBody).toBe('');
      expect(verifyWebhookSignature({ secret: created.secret, rawBody: '', header: ping?.webhook.signature })).toBe(true);
      expect(verifyWebhookSignature({ secret: 'not-the-secret', rawBody: '', header: ping?.webhook.signature })).toBe(false);

      const listed = await t.client.listWebhookSubscriptions();
      const mine = listed.find((subscription) => subscription.id === created.id);
      expect(mine).toEqual({ id: created.id, event_type: 'IDENTIFICATION', url: receiver.url });
      const single = await (await t.api(`/v1/webhooks/${created.id}`)).json();
      expect(single).not.toHaveProperty('secret');

      await t.client.deleteWebhookSubscription(created.id);
      expect((await t.client.listWebhookSubscriptions()).map((subscription) => subscription.id)).not.toContain(created.id);
      expect((await t.api(`/v1/webhooks/${created.id}`)).status).toBe(404);
    } finally {
      await receiver.close();
    }
  });

  it('refuses unknown event types and URLs that are not http(s)', async () => {
    const created = await postJson(t, '/v1/webhooks', { event_type: 'ACCOUNT_OPENED', url: 'ftp://example.com/hook' });
    expect(created.status).toBe(400);
    expect(fieldsOf(created.body).sort()).toEqual(['event_type', 'url']);
  });
});

describe('webhook deliveries', () => {
  it('retries a failing receiver with exponential backoff until it answers 2xx', async () => {
    let failuresLeft = 2;
    const receiver = await startWebhookReceiver((delivery) => {
      if (delivery.webhook.eventType !== 'PERSON_CHANGED' && delivery.webhook.eventType !== 'IDENTIFICATION') return 200;
      return failuresLeft-- > 0 ? 503 : 200;
    });
    try {
      const subscription = await t.client.createWebhookSubscription({ event_type: 'IDENTIFICATION', url: receiver.url });
      await waitFor(() => receiver.deliveries.length, (count) => count >= 1, { what: 'the ping' });
      const { identificationId } = await requestWaitingIdentification();
      const forThis = () =>
        receiver.deliveries.filter(
          (delivery) => delivery.webhook.eventType === 'IDENTIFICATION' && delivery.rawBody.includes(identificationId),
        );
      await waitFor(forThis, (seen) => seen.length >= 1, { what: 'first attempt' });
      expect(forThis()[0]?.answered).toBe(503);
      // Not yet due: the first retry waits one minute of sandbox time.
      await t.advance(retryDelayMs(DEFAULT_WEBHOOK_RETRY_POLICY, 1) - 5_000);
      expect(forThis()).toHaveLength(1);
      await t.advance(5_000);
      await waitFor(forThis, (seen) => seen.length >= 2, { what: 'second attempt' });
      await t.advance(retryDelayMs(DEFAULT_WEBHOOK_RETRY_POLICY, 2));
      await waitFor(forThis, (seen) => seen.length >= 3, { what: 'third attempt' });
      const attempts = forThis();
      expect(attempts.map((delivery) => [delivery.webhook.attempt, delivery.answered])).toEqual([
        [1, 503],
        [2, 503],
        [3, 200],
      ]);
      expect(new Set(attempts.map((delivery) => delivery.webhook.webhookId)).size).toBe(1);
      const rows = await deliveries(subscription.id);
      expect(rows.find((row) => row.event_type === 'IDENTIFICATION')).toMatchObject({ status: 'delivered', attempts: 3 });
      await t.client.deleteWebhookSubscription(subscription.id);
    } finally {
      await receiver.close();
    }
  });

  it('gives up after the retry horizon', async () => {
    const receiver = await startWebhookReceiver(() => 500);
    const short = await startTestSandbox({ webhookRetry: { horizonMs: 10 * MINUTE } });
    try {
      const subscription = await short.client.createWebhookSubscription({ event_type: 'IDENTIFICATION', url: receiver.url });
      await waitFor(() => receiver.deliveries.length, (count) => count >= 1, { what: 'first attempt' });
      // 1 + 2 + 4 minutes of retries fit into 10 minutes; the next (8 more) does not.
      for (const ms of [MINUTE, 2 * MINUTE, 4 * MINUTE]) await short.advance(ms);
      await waitFor(() => receiver.deliveries.length, (count) => count >= 4, { what: 'fourth attempt' });
      const response = await fetch(`${short.baseUrl}/_control/webhook-deliveries`);
      const [row] = ((await response.json()) as DeliveryRow[]).filter((entry) => entry.subscription_id === subscription.id);
      expect(row).toMatchObject({ status: 'failed', attempts: 4, last_status_code: 500 });
      await short.advance(60 * MINUTE);
      expect(receiver.deliveries).toHaveLength(4);
    } finally {
      await short.close();
      await receiver.close();
    }
  });

  it('cancels the subscription when the receiver answers 410', async () => {
    const receiver = await startWebhookReceiver(() => 410);
    try {
      const subscription = await t.client.createWebhookSubscription({ event_type: 'IDENTIFICATION', url: receiver.url });
      await waitFor(() => receiver.deliveries.length, (count) => count >= 1, { what: 'the ping' });
      await waitFor(() => deliveries(subscription.id), (rows) => rows[0]?.status === 'canceled', { what: 'canceled delivery' });
      expect((await t.client.listWebhookSubscriptions()).map((entry) => entry.id)).not.toContain(subscription.id);
      await requestWaitingIdentification();
      await t.advance(2 * MINUTE);
      expect(receiver.deliveries).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  });

  it('stops retrying a delivery answered with 422, and keeps the subscription', async () => {
    const receiver = await startWebhookReceiver(() => 422);
    try {
      const subscription = await t.client.createWebhookSubscription({ event_type: 'IDENTIFICATION', url: receiver.url });
      await waitFor(() => deliveries(subscription.id), (rows) => rows[0]?.status === 'rejected', { what: 'rejected delivery' });
      await t.advance(30 * MINUTE);
      expect(receiver.deliveries).toHaveLength(1);
      expect((await t.client.listWebhookSubscriptions()).map((entry) => entry.id)).toContain(subscription.id);
      await t.client.deleteWebhookSubscription(subscription.id);
    } finally {
      await receiver.close();
    }
  });

  it('retries when the receiver does not answer in time', async () => {
    let hang = true;
    const receiver = await startWebhookReceiver(() => 200);
    const slow = await startTestSandbox({ webhookRetry: { timeoutMs: 200 } });
    const { createServer } = await import('node:http');
    const hanging = createServer((request, response) => {
      request.resume();
      if (hang) {
        hang = false;
        return; // never answers
      }
      response.end();
    });
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const address = hanging.address();
    const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}/hook` : '';
    try {
      const subscription = await slow.client.createWebhookSubscription({ event_type: 'IDENTIFICATION', url });
      const readRows = async () => {
        const response = await fetch(`${slow.baseUrl}/_control/webhook-deliveries`);
        return ((await response.json()) as (DeliveryRow & { last_error: string | null })[]).filter(
          (row) => row.subscription_id === subscription.id,
        );
      };
      const [timedOut] = await waitFor(readRows, (rows) => rows[0]?.attempts === 1, { what: 'timed out attempt' });
      expect(timedOut).toMatchObject({ status: 'pending', last_status_code: null });
      expect(timedOut?.last_error).toContain('no answer within 200 ms');
      await slow.advance(MINUTE);
      await waitFor(readRows, (rows) => rows[0]?.status === 'delivered', { what: 'delivered retry' });
    } finally {
      hanging.closeAllConnections();
      await new Promise<void>((resolve) => hanging.close(() => resolve()));
      await slow.close();
      await receiver.close();
    }
  });
});
