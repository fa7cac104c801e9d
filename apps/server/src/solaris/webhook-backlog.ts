import { webhookDeliveries, type Database } from '@identdesk/db';
import { sql } from 'drizzle-orm';

/**
 * What the webhook queue says about Solaris' news that Identdesk has not worked off yet: counts
 * and times only, never a delivery's body or the ids in it.
 */
export interface WebhookBacklog {
  /** Deliveries that failed and wait for their next automatic retry. */
  waitingForRetry: number;
  /** Deliveries retried until the limit: they wait for an admin to replay them. */
  dead: number;
  /** Seconds until the next automatic retry is due (0: due now), null when none waits. */
  nextRetryInSeconds: number | null;
  /** Age in seconds of the oldest delivery not processed yet (received, in hand or waiting to retry). */
  oldestUnprocessedSeconds: number | null;
}

/**
 * One pass over the queue's status index. Times come from the queue's own clock (`now`, the
 * sandbox clock in sandbox mode) and are returned as durations, so the caller can show them on
 * the wall clock.
 */
export async function readWebhookBacklog(db: Database, now: Date): Promise<WebhookBacklog> {
  const status = webhookDeliveries.status;
  const [row] = await db
    .select({
      waitingForRetry: sql<number>`(count(*) filter (where ${status} = 'failed'))::int`,
      dead: sql<number>`(count(*) filter (where ${status} = 'dead'))::int`,
      nextRetryAt: sql<Date | null>`min(${webhookDeliveries.nextAttemptAt}) filter (where ${status} = 'failed')`.mapWith(
        webhookDeliveries.nextAttemptAt,
      ),
      oldestUnprocessedAt: sql<Date | null>`min(${webhookDeliveries.receivedAt}) filter (where ${status} in ('received', 'processing', 'failed'))`.mapWith(
        webhookDeliveries.receivedAt,
      ),
    })
    .from(webhookDeliveries)
    .where(sql`${status} in ('received', 'processing', 'failed', 'dead')`);
  const secondsFromNow = (at: Date | null | undefined, sign: 1 | -1) =>
    at ? Math.max(0, Math.round((sign * (at.getTime() - now.getTime())) / 1000)) : null;
  return {
    waitingForRetry: Number(row?.waitingForRetry ?? 0),
    dead: Number(row?.dead ?? 0),
    nextRetryInSeconds: secondsFromNow(row?.nextRetryAt, 1),
    oldestUnprocessedSeconds: secondsFromNow(row?.oldestUnprocessedAt, -1),
  };
}
