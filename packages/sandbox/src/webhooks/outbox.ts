import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { SOLARIS_WEBHOOK_EVENT_TYPES } from '@identdesk/solaris';
import { DAY, MINUTE, HOUR } from '../core/clock.ts';
import type { Queryable } from '../db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../db/schema.ts';

/** Event types a partner can subscribe to. `WEBHOOK-SUBSCRIPTION` is only the first, empty delivery. */
export const SUBSCRIBABLE_EVENT_TYPES = SOLARIS_WEBHOOK_EVENT_TYPES.filter(
  (type): type is Exclude<(typeof SOLARIS_WEBHOOK_EVENT_TYPES)[number], 'WEBHOOK-SUBSCRIPTION'> =>
    type !== 'WEBHOOK-SUBSCRIPTION',
);
export type SubscribableEventType = (typeof SUBSCRIBABLE_EVENT_TYPES)[number];

/** Event types the sandbox emits itself. */
export type EmittedEventType = 'IDENTIFICATION' | 'PERSON_CHANGED' | 'WEBHOOK-SUBSCRIPTION';

export interface WebhookRetryPolicy {
  /** Delay after the first failed attempt, in sandbox ms; doubles per attempt. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Retries stop this long (sandbox time) after the event. */
  horizonMs: number;
  /** How long the receiver may take to answer, wall-clock ms. */
  timeoutMs: number;
}

export const DEFAULT_WEBHOOK_RETRY_POLICY: WebhookRetryPolicy = {
  firstDelayMs: MINUTE,
  maxDelayMs: 6 * HOUR,
  horizonMs: 5 * DAY,
  timeoutMs: 30_000,
};

export function retryDelayMs(policy: WebhookRetryPolicy, failedAttempts: number): number {
  return Math.min(policy.firstDelayMs * 2 ** Math.max(0, failedAttempts - 1), policy.maxDelayMs);
}

export interface WebhookEvent {
  eventType: EmittedEventType;
  /** `solaris-entity-id`: the person the event concerns. */
  entityId: string | null;
  /** The raw body; empty for PERSON_CHANGED and WEBHOOK-SUBSCRIPTION. */
  body: string;
}

async function insertDelivery(
  db: Queryable,
  subscriptionId: string,
  event: WebhookEvent,
  at: Date,
  policy: WebhookRetryPolicy,
): Promise<void> {
  await db.insert(webhookDeliveries).values({
    id: randomUUID(),
    subscriptionId,
    eventType: event.eventType,
    entityId: event.entityId,
    body: event.body,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    giveUpAt: new Date(at.getTime() + policy.horizonMs),
    createdAt: at,
  });
}

/** Queues the event for every active subscription of its type, in the caller's transaction. */
export async function enqueueWebhookEvent(
  db: Queryable,
  event: WebhookEvent & { eventType: 'IDENTIFICATION' | 'PERSON_CHANGED' },
  at: Date,
  policy: WebhookRetryPolicy,
): Promise<number> {
  const subscriptions = await db
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.eventType, event.eventType), eq(webhookSubscriptions.status, 'active')));
  for (const subscription of subscriptions) await insertDelivery(db, subscription.id, event, at, policy);
  return subscriptions.length;
}

/** The first, empty delivery to a new subscription. */
export async function enqueueSubscriptionPing(
  db: Queryable,
  subscriptionId: string,
  at: Date,
  policy: WebhookRetryPolicy,
): Promise<void> {
  await insertDelivery(db, subscriptionId, { eventType: 'WEBHOOK-SUBSCRIPTION', entityId: null, body: '' }, at, policy);
}

export function identificationEventBody(identification: {
  id: string;
  reference: string | null;
  url: string | null;
  status: string;
  completed_at: string | null;
  method: string;
}): string {
  return JSON.stringify({
    id: identification.id,
    reference: identification.reference,
    url: identification.url,
    status: identification.status,
    completed_at: identification.completed_at,
    method: identification.method,
    metadata: null,
  });
}
