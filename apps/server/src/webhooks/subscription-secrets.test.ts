import { listActiveWebhookSubscriptions, saveWebhookSubscription, cancelWebhookSubscription } from '@identdesk/db';
import { openTestDatabase, type TestDatabase } from '@identdesk/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscriptionGate } from './subscription-gate.ts';
import { createSubscriptionSecrets } from './subscription-secrets.ts';

let database: TestDatabase;

beforeAll(async () => {
  database = await openTestDatabase();
});

afterAll(async () => {
  await database?.close();
});

/** The cache over the real database, counting how often it reads the subscriptions. */
function secretsWithReadCount(minRereadIntervalMs: number) {
  const gate = createSubscriptionGate();
  const counter = { reads: 0 };
  const secrets = createSubscriptionSecrets({
    db: database.db,
    gate,
    minRereadIntervalMs,
    readActive: () => {
      counter.reads++;
      return listActiveWebhookSubscriptions(database.db);
    },
  });
  return { gate, counter, secrets };
}

const subscription = (id: string, secret: string) => ({ id, eventType: 'IDENTIFICATION', url: 'https://identdesk.example/webhooks/solaris', secret });

describe('subscription secrets kept in memory', () => {
  it('reads once for many deliveries, and again after this process changed a subscription', async () => {
    await saveWebhookSubscription(database.db, subscription('sub-memory', 'first-secret'));
    const { gate, counter, secrets } = secretsWithReadCount(60_000);

    const found = await Promise.all(Array.from({ length: 20 }, () => secrets.lookup('sub-memory')));
    expect(found.every((entry) => entry?.secret === 'first-secret')).toBe(true);
    expect(counter.reads).toBe(1);

    await saveWebhookSubscription(database.db, subscription('sub-memory', 'renewed-secret'));
    gate.changed();
    expect(await secrets.lookup('sub-memory')).toEqual({ eventType: 'IDENTIFICATION', secret: 'renewed-secret' });
    expect(counter.reads).toBe(2);

    await cancelWebhookSubscription(database.db, 'sub-memory', new Date());
    gate.changed();
    expect(await secrets.lookup('sub-memory')).toBeNull();
  });

  it('picks up a secret renewed by another process when a signature does not match', async () => {
    await saveWebhookSubscription(database.db, subscription('sub-elsewhere', 'old-secret'));
    const { secrets } = secretsWithReadCount(50);
    expect((await secrets.lookup('sub-elsewhere'))?.secret).toBe('old-secret');

    // `pnpm solaris:subscribe` in another process renews it: this process' gate knows nothing.
    await saveWebhookSubscription(database.db, subscription('sub-elsewhere', 'new-secret'));
    expect((await secrets.lookup('sub-elsewhere'))?.secret).toBe('old-secret');
    expect((await secrets.reread('sub-elsewhere'))?.secret).toBe('new-secret');
  });

  it('finds a subscription stored by another process at its first delivery', async () => {
    const { secrets } = secretsWithReadCount(50);
    expect(await secrets.lookup('sub-later')).toBeNull();
    await saveWebhookSubscription(database.db, subscription('sub-later', 'later-secret'));
    expect((await secrets.lookup('sub-later'))?.secret).toBe('later-secret');
  });

  it('turns a flood of forged deliveries into at most one read per interval', async () => {
    const { counter, secrets } = secretsWithReadCount(300);
    await secrets.lookup('sub-none');
    const readsBefore = counter.reads;
    const started = performance.now();
    const flood = await Promise.all(
      Array.from({ length: 100 }, (_, index) => (index % 2 === 0 ? secrets.lookup(`forged-${index}`) : secrets.reread('sub-none'))),
    );
    const elapsed = performance.now() - started;
    expect(flood.every((entry) => entry === null)).toBe(true);
    // Every one of them waited for the same next read instead of causing its own.
    expect(counter.reads - readsBefore).toBe(1);
    expect(elapsed).toBeLessThan(5_000);
  });
});
