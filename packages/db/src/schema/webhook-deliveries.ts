import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { isOneOf, timestamptz } from './columns.ts';

/**
 * The life of a stored delivery in the durable queue: `received` → `processing` → `processed`;
 * a try that throws leaves it `failed` with a later `next_attempt_at` (due again then), and
 * `dead` once retries are exhausted. `rejected`: the signature did not verify; never processed.
 */
export const WEBHOOK_DELIVERY_STATUSES = ['received', 'processing', 'processed', 'failed', 'dead', 'rejected'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The `solaris-webhook-id` header. */
    webhookId: text('webhook_id').notNull(),
    eventType: text('event_type').notNull(),
    subscriptionId: text('subscription_id'),
    /** The `solaris-entity-id` header (the person id for person events). */
    entityId: text('entity_id'),
    /** The `solaris-webhook-attempt` header: Solaris' delivery attempt. */
    attempt: integer('attempt'),
    signatureValid: boolean('signature_valid').notNull(),
    headers: jsonb('headers').$type<Record<string, string>>().notNull(),
    rawBody: text('raw_body').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('received'),
    /** Identdesk's processing attempts. */
    attempts: integer('attempts').notNull().default(0),
    /** When the queue should (re)try it; while `processing`, the end of the claim's lease. */
    nextAttemptAt: timestamptz('next_attempt_at').defaultNow(),
    lastError: text('last_error'),
    processedAt: timestamptz('processed_at'),
    /**
     * Arrival order. Deliveries stored together share a `received_at` (and the sandbox clock can
     * repeat a millisecond); the worker still applies a person's deliveries in the order they came.
     */
    arrival: bigint('arrival', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
  },
  (t) => [
    // Unique among verified deliveries only: a forged or mis-signed delivery must not claim the
    // id of the genuine one that Solaris retries later.
    uniqueIndex('webhook_deliveries_webhook_id_unique')
      .on(t.webhookId)
      .where(sql`${t.signatureValid}`),
    index('webhook_deliveries_status_next_attempt_at_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_received_at_idx').on(t.receivedAt),
    check('webhook_deliveries_status_known', isOneOf(t.status, WEBHOOK_DELIVERY_STATUSES)),
  ],
);

export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
