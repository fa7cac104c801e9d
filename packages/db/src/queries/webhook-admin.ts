import { and, count, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import {
  WEBHOOK_DELIVERY_STATUSES,
  webhookDeliveries,
  type WebhookDeliveryStatus,
} from '../schema/webhook-deliveries.ts';
import type { Page } from './persons.ts';

/**
 * A delivery as an admin sees it: ids, event type, queue state and the last error. Never the
 * raw body or the headers, which carry personal data (names in PERSON_CHANGED diffs, IDnow URLs).
 */
export interface WebhookDeliverySummary {
  id: string;
  webhookId: string;
  eventType: string;
  subscriptionId: string | null;
  entityId: string | null;
  /** Solaris' own delivery attempt (`solaris-webhook-attempt`). */
  solarisAttempt: number | null;
  signatureValid: boolean;
  status: WebhookDeliveryStatus;
  /** Identdesk's processing attempts. */
  attempts: number;
  receivedAt: Date;
  nextAttemptAt: Date | null;
  processedAt: Date | null;
  lastError: string | null;
}

export interface ListWebhookDeliveriesParams {
  /** Only these statuses; all when empty or absent. */
  statuses?: readonly WebhookDeliveryStatus[];
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

/** Deliveries newest first, one page at a time. */
export async function listWebhookDeliveries(
  db: DatabaseExecutor,
  params: ListWebhookDeliveriesParams = {},
): Promise<Page<WebhookDeliverySummary>> {
  const page = Math.max(1, Math.floor(params.page ?? 1));
  const pageSize = Math.min(200, Math.max(1, Math.floor(params.pageSize ?? 25)));
  const condition: SQL | undefined =
    params.statuses && params.statuses.length > 0 ? inArray(webhookDeliveries.status, [...params.statuses]) : undefined;
  const [items, [counted]] = await Promise.all([
    db
      .select({
        id: webhookDeliveries.id,
        webhookId: webhookDeliveries.webhookId,
        eventType: webhookDeliveries.eventType,
        subscriptionId: webhookDeliveries.subscriptionId,
        entityId: webhookDeliveries.entityId,
        solarisAttempt: webhookDeliveries.attempt,
        signatureValid: webhookDeliveries.signatureValid,
        status: webhookDeliveries.status,
        attempts: webhookDeliveries.attempts,
        receivedAt: webhookDeliveries.receivedAt,
        nextAttemptAt: webhookDeliveries.nextAttemptAt,
        processedAt: webhookDeliveries.processedAt,
        lastError: webhookDeliveries.lastError,
      })
      .from(webhookDeliveries)
      .where(condition)
      .orderBy(desc(webhookDeliveries.receivedAt), desc(webhookDeliveries.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(webhookDeliveries).where(condition),
  ]);
  return { items, total: counted?.total ?? 0, page, pageSize };
}

/** How many deliveries are in each status; every status present, 0 when none. */
export async function countWebhookDeliveriesByStatus(
  db: DatabaseExecutor,
): Promise<Record<WebhookDeliveryStatus, number>> {
  const rows = await db
    .select({ status: webhookDeliveries.status, count: count() })
    .from(webhookDeliveries)
    .groupBy(webhookDeliveries.status);
  const counts = Object.fromEntries(WEBHOOK_DELIVERY_STATUSES.map((status) => [status, 0])) as Record<
    WebhookDeliveryStatus,
    number
  >;
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}

/** Statuses an admin may send back into the queue: given up on, or waiting for a later retry. */
export const REPLAYABLE_WEBHOOK_DELIVERY_STATUSES = ['dead', 'failed'] as const satisfies readonly WebhookDeliveryStatus[];

export type ReplayWebhookDeliveryResult =
  | { outcome: 'replayed'; id: string; eventType: string; previousStatus: WebhookDeliveryStatus }
  | { outcome: 'not_found' }
  | { outcome: 'not_replayable'; status: WebhookDeliveryStatus };

/**
 * Puts a dead or failed delivery back into the queue, due at `now`, with a fresh count of
 * attempts. Rejected deliveries (bad signature) are never processed, and processed or queued
 * ones need no replay: both are refused.
 */
export async function replayWebhookDelivery(
  db: DatabaseExecutor,
  params: { id: string; now: Date },
): Promise<ReplayWebhookDeliveryResult> {
  return db.transaction(async (tx) => {
    const [stored] = await tx
      .select({ id: webhookDeliveries.id, status: webhookDeliveries.status, eventType: webhookDeliveries.eventType })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, params.id))
      .for('update');
    if (!stored) return { outcome: 'not_found' };
    if (!(REPLAYABLE_WEBHOOK_DELIVERY_STATUSES as readonly string[]).includes(stored.status)) {
      return { outcome: 'not_replayable', status: stored.status };
    }
    await tx
      .update(webhookDeliveries)
      .set({ status: 'received', attempts: 0, nextAttemptAt: params.now, lastError: null })
      .where(and(eq(webhookDeliveries.id, stored.id), inArray(webhookDeliveries.status, [...REPLAYABLE_WEBHOOK_DELIVERY_STATUSES])));
    return { outcome: 'replayed', id: stored.id, eventType: stored.eventType, previousStatus: stored.status };
  });
}
