import { and, asc, eq, inArray, isNull, lte, lt, or } from 'drizzle-orm';
import { SOLARIS_WEBHOOK_HEADERS, signWebhookBody } from '@identdesk/solaris';
import type { SandboxClock } from '../core/clock.ts';
import { errorDetails, type SandboxLogger } from '../core/logger.ts';
import type { SandboxDb } from '../db/client.ts';
import { webhookDeliveries, webhookSubscriptions } from '../db/schema.ts';
import { retryDelayMs, type WebhookRetryPolicy } from './outbox.ts';

export interface DispatcherOptions {
  db: SandboxDb;
  clock: SandboxClock;
  logger: SandboxLogger;
  policy: WebhookRetryPolicy;
  /** Deliveries sent at once per round. */
  batchSize?: number;
  fetch?: typeof fetch;
}

type Outcome =
  | { kind: 'delivered'; status: number }
  | { kind: 'gone'; status: 410 }
  | { kind: 'rejected'; status: 422 }
  | { kind: 'failed'; status: number | null; error: string };

export interface WebhookDispatcher {
  /** Claims the deliveries due now and sends them; resolves when they have been answered. */
  dispatchDue(): Promise<number>;
  /** Sends due deliveries in the background, without waiting for the receivers. */
  kick(): void;
  /** Waits for the deliveries in flight. */
  drain(): Promise<void>;
}

export function createWebhookDispatcher(options: DispatcherOptions): WebhookDispatcher {
  const { db, clock, logger, policy } = options;
  const batchSize = options.batchSize ?? 20;
  const doFetch = options.fetch ?? globalThis.fetch;
  const inFlight = new Set<Promise<unknown>>();

  async function claim() {
    const realNow = new Date();
    return db.transaction(async (tx) => {
      const due = await tx
        .select({ id: webhookDeliveries.id })
        .from(webhookDeliveries)
        .where(
          and(
            eq(webhookDeliveries.status, 'pending'),
            lte(webhookDeliveries.nextAttemptAt, clock.now()),
            or(isNull(webhookDeliveries.leaseUntil), lt(webhookDeliveries.leaseUntil, realNow)),
          ),
        )
        .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.createdAt))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (due.length === 0) return [];
      const leaseUntil = new Date(realNow.getTime() + policy.timeoutMs + 10_000);
      const claimed = await tx
        .update(webhookDeliveries)
        .set({ leaseUntil })
        .where(
          inArray(
            webhookDeliveries.id,
            due.map((row) => row.id),
          ),
        )
        .returning();
      const subscriptionIds = [...new Set(claimed.map((row) => row.subscriptionId))];
      const subscriptions = await tx
        .select()
        .from(webhookSubscriptions)
        .where(inArray(webhookSubscriptions.id, subscriptionIds));
      const byId = new Map(subscriptions.map((subscription) => [subscription.id, subscription]));
      return claimed.map((delivery) => ({ delivery, subscription: byId.get(delivery.subscriptionId) }));
    });
  }

  async function send(
    delivery: typeof webhookDeliveries.$inferSelect,
    subscription: typeof webhookSubscriptions.$inferSelect,
    attempt: number,
  ): Promise<Outcome> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'identdesk-solaris-sandbox',
      [SOLARIS_WEBHOOK_HEADERS.id]: delivery.id,
      [SOLARIS_WEBHOOK_HEADERS.eventType]: delivery.eventType,
      [SOLARIS_WEBHOOK_HEADERS.attempt]: String(attempt),
      [SOLARIS_WEBHOOK_HEADERS.subscriptionId]: subscription.id,
      [SOLARIS_WEBHOOK_HEADERS.signature]: signWebhookBody(subscription.secret, delivery.body),
    };
    if (delivery.entityId) headers[SOLARIS_WEBHOOK_HEADERS.entityId] = delivery.entityId;
    try {
      const response = await doFetch(subscription.url, {
        method: 'POST',
        headers,
        body: delivery.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { kind: 'delivered', status: response.status };
      if (response.status === 410) return { kind: 'gone', status: 410 };
      if (response.status === 422) return { kind: 'rejected', status: 422 };
      return { kind: 'failed', status: response.status, error: `receiver answered ${response.status}` };
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const code = (error as { cause?: { code?: unknown } }).cause?.code;
      const reason = timedOut
        ? `no answer within ${policy.timeoutMs} ms`
        : `could not reach the receiver${typeof code === 'string' ? ` (${code})` : ''}`;
      return { kind: 'failed', status: null, error: reason };
    }
  }

  async function record(delivery: typeof webhookDeliveries.$inferSelect, attempt: number, outcome: Outcome) {
    const now = clock.now();
    const base = { attempts: attempt, leaseUntil: null, lastStatusCode: outcome.status };
    switch (outcome.kind) {
      case 'delivered':
        await db
          .update(webhookDeliveries)
          .set({ ...base, status: 'delivered', lastError: null, finishedAt: now })
          .where(eq(webhookDeliveries.id, delivery.id));
        return;
      case 'rejected':
        await db
          .update(webhookDeliveries)
          .set({ ...base, status: 'rejected', lastError: 'receiver answered 422: retries stopped', finishedAt: now })
          .where(eq(webhookDeliveries.id, delivery.id));
        return;
      case 'gone':
        await db.transaction(async (tx) => {
          await tx
            .update(webhookSubscriptions)
            .set({ status: 'canceled', canceledAt: now })
            .where(eq(webhookSubscriptions.id, delivery.subscriptionId));
          await tx
            .update(webhookDeliveries)
            .set({ ...base, status: 'canceled', lastError: 'receiver answered 410: subscription canceled', finishedAt: now })
            .where(eq(webhookDeliveries.id, delivery.id));
          await tx
            .update(webhookDeliveries)
            .set({ status: 'canceled', lastError: 'subscription canceled', finishedAt: now, leaseUntil: null })
            .where(
              and(eq(webhookDeliveries.subscriptionId, delivery.subscriptionId), eq(webhookDeliveries.status, 'pending')),
            );
        });
        logger.info({ subscriptionId: delivery.subscriptionId }, 'webhook subscription canceled by a 410 answer');
        return;
      case 'failed': {
        const nextAttemptAt = new Date(now.getTime() + retryDelayMs(policy, attempt));
        const givesUp = nextAttemptAt.getTime() > delivery.giveUpAt.getTime();
        await db
          .update(webhookDeliveries)
          .set({
            ...base,
            status: givesUp ? 'failed' : 'pending',
            lastError: outcome.error,
            nextAttemptAt: givesUp ? delivery.nextAttemptAt : nextAttemptAt,
            finishedAt: givesUp ? now : null,
          })
          .where(eq(webhookDeliveries.id, delivery.id));
        logger.warn(
          { deliveryId: delivery.id, eventType: delivery.eventType, attempt, status: outcome.status, givesUp },
          'webhook delivery failed',
        );
        return;
      }
    }
  }

  async function deliver(
    delivery: typeof webhookDeliveries.$inferSelect,
    subscription: typeof webhookSubscriptions.$inferSelect | undefined,
  ) {
    const attempt = delivery.attempts + 1;
    if (!subscription || subscription.status !== 'active') {
      await db
        .update(webhookDeliveries)
        .set({ status: 'canceled', leaseUntil: null, lastError: 'subscription not active', finishedAt: clock.now() })
        .where(eq(webhookDeliveries.id, delivery.id));
      return;
    }
    const outcome = await send(delivery, subscription, attempt);
    await record(delivery, attempt, outcome);
  }

  function deliverTracked(claimed: Awaited<ReturnType<typeof claim>>): Promise<unknown> {
    const promise = Promise.all(
      claimed.map(({ delivery, subscription }) =>
        deliver(delivery, subscription).catch((error: unknown) =>
          logger.error({ deliveryId: delivery.id, ...errorDetails(error) }, 'webhook delivery crashed'),
        ),
      ),
    );
    inFlight.add(promise);
    void promise.finally(() => inFlight.delete(promise));
    return promise;
  }

  let claiming = false;

  return {
    async dispatchDue() {
      let total = 0;
      for (;;) {
        const claimed = await claim();
        await deliverTracked(claimed);
        total += claimed.length;
        if (claimed.length < batchSize) return total;
      }
    },
    kick() {
      // Deliveries run in the background: a receiver that takes 30 s holds up no other delivery.
      if (claiming) return;
      claiming = true;
      const loop = (async () => {
        try {
          for (;;) {
            const claimed = await claim();
            void deliverTracked(claimed);
            if (claimed.length < batchSize) return;
          }
        } catch (error) {
          logger.error(errorDetails(error), 'claiming webhook deliveries failed');
        } finally {
          claiming = false;
        }
      })();
      inFlight.add(loop);
      void loop.finally(() => inFlight.delete(loop));
    },
    async drain() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
