import {
  claimDueWebhookDeliveries,
  markWebhookDeliveriesProcessed,
  markWebhookDeliveryFailed,
  type Database,
  type WebhookDeliveryRow,
} from '@identdesk/db';
import { classifyFailure } from '../ingest/failures.ts';
import { createPollingQueue } from '../queue/polling-queue.ts';
import type { Logger } from '../logger.ts';

export interface WebhookWorkerOptions {
  db: Database;
  logger: Logger;
  /** The queue's clock: due times, leases and backoff (the sandbox clock in sandbox mode). */
  now: () => Date;
  /**
   * Readies one claimed batch (what can be read for all its deliveries at once) and returns how
   * each of its deliveries is processed; a failure of the preparation fails the whole batch.
   */
  prepare: (batch: readonly WebhookDeliveryRow[]) => Promise<(delivery: WebhookDeliveryRow) => Promise<void>>;
  /** Processing attempts before a delivery is dead. */
  maxAttempts: number;
  /** Delay before the first retry; it doubles per attempt up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs?: number;
  /** How long a claim holds: a worker that dies leaves its deliveries due again after it. */
  leaseMs: number;
  /** Wall-clock ms between looks at the queue besides the kicks (retries come due by themselves). */
  pollIntervalMs?: number;
  /** Deliveries claimed at once (default 8): a burst about one identification is answered by one re-fetch per batch. */
  batchSize?: number;
  /** Deliveries of different persons processed at the same time (default 4). */
  concurrency?: number;
  /** Awaited before each delivery is processed: lets more urgent work (the inbox's answers) go first. */
  beforeEachDelivery?: () => Promise<void>;
  /** Called after each batch's deliveries are marked processed (wakes the metric settler). */
  afterBatch?: () => void;
  random?: () => number;
}

export interface WebhookWorker {
  start(): void;
  /** Stops polling and waits for the deliveries in hand. */
  stop(): Promise<void>;
  /** Looks at the queue now (a delivery was stored or replayed). */
  kick(): void;
  /** Processes everything due now; resolves when the queue has nothing due. */
  drain(): Promise<void>;
}

export const DEFAULT_RETRY_MAX_MS = 60 * 60 * 1000;

/**
 * Exponential backoff with equal jitter: half the delay is fixed, half random, so deliveries
 * that failed together during an outage do not all come back in the same instant.
 */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * Works the durable webhook queue in the database: claims due deliveries (FOR UPDATE SKIP
 * LOCKED with a lease, so several server processes can share it), processes them, and marks
 * them processed (one statement per batch), or each failed with a retry time, or dead.
 * Deliveries about the same person run one after another, in the order they were received.
 */
export function createWebhookWorker(options: WebhookWorkerOptions): WebhookWorker {
  const { db, logger, now } = options;
  const batchSize = options.batchSize ?? 8;
  const concurrency = options.concurrency ?? 4;
  const retryMaxMs = options.retryMaxMs ?? DEFAULT_RETRY_MAX_MS;
  const random = options.random ?? Math.random;

  async function recordFailure(delivery: WebhookDeliveryRow, error: unknown) {
    const context = { deliveryId: delivery.id, eventType: delivery.eventType, attempts: delivery.attempts };
    const failure = classifyFailure(error);
    const exhausted = delivery.attempts >= options.maxAttempts;
    const retryAt =
      failure.retryable && !exhausted
        ? new Date(now().getTime() + retryDelayMs(delivery.attempts, options.retryBaseMs, retryMaxMs, random))
        : null;
    try {
      await markWebhookDeliveryFailed(db, { id: delivery.id, error: failure.message, retryAt });
    } catch (markError) {
      // The lease runs out and the delivery comes due again: nothing is lost.
      logger.error({ ...context, err: markError }, 'could not record a webhook failure');
    }
    logger.warn(
      { ...context, retryable: failure.retryable, status: retryAt ? 'failed' : 'dead', error: failure.message },
      retryAt ? 'webhook processing failed, will retry' : 'webhook processing failed, dead-lettered',
    );
  }

  async function processBatch(claimed: WebhookDeliveryRow[]) {
    let process: (delivery: WebhookDeliveryRow) => Promise<void>;
    try {
      process = await options.prepare(claimed);
    } catch (error) {
      for (const delivery of claimed) await recordFailure(delivery, error);
      return;
    }
    const processed: WebhookDeliveryRow[] = [];
    // One lane per person, so a person's deliveries never race each other and run in the
    // order they were claimed, which is the order they arrived in.
    const lanes = new Map<string, WebhookDeliveryRow[]>();
    for (const delivery of claimed) {
      const key = delivery.entityId ?? delivery.id;
      const lane = lanes.get(key);
      if (lane) lane.push(delivery);
      else lanes.set(key, [delivery]);
    }
    const queue = [...lanes.values()];
    const runLane = async () => {
      for (let lane = queue.shift(); lane; lane = queue.shift()) {
        for (const delivery of lane) {
          try {
            await options.beforeEachDelivery?.();
            await process(delivery);
            processed.push(delivery);
          } catch (error) {
            await recordFailure(delivery, error);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, runLane));
    try {
      // One statement for the batch. A crash before it leaves them to be claimed again when
      // their lease runs out; processing them again adds nothing.
      await markWebhookDeliveriesProcessed(
        db,
        processed.map((delivery) => delivery.id),
        now(),
      );
    } catch (error) {
      logger.error({ err: error, deliveries: processed.length }, 'could not mark webhook deliveries processed');
      return;
    }
    for (const delivery of processed) {
      logger.debug({ deliveryId: delivery.id, eventType: delivery.eventType, attempts: delivery.attempts }, 'webhook processed');
    }
    options.afterBatch?.();
  }

  return createPollingQueue({
    claim: () => claimDueWebhookDeliveries(db, { now: now(), limit: batchSize, leaseMs: options.leaseMs }),
    work: processBatch,
    batchSize,
    pollIntervalMs: options.pollIntervalMs,
    onReadError: (error) => logger.error({ err: error }, 'webhook queue could not be read'),
  });
}
