import { and, asc, eq, lte } from 'drizzle-orm';
import type { SandboxClock } from '../core/clock.ts';
import { describeError, errorDetails, type SandboxLogger } from '../core/logger.ts';
import type { Queryable, SandboxDb, SandboxTx } from '../db/client.ts';
import { jobs } from '../db/schema.ts';

export type JobRow = typeof jobs.$inferSelect;

/** Runs one job inside the transaction that marks it done; throwing rolls its effects back. */
export type JobHandler = (tx: SandboxTx, job: JobRow) => Promise<void>;

export async function scheduleJob(
  db: Queryable,
  job: { kind: string; identificationId: string | null; payload: Record<string, unknown>; dueAt: Date },
  createdAt: Date,
): Promise<void> {
  await db.insert(jobs).values({ ...job, status: 'pending', createdAt });
}

export interface JobRunner {
  /** Runs every job due at the current sandbox time, oldest first, one transaction each. */
  runDue(): Promise<number>;
}

export function createJobRunner(options: {
  db: SandboxDb;
  clock: SandboxClock;
  logger: SandboxLogger;
  handlers: Record<string, JobHandler>;
}): JobRunner {
  const { db, clock, logger, handlers } = options;
  // One run at a time in this process keeps the steps of an identification in order.
  let running: Promise<number> = Promise.resolve(0);

  async function runOne(): Promise<boolean> {
    let failure: { job: JobRow; error: unknown } | null = null;
    const ran = await db.transaction(async (tx) => {
      const [job] = await tx
        .select()
        .from(jobs)
        .where(and(eq(jobs.status, 'pending'), lte(jobs.dueAt, clock.now())))
        .orderBy(asc(jobs.dueAt), asc(jobs.id))
        .limit(1)
        .for('update', { skipLocked: true });
      if (!job) return false;
      try {
        const handler = handlers[job.kind];
        if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
        // A savepoint: a failing step leaves nothing behind but the job's failure.
        await tx.transaction(async (savepoint) => handler(savepoint, job));
        await tx.update(jobs).set({ status: 'done', finishedAt: clock.now() }).where(eq(jobs.id, job.id));
      } catch (error) {
        failure = { job, error };
        await tx
          .update(jobs)
          .set({ status: 'failed', lastError: describeError(error).slice(0, 2000), finishedAt: clock.now() })
          .where(eq(jobs.id, job.id));
      }
      return true;
    });
    if (failure) {
      const { job, error } = failure as { job: JobRow; error: unknown };
      logger.error(
        { jobId: job.id, kind: job.kind, identificationId: job.identificationId, ...errorDetails(error) },
        'sandbox job failed',
      );
    }
    return ran;
  }

  return {
    runDue() {
      running = running.then(
        async () => {
          let count = 0;
          while (await runOne()) count += 1;
          return count;
        },
        () => 0,
      );
      return running;
    },
  };
}
