import { and, asc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { webhookDeliveries, type WebhookDeliveryRow } from '../schema/webhook-deliveries.ts';

export interface WebhookDeliveryInput {
  webhookId: string;
  eventType: string;
  subscriptionId?: string | null;
  entityId?: string | null;
  attempt?: number | null;
  signatureValid: boolean;
  headers: Record<string, string>;
  rawBody: string;
  receivedAt?: Date;
}

export interface RecordedWebhookDelivery {
  id: string;
  /** A verified delivery with this webhook id was already stored: nothing was added. */
  duplicate: boolean;
  status: WebhookDeliveryRow['status'];
}

/**
 * Stores a delivery before it is answered. Verified deliveries are queued (`received`, due at
 * once) and a repeat of the same `solaris-webhook-id` is ignored; unverified ones are kept as
 * `rejected` for inspection and never processed.
 */
export async function recordWebhookDelivery(
  db: DatabaseExecutor,
  input: WebhookDeliveryInput,
): Promise<RecordedWebhookDelivery> {
  const receivedAt = input.receivedAt ?? new Date();
  const status = input.signatureValid ? 'received' : 'rejected';
  const [inserted] = await db
    .insert(webhookDeliveries)
    .values({
      webhookId: input.webhookId,
      eventType: input.eventType,
      subscriptionId: input.subscriptionId ?? null,
      entityId: input.entityId ?? null,
      attempt: input.attempt ?? null,
      signatureValid: input.signatureValid,
      headers: input.headers,
      rawBody: input.rawBody,
      receivedAt,
      status,
      nextAttemptAt: input.signatureValid ? receivedAt : null,
    })
    .onConflictDoNothing({ target: webhookDeliveries.webhookId, where: sql`${webhookDeliveries.signatureValid}` })
    .returning({ id: webhookDeliveries.id, status: webhookDeliveries.status });
  if (inserted) return { ...inserted, duplicate: false };

  const [existing] = await db
    .select({ id: webhookDeliveries.id, status: webhookDeliveries.status })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.webhookId, input.webhookId), eq(webhookDeliveries.signatureValid, true)));
  if (!existing) throw new Error(`webhook delivery ${input.webhookId} conflicted but cannot be found`);
  return { ...existing, duplicate: true };
}

export interface ClaimWebhookDeliveriesParams {
  now: Date;
  limit: number;
  /** How long a claim holds; a processor that dies leaves the delivery due again after it. */
  leaseMs: number;
}

/**
 * Claims due deliveries for processing, oldest first: `received` and `failed` ones whose
 * `next_attempt_at` has come, and `processing` ones whose lease ran out. Concurrent claimers
 * skip each other's rows. Each claim counts as an attempt.
 *
 * One statement (the due rows locked in a CTE, updated and returned): on the embedded database a
 * transaction holds the one backend between its statements, so a claim of several round trips
 * would keep the webhook inbox waiting on every look at the queue.
 */
export async function claimDueWebhookDeliveries(
  db: DatabaseExecutor,
  params: ClaimWebhookDeliveriesParams,
): Promise<WebhookDeliveryRow[]> {
  const due = db.$with('due').as(
    db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          inArray(webhookDeliveries.status, ['received', 'failed', 'processing']),
          lte(webhookDeliveries.nextAttemptAt, params.now),
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.receivedAt), asc(webhookDeliveries.arrival))
      .limit(params.limit)
      .for('update', { skipLocked: true }),
  );
  const claimed = await db
    .with(due)
    .update(webhookDeliveries)
    .set({
      status: 'processing',
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      nextAttemptAt: new Date(params.now.getTime() + params.leaseMs),
    })
    .where(inArray(webhookDeliveries.id, db.select({ id: due.id }).from(due)))
    .returning();
  // UPDATE … RETURNING hands rows back in whatever order the plan visited them (on PostgreSQL
  // often the primary key's, i.e. random uuids). The worker works a person's deliveries in the
  // order they arrived, a retried one ahead of those that came after it.
  return claimed.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.arrival - b.arrival);
}

export async function markWebhookDeliveryProcessed(db: DatabaseExecutor, id: string, now: Date): Promise<void> {
  await markWebhookDeliveriesProcessed(db, [id], now);
}

/** Marks the deliveries of a worked batch processed, with one statement. */
export async function markWebhookDeliveriesProcessed(db: DatabaseExecutor, ids: readonly string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(webhookDeliveries)
    .set({ status: 'processed', processedAt: now, nextAttemptAt: null, lastError: null })
    .where(inArray(webhookDeliveries.id, [...ids]));
}

/** Records a failed try: due again at `retryAt`, or `dead` when `retryAt` is null (retries exhausted). */
export async function markWebhookDeliveryFailed(
  db: DatabaseExecutor,
  params: { id: string; error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({
      status: params.retryAt ? 'failed' : 'dead',
      nextAttemptAt: params.retryAt,
      lastError: params.error,
    })
    .where(eq(webhookDeliveries.id, params.id));
}
