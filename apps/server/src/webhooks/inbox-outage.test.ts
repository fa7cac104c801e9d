import { openDatabase, webhookDeliveries, type DatabaseHandle } from '@identdesk/db';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.ts';
import { startTestServer, waitFor } from '../testing/harness.ts';
import { startPrivatePostgres, type PrivatePostgres } from '../testing/private-postgres.ts';
import { signedDelivery } from '../testing/solaris-fixtures.ts';

const IDENTIFICATION_SECRET = 'outage-identification-secret';

/**
 * Deliveries stored together fail together when the database goes away: each of their senders
 * is answered 503 with Retry-After, none of them is half stored, and Solaris' next attempt is
 * accepted once the database is back.
 */
describe('webhook deliveries while the database is gone', () => {
  let postgres: PrivatePostgres;
  let database: DatabaseHandle;
  let server: RunningServer;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    database = await openDatabase({ url: postgres.url, poolMax: 4, onError: () => {} });
    server = await startTestServer({ database, env: { SOLARIS_WEBHOOK_SECRET_IDENTIFICATION: IDENTIFICATION_SECRET } });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.close();
    postgres?.remove();
  });

  const post = (delivery: { headers: Record<string, string>; body: string }) =>
    fetch(`${server.localUrl}/webhooks/solaris`, { method: 'POST', headers: delivery.headers, body: delivery.body });

  function burst() {
    const unique = Array.from({ length: 24 }, (_, index) =>
      signedDelivery({ secret: IDENTIFICATION_SECRET, eventType: 'IDENTIFICATION', body: JSON.stringify({ id: `outage-${index}`, status: 'pending' }) }),
    );
    // Solaris retrying a few of them while the first attempt is still unanswered.
    return [...unique, ...unique.slice(0, 6)];
  }

  const webhookIdsOf = (deliveries: Array<{ headers: Record<string, string> }>) => [
    ...new Set(deliveries.map((delivery) => delivery.headers['solaris-webhook-id'] ?? '')),
  ];

  it('answers every sender of a burst 503 with Retry-After and stores none of it, then takes the retries once it is back', async () => {
    const deliveries = burst();
    expect((await post(signedDelivery({ secret: IDENTIFICATION_SECRET, eventType: 'IDENTIFICATION', body: '{"id":"before"}' }))).status).toBe(202);

    postgres.stop('immediate');
    const answers = await Promise.all(deliveries.map((delivery) => post(delivery)));
    for (const answer of answers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await answer.json()).toMatchObject({ error: 'unavailable', message: expect.stringMatching(/try again/i) });
    }

    postgres.start();
    await waitFor(() => fetch(`${server.localUrl}/readyz`), (response) => response.status === 200, {
      what: 'the database back',
      timeoutMs: 30_000,
    });
    const webhookIds = webhookIdsOf(deliveries);
    const storedDuringOutage = await database.db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.webhookId, webhookIds));
    expect(storedDuringOutage).toEqual([]);

    const retried = await Promise.all(deliveries.map((delivery) => post(delivery)));
    const statuses = retried.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(webhookIds.length);
    expect(statuses.filter((status) => status === 200)).toHaveLength(deliveries.length - webhookIds.length);
    const stored = await database.db.select().from(webhookDeliveries).where(inArray(webhookDeliveries.webhookId, webhookIds));
    expect(stored.map((row) => row.webhookId).sort()).toEqual([...webhookIds].sort());
  }, 90_000);
});
