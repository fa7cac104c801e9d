import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DatabaseExecutor } from '../client.ts';
import { webhookSubscriptions, type WebhookSubscriptionRow } from '../schema/webhook-subscriptions.ts';

/** Subscriptions Identdesk created and has not cancelled, oldest first. */
export async function listActiveWebhookSubscriptions(db: DatabaseExecutor): Promise<WebhookSubscriptionRow[]> {
  return db
    .select()
    .from(webhookSubscriptions)
    .where(isNull(webhookSubscriptions.cancelledAt))
    .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id));
}

/** The stored subscription a delivery names in `solaris-webhook-subscription-id`, if active. */
export async function findActiveWebhookSubscription(
  db: DatabaseExecutor,
  id: string,
): Promise<WebhookSubscriptionRow | null> {
  const [row] = await db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.id, id), isNull(webhookSubscriptions.cancelledAt)))
    .limit(1);
  return row ?? null;
}

/** Stores a subscription Solaris just created, with the secret its answer carried (shown only once). */
export async function saveWebhookSubscription(
  db: DatabaseExecutor,
  subscription: { id: string; eventType: string; url: string; secret: string; createdAt?: Date },
): Promise<void> {
  await db
    .insert(webhookSubscriptions)
    .values({ ...subscription, createdAt: subscription.createdAt ?? new Date(), cancelledAt: null })
    .onConflictDoUpdate({
      target: webhookSubscriptions.id,
      set: { eventType: subscription.eventType, url: subscription.url, secret: subscription.secret, cancelledAt: null },
    });
}

export async function cancelWebhookSubscription(db: DatabaseExecutor, id: string, at: Date): Promise<void> {
  await db
    .update(webhookSubscriptions)
    .set({ cancelledAt: at })
    .where(and(eq(webhookSubscriptions.id, id), isNull(webhookSubscriptions.cancelledAt)));
}
