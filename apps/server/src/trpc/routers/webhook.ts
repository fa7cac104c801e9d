import {
  countWebhookDeliveriesByStatus,
  listWebhookDeliveries,
  replayWebhookDelivery,
  WEBHOOK_DELIVERY_STATUSES,
  type WebhookDeliverySummary,
} from '@identdesk/db';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { audit } from '../../audit/audit.ts';
import { roleProcedure, router } from '../init.ts';

const adminProcedure = roleProcedure('admin');

export const webhookDeliveryStatusSchema = z.enum(WEBHOOK_DELIVERY_STATUSES, {
  error: `must be one of ${WEBHOOK_DELIVERY_STATUSES.join(', ')}`,
});

const listInputSchema = z.strictObject({
  statuses: z.array(webhookDeliveryStatusSchema).max(WEBHOOK_DELIVERY_STATUSES.length).optional(),
  page: z.number().int().min(1, { error: 'page must be 1 or more' }).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(100, { error: 'pageSize must be 100 or less' }).default(25),
});

/** Plain JSON over HTTP (decision 0002): instants travel as ISO strings. */
function toListItem(item: WebhookDeliverySummary) {
  return {
    id: item.id,
    webhookId: item.webhookId,
    eventType: item.eventType,
    subscriptionId: item.subscriptionId,
    entityId: item.entityId,
    solarisAttempt: item.solarisAttempt,
    signatureValid: item.signatureValid,
    status: item.status,
    attempts: item.attempts,
    receivedAt: item.receivedAt.toISOString(),
    nextAttemptAt: item.nextAttemptAt?.toISOString() ?? null,
    processedAt: item.processedAt?.toISOString() ?? null,
    lastError: item.lastError,
  };
}

/** The durable webhook queue, for admins: what failed, why, and a way to send it through again. */
export const webhookRouter = router({
  /** Newest first; ids, event types, queue state and errors only, never bodies or headers. */
  list: adminProcedure.input(listInputSchema).query(async ({ ctx, input }) => {
    const page = await listWebhookDeliveries(ctx.db, input);
    return { ...page, items: page.items.map(toListItem) };
  }),

  stats: adminProcedure.query(async ({ ctx }) => {
    const byStatus = await countWebhookDeliveriesByStatus(ctx.db);
    const total = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
    return { byStatus, total };
  }),

  /** Puts a dead or failed delivery back into the queue, and records who did it in the audit trail. */
  replay: adminProcedure
    .input(z.strictObject({ id: z.uuid({ error: 'id must be the id of a webhook delivery (a UUID)' }) }))
    .mutation(async ({ ctx, input }) => {
      const result = await ctx.db.transaction(async (tx) => {
        const replayed = await replayWebhookDelivery(tx, { id: input.id, now: ctx.now() });
        if (replayed.outcome === 'replayed') {
          // The audit helper stamps wall-clock time; ctx.now() is the sandbox clock in sandbox mode.
          await audit(
            { ...ctx, db: tx },
            {
              action: 'webhook_delivery.replayed',
              subject: { type: 'webhook_delivery', id: replayed.id },
              details: { eventType: replayed.eventType, previousStatus: replayed.previousStatus },
            },
          );
        }
        return replayed;
      });
      if (result.outcome === 'not_found') {
        throw new TRPCError({ code: 'NOT_FOUND', message: 'No webhook delivery has this id.' });
      }
      if (result.outcome === 'not_replayable') {
        throw new TRPCError({
          code: 'CONFLICT',
          message:
            result.status === 'rejected'
              ? 'This delivery failed signature verification and is never processed.'
              : `Only dead or failed deliveries can be replayed; this one is ${result.status}.`,
        });
      }
      ctx.webhookQueue?.kick();
      ctx.logger.info({ deliveryId: result.id, previousStatus: result.previousStatus }, 'webhook delivery replayed');
      return { id: result.id, status: 'received' as const };
    }),
});
