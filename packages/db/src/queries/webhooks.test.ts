import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.ts';
import {
  claimDueWebhookDeliveries,
  markWebhookDeliveryFailed,
  markWebhookDeliveryProcessed,
  recordWebhookDelivery,
  type WebhookDeliveryInput,
} from './webhooks.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const t = (seconds: number) => new Date(Date.UTC(2024, 0, 1, 12, 0, seconds));

function delivery(overrides: Partial<WebhookDeliveryInput> = {}): WebhookDeliveryInput {
  return {
    webhookId: `wh-${Math.random().toString(36).slice(2)}`,
    eventType: 'IDENTIFICATION',
    subscriptionId: 'sub-1',
    entityId: null,
    attempt: 1,
    signatureValid: true,
    headers: { 'solaris-webhook-event-type': 'IDENTIFICATION' },
    rawBody: '{"id":"x","status":"pending"}',
    receivedAt: t(0),
    ...overrides,
  };
}

describe('webhook deliveries', () => {
  it('ignores a repeated verified delivery but keeps a forged one from claiming its id', async () => {
    const input = delivery();
    const forged = await recordWebhookDelivery(handle.db, { ...input, signatureValid: false });
    expect(forged).toMatchObject({ duplicate: false, status: 'rejected' });

    const first = await recordWebhookDelivery(handle.db, input);
    expect(first).toMatchObject({ duplicate: false, status: 'received' });
    const repeat = await recordWebhookDelivery(handle.db, { ...input, attempt: 2 });
    expect(repeat).toEqual({ id: first.id, duplicate: true, status: 'received' });
  });

  it('hands each due delivery to one claimer, retries failures and buries the hopeless', async () => {
    const a = await recordWebhookDelivery(handle.db, delivery({ receivedAt: t(1) }));
    const b = await recordWebhookDelivery(handle.db, delivery({ receivedAt: t(2) }));
    await recordWebhookDelivery(handle.db, delivery({ receivedAt: t(3), signatureValid: false }));

    // Everything left over from the first test is due too; claim from a clean slate.
    const now = t(10);
    const [first, second] = await Promise.all([
      claimDueWebhookDeliveries(handle.db, { now, limit: 10, leaseMs: 60_000 }),
      claimDueWebhookDeliveries(handle.db, { now, limit: 10, leaseMs: 60_000 }),
    ]);
    const claimed = [...first, ...second].map((row) => row.id);
    expect(claimed).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(new Set(claimed).size).toBe(claimed.length);
    expect(claimed).toHaveLength(3);

    expect(await claimDueWebhookDeliveries(handle.db, { now: t(20), limit: 10, leaseMs: 60_000 })).toEqual([]);

    await markWebhookDeliveryProcessed(handle.db, a.id, t(11));
    await markWebhookDeliveryFailed(handle.db, { id: b.id, error: 'Solaris 503', retryAt: t(40) });
    const retried = await claimDueWebhookDeliveries(handle.db, { now: t(40), limit: 10, leaseMs: 60_000 });
    expect(retried.map((row) => [row.id, row.attempts, row.lastError])).toEqual([[b.id, 2, 'Solaris 503']]);

    await markWebhookDeliveryFailed(handle.db, { id: b.id, error: 'still 503', retryAt: null });
    // The third claimed delivery's lease ran out (never marked): it is due again.
    const afterLease = await claimDueWebhookDeliveries(handle.db, { now: t(200), limit: 10, leaseMs: 60_000 });
    expect(afterLease.map((row) => row.id)).not.toContain(b.id);
    expect(afterLease.map((row) => row.id)).not.toContain(a.id);
    expect(afterLease).toHaveLength(1);
    expect(afterLease[0]?.attempts).toBe(2);
  });

  it('hands a claimed batch over in arrival order, a retried delivery ahead of those that came after it', async () => {
    // A clean slate: what earlier tests left due is claimed first.
    await claimDueWebhookDeliveries(handle.db, { now: t(300), limit: 100, leaseMs: 3_600_000 });
    const retried = await recordWebhookDelivery(handle.db, delivery({ receivedAt: t(301) }));
    await claimDueWebhookDeliveries(handle.db, { now: t(302), limit: 10, leaseMs: 3_600_000 });
    await markWebhookDeliveryFailed(handle.db, { id: retried.id, error: 'Solaris 503', retryAt: t(330) });
    // Deliveries stored together share their arrival second; the arrival sequence orders them.
    const later = [];
    for (let index = 0; index < 6; index++) later.push(await recordWebhookDelivery(handle.db, delivery({ receivedAt: t(310) })));

    const claimed = await claimDueWebhookDeliveries(handle.db, { now: t(340), limit: 10, leaseMs: 60_000 });
    expect(claimed.map((row) => row.id)).toEqual([retried.id, ...later.map((row) => row.id)]);
  });
});
