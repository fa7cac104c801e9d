import { IDENTIFICATION_STATUSES } from '@identdesk/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../schema/webhook-deliveries.ts';
import { createIdentification, createPerson, openTestDatabase, type TestDatabase } from '../testing.ts';
import { getSystemOverview } from './overview.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

describe('getSystemOverview', () => {
  it('reports zeros for every status on an empty database', async () => {
    const overview = await getSystemOverview(handle.db);
    expect(overview).toEqual({
      persons: 0,
      identifications: 0,
      identificationsByStatus: Object.fromEntries(IDENTIFICATION_STATUSES.map((status) => [status, 0])),
      lastWebhookAt: null,
    });
  });

  it('counts persons and identifications by status as numbers, and the last accepted webhook', async () => {
    const jane = await createPerson(handle.db);
    const john = await createPerson(handle.db);
    await createIdentification(handle.db, jane.id, { status: 'successful' });
    await createIdentification(handle.db, jane.id, { status: 'aborted' });
    await createIdentification(handle.db, john.id, { status: 'successful' });

    const receivedAt = new Date('2024-03-01T08:00:00.000Z');
    const delivery = {
      eventType: 'IDENTIFICATION',
      headers: {},
      rawBody: '{}',
    };
    await handle.db.insert(webhookDeliveries).values([
      { ...delivery, webhookId: 'w1', signatureValid: true, receivedAt, status: 'processed' },
      {
        ...delivery,
        webhookId: 'w2',
        signatureValid: false,
        receivedAt: new Date('2024-03-02T08:00:00.000Z'),
        status: 'rejected',
      },
    ]);

    const overview = await getSystemOverview(handle.db);
    expect(overview.persons).toBe(2);
    expect(overview.identifications).toBe(3);
    expect(overview.identificationsByStatus).toMatchObject({ successful: 2, aborted: 1, created: 0, failed: 0 });
    expect(Object.keys(overview.identificationsByStatus)).toEqual([...IDENTIFICATION_STATUSES]);
    expect(typeof overview.persons).toBe('number');
    expect(overview.lastWebhookAt).toBe('2024-03-01T08:00:00.000Z');
  });
});
