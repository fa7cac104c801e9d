import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../testing.ts';
import {
  cancelWebhookSubscription,
  findActiveWebhookSubscription,
  listActiveWebhookSubscriptions,
  saveWebhookSubscription,
} from './webhook-subscriptions.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('webhook subscriptions', () => {
  it('stores a subscription with its secret, finds it while active and forgets it once cancelled', async () => {
    const url = 'https://identdesk.example/webhooks/solaris';
    await saveWebhookSubscription(handle.db, { id: 'sub-a', eventType: 'IDENTIFICATION', url, secret: 's1', createdAt: new Date(1) });
    await saveWebhookSubscription(handle.db, { id: 'sub-b', eventType: 'PERSON_CHANGED', url, secret: 's2', createdAt: new Date(2) });
    expect(await findActiveWebhookSubscription(handle.db, 'sub-a')).toMatchObject({ eventType: 'IDENTIFICATION', secret: 's1' });
    expect((await listActiveWebhookSubscriptions(handle.db)).map((row) => row.id)).toEqual(['sub-a', 'sub-b']);

    await cancelWebhookSubscription(handle.db, 'sub-a', new Date(3));
    expect(await findActiveWebhookSubscription(handle.db, 'sub-a')).toBeNull();
    expect((await listActiveWebhookSubscriptions(handle.db)).map((row) => row.id)).toEqual(['sub-b']);
    expect(await findActiveWebhookSubscription(handle.db, 'unknown')).toBeNull();
  });

  it('takes the new secret when the same subscription id is saved again', async () => {
    const url = 'https://identdesk.example/webhooks/solaris';
    await saveWebhookSubscription(handle.db, { id: 'sub-c', eventType: 'IDENTIFICATION', url, secret: 'old' });
    await saveWebhookSubscription(handle.db, { id: 'sub-c', eventType: 'IDENTIFICATION', url, secret: 'new' });
    expect(await findActiveWebhookSubscription(handle.db, 'sub-c')).toMatchObject({ secret: 'new' });
  });
});
