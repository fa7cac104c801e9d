import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.ts';
import { countWebhookDeliveriesByStatus, listWebhookDeliveries, replayWebhookDelivery } from './webhook-admin.ts';
import {
  claimDueWebhookDeliveries,
  markWebhookDeliveryFailed,
  markWebhookDeliveryProcessed,
  recordWebhookDelivery,
} from './webhooks.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const t = (seconds: number) => new Date(Date.UTC(2024, 0, 1, 12, 0, seconds));

async function record(webhookId: string, receivedAt: Date, signatureValid = true) {
  return recordWebhookDelivery(handle.db, {
    webhookId,
    eventType: 'IDENTIFICATION',
    subscriptionId: 'sub-1',
    entityId: 'person-1',
    attempt: 1,
    signatureValid,
    headers: { 'solaris-webhook-id': webhookId },
    rawBody: '{"id":"x","status":"pending","url":"https://go.test.idnow.de/secret"}',
    receivedAt,
  });
}

describe('webhook delivery administration', () => {
  it('counts every status, lists newest first without bodies, and filters by status', async () => {
    const processed = await record('admin-processed', t(1));
    const dead = await record('admin-dead', t(2));
    await record('admin-rejected', t(3), false);
    await record('admin-received', t(4));
    const claimed = await claimDueWebhookDeliveries(handle.db, { now: t(5), limit: 2, leaseMs: 60_000 });
    expect(claimed.map((row) => row.id)).toEqual([processed.id, dead.id]);
    await markWebhookDeliveryProcessed(handle.db, processed.id, t(6));
    await markWebhookDeliveryFailed(handle.db, { id: dead.id, error: 'Solaris answered 400', retryAt: null });

    expect(await countWebhookDeliveriesByStatus(handle.db)).toEqual({
      received: 1,
      processing: 0,
      processed: 1,
      failed: 0,
      dead: 1,
      rejected: 1,
    });

    const all = await listWebhookDeliveries(handle.db, { pageSize: 3 });
    expect(all.total).toBe(4);
    expect(all.items.map((item) => item.webhookId)).toEqual(['admin-received', 'admin-rejected', 'admin-dead']);
    expect(Object.keys(all.items[0] ?? {})).not.toContain('rawBody');
    expect(JSON.stringify(all)).not.toContain('idnow.de');

    const second = await listWebhookDeliveries(handle.db, { pageSize: 3, page: 2 });
    expect(second.items.map((item) => item.webhookId)).toEqual(['admin-processed']);

    const attention = await listWebhookDeliveries(handle.db, { statuses: ['dead', 'failed'] });
    expect(attention).toMatchObject({ total: 1, page: 1, pageSize: 25 });
    expect(attention.items[0]).toMatchObject({ webhookId: 'admin-dead', lastError: 'Solaris answered 400', attempts: 1 });
  });

  it('replays a dead delivery with fresh attempts and refuses the ones that need no replay', async () => {
    const dead = await record('replay-dead', t(10));
    const rejected = await record('replay-rejected', t(11), false);
    await claimDueWebhookDeliveries(handle.db, { now: t(20), limit: 50, leaseMs: 60_000 });
    await markWebhookDeliveryFailed(handle.db, { id: dead.id, error: 'gave up', retryAt: null });

    expect(await replayWebhookDelivery(handle.db, { id: dead.id, now: t(30) })).toEqual({
      outcome: 'replayed',
      id: dead.id,
      eventType: 'IDENTIFICATION',
      previousStatus: 'dead',
    });
    const [replayed] = (await listWebhookDeliveries(handle.db, { statuses: ['received'] })).items.filter(
      (item) => item.id === dead.id,
    );
    expect(replayed).toMatchObject({ status: 'received', attempts: 0, lastError: null, nextAttemptAt: t(30) });

    expect(await replayWebhookDelivery(handle.db, { id: dead.id, now: t(31) })).toEqual({
      outcome: 'not_replayable',
      status: 'received',
    });
    expect(await replayWebhookDelivery(handle.db, { id: rejected.id, now: t(31) })).toEqual({
      outcome: 'not_replayable',
      status: 'rejected',
    });
    expect(await replayWebhookDelivery(handle.db, { id: '00000000-0000-4000-8000-000000000000', now: t(31) })).toEqual({
      outcome: 'not_found',
    });
  });
});
