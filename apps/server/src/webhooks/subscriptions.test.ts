import { listActiveWebhookSubscriptions } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../server.ts';
import { createDeliverySwitch, freePort, startTestServer } from '../testing/harness.ts';

let database: TestDatabase;
let running: RunningServer | null = null;
const deliveries = createDeliverySwitch();

beforeAll(async () => {
  database = await openTestDatabase();
  // Subscriptions to URLs nobody listens on are made below: their deliveries go nowhere.
  deliveries.state.mode = 'lose';
});

afterAll(async () => {
  await running?.stop();
  await database?.close();
});

async function restartOn(port: number) {
  await running?.stop();
  running = await startTestServer({ database, env: { PORT: String(port) }, sandboxFetch: deliveries.fetch });
  return running;
}

async function stored() {
  return (await listActiveWebhookSubscriptions(database.db)).map((row) => ({
    id: row.id,
    eventType: row.eventType,
    url: row.url,
    hasSecret: Boolean(row.secret),
  }));
}

describe('subscribing to the sandbox at start', () => {
  it('subscribes once and reuses the stored subscriptions across restarts', async () => {
    const port = await freePort();
    const first = await restartOn(port);
    expect(first.subscriptions).toMatchObject({ created: ['IDENTIFICATION', 'PERSON_CHANGED'], reused: [], removed: 0 });
    const afterFirst = await stored();
    expect(afterFirst).toEqual([
      { id: expect.any(String), eventType: 'IDENTIFICATION', url: `http://localhost:${port}/webhooks/solaris`, hasSecret: true },
      { id: expect.any(String), eventType: 'PERSON_CHANGED', url: `http://localhost:${port}/webhooks/solaris`, hasSecret: true },
    ]);

    const second = await restartOn(port);
    expect(second.subscriptions).toMatchObject({ created: [], reused: ['IDENTIFICATION', 'PERSON_CHANGED'], removed: 0 });
    expect(await stored()).toEqual(afterFirst);
    const atSolaris = await second.solaris.listWebhookSubscriptions({ page: 1, pageSize: 100 });
    expect(atSolaris.map((subscription) => subscription.id).sort()).toEqual(afterFirst.map((row) => row.id).sort());
  });

  it('removes a subscription to its URL whose secret it does not hold', async () => {
    const server = running;
    if (!server) throw new Error('the first test started a server');
    const orphan = await server.solaris.createWebhookSubscription({ event_type: 'IDENTIFICATION', url: server.urls.webhookUrl });

    const restarted = await restartOn(server.port);
    expect(restarted.subscriptions).toMatchObject({ created: [], removed: 1 });
    const atSolaris = await restarted.solaris.listWebhookSubscriptions({ page: 1, pageSize: 100 });
    expect(atSolaris.map((subscription) => subscription.id)).not.toContain(orphan.id);
  });

  it('moves its subscriptions when the public URL changes, and subscribes again when Solaris lost them', async () => {
    const server = running;
    if (!server) throw new Error('the first test started a server');
    const before = await stored();

    const moved = await restartOn(await freePort());
    expect(moved.subscriptions).toMatchObject({ created: ['IDENTIFICATION', 'PERSON_CHANGED'], removed: 2 });
    const after = await stored();
    expect(after.map((row) => row.url)).toEqual([moved.urls.webhookUrl, moved.urls.webhookUrl]);
    expect(after.map((row) => row.id)).not.toContain(before[0]?.id);

    // Solaris cancelled them on its side (a 410 answer, or deleted by hand): subscribe afresh.
    for (const row of after) await moved.solaris.deleteWebhookSubscription(row.id);
    const again = await restartOn(moved.port);
    expect(again.subscriptions).toMatchObject({ created: ['IDENTIFICATION', 'PERSON_CHANGED'], reused: [] });
    expect((await stored()).map((row) => row.id)).not.toEqual(after.map((row) => row.id));
  });
});
