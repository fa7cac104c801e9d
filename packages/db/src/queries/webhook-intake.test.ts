import { randomBytes, randomUUID } from 'node:crypto';
import { asc, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webhookDeliveries } from '../schema/webhook-deliveries.ts';
import { openTestDatabase, type TestDatabase } from '../testing.ts';
import { storeVerifiedWebhookDeliveries, type VerifiedWebhookDeliveryInput } from './webhook-intake.ts';
import { recordWebhookDelivery } from './webhooks.ts';

let handle: TestDatabase;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(() => handle.close());

const at = (milliseconds: number) => new Date(Date.UTC(2026, 10, 26, 9, 0, 0, milliseconds));

function delivery(index: number, overrides: Partial<VerifiedWebhookDeliveryInput> = {}): VerifiedWebhookDeliveryInput {
  return {
    webhookId: randomUUID(),
    eventType: 'IDENTIFICATION',
    subscriptionId: index % 2 === 0 ? 'sub-identification' : null,
    entityId: `person-${index}`,
    attempt: index % 3 === 0 ? null : index,
    headers: { 'solaris-webhook-event-type': 'IDENTIFICATION', 'user-agent': `Solaris "${index}" \\ ü` },
    rawBody: JSON.stringify({ id: `identification-${index}`, status: 'pending' }),
    receivedAt: at(index),
    ...overrides,
  };
}

async function storedRows(webhookIds: string[]) {
  return handle.db
    .select()
    .from(webhookDeliveries)
    .where(inArray(webhookDeliveries.webhookId, webhookIds))
    .orderBy(asc(webhookDeliveries.arrival));
}

describe('storing verified webhook deliveries together', () => {
  it('stores a batch in one go, numbered by arrival in the order given, each queued as it came', async () => {
    const batch = Array.from({ length: 40 }, (_, index) => delivery(index));
    const outcomes = await storeVerifiedWebhookDeliveries(handle.db, batch);
    expect(outcomes.every((outcome) => outcome.stored && !outcome.duplicate)).toBe(true);

    const rows = await storedRows(batch.map((input) => input.webhookId));
    expect(rows.map((row) => row.webhookId)).toEqual(batch.map((input) => input.webhookId));
    expect(rows.map((row) => row.id)).toEqual(outcomes.map((outcome) => (outcome.stored ? outcome.id : null)));
    rows.forEach((row, index) => {
      const input = batch[index] as VerifiedWebhookDeliveryInput;
      expect(row).toMatchObject({
        eventType: 'IDENTIFICATION',
        subscriptionId: input.subscriptionId,
        entityId: input.entityId,
        attempt: input.attempt,
        signatureValid: true,
        status: 'received',
        headers: input.headers,
        rawBody: input.rawBody,
        attempts: 0,
      });
      expect(row.receivedAt.getTime()).toBe(input.receivedAt.getTime());
      expect(row.nextAttemptAt?.getTime()).toBe(input.receivedAt.getTime());
    });
  });

  it('answers a repeat, stored earlier or earlier in the same batch, with the stored id and adds nothing', async () => {
    const earlier = delivery(1);
    const [stored] = await storeVerifiedWebhookDeliveries(handle.db, [earlier]);
    // A forged delivery with the same id was kept for inspection: it does not make anything a repeat.
    const forgedOnly = delivery(2);
    await recordWebhookDelivery(handle.db, { ...forgedOnly, signatureValid: false });

    const fresh = delivery(3);
    const batch = [delivery(4, { webhookId: earlier.webhookId }), fresh, forgedOnly, delivery(5, { webhookId: fresh.webhookId })];
    const outcomes = await storeVerifiedWebhookDeliveries(handle.db, batch);
    const rows = await storedRows([earlier.webhookId, fresh.webhookId, forgedOnly.webhookId]);
    const idOf = (webhookId: string, signatureValid = true) =>
      rows.find((row) => row.webhookId === webhookId && row.signatureValid === signatureValid)?.id;

    expect(outcomes).toEqual([
      { stored: true, duplicate: true, id: stored?.stored ? stored.id : 'missing' },
      { stored: true, duplicate: false, id: idOf(fresh.webhookId) },
      { stored: true, duplicate: false, id: idOf(forgedOnly.webhookId) },
      { stored: true, duplicate: true, id: idOf(fresh.webhookId) },
    ]);
    expect(rows.map((row) => [row.webhookId, row.signatureValid])).toEqual([
      [earlier.webhookId, true],
      [forgedOnly.webhookId, false],
      [fresh.webhookId, true],
      [forgedOnly.webhookId, true],
    ]);
  });

  it('stores the others of a batch, still in order, when one row cannot be stored', async () => {
    // A webhook id too long for an entry of the unique index (random, so it does not compress).
    const unstorable = delivery(1, { webhookId: randomBytes(6_000).toString('base64') });
    const batch = [delivery(0), unstorable, delivery(2), delivery(3, { webhookId: unstorable.webhookId }), delivery(4)];
    const outcomes = await storeVerifiedWebhookDeliveries(handle.db, batch);

    expect(outcomes.map((outcome) => outcome.stored)).toEqual([true, false, true, false, true]);
    const failure = outcomes[1];
    expect(failure?.stored === false && String((failure.error as Error).cause ?? failure.error)).toMatch(/index row size/);
    const rows = await storedRows(batch.map((input) => input.webhookId));
    expect(rows.map((row) => row.webhookId)).toEqual([batch[0], batch[2], batch[4]].map((input) => input?.webhookId));
  });
});
