import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { notFound } from '../core/errors.ts';
import { newId, newSecret } from '../core/ids.ts';
import { parseOrThrow, requireObjectBody } from '../core/validation.ts';
import { webhookDeliveries, webhookSubscriptions } from '../db/schema.ts';
import type { SandboxContext } from '../context.ts';
import { enqueueSubscriptionPing, SUBSCRIBABLE_EVENT_TYPES } from './outbox.ts';

const createSubscriptionSchema = z.strictObject({
  event_type: z.enum(SUBSCRIBABLE_EVENT_TYPES, {
    error: `must be one of ${SUBSCRIBABLE_EVENT_TYPES.join(', ')}`,
  }),
  url: z
    .url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' })
    .max(2000, { error: 'must not be longer than 2000 characters' }),
});

type SubscriptionRow = typeof webhookSubscriptions.$inferSelect;

function toSubscriptionResource(row: SubscriptionRow) {
  return { id: row.id, event_type: row.eventType, url: row.url };
}

/** POST /v1/webhooks: the secret is in this response only; a first empty WEBHOOK-SUBSCRIPTION delivery follows. */
export async function createSubscription(ctx: SandboxContext, body: unknown) {
  const input = parseOrThrow(createSubscriptionSchema, requireObjectBody(body));
  const at = ctx.clock.now();
  const row = await ctx.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(webhookSubscriptions)
      .values({ id: newId('webhook'), eventType: input.event_type, url: input.url, secret: newSecret(), createdAt: at })
      .returning();
    if (!created) throw new Error('subscription insert returned no row');
    await enqueueSubscriptionPing(tx, created.id, at, ctx.config.webhookPolicy);
    return created;
  });
  ctx.wake();
  ctx.logger.info({ subscriptionId: row.id, eventType: row.eventType }, 'webhook subscription created');
  return { ...toSubscriptionResource(row), secret: row.secret };
}

export async function listSubscriptions(ctx: SandboxContext, page: { number: number; size: number }) {
  const rows = await ctx.db
    .select()
    .from(webhookSubscriptions)
    .where(eq(webhookSubscriptions.status, 'active'))
    .orderBy(asc(webhookSubscriptions.createdAt), asc(webhookSubscriptions.id))
    .limit(page.size)
    .offset((page.number - 1) * page.size);
  return rows.map(toSubscriptionResource);
}

async function requireActive(ctx: SandboxContext, id: string): Promise<SubscriptionRow> {
  const [row] = await ctx.db
    .select()
    .from(webhookSubscriptions)
    .where(and(eq(webhookSubscriptions.id, id), eq(webhookSubscriptions.status, 'active')))
    .limit(1);
  if (!row) throw notFound('id', id);
  return row;
}

export async function getSubscription(ctx: SandboxContext, id: string) {
  return toSubscriptionResource(await requireActive(ctx, id));
}

export async function deleteSubscription(ctx: SandboxContext, id: string) {
  const row = await requireActive(ctx, id);
  const at = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await tx
      .update(webhookSubscriptions)
      .set({ status: 'deleted', canceledAt: at })
      .where(eq(webhookSubscriptions.id, id));
    await tx
      .update(webhookDeliveries)
      .set({ status: 'canceled', lastError: 'subscription deleted', finishedAt: at })
      .where(and(eq(webhookDeliveries.subscriptionId, id), eq(webhookDeliveries.status, 'pending')));
  });
  ctx.logger.info({ subscriptionId: id }, 'webhook subscription deleted');
  return toSubscriptionResource(row);
}
