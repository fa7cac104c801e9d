import { METRIC_SETTLE_BATCH, personsWithWaitingChanges, settleMarkedPersons, type Database } from '@identdesk/db';
import type { Logger } from '../logger.ts';
import { createPollingQueue, type PollingQueue } from '../queue/polling-queue.ts';

export interface MetricSettlerOptions {
  db: Database;
  logger: Logger;
  /** Wall-clock ms between looks for changes nobody kicked about (reconciliation, starts). */
  pollIntervalMs?: number;
  /** Awaited before each settling: lets more urgent work (the inbox's answers) go first. */
  beforeEachBatch?: () => Promise<void>;
}

/**
 * Counts the changes writers marked into the team-lead metric rollups, in the background,
 * `METRIC_SETTLE_BATCH` persons per transaction. The webhook worker kicks it after each batch;
 * during a burst it waits its turn behind the inbox, and the marks that pile up meanwhile are
 * counted together, a dozen statements for up to 200 customers. Metrics reads settle whatever
 * is still waiting themselves, so a slow settler delays no figure a team lead sees.
 */
export function createMetricSettler(options: MetricSettlerOptions): PollingQueue {
  const { db, logger } = options;
  return createPollingQueue<string>({
    claim: async () => {
      await options.beforeEachBatch?.();
      return personsWithWaitingChanges(db, METRIC_SETTLE_BATCH);
    },
    work: async (personIds) => {
      await db.transaction((tx) => settleMarkedPersons(tx, personIds));
    },
    batchSize: METRIC_SETTLE_BATCH,
    pollIntervalMs: options.pollIntervalMs ?? 1_000,
    // Nothing is lost: the marks stay until a later settling counts them.
    onReadError: (error) => logger.error({ err: error }, 'metric changes could not be counted, will retry'),
  });
}
